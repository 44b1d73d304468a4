"""Curated place tables: the landmarks callers name (stations, hospitals, schools, parks,
malls, markets, bridges, tunnels, government offices) and the roads whose district is
known, each placed in the city's divisions.

The tables are hand-written from public facts in `resources/geo/<city>/landmarks.txt` and
`roads.txt` (sources per kind in resources/geo/SOURCES.md); this module checks every
district and street name against `divisions.json` and writes `landmarks.json` and
`roads.json` with the official codes, which the gazetteer loads:

    python scripts/build_geo_curated.py [--city-dir resources/geo/shanghai]

A landmark places a caller by where it is, never by the words in its name: 虹桥火车站 is in
闵行区 新虹街道, whatever 虹桥街道 (长宁区) is called. A road names its district only when
the whole road lies in one district, and its street/town only when it lies in one street.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

# Where the facts of each kind were taken from (kept in step with SOURCES.md).
KIND_SOURCE = {
    "rail": "railway-station-list",
    "airport": "airport-authority",
    "metro": "shanghai-metro-network",
    "hospital": "health-commission-list",
    "university": "moe-institution-list",
    "school": "district-education-bureau",
    "park": "landscaping-bureau-park-list",
    "mall": "wikipedia-district-article",
    "market": "wikipedia-district-article",
    "bridge": "wikipedia-huangpu-crossings",
    "tunnel": "wikipedia-huangpu-crossings",
    "government": "government-website",
}
ROAD_SOURCE = "shanghai-place-names-gazette"


@dataclass(frozen=True, slots=True)
class Landmark:
    name: str
    kind: str
    district_codes: tuple[str, ...]  # two for a river crossing between districts
    street_code: str | None  # None: the street/town is not recorded
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class RoadPlace:
    """A road and the divisions it runs through. `street_codes` empty: not recorded."""

    name: str
    district_codes: tuple[str, ...]
    street_codes: tuple[str, ...]
    source: str

    @property
    def district_code(self) -> str | None:
        return self.district_codes[0] if len(self.district_codes) == 1 else None

    @property
    def street_code(self) -> str | None:
        return self.street_codes[0] if len(self.street_codes) == 1 else None


def _lines(text: str):
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield n, line.split()


def _codes(divisions: dict):
    districts = {d["name"]: d["code"] for d in divisions["districts"]}
    streets = {(s["district_code"], s["name"]): s["code"] for s in divisions["streets"]}
    return districts, streets


def _place(districts, streets, n, district_field, street_field):
    try:
        dcodes = [districts[d] for d in district_field.split("/")]
    except KeyError as e:
        raise ValueError(f"line {n}: unknown district {e}") from None
    scodes = []
    if street_field != "-":
        for name in street_field.split(","):
            found = [streets[(d, name)] for d in dcodes if (d, name) in streets]
            if not found:
                raise ValueError(f"line {n}: {name} is not a street/town of {district_field}")
            scodes.extend(found)
    return dcodes, scodes


def metro_aliases(name: str) -> list[str]:
    return [f"{name}站", f"{name}地铁站", f"地铁{name}站"]


def build_landmarks(text: str, divisions: dict) -> list[dict]:
    districts, streets = _codes(divisions)
    out, seen = [], set()
    for n, f in _lines(text):
        if len(f) < 4 or f[0] not in KIND_SOURCE:
            raise ValueError(f"line {n}: expected 'kind name district street [alias …]'")
        kind, name, dfield, sfield, aliases = f[0], f[1], f[2], f[3], f[4:]
        dcodes, scodes = _place(districts, streets, n, dfield, sfield)
        if len(scodes) > 1:
            raise ValueError(f"line {n}: a landmark lies in one street/town")
        if kind == "metro":
            name, aliases = f"{name}站", metro_aliases(name)[1:] + aliases
        if name in seen:
            raise ValueError(f"line {n}: {name} listed twice")
        seen.add(name)
        out.append({"name": name, "kind": kind, "districts": dcodes,
                    "street": scodes[0] if scodes else None,
                    "aliases": list(dict.fromkeys(a for a in aliases if a != name)),
                    "source": KIND_SOURCE[kind]})
    return out


def build_roads(text: str, divisions: dict) -> list[dict]:
    districts, streets = _codes(divisions)
    out, seen = [], set()
    for n, f in _lines(text):
        if len(f) != 3:
            raise ValueError(f"line {n}: expected 'road district[/district] street[,street]|-'")
        dcodes, scodes = _place(districts, streets, n, f[1], f[2])
        if f[0] in seen:
            raise ValueError(f"line {n}: {f[0]} listed twice")
        seen.add(f[0])
        out.append({"name": f[0], "districts": dcodes, "streets": scodes, "source": ROAD_SOURCE})
    return out


def build(city_dir: Path) -> tuple[dict, dict]:
    divisions = json.loads((city_dir / "divisions.json").read_text(encoding="utf-8"))
    landmarks = build_landmarks((city_dir / "landmarks.txt").read_text(encoding="utf-8"),
                                divisions)
    roads = build_roads((city_dir / "roads.txt").read_text(encoding="utf-8"), divisions)
    return ({"city": divisions["city"], "built_from": "landmarks.txt", "landmarks": landmarks},
            {"city": divisions["city"], "built_from": "roads.txt", "roads": roads})


def read_landmarks(raw: dict) -> list[Landmark]:
    return [Landmark(e["name"], e["kind"], tuple(e["districts"]), e["street"],
                     tuple(e["aliases"]), e["source"]) for e in raw["landmarks"]]


def read_roads(raw: dict) -> dict[str, RoadPlace]:
    return {e["name"]: RoadPlace(e["name"], tuple(e["districts"]), tuple(e["streets"]),
                                 e["source"]) for e in raw["roads"]}


def main() -> None:
    from agent_desktop.paths import resource

    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--city-dir", type=Path, default=None)
    a = ap.parse_args()
    city_dir = a.city_dir or resource("geo", "shanghai")
    landmarks, roads = build(city_dir)
    for name, data in (("landmarks.json", landmarks), ("roads.json", roads)):
        (city_dir / name).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n",
                                     encoding="utf-8")
    print(f"{len(landmarks['landmarks'])} landmarks, {len(roads['roads'])} roads")


if __name__ == "__main__":
    main()
