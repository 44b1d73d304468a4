"""Where the matter is: district, street/town and the detailed address (road and number,
estate, landmark), through the geo service's offline gazetteer.

The caller's words decide; a place the operator names counts only when the caller agrees
("是浦东的吗？" — "对"). Later words win over earlier ones, so a caller who corrects the
district ("不是徐汇，是长宁") ends with the corrected one, and "不是X" never names X.
Old names (闸北, 南汇) are the gazetteer's aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent_desktop.geo.model import GeoCandidate, Level, LocateResult
from agent_desktop.geo.service import GeoService
from agent_desktop.speech.transcript import Segment

from .address import tidy_address
from .conversation import Conversation, cues
from .draft import Evidence, Guess

# "不是徐汇，是长宁" / "不在七宝" / "不是三林路，是三林南路": the denied part.
_DENIED = re.compile(r"(?:不是|不在|并不是|不属于)(?:在)?([^，。,？！?!]{1,10}?)(?=[，,。]?\s*(?:而?是|在|，|。|$))")


def _named(candidate: GeoCandidate | None) -> bool:
    """A district said by name, or a street/town said with its 街道/镇/乡 (虹桥 alone may be
    the station's first word)."""
    if candidate is None or not candidate.district_code:
        return False
    return candidate.level == Level.DISTRICT or (
        candidate.level == Level.STREET and candidate.matched.endswith(("街道", "镇", "乡")))


def _spelt(text: str) -> list[tuple[int, int]]:
    """Spans of a word naming its own first character at the start of a clause, "姓陆，
    陆家嘴的陆": a surname spelt out (not "火车站打的车")."""
    spans = []
    for m in re.finditer(r"的([\u4e00-\u9fff])(?![\u4e00-\u9fff])", text):
        for n in (2, 3, 4):
            start = m.start() - n
            if start >= 0 and text[start] == m.group(1) and (
                    start == 0 or text[start - 1] in "，,、。 姓是就"):
                spans.append((start, m.end()))
                break
    return spans


@dataclass(frozen=True, slots=True)
class Heard:
    """One utterance's places."""

    segment: Segment
    result: LocateResult
    evidence: Evidence | None


def _denied_blanked(text: str) -> str:
    """The text with denied places blanked out (same length, so spans stay true): the
    denial, every other mention of the denied place in the utterance ("在徐汇……不是徐汇，
    是长宁…我家住在徐汇"), and a surname spelt by a place ("陆家嘴的陆")."""
    out = list(text)
    spans = [(m.start(), m.end()) for m in _DENIED.finditer(text)]
    for m in _DENIED.finditer(text):
        name = m.group(1).strip("　 ")
        if len(name) >= 2:
            spans += [(a.start(), a.end()) for a in re.finditer(re.escape(name), text)]
    spans += _spelt(text)
    for start, end in spans:
        for i in range(start, end):
            out[i] = "　"
    return "".join(out)


class PlaceListener:
    """Places per utterance, located once per final segment (cached)."""

    def __init__(self, geo: GeoService) -> None:
        self.geo = geo
        self._cache: dict[tuple[str, str], LocateResult] = {}

    def _locate(self, segment: Segment) -> LocateResult:
        key = (segment.id, segment.text)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self.geo.locate(_denied_blanked(segment.text), limit=4)
        return found

    def heard(self, conversation: Conversation) -> list[Heard]:
        """Places in order of the call: the caller's, and those the operator named and the
        caller confirmed."""
        affirm = tuple(cues()["affirm"])
        out: list[Heard] = []
        for s in conversation.segments(finals_only=True):
            if s.speaker == "operator":
                reply = conversation.next_of(s, "caller")
                if reply is None or not reply.text.lstrip("嗯，, ").startswith(affirm) \
                        or reply.text.lstrip("嗯，, ").startswith("不"):
                    continue
            result = self._locate(s)
            if not result.candidates and not result.address:
                continue
            best = result.best
            evidence = None
            if best is not None and best.matched:
                at = s.text.find(best.matched)
                if at >= 0:
                    evidence = Evidence(s.id, at, at + len(best.matched), best.matched, s.speaker)
            if evidence is None and result.address:
                at = s.text.find(result.address)
                evidence = Evidence(s.id, max(at, 0), max(at, 0) + len(result.address),
                                    result.address, s.speaker)
            out.append(Heard(s, result, evidence))
        return out

    def guess(self, conversation: Conversation) -> dict[str, Guess]:
        """`place.district_code`, `place.street_code`, `place.address` guesses."""
        heard = self.heard(conversation)
        # districts the caller named (区 or 街道/镇 by name): an estate or landmark that
        # only shares a name with one elsewhere (小花园, 陆家嘴的陆) does not move the call
        named = {h.result.best.district_code for h in heard if _named(h.result.best)}
        district: tuple[GeoCandidate, Heard] | None = None
        for h in reversed(heard):
            best = h.result.best
            if best is None or not best.district_code:
                continue
            if named and best.district_code not in named and not _named(best):
                continue
            district = (best, h)
            break
        out: dict[str, Guess] = {}
        if district is None:
            address = self._address(heard, None)
            if address:
                out["place.address"] = address
            return out
        best, h = district
        ev = (h.evidence,) if h.evidence else ()
        sure = 0.9 if best.level != Level.POINT and best.score >= 0.7 else 0.6
        out["place.district_code"] = Guess(best.district_code, sure, ev)
        street = self._street(heard, best.district_code)
        if street is not None:
            out["place.street_code"] = street
        address = self._address(heard, best.district_code)
        if address:
            out["place.address"] = address
        return out

    @staticmethod
    def _street(heard: list[Heard], district_code: str) -> Guess | None:
        for h in reversed(heard):
            for cand in h.result.candidates:
                if cand.street_code and cand.district_code == district_code:
                    ev = (h.evidence,) if h.evidence else ()
                    return Guess(cand.street_code, 0.85 if cand.score >= 0.7 else 0.6, ev)
        return None

    @staticmethod
    def _address(heard: list[Heard], district_code: str | None) -> Guess | None:
        """The latest utterance naming a specific place (road and number, estate, landmark)
        that does not contradict the district, tidied as a dispatcher writes it."""
        for h in reversed(heard):
            r = h.result
            if not r.address:
                continue
            districts = {c.district_code for c in r.candidates if c.district_code}
            if district_code and districts and district_code not in districts:
                continue
            tidy = tidy_address(_denied_blanked(h.segment.text), _division_names(r))
            if not tidy:
                continue
            at = h.segment.text.find(r.address)
            ev = Evidence(h.segment.id, max(at, 0), max(at, 0) + len(r.address), r.address,
                          h.segment.speaker)
            return Guess(tidy, 0.7, (ev,))
        return None


def _division_names(result: LocateResult) -> set[str]:
    """District and street/town names as heard and in full (they have their own fields)."""
    names: set[str] = set()
    for c in result.candidates:
        if c.level in (Level.DISTRICT, Level.STREET):
            names.add(c.matched)
        for name in (c.district_name, c.street_name):
            if name:
                names.update((name, re.sub(r"(?:新区|区|街道|镇|乡)$", "", name)))
    return {n for n in names if len(n) >= 2}
