"""Build resources/geo/<city>/gazetteer.json: the names people use for the divisions.

Reads divisions.json (official names and codes, see scripts/build_divisions.py) and
derives, with agent_desktop.geo.aliases:
- district aliases (杨浦区 → 杨浦, 浦东新区 → 浦东),
- street/town aliases (长海路街道 → 长海路, 七宝镇 → 七宝), plus older names reported by
  the divisions cross-check (宝山城市工业园区 for 宝山工业园区),
- estates and villages named by the neighbourhood/village committees
  (曹杨新村第一居委会 … 第九居委会 → estate 曹杨新村, 共和村村委会 → village 共和村),
- the sound index (folded toneless pinyin → district/street name, with pypinyin), so that
  the app finds names misheard as homophones without loading pypinyin's dictionaries.

Nothing is fetched: run it after build_divisions.py, and commit the output.

    python scripts/build_gazetteer.py [--city-dir resources/geo/shanghai]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent_desktop.geo.aliases import (  # noqa: E402
    district_aliases,
    estate_name,
    needs_context,
    street_aliases,
)
from agent_desktop.geo.sounds import sound_index  # noqa: E402


def build(divisions: dict) -> dict:
    older = defaultdict(list)
    for diff in divisions.get("cross_check", {}).get("differences", []):
        if diff["level"] == "street" and diff["name"] and diff["other_name"]:
            older[diff["code"]].append(diff["other_name"])
    reserved = {a for d in divisions["districts"] for a in district_aliases(d["name"])}
    estates: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in divisions["committees"]:
        derived = estate_name(c["name"])
        if derived:
            estates[derived].append(c["code"])
    districts = [{"code": d["code"], "aliases": district_aliases(d["name"])}
                 for d in divisions["districts"]]
    streets = [
        {"code": s["code"],
         "aliases": [[a.text, int(a.short)]
                     for a in street_aliases(s["name"], s["kind"], older[s["code"]], reserved)]}
        for s in divisions["streets"]
    ]
    # The names the extractor also finds by sound, in the order the gazetteer indexes them.
    sounded = dict.fromkeys([*(a for d in districts for a in d["aliases"]),
                             *(a for s in streets for a, _short in s["aliases"])])
    return {
        "city": divisions["city"],
        "derived_from": "divisions.json (" + divisions["source"]["package"] + ", "
                        + divisions["source"]["licence"] + ")",
        "districts": districts,
        "streets": streets,
        "estates": [
            {"name": name, "kind": kind, "committees": codes, "context": int(needs_context(name))}
            for (name, kind), codes in sorted(estates.items())
        ],
        "sounds": sound_index(a for a in sounded if len(a) >= 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--city-dir", type=Path, default=ROOT / "resources/geo/shanghai")
    a = ap.parse_args()
    divisions = json.loads((a.city_dir / "divisions.json").read_text(encoding="utf-8"))
    data = build(divisions)
    out = a.city_dir / "gazetteer.json"
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{out}: {len(data['districts'])} districts, {len(data['streets'])} streets/towns, "
          f"{len(data['estates'])} estates/villages, {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
