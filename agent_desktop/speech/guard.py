"""Corrections that cannot make things worse: the pinyin correction under guard rules.

`PinyinCorrector` replaces any stretch that sounds like a hotline term. On speech it was
not tuned on that also broke right words (窨井盖 → 新泾盖, 松江区新桥镇 → 松江区、青浦区).
`GuardedCorrector` keeps a candidate correction only when all of these hold:

1. *the model was unsure*: some character of the stretch has a probability below
   `max_confidence` (Whisper's token probabilities, `Recognition.char_confidence`; with no
   probabilities every candidate passes this rule);
2. *it shares sound with what was heard*: at least one syllable exactly alike (toneless),
   whatever the category;
3. *its category fits where it stands*:
   - a district only where a district is expected — at the start of a clause or after
     在/住在/家在/位于/是/到, or as the stretch before 区 — never right after another place,
     and never when the utterance already names a different district;
   - a street or town only of the district the utterance names (or after 在… when it names
     none), a road or estate only after a place or 在…;
   - a matter word never where a place is being named (a stretch ending in 区/镇/路/街/村
     right after a district or street);
4. the text it replaces is no known term itself (those characters are protected anyway).

Every correction keeps what was heard: `GuardedCorrection.as_dict()` gives
{start, end, heard, corrected, reason} for the transcript segment, so the operator sees
both (transcript view tooltip).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .bias import Correction, PinyinCorrector, Vocabulary
from .call_bias import load_divisions

PLACE_CATEGORIES = ("street", "road", "estate")
_PLACE_SUFFIX = "区镇路街村苑弄号"
# words after which a place is expected: 在徐汇区, 住在…, 家在…, 位于…, 是…, 到…
_PLACE_CUES = ("住在", "家在", "位于", "地址是", "在", "到", "是", "去")
_CLAUSE_BREAK = "，。？！、,.?! "


@dataclass(frozen=True)
class GuardedCorrection:
    start: int  # character offsets in the corrected text (a correction keeps the length)
    end: int
    heard: str
    corrected: str
    category: str
    reason: str
    confidence: float | None = None  # the least probable character of what was heard

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "heard": self.heard,
                "corrected": self.corrected, "reason": self.reason}


class GuardedCorrector:
    """Pinyin correction restricted to low-confidence stretches and fitting categories."""

    def __init__(self, vocabulary: Vocabulary, corrector: PinyinCorrector | None = None, *,
                 max_confidence: float = 0.8, divisions=None) -> None:
        self.corrector = corrector or PinyinCorrector(vocabulary)
        self.max_confidence = max_confidence
        _, self.streets = load_divisions(divisions)
        self.district_of_street: dict[str, str] = {}
        for district, streets in self.streets.items():
            for s in streets:
                self.district_of_street.setdefault(s, district)
                short = re.sub("(街道|镇|乡)$", "", s)
                if len(short) >= 2:
                    self.district_of_street.setdefault(short, district)
        self.districts = set(self.streets)
        self._district_short = {re.sub("(新区|区)$", "", d): d for d in self.streets}
        # every way a district is written (松江区, 松江): what rescoring may not add
        self.district_names = sorted({*self.districts, *self._district_short},
                                     key=len, reverse=True)
        self._pinyin = self.corrector._pinyin

    # --- what the utterance names -------------------------------------------------------

    def districts_in(self, text: str) -> set[str]:
        found = {d for d in self.districts if d in text}
        # callers name a district by its short name too (浦东, 松江)
        found |= {d for short, d in self._district_short.items() if short in text}
        return found

    def _place_before(self, text: str, start: int) -> bool:
        """True when a place name (district, street, town, road) ends right before `start`."""
        before = text[:start].rstrip("、，, ")
        return bool(before) and before[-1] in _PLACE_SUFFIX or before.endswith("街道")

    def _place_cue_before(self, text: str, start: int) -> bool:
        before = text[:start]
        return not before.strip() or before[-1] in _CLAUSE_BREAK or any(
            before.endswith(cue) for cue in _PLACE_CUES)

    # --- the rules ----------------------------------------------------------------------

    def why_not(self, text: str, c: Correction, confidence: list[float] | None) -> str | None:
        """The rule a candidate breaks, or None when it may be applied."""
        if confidence:
            span = confidence[c.start:c.end]
            if span and min(span) >= self.max_confidence:
                return "heard with confidence"
        heard, term = self._pinyin(c.heard), self._pinyin(c.term)
        if not any(a == b for a, b in zip(heard, term)):
            return "no sound in common"
        named = self.districts_in(text)
        if c.category == "district":
            district = self._district_short.get(c.term, c.term)
            if named - {district}:
                return "the utterance names another district"
            if self._place_before(text, c.start):
                return "right after another place"
            after = text[c.end:c.end + 1]
            if not (self._place_cue_before(text, c.start) or c.term.endswith("区")
                    or after == "区"):
                return "no district expected here"
        elif c.category == "street":
            district = self.district_of_street.get(c.term)
            if named and district not in named:
                return "a street of another district"
            if not named and not (self._place_cue_before(text, c.start)
                                  or self._place_before(text, c.start)):
                return "no place expected here"
        elif c.category in PLACE_CATEGORIES:
            if not (self._place_before(text, c.start) or self._place_cue_before(text, c.start)):
                return "no place expected here"
            if c.category == "estate" and named:
                pass  # estates carry no district in the vocabulary: the sound rule decides
        else:  # matter, hotline, kb
            if c.heard[-1] in "区镇路街村" and self._place_before(text, c.start):
                return "a place is being named here"
        return None

    def correct(self, text: str, confidence: list[float] | tuple[float, ...] | None = None
                ) -> tuple[str, list[GuardedCorrection]]:
        """`text` with the corrections that pass every rule; `confidence` is the probability
        of each character of `text` (or None when unknown)."""
        conf = list(confidence) if confidence and len(confidence) == len(text) else None
        candidates = []
        for m in re.finditer(r"[\u3400-\u9fff]+", text):
            candidates += self.corrector._correct_run(m.group(0), m.start())
        # one at a time, left to right, each judged on the text as corrected so far: a
        # district put right (宋江区 → 松江区) then vouches for its towns (新乔镇 → 新桥镇)
        kept: list[GuardedCorrection] = []
        current = text
        for c in sorted(candidates, key=lambda c: (c.start, -c.end)):
            if any(k.start < c.end and c.start < k.end for k in kept):
                continue
            if self.why_not(current, c, conf) is not None:
                continue
            low = min(conf[c.start:c.end]) if conf else None
            reason = f"sounds like the {c.category} term {c.term}"
            if low is not None:
                reason += f"; heard with probability {low:.2f}"
            kept.append(GuardedCorrection(c.start, c.end, c.heard, c.term, c.category,
                                          reason, low))
            current = current[:c.start] + c.term + current[c.end:]
        return current, kept


def carry_confidence(raw: str, confidence, normalized: str) -> list[float] | None:
    """The per-character probabilities of the recogniser's `raw` text carried over to its
    normalized form (simplified, digits joined, punctuation changed): characters aligned
    unchanged or one-for-one keep theirs, inserted ones count as certain."""
    if not confidence or len(confidence) != len(raw):
        return None
    from difflib import SequenceMatcher

    from .text import to_simplified

    source = to_simplified(raw)
    if len(source) != len(raw):
        source = raw
    out = [1.0] * len(normalized)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, source, normalized,
                                              autojunk=False).get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(j2 - j1):
                out[j1 + k] = float(confidence[i1 + k])
        elif op == "replace" and i2 > i1:
            low = min(confidence[i1:i2])
            for k in range(j1, j2):
                out[k] = float(low)
    return out
