"""Making recogniser output readable: simplified characters, Chinese punctuation, phone
numbers and other digit strings in one piece; and the character error rate (CER) used by
tests and the benchmark.

Whisper often writes traditional characters (OpenCC t2s fixes that), ASCII punctuation or
bare spaces between clauses, splits digit strings ("139-1672-8845"), and now and then
hallucinates a subtitle credit on noise ("字幕由Amara.org社区提供").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ASCII_TO_CJK_PUNCT = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；",
                       "(": "（", ")": "）"}
_CJK = r"\u3400-\u9fff"
_PUNCT_END = "。？！"
_ALL_PUNCT = "，。？！：；、（）“”‘’《》…—·,.?!:;()\"' "

# Phrases Whisper emits on silence or noise (it learned them from subtitle credits).
HALLUCINATIONS = (
    "字幕由Amara.org社区提供", "字幕由Amara.org社區提供", "请不吝点赞", "請不吝點贊",
    "订阅 转发 打赏", "明镜与点点栏目", "谢谢观看", "謝謝觀看", "谢谢收看", "感谢观看",
    "优优独播剧场", "中文字幕", "字幕提供", "字幕志愿者",
)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "幺": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text) if text else text


def strip_hallucinations(text: str) -> str:
    for phrase in HALLUCINATIONS:
        text = text.replace(phrase, "")
    return text


def join_digit_groups(text: str) -> str:
    """'139-1672-8845' / '139 1672 8845' → '13916728845' (only when the groups together
    make ≥ 7 digits, i.e. a phone-like number); full-width digits → ASCII."""
    text = unicodedata.normalize("NFKC", text)

    def join(m: re.Match) -> str:
        digits = re.sub(r"\D", "", m.group(0))
        return digits if len(digits) >= 7 else m.group(0)

    return re.sub(r"\d+(?:[\s\-－—.]\d+)+", join, text)


def fix_doubled_mobile_prefix(text: str) -> str:
    """'113916728845' → '13916728845': Whisper sometimes hears the leading 幺 (one) of a
    mobile number twice. No Chinese number has 12 digits starting 11 followed by a
    mobile number's 1[3-9]."""
    return re.sub(r"(?<!\d)1(1[3-9]\d{9})(?!\d)", r"\1", text)


def spoken_digits_to_arabic(text: str, min_len: int = 7) -> str:
    """Runs of ≥ `min_len` digit words ('幺三九幺六七…') → Arabic digits: phone numbers,
    ID and account numbers are read digit by digit on the hotline. Whisper often writes
    the 幺 (one) of a phone number as its homophone 要/腰/妖: inside a digit run, or
    leading exactly ten digits (a mobile number), it is read as 1."""
    digit_chars = "".join(_CN_DIGITS) + r"\d"
    yao = "要腰妖"

    def convert(m: re.Match) -> str:
        run = m.group(0)
        lead = ""
        if run[0] in yao and sum(ch not in yao for ch in run) != 10:
            lead, run = run[0], run[1:]
        if len(run) < min_len or sum(ch not in yao for ch in run) < min_len - 1:
            return m.group(0)
        return lead + "".join("1" if ch in yao else str(_CN_DIGITS.get(ch, ch)) for ch in run)

    return re.sub(f"[{yao}]?[{digit_chars}][{digit_chars}{yao}]{{{min_len - 2},}}", convert,
                  text)


def punctuate(text: str, final: bool) -> str:
    """ASCII punctuation → Chinese, a space between Chinese clauses → '，', and a closing
    '。' (or '？' after a question particle) on finals."""
    text = text.strip()
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch in _ASCII_TO_CJK_PUNCT:
            out.append(_ASCII_TO_CJK_PUNCT[ch])
        elif ch == "." and not (prev.isdigit() and nxt.isdigit()):
            out.append("。")
        elif ch.isspace():
            if re.match(f"[{_CJK}]", prev or "") and re.match(f"[{_CJK}]", nxt or ""):
                out.append("，")
            elif prev and nxt and prev.isascii() and nxt.isascii() and prev.isalnum() \
                    and nxt.isalnum():
                out.append(" ")
        else:
            out.append(ch)
    text = re.sub(r"([，。？！：；、])[，。？！：；、]+", r"\1", "".join(out))
    text = text.lstrip("，。？！：；、")
    if not final:
        text = text.rstrip("，。？！：；、")  # the utterance goes on
    elif text and text[-1] not in _PUNCT_END:
        text = text.rstrip("，：；、")
        if text:
            text += "？" if text[-1] in "吗呢么" else "。"
    return text


def normalize(text: str, *, final: bool = True) -> str:
    """Recogniser output → what the operator reads."""
    text = strip_hallucinations(to_simplified(text))
    text = join_digit_groups(text)
    text = fix_doubled_mobile_prefix(spoken_digits_to_arabic(text))
    return punctuate(text, final)


# --- scoring -----------------------------------------------------------------------------


def _cn_number_value(run: str) -> str:
    """A run of Chinese numerals → Arabic: '八千五百' → '8500', '二十' → '20',
    '一三九' (digit by digit) → '139'."""
    if not any(ch in _CN_UNITS for ch in run):
        return "".join(str(_CN_DIGITS[ch]) for ch in run)
    total, section, digit = 0, 0, None
    for ch in run:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit >= 10000:
                section = (section + (digit or 0)) * unit
                total += section
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
    return str(total + section + (digit or 0))


def normalize_for_cer(text: str) -> str:
    """The form both reference and hypothesis are compared in: simplified, no punctuation
    or spaces, Chinese numerals as Arabic digits, lower case."""
    text = unicodedata.normalize("NFKC", to_simplified(text)).lower()
    text = "".join(ch for ch in text if ch not in _ALL_PUNCT and not ch.isspace()
                   and unicodedata.category(ch)[0] != "P")
    numerals = "".join(_CN_DIGITS) + "".join(_CN_UNITS)
    return re.sub(f"[{numerals}]+", lambda m: _cn_number_value(m.group(0)), text)


def edit_distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = normalize_for_cer(reference), normalize_for_cer(hypothesis)
    return edit_distance(ref, hyp) / max(1, len(ref))


def corpus_cer(pairs: list[tuple[str, str]]) -> float:
    """Total edits / total reference characters over (reference, hypothesis) pairs."""
    edits = sum(edit_distance(normalize_for_cer(r), normalize_for_cer(h)) for r, h in pairs)
    chars = sum(len(normalize_for_cer(r)) for r, _ in pairs)
    return edits / max(1, chars)
