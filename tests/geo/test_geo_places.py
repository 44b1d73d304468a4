"""Every place a caller names: committees without 居委 or abbreviated, estates named after
their road, former district names, curated landmarks ranked by where they are, roads that
place a district but not a street — and the curated data and place set behind them."""

import importlib.util
import json
from pathlib import Path

import pytest

from agent_desktop.geo import GeoService
from agent_desktop.geo.aliases import committee_aliases, district_aliases
from agent_desktop.geo.curated import KIND_SOURCE, build
from agent_desktop.paths import resource

ROOT = Path(__file__).resolve().parents[2]
CITY = resource("geo", "shanghai")
YUEPU, XIDU, HUINAN = "310113104", "310120001", "310115131"  # 月浦镇, 西渡街道, 惠南镇
XINHONG, ZHUQIAO, XUJING = "310112008", "310115139", "310118106"  # 新虹街道, 祝桥镇, 徐泾镇


@pytest.fixture(scope="module")
def geo() -> GeoService:
    return GeoService.for_city("shanghai")


def codes(result):
    best = result.best
    return (best.district_code, best.street_code) if best else (None, None)


# --- committees ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, street", [
    ("我是庆安第五的，楼道灯坏了", YUEPU),
    ("鸿宝第三那边有人养鸽子", XIDU),
    ("惠康第二这里垃圾没人收", HUINAN),
])
def test_committee_named_without_juwei(geo, text, street):
    result = geo.locate(text)
    assert codes(result) == (street[:6], street)
    assert result.best.level == "committee"


@pytest.mark.parametrize("text, committee", [
    ("我住在庆安五居那边", "310113104024"),  # 庆安第五居委会
    ("鸿宝三这边停水了", "310120001003"),  # 鸿宝第三社区居委会
    ("庆安5居门口有人摆摊", "310113104024"),
])
def test_committee_abbreviated(geo, text, committee):
    best = geo.locate(text).best
    assert best.committee_codes == (committee,)
    assert best.street_code == committee[:9]


def test_committee_aliases_leave_generic_and_placeholder_names_alone():
    assert committee_aliases("新村第一居委会") == []  # every district has one
    assert committee_aliases("虚拟社区居委会") == []
    assert committee_aliases("共和村村委会") == []  # villages are named as villages


# --- estates -----------------------------------------------------------------------------------

def test_estate_named_after_its_road_is_the_committee_street(geo):
    result = geo.locate("我住在乐国路小区，楼下有人烧东西")
    assert codes(result) == ("310118", XUJING)
    assert result.best.committee_codes == ("310118106026",)


def test_estate_from_committee_names(geo):
    assert codes(geo.locate("春申景城小区门口的垃圾箱满了")) == ("310112", "310112108")


# --- former district names ---------------------------------------------------------------------

@pytest.mark.parametrize("text, district", [
    ("原来闸北那块，现在叫静安", "310106"),
    ("我是南汇的，想问下动迁", "310115"),
    ("卢湾区那边的老房子", "310101"),
    ("川沙县那时候的老宅子", "310115"),
    ("崇明县城桥镇这边", "310151"),
])
def test_former_district_names(geo, text, district):
    assert geo.locate(text).best.district_code == district


def test_former_names_are_district_aliases_and_do_not_shadow_towns(geo):
    assert "闸北" in district_aliases("静安区")
    assert "南汇" in district_aliases("浦东新区")
    # 南汇新城镇 (临港) keeps its own name
    assert codes(geo.locate("南汇新城镇这边")) == ("310115", "310115145")


# --- landmarks ---------------------------------------------------------------------------------

def test_hongqiao_railway_station_lands_in_minhang_not_changning(geo):
    result = geo.locate("虹桥火车站出租车候车区有人拉客")
    assert codes(result) == ("310112", XINHONG)
    assert result.best.level == "landmark"
    # no reading of 虹桥 (长宁区 虹桥街道, 闵行区 虹桥镇) from the words of its name
    assert all(c.district_code == "310112" and c.street_code == XINHONG
               for c in result.candidates)


@pytest.mark.parametrize("text, district, street", [
    ("我在浦东机场二号航站楼", "310115", ZHUQIAO),
    ("虹桥机场T2到达层", "310112", XINHONG),
    ("瑞金医院门口黄牛倒号", "310101", "310101023"),
    ("七宝老街有商家强买强卖", "310112", "310112102"),
    ("宜山路站出口有人发传单", "310104", None),
])
def test_landmarks_place_by_where_they_are(geo, text, district, street):
    assert codes(geo.locate(text)) == (district, street)


def test_landmark_names_are_not_left_unresolved(geo):
    result = geo.locate("华山医院门口有人倒卖专家号")
    assert result.best.name == "复旦大学附属华山医院"
    assert result.unresolved == []  # not "医院" as an unknown landmark


def test_a_crossing_between_two_districts_offers_both(geo):
    result = geo.locate("南浦大桥上堵车")
    assert {c.district_code for c in result.candidates} == {"310101", "310115"}
    assert all(c.street_code is None for c in result.candidates)


def test_landmark_is_in_the_locate_answer_the_map_tab_gets(geo):
    d = geo.locate("虹桥火车站").to_dict()
    assert d["candidates"][0]["level"] == "landmark"
    assert d["candidates"][0]["label"] == "上海虹桥站 · 新虹街道 · 闵行区"


# --- roads -------------------------------------------------------------------------------------

def test_road_in_one_district_places_the_district_and_says_the_street_is_unknown(geo):
    result = geo.locate("世纪大道人行道上全是共享单车")
    assert codes(result) == ("310115", None)
    assert "世纪大道" in result.ambiguous_streets
    assert result.to_dict()["ambiguous_streets"] == {"世纪大道": []}


def test_road_across_districts_places_nothing(geo):
    result = geo.locate("中山北路高架下面有人睡觉")
    assert result.candidates == []
    assert len(result.ambiguous_districts["中山北路"]) >= 3


def test_road_in_one_street_places_the_street(geo):
    assert codes(geo.locate("陆家嘴环路上有人摆摊")) == ("310115", "310115005")


def test_road_agreeing_with_a_named_district_adds_no_candidate(geo):
    result = geo.locate("杨浦区营口路那边")
    assert [c.name for c in result.candidates] == ["杨浦区"]


# --- the curated data --------------------------------------------------------------------------

def test_committed_curated_tables_are_what_the_builder_makes():
    landmarks, roads = build(CITY)
    assert json.loads((CITY / "landmarks.json").read_text(encoding="utf-8")) == landmarks
    assert json.loads((CITY / "roads.json").read_text(encoding="utf-8")) == roads


def test_at_least_500_landmarks_of_every_kind_each_with_its_source(geo):
    g = geo.gazetteer
    assert len(g.landmarks) >= 500
    kinds = {lm.kind for lm in g.landmarks}
    assert {"rail", "metro", "hospital", "university", "park", "mall", "market", "bridge",
            "tunnel", "government"} <= kinds
    sources = (resource("geo") / "SOURCES.md").read_text(encoding="utf-8")
    for lm in g.landmarks:
        assert lm.source == KIND_SOURCE[lm.kind]
        assert lm.source in sources
        assert all(d in g.districts for d in lm.district_codes)
        if lm.street_code:
            assert g.streets[lm.street_code].district_code == lm.district_codes[0]


def test_builder_rejects_a_street_outside_its_district():
    from agent_desktop.geo.curated import build_landmarks
    divisions = json.loads((CITY / "divisions.json").read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="not a street/town"):
        build_landmarks("rail 上海虹桥站 长宁区 新虹街道", divisions)


# --- the independent place set -----------------------------------------------------------------

def _bench():
    spec = importlib.util.spec_from_file_location("bench_geo", ROOT / "bench" / "bench_geo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_place_set_is_large_labelled_and_split():
    bench = _bench()
    dev, holdout = bench.load_set("dev"), bench.load_set("holdout")
    assert len(dev) + len(holdout) >= 150
    kinds = {"district", "street", "committee", "estate", "landmark", "road", "old_name"}
    assert {r["kind"] for r in dev} == kinds == {r["kind"] for r in holdout}
    assert not {r["text"] for r in dev} & {r["text"] for r in holdout}
    divisions = json.loads((CITY / "divisions.json").read_text(encoding="utf-8"))
    streets = {s["code"]: s["district_code"] for s in divisions["streets"]}
    for r in dev + holdout:
        if r["street_code"]:
            assert streets[r["street_code"]] == r["district_code"], r["id"]


def test_holdout_accuracy_floor(geo):
    """The issue's aim on the holdout half (measured, not tuned on): district >= 98 %,
    street >= 96 %."""
    scores = _bench().score(geo, _bench().load_set("holdout"), False)
    assert scores["district"]["all"]["accuracy"] >= 0.98
    assert scores["street"]["all"]["accuracy"] >= 0.96
