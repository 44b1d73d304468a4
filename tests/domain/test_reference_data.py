"""The shipped reference data: the demo matter catalog and Shanghai's departments."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from agent_desktop.domain.models import Catalog, Department
from agent_desktop.domain.reference import load_catalog, load_departments
from agent_desktop.paths import resource

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import build_departments  # noqa: E402
import gen_demo_catalog  # noqa: E402

DOMAINS = [
    "城乡建设", "市容环境", "交通运输", "市场监管", "社会保障", "住房物业",
    "教育", "卫生健康", "公安与交通管理", "生态环境", "企业服务", "其他",
]
HOURS_PER_WORKING_DAY = 24  # lower bound, to compare tiers given in different units


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def departments() -> list[Department]:
    return load_departments()


@pytest.fixture(scope="module")
def divisions() -> dict:
    return json.loads(resource("geo", "shanghai", "divisions.json").read_text(encoding="utf-8"))


# --- catalog ------------------------------------------------------------------------------


def test_catalog_tree_is_well_formed(catalog: Catalog) -> None:
    codes = [n.code for n in catalog.nodes]
    assert len(codes) == len(set(codes))
    seen: dict[str, int] = {}
    for n in catalog.nodes:
        assert len(n.code) == 2 * n.level, n.code
        if n.level == 1:
            assert n.parent_code is None
        else:
            assert n.parent_code in seen, f"{n.code}: parent missing or after its child"
            assert seen[n.parent_code] == n.level - 1
            assert n.code.startswith(n.parent_code)
        seen[n.code] = n.level
    parents = {n.parent_code for n in catalog.nodes}
    for n in catalog.nodes:
        if n.level < 5:
            assert n.code in parents, f"{n.code} {n.name} has no children"
            assert n.routing is None and n.time_limits is None and not n.keywords
        assert n.name.strip() == n.name and n.name


def test_catalog_covers_the_hotline_domains(catalog: Catalog) -> None:
    top = [n.name for n in catalog.nodes if n.level == 1]
    assert top == DOMAINS
    leaves = [n for n in catalog.nodes if n.is_leaf]
    assert len(leaves) >= 320
    per_domain = Counter(n.code[:2] for n in leaves)
    assert len(per_domain) == 12 and min(per_domain.values()) >= 15
    assert len({n.name for n in leaves}) == len(leaves)  # leaf names are unique
    names = {n.name for n in leaves}
    assert {"雨后道路积水", "预付卡商家停业不退费", "房产证补办", "窨井盖缺失"} <= names


def test_leaves_have_keywords_routing_and_limits(catalog: Catalog, departments) -> None:
    by_level: dict[str, set[str]] = {"city": set(), "district": set(), "street": set()}
    for d in departments:
        by_level[d.level].add(d.function)
    for n in (n for n in catalog.nodes if n.is_leaf):
        assert 3 <= len(n.keywords) <= 8, n.name
        assert len(set(n.keywords)) == len(n.keywords) and all(k.strip() for k in n.keywords)
        assert n.routing is not None, n.name
        assert n.routing.function in by_level[n.routing.mode.value], n.name
        assert set(n.time_limits) == {"normal", "urgent", "critical"}, n.name


def _hours(limit) -> int:
    return limit.value if limit.unit == "hours" else limit.value * HOURS_PER_WORKING_DAY


def test_time_limits_are_sensible(catalog: Catalog) -> None:
    leaves = [n for n in catalog.nodes if n.is_leaf]
    normal = Counter(
        tuple((getattr(n.time_limits["normal"], s).value, getattr(n.time_limits["normal"], s).unit)
              for s in ("sign", "contact", "resolve"))
        for n in leaves
    )
    shanghai = ((1, "working_days"), (5, "working_days"), (15, "working_days"))
    assert normal[shanghai] >= 100  # most ordinary matters follow Shanghai's 1-5-15
    assert len(normal) >= 3  # and some differ (hazards, simple jobs, consultations)
    for n in leaves:
        tiers = n.time_limits
        for stage in ("sign", "contact", "resolve"):
            normal_, urgent, critical = (_hours(getattr(tiers[u], stage))
                                         for u in ("normal", "urgent", "critical"))
            assert critical <= urgent <= normal_, (n.name, stage)
        for tier in tiers.values():
            assert _hours(tier.sign) <= _hours(tier.contact) <= _hours(tier.resolve), n.name
    hazard = next(n for n in leaves if n.name == "窨井盖缺失").time_limits["normal"]
    assert hazard.sign.unit == "hours" and _hours(hazard.resolve) < 15 * HOURS_PER_WORKING_DAY


def test_catalog_json_is_generated_from_its_source(catalog: Catalog) -> None:
    source = (ROOT / "resources" / "catalog" / "demo_catalog.txt").read_text(encoding="utf-8")
    built = gen_demo_catalog.build(source)
    shipped = (ROOT / "resources" / "catalog" / "catalog.json").read_text(encoding="utf-8")
    assert gen_demo_catalog.render(built) == shipped, "stale: run scripts/gen_demo_catalog.py"
    assert catalog.version == built["version"]


def test_catalog_source_errors_are_reported() -> None:
    with pytest.raises(gen_demo_catalog.SourceError, match="keywords"):
        gen_demo_catalog.parse("A\n  B\n    C\n      D  @city:power ~std\n        E: one two\n")
    with pytest.raises(gen_demo_catalog.SourceError, match="no children"):
        gen_demo_catalog.parse("A\n  B\n    C\n      D  @city:power ~std\n")
    with pytest.raises(gen_demo_catalog.SourceError, match="profile"):
        gen_demo_catalog.parse("A  ~nope\n")
    with pytest.raises(gen_demo_catalog.SourceError, match="routing"):
        gen_demo_catalog.parse("A\n  B\n    C\n      D  ~std\n        E: a b c\n")


# --- departments --------------------------------------------------------------------------


def test_divisions_are_complete(divisions) -> None:
    assert len(divisions["districts"]) == 16
    kinds = Counter(s["kind"] for s in divisions["streets"])
    assert kinds == {"街道": 107, "镇": 106, "乡": 2, "其他": 19}


def test_department_codes_are_unique_and_parents_exist(departments) -> None:
    codes = [d.code for d in departments]
    assert len(codes) == len(set(codes))
    known = set(codes)
    for d in departments:
        assert d.parent_code is None or d.parent_code in known, d.code
        assert re.fullmatch(r"SH-[A-Z-]+|31\d{4}-[A-Z-]+|31\d{7}", d.code), d.code


def test_city_bureaus(departments) -> None:
    city = {d.function: d for d in departments if d.level == "city"}
    for function, name in {
        "construction": "上海市住房和城乡建设管理委员会",
        "housing": "上海市房屋管理局",
        "water": "上海市水务局",
        "greening_sanitation": "上海市绿化和市容管理局",
        "transport": "上海市交通委员会",
        "market": "上海市市场监督管理局",
        "human_resources": "上海市人力资源和社会保障局",
        "medical_insurance": "上海市医疗保障局",
        "education": "上海市教育委员会",
        "health": "上海市卫生健康委员会",
        "police": "上海市公安局",
        "environment": "上海市生态环境局",
        "planning": "上海市规划和自然资源局",
        "real_estate": "上海市不动产登记局",
        "housing_fund": "上海市公积金管理中心",
        "civil_affairs": "上海市民政局",
        "commerce": "上海市商务委员会",
        "power": "国网上海市电力公司",
        "gas": "上海燃气有限公司",
        "water_supply": "上海城投水务（集团）有限公司",
    }.items():
        assert city[function].name == name
        assert city[function].code == "SH-" + function.upper().replace("_", "-")


def test_every_district_has_its_government_and_bureaus(departments, divisions, catalog) -> None:
    district_functions = {
        n.routing.function for n in catalog.nodes if n.is_leaf and n.routing.mode == "district"
    }
    by_district: dict[str, dict[str, Department]] = {}
    for d in departments:
        if d.level == "district":
            by_district.setdefault(d.district_code, {})[d.function] = d
    assert set(by_district) == {d["code"] for d in divisions["districts"]}
    for district in divisions["districts"]:
        offices = by_district[district["code"]]
        assert offices["government"].code == f"{district['code']}-GOV"
        assert offices["government"].name == f"{district['name']}人民政府"
        assert district_functions <= set(offices), district["name"]
        for function, dep in offices.items():
            if function != "government":
                assert dep.code == f"{district['code']}-{function.upper().replace('_', '-')}"
    assert by_district["310110"]["housing"].name == "杨浦区住房保障和房屋管理局"
    assert by_district["310115"]["police"].name == "上海市公安局浦东分局"


def test_every_street_unit_has_its_office(departments, divisions) -> None:
    offices = {d.street_code: d for d in departments if d.level == "street"}
    assert len(offices) == 234
    for street in divisions["streets"]:
        office = offices[street["code"]]
        assert office.code == street["code"]
        assert office.function == "street_office"
        assert office.district_code == street["district_code"] == street["code"][:6]
        assert office.parent_code == f"{street['district_code']}-GOV"
        suffixes = {"街道": "办事处", "镇": "人民政府", "乡": "人民政府"}
        suffix = suffixes.get(street["kind"], "管理委员会")
        assert office.name == street["name"] + suffix
    assert offices["310110021"].name == "长海路街道办事处"


def test_departments_json_is_generated_from_divisions(divisions) -> None:
    built = build_departments.build(divisions)
    assert build_departments.render(built) == (ROOT / "resources" / "departments.json").read_text(
        encoding="utf-8"
    ), "departments.json is stale: run scripts/build_departments.py"
    catalog_raw = json.loads((ROOT / "resources" / "catalog" / "catalog.json").read_text("utf-8"))
    assert build_departments.check_catalog(built["departments"], catalog_raw) == []
    broken = {"nodes": [{"code": "0101010101", "name": "x", "level": 5,
                         "routing": {"mode": "district", "function": "power"}}]}
    assert build_departments.check_catalog(built["departments"], broken)  # power is city-only


# --- synthetic catalogs (benchmarks) ----------------------------------------------------


def test_synthetic_catalogs_are_valid_and_deterministic(departments) -> None:
    import gen_synthetic_catalog

    raw = gen_synthetic_catalog.generate(2281)
    assert raw == gen_synthetic_catalog.generate(2281)
    assert raw != gen_synthetic_catalog.generate(2281, seed=7)
    catalog = Catalog.model_validate(raw)
    leaves = [n for n in catalog.nodes if n.is_leaf]
    assert len(leaves) == 2281
    assert [n.name for n in catalog.nodes if n.level == 1] == DOMAINS
    codes = {n.code for n in catalog.nodes}
    assert len(codes) == len(catalog.nodes)
    for n in catalog.nodes:
        assert n.parent_code is None or (n.parent_code in codes and n.code.startswith(n.parent_code))
    assert len({n.name for n in leaves}) == len(leaves)
    assert build_departments.check_catalog([d.model_dump() for d in departments], raw) == []
    big = gen_synthetic_catalog.generate(20000)
    assert sum(1 for n in big["nodes"] if n["level"] == 5) == 20000
