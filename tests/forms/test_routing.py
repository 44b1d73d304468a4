"""Department suggestion: routing rule × place, with fallbacks and reasons."""

from __future__ import annotations

import pytest

from agent_desktop.domain.enums import RoutingMode
from agent_desktop.domain.models import RoutingRule
from agent_desktop.forms.routing import FUNCTION_LABELS_ZH, Fallback, Router


@pytest.fixture(scope="module")
def router(departments) -> Router:
    return Router(departments)


def test_every_leaf_resolves_for_every_district_and_street(catalog, divisions, router) -> None:
    leaves = [n for n in catalog.nodes if n.is_leaf]
    streets = divisions["streets"]
    districts = [d["code"] for d in divisions["districts"]]
    assert len(districts) == 16 and len(streets) == 234
    for leaf in leaves:
        rule = leaf.routing
        for district in districts:
            s = router.suggest(leaf, district_code=district)
            assert s.department is not None, (leaf.name, district)
            if rule.mode == RoutingMode.STREET:
                assert s.fallback is Fallback.NO_STREET
                assert s.department.code == f"{district}-GOV"
            else:
                assert s.fallback is None, (leaf.name, district, s.reason)
                assert s.department.function == rule.function
                if rule.mode == RoutingMode.DISTRICT:
                    assert s.department.district_code == district
                else:
                    assert s.department.level == "city"
        for street in streets:
            s = router.suggest(leaf, street["district_code"], street["code"])
            assert s.department is not None and s.fallback is None, (leaf.name, street["name"])
            if rule.mode == RoutingMode.STREET:
                assert s.department.street_code == street["code"]
                assert s.department.function == "street_office"
            elif rule.mode == RoutingMode.DISTRICT:
                assert s.department.district_code == street["district_code"]
                assert s.department.function == rule.function


def test_every_function_has_a_chinese_label(catalog, departments) -> None:
    functions = {d.function for d in departments} | {
        n.routing.function for n in catalog.nodes if n.is_leaf
    }
    assert functions <= set(FUNCTION_LABELS_ZH)


def test_street_rule_reason(router, leaf) -> None:
    s = router.suggest(leaf("小区内违法搭建"), district_code="310110", street_code="310110021")
    assert s.department.code == "310110021"
    assert s.department.name == "长海路街道办事处"
    assert s.reason == "属地派单：杨浦区长海路街道办事处（按事项“小区内违法搭建”属地规则）"
    assert s.ok and s.fallback is None


def test_district_and_city_rule_reasons(router, leaf) -> None:
    s = router.suggest(leaf("雨后道路积水"), district_code="310110", street_code="310110021")
    assert s.department.code == "310110-WATER"
    assert s.reason == "区级承办：杨浦区水务局（事项“雨后道路积水”由所在区水务部门承办）"
    s = router.suggest(leaf("公积金提取"), district_code="310110")
    assert s.department.code == "SH-HOUSING-FUND"
    assert s.reason.startswith("市级承办：上海市公积金管理中心")
    # a city rule needs no place at all
    assert router.suggest(leaf("公积金提取")).department.code == "SH-HOUSING-FUND"


def test_street_rule_without_street_falls_back_to_the_district_government(router, leaf) -> None:
    s = router.suggest(leaf("群租"), district_code="310115")
    assert s.department.code == "310115-GOV" and s.department.name == "浦东新区人民政府"
    assert s.fallback is Fallback.NO_STREET
    assert s.reason.startswith("未选择街道/镇，暂派浦东新区人民政府")


def test_unknown_street_code_falls_back_to_the_district_government(router, leaf) -> None:
    s = router.suggest(leaf("群租"), district_code="310110", street_code="310110999")
    assert s.department.code == "310110-GOV"
    assert s.fallback is Fallback.UNKNOWN_STREET
    assert "310110999" in s.reason and "无对应办事处" in s.reason


def test_no_district(router, leaf) -> None:
    s = router.suggest(leaf("雨后道路积水"))
    assert s.department.code == "SH-WATER"
    assert s.fallback is Fallback.NO_DISTRICT
    assert s.reason.startswith("未选择区，暂派市级水务部门：上海市水务局")
    s = router.suggest(leaf("群租"))  # street offices have no city-level counterpart
    assert s.department is None and not s.ok
    assert s.fallback is Fallback.NO_DISTRICT
    assert "请先选择区" in s.reason


def test_district_without_that_bureau(departments, leaf) -> None:
    router = Router(d for d in departments if d.code != "310110-WATER")
    s = router.suggest(leaf("雨后道路积水"), district_code="310110")
    assert s.department.code == "310110-GOV"
    assert s.fallback is Fallback.NO_DISTRICT_BUREAU
    assert s.reason.startswith("杨浦区无水务部门，改派杨浦区人民政府")


def test_street_outside_the_chosen_district_wins(router, leaf) -> None:
    s = router.suggest(leaf("群租"), district_code="310104", street_code="310110021")
    assert s.department.code == "310110021"
    assert s.reason.endswith("；所选街道/镇不在所选区，已按街道/镇所属区")
    # street without district: the district comes from the street code
    s = router.suggest(leaf("雨后道路积水"), street_code="310110021")
    assert s.department.code == "310110-WATER" and s.fallback is None


def test_unknown_district(router, leaf) -> None:
    s = router.suggest(leaf("雨后道路积水"), district_code="320102")
    assert s.department is None
    assert s.fallback is Fallback.UNKNOWN_DISTRICT
    assert "320102" in s.reason


def test_rule_without_a_leaf_and_missing_city_department(router, catalog) -> None:
    s = router.suggest(RoutingRule(mode="district", function="housing"), district_code="310110")
    assert s.department.code == "310110-HOUSING"
    assert "该事项" in s.reason
    s = router.suggest(RoutingRule(mode="city", function="no_such_function"))
    assert s.department is None and s.fallback is Fallback.NONE_FOUND
    inner = next(n for n in catalog.nodes if not n.is_leaf)
    with pytest.raises(ValueError):
        router.suggest(inner)


def test_lookups(router) -> None:
    assert router.department("310110021").name == "长海路街道办事处"
    assert router.department("nope") is None
    assert router.district_name("310110") == "杨浦区"
    assert router.street_office("310110021").code == "310110021"
    assert router.district_department("310110", "market").name == "杨浦区市场监督管理局"
    assert router.city_department("power").name == "国网上海市电力公司"
