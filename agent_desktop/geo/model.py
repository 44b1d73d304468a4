"""The geo package's data types: what a place lookup returns.

A lookup (`GeoService.locate`) gives a `LocateResult`: ranked `GeoCandidate`s, each naming
one place at some `Level` with its division codes, plus what was recognised but could not be
resolved offline (roads, landmarks not in the curated table) and, for roads whose district is
known, the streets/towns they could be in (`ambiguous_streets`). Coordinates are WGS-84
(lon, lat) everywhere.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Level(StrEnum):
    DISTRICT = "district"  # 区
    STREET = "street"  # 街道 / 镇 / 乡 and street-level parks, farms, zones
    ESTATE = "estate"  # 小区, derived from neighbourhood committee names
    VILLAGE = "village"  # 村, from village committee names
    COMMITTEE = "committee"  # a 居委会 / 村委会 named in full, or as callers shorten it
    LANDMARK = "landmark"  # a station, hospital, school, park … of the curated table
    ADDRESS = "address"  # a road, house number or POI from an online geocoder
    POINT = "point"  # a point dropped on the map


@dataclass(frozen=True, slots=True)
class GeoCandidate:
    """One place a text or a click may mean.

    `district_code` is the 6-digit and `street_code` the 9-digit division code, where
    known. `point` is WGS-84 (lon, lat) or None when no coordinate is known (the offline
    gazetteer has none below district level). `approximate` marks a point or a district
    that comes from the approximate district areas rather than a surveyed source.
    """

    name: str
    level: Level
    district_code: str | None = None
    district_name: str | None = None
    street_code: str | None = None
    street_name: str | None = None
    committee_codes: tuple[str, ...] = ()
    point: tuple[float, float] | None = None
    approximate: bool = False
    source: str = "gazetteer"
    score: float = 0.0
    matched: str = ""  # the words of the text that named it
    note: str = ""

    @property
    def label(self) -> str:
        """Name with its parents, e.g. "曹杨新村 · 曹杨新村街道 · 普陀区"."""
        parts = [self.name]
        for parent in (self.street_name, self.district_name):
            if parent and parent not in parts:
                parts.append(parent)
        return " · ".join(parts)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["level"] = str(self.level)
        d["committee_codes"] = list(self.committee_codes)
        d["point"] = list(self.point) if self.point else None
        d["label"] = self.label
        return d


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Road:
    """A road named in the text, with its house number if one followed."""

    name: str
    span: Span
    number: str = ""


@dataclass(slots=True)
class LocateResult:
    text: str
    candidates: list[GeoCandidate] = field(default_factory=list)
    roads: list[Road] = field(default_factory=list)
    landmarks: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # roads/landmarks not resolved
    # road → the street codes it runs through (empty: not recorded) when its district is
    # known but its street/town cannot be placed from the road alone
    ambiguous_streets: dict[str, list[str]] = field(default_factory=dict)
    # road → the district codes it runs through, when it is in several (nothing placed)
    ambiguous_districts: dict[str, list[str]] = field(default_factory=dict)
    address: str = ""  # the place phrase of the text, for the order's address field
    notes: list[str] = field(default_factory=list)  # e.g. an online geocoder's failure

    @property
    def best(self) -> GeoCandidate | None:
        return self.candidates[0] if self.candidates else None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "address": self.address,
            "candidates": [c.to_dict() for c in self.candidates],
            "roads": [{"name": r.name, "number": r.number} for r in self.roads],
            "landmarks": list(self.landmarks),
            "unresolved": list(self.unresolved),
            "ambiguous_streets": {k: list(v) for k, v in self.ambiguous_streets.items()},
            "ambiguous_districts": {k: list(v) for k, v in self.ambiguous_districts.items()},
            "notes": list(self.notes),
        }
