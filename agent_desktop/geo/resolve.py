"""Ranking: turn the names found in a sentence into ranked candidates.

Each gazetteer name found may name several divisions (虹桥 is a 街道 in 长宁 and a 镇 in
闵行; an estate name may recur in several streets). Every reading becomes a candidate; the
readings that other names in the same sentence support (the district or street also named)
rise, those contradicted by a named district sink. A landmark of the curated table counts
by where it is (虹桥火车站 → 闵行区 新虹街道), never by the division names inside its name.
A road of the curated road table places its district when it lies in one district, and its
street/town only when it lies in one; otherwise the streets it could be in are reported in
`LocateResult.ambiguous_streets` (and roads across districts in `ambiguous_districts`), and
the road stays in `unresolved` for an online geocoder or the operator. Other roads and
landmarks are reported in `unresolved` instead of being guessed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .extract import Extraction, Mention
from .gazetteer import AliasTarget, Gazetteer
from .model import GeoCandidate, Level, LocateResult

BASE = {
    Level.LANDMARK: 0.84,
    Level.COMMITTEE: 0.80,
    Level.STREET: 0.78,
    Level.ESTATE: 0.72,
    Level.VILLAGE: 0.72,
    Level.DISTRICT: 0.60,
    Level.ADDRESS: 0.58,  # a road of the road table: its district, rarely its street
}
SHORT_PENALTY = 0.06
SOUNDS_LIKE_PENALTY = 0.15
SPECIFICITY = {Level.LANDMARK: 5, Level.COMMITTEE: 4, Level.ESTATE: 3, Level.VILLAGE: 3,
               Level.STREET: 2, Level.ADDRESS: 2, Level.DISTRICT: 1}


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
        elif t.level is Level.LANDMARK:
            lm = g.landmarks[int(t.ref)]
            street = lm.street_code if len(lm.district_codes) == 1 else None
            for district in lm.district_codes:
                out.append(_Reading(mention, t, t.level, lm.name, district, street, (), base))
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


def _road_readings(g: Gazetteer, ex: Extraction) -> tuple[list[_Reading], dict, dict]:
    """Readings of the roads of the road table that no gazetteer name covers."""
    readings, streets, districts = [], {}, {}
    covered = [(m.span.start, m.span.end) for m in ex.mentions]
    for road in ex.roads:
        if any(s <= road.span.start < e for s, e in covered):
            continue
        place = g.roads.get(road.name)
        if place is None:
            continue
        if place.district_code is None:
            districts[road.name] = list(place.district_codes)
            continue
        if place.street_code is None:
            streets[road.name] = list(place.street_codes)
        mention = Mention(road.span, ())
        readings.append(_Reading(mention, AliasTarget(Level.ADDRESS, road.name), Level.ADDRESS,
                                 road.name, place.district_code, place.street_code, (),
                                 BASE[Level.ADDRESS]))
    return readings, streets, districts


def resolve(g: Gazetteer, ex: Extraction, limit: int = 8) -> LocateResult:
    readings = [r for m in ex.mentions for r in _readings(g, m)]
    road_readings, ambiguous_streets, ambiguous_districts = _road_readings(g, ex)
    # A road in a district something else already names says nothing new about it, and
    # where a street/town is named beside it, its unknown street is no longer a question.
    placed = {r.district for r in readings}
    readings += [r for r in road_readings if r.district not in placed]
    with_street = {r.district for r in readings if r.street and r.level is not Level.ADDRESS}
    ambiguous_streets = {road: streets for road, streets in ambiguous_streets.items()
                         if g.roads[road].district_code not in with_street}
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
        note = f"sounds like {r.mention.sounds_like}" if r.mention.sounds_like else ""
        if r.level is Level.ADDRESS and r.street is None:
            note = "street/town not placed from the road alone"
        elif r.level is Level.LANDMARK:
            note = g.landmarks[int(r.target.ref)].kind
        cand = GeoCandidate(
            name=r.name, level=r.level,
            district_code=r.district, district_name=g.districts[r.district].name,
            street_code=r.street, street_name=street.name if street else None,
            committee_codes=r.committees, point=point, approximate=approximate,
            source="gazetteer", score=round(max(0.0, min(1.0, r.score)), 3),
            matched=r.mention.text, note=note,
        )
        key = (cand.level, cand.name, cand.district_code, cand.street_code)
        if key not in best or best[key].score < cand.score:
            best[key] = cand
    ranked = sorted(best.values(), key=lambda c: (-c.score, -SPECIFICITY[c.level], c.name))
    result = LocateResult(ex.text, ranked[:limit], roads=list(ex.roads),
                          landmarks=[s.text for s in ex.landmarks], address=ex.address,
                          ambiguous_streets=ambiguous_streets,
                          ambiguous_districts=ambiguous_districts)
    mention_spans = [(m.span.start, m.span.end) for m in ex.mentions]
    for road in ex.roads:
        resolved_as_street = any(s <= road.span.start and road.span.end - len(road.number) <= e
                                 for s, e in mention_spans)
        place = g.roads.get(road.name)
        if not resolved_as_street and (place is None or place.street_code is None):
            result.unresolved.append(road.span.text)
    result.unresolved.extend(result.landmarks)
    return result
