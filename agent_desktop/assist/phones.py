"""The caller's phone numbers, from however they were said: 幺三九幺七六五二八零四,
一三九 一七六五 二八零四, "139 1765 2804", 6432 1234, 零二幺 6432 1234, in one breath or
three. A number the caller corrects ("不对不对，是…") gives way to the corrected one; a
number the operator reads back and the caller confirms is surer. Every number is checked
with the form's own rules (`forms.phone.parse_phone`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from agent_desktop.forms.phone import PhoneKind, parse_phone, phone_key

from .conversation import Conversation, cues
from .draft import Evidence, Guess

_DIGITS = {"零": "0", "〇": "0", "洞": "0", "幺": "1", "一": "1", "二": "2", "两": "2",
           "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
           "拐": "7", "勾": "9"}
_SEPARATORS = set(" -－—–.,，、·…") | {"\u3000"}
_HOMOPHONES_OF_ONE = set("要腰妖")  # ASR writes the 幺 of a number as these
_COUNTED = set("个号楼层室弄路点岁万千百块元分秒天年月日次辆")  # digits of an amount, not a phone


@dataclass(frozen=True, slots=True)
class Run:
    digits: str
    start: int  # stream span
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    number: str  # as the order stores it: 11 digits, or 8 (Shanghai), or area-local
    key: str  # the digits compared: 021 and the bare 8-digit form are one number
    evidence: Evidence
    at: float  # segment start, seconds
    speaker: str
    corrects: bool  # said as a correction of the number before it


def _digit(ch: str) -> str | None:
    if ch in _DIGITS:
        return _DIGITS[ch]
    ch = unicodedata.normalize("NFKC", ch)
    return ch if len(ch) == 1 and ch.isdigit() and ch.isascii() else None


def digit_runs(text: str, min_digits: int = 7) -> list[Run]:
    """Runs of spoken or written digits (separators allowed between them)."""
    runs: list[Run] = []
    i, n = 0, len(text)
    while i < n:
        if _digit(text[i]) is None and not (text[i] in _HOMOPHONES_OF_ONE and i + 1 < n
                                            and _digit(text[i + 1]) is not None):
            i += 1
            continue
        start, digits, j = i, [], i
        while j < n:
            d = _digit(text[j])
            if d is None and text[j] in _HOMOPHONES_OF_ONE and (digits or j == start):
                d = "1"
            if d is not None:
                digits.append(d)
                j += 1
                continue
            k = j
            while k < n and text[k] in _SEPARATORS and k - j < 2:
                k += 1
            if k > j and k < n and _digit(text[k]) is not None:
                j = k
                continue
            break
        if len(digits) >= min_digits:
            runs.append(Run("".join(digits), start, j))
        i = max(j, i + 1)
    return runs


def numbers_in(digits: str) -> list[str]:
    """The phone numbers a digit run holds (usually one; two said back to back)."""
    found = _one(digits)
    if found:
        return [found]
    for cut in (11, 8, 12):
        if len(digits) > cut:
            head, tail = _one(digits[:cut]), _one(digits[cut:])
            if head and tail:
                return [head, tail]
    repeated = _with_repetition(digits)
    return [repeated] if repeated else []


def _with_repetition(digits: str) -> str | None:
    """A number said with a piece of it again: a false start before it (一三零……一三零
    零一七三 二二八六), its corrected ending before it (最后是三五八三，幺三七 幺七零二
    三五八三) or its last digits repeated after it (幺二七六，七六)."""
    for n in (11, 8):
        if len(digits) <= n:
            continue
        head, rest = digits[:n], digits[n:]
        if _one(head) and (head.endswith(rest) or head.startswith(rest)):
            return head
        rest, tail = digits[:-n], digits[-n:]
        if _one(tail) and (tail.startswith(rest) or tail.endswith(rest)):
            return tail
    return None


def _one(digits: str) -> str | None:
    if len(digits) == 12 and digits.startswith("1") and digits[1:3] in _MOBILE_HEADS:
        digits = digits[1:]  # 幺 heard twice at the start
    if len(digits) not in (8, 11, 12):
        return None
    result = parse_phone(digits)
    if not result.ok or result.kind not in (PhoneKind.MOBILE, PhoneKind.LANDLINE_SHANGHAI,
                                            PhoneKind.LANDLINE_OTHER):
        return None
    return digits


_MOBILE_HEADS = {f"1{d}" for d in "3456789"}


def _said_once(text: str) -> str:
    """The digits of a corrected ending without its repetition: 零九五一，五一 → 0951."""
    groups = [g for g in ("".join(_digit(ch) or " " for ch in text)).split() if g]
    first = groups[0] if groups else ""
    if all(first.endswith(g) for g in groups[1:]):
        return first
    return "".join(groups)


def mentions(conversation: Conversation) -> list[Mention]:
    """Every phone number said in the call, in order, by either side. A caller who
    corrects only the end of a number ("不对，四九零八") says the number with that end."""
    found: list[Mention] = []
    endings: list[tuple[float, str, Evidence]] = []
    correction_words = cues()["correction"]
    for speaker in ("caller", "operator"):
        stream = conversation.stream(speaker)
        runs = digit_runs(stream.text, min_digits=2)
        for i, run in enumerate(runs):
            piece, _ = stream.locate(run.start)
            # what was said since the number before in this utterance (or the last words)
            since = max(piece.offset, runs[i - 1].end if i else 0, run.start - 30)
            before = stream.text[since:run.start]
            corrects = any(w in before for w in correction_words)
            said = stream.text[run.start:run.end]
            numbers = (numbers_in(run.digits) or numbers_in(_without_stutter(said))
                       if len(run.digits) >= 7 else [])
            for number in numbers:
                found.append(Mention(number, phone_key(number), stream.evidence(run.start, run.end),
                                     piece.segment.start, speaker, corrects))
            ending = _said_once(said)
            whole_after = any(len(r.digits) >= 7 and r.start < piece.offset + len(piece.segment.text)
                              for r in runs[i + 1:])
            if (not numbers and corrects and speaker == "caller" and 3 <= len(ending) <= 5
                    and not before.rstrip("，, ").endswith(("不是", "不")) and not whole_after
                    and stream.text[run.end:run.end + 1] not in _COUNTED):
                endings.append((piece.segment.start, ending, stream.evidence(run.start, run.end)))
    found.sort(key=lambda m: m.at)
    for at, ending, evidence in endings:
        before = [m for m in found if m.at <= at]
        if not before:
            continue
        last = before[-1].number
        mended = last[:len(last) - len(ending)] + ending
        if mended != last and _one(mended):
            found.append(Mention(mended, phone_key(mended), evidence, at, "caller", True))
            found.sort(key=lambda m: m.at)
    return found


def _without_stutter(text: str) -> str:
    """The digits with a group said twice in a row said once: 一三九，一六零七……一六零七，
    五三二八 → 13916075328."""
    groups = [g for g in ("".join(_digit(ch) or " " for ch in text)).split() if g]
    kept = [g for i, g in enumerate(groups) if i == 0 or g != groups[i - 1]]
    return "".join(kept)


def guess_phones(conversation: Conversation) -> Guess | None:
    """The caller's numbers, best first: what the caller said, minus what they corrected;
    read back by the operator (and not denied) → surer."""
    said = mentions(conversation)
    caller = [m for m in said if m.speaker == "caller"]
    kept: list[Mention] = []
    for m in caller:
        if kept and kept[-1].key != m.key and (m.corrects or _slip(kept[-1].key, m.key)):
            kept.pop()  # "不对，是…", or the same number with a digit or two changed
        if all(k.key != m.key for k in kept):
            kept.append(m)
    read_back = {m.key for m in said if m.speaker == "operator"}
    if not kept:
        # The caller's digits were not heard, but the operator read a number back.
        operator = [m for m in said if m.speaker == "operator"]
        if not operator:
            return None
        last = operator[-1]
        return Guess([last.number], 0.55, (last.evidence,))
    kept = _preferred_first(conversation, kept)
    confirmed = all(m.key in read_back for m in kept)
    confidence = 0.95 if confirmed else 0.8
    return Guess([m.number for m in kept], confidence, tuple(m.evidence for m in kept))


def _slip(a: str, b: str) -> bool:
    """Two numbers of one length that differ in at most three digits are one number said
    twice, the second time put right: nobody gives two numbers that close."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) <= 3


def _preferred_first(conversation: Conversation, kept: list[Mention]) -> list[Mention]:
    """The number the caller wants to be called on first ("打手机好了", "打家里")."""
    text = conversation.stream("caller").text
    mobile = any(w in text for w in ("打手机", "手机好了", "手机方便", "手机比较好"))
    home = any(w in text for w in ("打座机", "打家里", "座机好了", "家里电话好了"))
    if mobile == home:
        return kept
    return sorted(kept, key=lambda m: (parse_phone(m.number).kind == PhoneKind.MOBILE)
                  != mobile)
