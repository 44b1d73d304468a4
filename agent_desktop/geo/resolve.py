"""Ranking: turn the names found in a sentence into ranked candidates.

Each gazetteer name found may name several divisions (虹桥 is a 街道 in 长宁 and a 镇 in
闵行; an estate name may recur in several streets). Every reading becomes a candidate; the
readings that other names in the same sentence support (the district or street also named)
rise, those contradicted by a named district sink. Roads and landmarks are not resolved
offline: they are reported in `LocateResult.unresolved` instead of being guessed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .extract import Extraction, Mention
from .gazetteer import AliasTarget, Gazetteer
from .model import GeoCandidate, Level, LocateResult

BASE = {
    Level.COMMITTEE: 0.80,
    Level.STREET: 0.78,
    Level.ESTATE: 0.72,
    Level.VILLAGE: 0.72,
    Level.DISTRICT: 0.60,
}
SHORT_PENALTY = 0.06
SOUNDS_LIKE_PENALTY = 0.15
SPECIFICITY = {Level.COMMITTEE: 4, Level.ESTATE: 3, Level.VILLAGE: 3, Level.STREET: 2,
               Level.DISTRICT: 1}


@dataclass(slots=True)
class _Reading:
    mention: Mention
    target: AliasTarget
    level: Level
    name: str
    district: str
    street: str | None
    committees: tuple[str, ...]
    score: float


def _readings(g: Gazetteer, mention: Mention) -> list[_Reading]:
    out: list[_Reading] = []
    for t in mention.targets:
        base = BASE[t.level] - (SHORT_PENALTY if t.short else 0.0)
        if mention.sounds_like:
            base -= SOUNDS_LIKE_PENALTY
        if t.level is Level.DISTRICT:
            d = g.districts[str(t.ref)]
            out.append(_Reading(mention, t, t.level, d.name, d.code, None, (), base))
        elif t.level is Level.STREET:
            s = g.streets[str(t.ref)]
            out.append(_Reading(mention, t, t.level, s.name, s.district_code, s.code, (), base))
        elif t.level is Level.COMMITTEE:
            c = g.committees[str(t.ref)]
            s = g.streets[c.street_code]
            out.append(_Reading(mention, t, t.level, c.name, s.district_code, s.code,
                                (c.code,), base))
        else:
            e = g.estates[int(t.ref)]
            for street_code in e.street_codes:
                s = g.streets[street_code]
                codes = tuple(c for c in e.committee_codes
                              if g.committees[c].street_code == street_code)
                out.append(_Reading(mention, t, t.level, e.name, s.district_code, s.code,
                                    codes, base))
    # One name with k readings: each is less certain.
    k = len({(r.district, r.street) for r in out})
    if k > 1:
        for r in out:
            r.score -= 0.08 * math.log2(k)
    return out


def resolve(g: Gazetteer, ex: Extraction, limit: int = 8) -> LocateResult:
    readings = [r for m in ex.mentions for r in _readings(g, m)]
    named_districts = {r.district for r in readings if r.level is Level.DISTRICT}
    for r in readings:
        others = [o for o in readings if o.mention is not r.mention]
        if r.level is not Level.DISTRICT:
            if r.district in named_districts:
                r.score += 0.22
            elif named_districts:
                r.score -= 0.35
        if r.street and any(o.level is Level.STREET and o.street == r.street for o in others):
            r.score += 0.18
        if r.level is Level.STREET and any(o.street == r.street and o.level is not Level.STREET
                                            for o in others):
            r.score += 0.08
        if r.level is Level.DISTRICT and any(o.district == r.district and o.level is not
                                              Level.DISTRICT for o in others):
            r.score += 0.05
    best: dict[tuple, GeoCandidate] = {}
    for r in readings:
        point = None
        approximate = False
        if r.level is Level.DISTRICT:
            shape = g.map.districts.get(r.district)
            if shape is not None:
                point, approximate = shape.label, True
        street = g.streets.get(r.street) if r.street else None
        cand = GeoCandidate(
            name=r.name, level=r.level,
            district_code=r.district, district_name=g.districts[r.district].name,
            street_code=r.street, street_name=street.name if street else None,
            committee_codes=r.committees, point=point, approximate=approximate,
            source="gazetteer", score=round(max(0.0, min(1.0, r.score)), 3),
            matched=r.mention.text,
            note=f"sounds like {r.mention.sounds_like}" if r.mention.sounds_like else "",
        )
        key = (cand.level, cand.name, cand.district_code, cand.street_code)
        if key not in best or best[key].score < cand.score:
            best[key] = cand
    ranked = sorted(best.values(), key=lambda c: (-c.score, -SPECIFICITY[c.level], c.name))
    result = LocateResult(ex.text, ranked[:limit], roads=list(ex.roads),
                          landmarks=[s.text for s in ex.landmarks], address=ex.address)
    mention_spans = [(m.span.start, m.span.end) for m in ex.mentions]
    for road in ex.roads:
        resolved_as_street = any(s <= road.span.start and road.span.end - len(road.number) <= e
                                 for s, e in mention_spans)
        if not resolved_as_street:
            result.unresolved.append(road.span.text)
    result.unresolved.extend(result.landmarks)
    return result
