"""The embedded gazetteer of one city: its divisions, the names people use for them, and
its (approximate) map.

Loaded from `resources/geo/<city>/`:
- `divisions.json`: districts, streets/towns and committees with official codes
  (scripts/build_divisions.py),
- `gazetteer.json`: aliases and the estates/villages derived from committee names
  (scripts/build_gazetteer.py),
- `map.json`: city outline, approximate district areas and label points
  (scripts/build_geo_map.py),
- `landmarks.json` and `roads.json` (optional): the curated landmarks and roads
  (scripts/build_geo_curated.py).
See resources/geo/SOURCES.md for where each comes from and under which licence.

    >>> gaz = Gazetteer.load("shanghai")
    >>> gaz.districts["310110"].name
    '杨浦区'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from agent_desktop.paths import resource

from .aliases import COMMITTEE_SUFFIX, GENERIC, ORDINAL_TAIL, committee_aliases
from .curated import Landmark, RoadPlace, read_landmarks, read_roads
from .geometry import BBox, MultiPolygon, in_bbox, multipolygon_bbox, point_in_multipolygon
from .model import Level


@dataclass(frozen=True, slots=True)
class District:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Street:
    code: str
    name: str
    district_code: str
    kind: str  # 街道 / 镇 / 乡 / 其他


@dataclass(frozen=True, slots=True)
class Committee:
    code: str
    name: str
    street_code: str


@dataclass(frozen=True, slots=True)
class Estate:
    name: str
    kind: str  # "estate" or "village"
    committee_codes: tuple[str, ...]
    street_codes: tuple[str, ...]
    needs_context: bool


@dataclass(frozen=True, slots=True)
class AliasTarget:
    """What one alias may name: `ref` is a division code, or an estate's index."""

    level: Level
    ref: str | int
    short: bool = False
    needs_context: bool = False


@dataclass(frozen=True, slots=True)
class DistrictShape:
    code: str
    name: str
    polygons: MultiPolygon
    label: tuple[float, float]
    anchor: tuple[float, float]
    bbox: BBox


@dataclass(frozen=True, slots=True)
class StreetPoint:
    code: str
    point: tuple[float, float]
    approximate: bool = True


@dataclass(slots=True)
class CityMap:
    """What the map draws. `approximate` is True when district areas are a sketch."""

    outline: MultiPolygon
    districts: dict[str, DistrictShape]
    streets: list[StreetPoint] = field(default_factory=list)
    approximate: bool = True
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def bbox(self) -> BBox:
        return multipolygon_bbox(self.outline)

    def district_at(self, lon: float, lat: float) -> DistrictShape | None:
        for shape in self.districts.values():
            if in_bbox(lon, lat, shape.bbox) and point_in_multipolygon(lon, lat, shape.polygons):
                return shape
        return None

    def contains(self, lon: float, lat: float) -> bool:
        return point_in_multipolygon(lon, lat, self.outline)


def _rings(poly) -> list[list[tuple[float, float]]]:
    return [[(float(x), float(y)) for x, y in ring] for ring in poly]


class Gazetteer:
    """Divisions, aliases and map of one city. Build with `Gazetteer.load(city)`."""

    def __init__(self, key: str, divisions: dict, names: dict, city_map: CityMap,
                 landmarks: list[Landmark] = (), roads: dict[str, RoadPlace] | None = None
                 ) -> None:
        self.key = key
        self.city_code: str = divisions["city"]["code"]
        self.city_name: str = divisions["city"]["name"]
        self.districts = {d["code"]: District(d["code"], d["name"]) for d in divisions["districts"]}
        self.streets = {s["code"]: Street(s["code"], s["name"], s["district_code"], s["kind"])
                        for s in divisions["streets"]}
        self.committees = {c["code"]: Committee(c["code"], c["name"], c["street_code"])
                           for c in divisions["committees"]}
        self.estates: list[Estate] = []
        for e in names["estates"]:
            codes = tuple(e["committees"])
            streets = tuple(dict.fromkeys(self.committees[c].street_code for c in codes))
            self.estates.append(Estate(e["name"], e["kind"], codes, streets, bool(e["context"])))
        self.map = city_map
        self.landmarks: list[Landmark] = list(landmarks)
        self.roads: dict[str, RoadPlace] = dict(roads or {})
        # folded pinyin → district/street alias (build_gazetteer.py); None: extract builds it
        self.sounds: dict[str, str] | None = names.get("sounds")
        self.index: dict[str, list[AliasTarget]] = {}
        self._build_index(names)
        self.max_alias_len = max(map(len, self.index))

    # --- loading --------------------------------------------------------------------------

    @classmethod
    def load(cls, city: str = "shanghai", directory: Path | None = None) -> Gazetteer:
        base = directory or resource("geo", city)

        def read(name: str) -> dict:
            path = base / name
            if not path.exists():
                raise FileNotFoundError(
                    f"{path} is missing: build it with scripts/build_divisions.py, "
                    "build_gazetteer.py and build_geo_map.py")
            return json.loads(path.read_text(encoding="utf-8"))

        divisions, names, raw_map = read("divisions.json"), read("gazetteer.json"), read("map.json")
        landmarks = roads = None
        if (base / "landmarks.json").exists():
            landmarks = read_landmarks(read("landmarks.json"))
        if (base / "roads.json").exists():
            roads = read_roads(read("roads.json"))
        return cls(city, divisions, names, cls._read_map(raw_map), landmarks or [], roads)

    @staticmethod
    def _read_map(raw: dict) -> CityMap:
        outline = [_rings(poly) for poly in raw["outline"]]
        districts = {}
        for d in raw["districts"]:
            polys = [_rings(poly) for poly in d["polygons"]]
            districts[d["code"]] = DistrictShape(
                d["code"], d["name"], polys, tuple(d["label"]), tuple(d["anchor"]),
                multipolygon_bbox(polys))
        streets = [StreetPoint(s["code"], tuple(s["point"]), bool(s.get("approximate", True)))
                   for s in raw.get("streets", [])]
        return CityMap(outline, districts, streets, bool(raw.get("approximate", True)),
                       dict(raw.get("sources", {})))

    def _add(self, alias: str, target: AliasTarget) -> None:
        targets = self.index.setdefault(alias, [])
        if target not in targets:
            targets.append(target)

    def _build_index(self, names: dict) -> None:
        for d in names["districts"]:
            for i, alias in enumerate(d["aliases"]):
                self._add(alias, AliasTarget(Level.DISTRICT, d["code"], short=i > 0))
        for s in names["streets"]:
            for alias, short in s["aliases"]:
                self._add(alias, AliasTarget(Level.STREET, s["code"], short=bool(short)))
        for i, e in enumerate(self.estates):
            level = Level.VILLAGE if e.kind == "village" else Level.ESTATE
            self._add(e.name, AliasTarget(level, i, needs_context=e.needs_context))
        for c in self.committees.values():
            base = COMMITTEE_SUFFIX.sub("", c.name)
            if len(base) < 2 or ORDINAL_TAIL.sub("", base) in GENERIC or "虚拟" in base:
                continue  # "三村居委会", "新村居委会": a name every district has
            self._add(c.name, AliasTarget(Level.COMMITTEE, c.code))
            if c.name.endswith("居委会") or c.name.endswith("村委会"):
                self._add(c.name[:-1], AliasTarget(Level.COMMITTEE, c.code))  # …居委 / …村委
            for alias, short in committee_aliases(c.name):
                self._add(alias, AliasTarget(Level.COMMITTEE, c.code, short=short))
        for i, lm in enumerate(self.landmarks):
            for alias in (lm.name, *lm.aliases):
                self._add(alias, AliasTarget(Level.LANDMARK, i))

    # --- lookups --------------------------------------------------------------------------

    def district_of_street(self, street_code: str) -> District:
        return self.districts[self.streets[street_code].district_code]

    def district_by_name(self, name: str) -> District | None:
        for target in self.index.get(name, ()):
            if target.level is Level.DISTRICT:
                return self.districts[str(target.ref)]
        return None

    def streets_named(self, name: str, district_code: str | None = None) -> list[Street]:
        out = []
        for target in self.index.get(name, ()):
            if target.level is Level.STREET:
                street = self.streets[str(target.ref)]
                if district_code is None or street.district_code == district_code:
                    out.append(street)
        return out


@lru_cache(maxsize=4)
def load_gazetteer(city: str = "shanghai") -> Gazetteer:
    """The gazetteer of `city`, loaded once per process."""
    return Gazetteer.load(city)
