"""Place extraction and ranking: the behaviours an operator relies on."""

import pytest

from agent_desktop.geo import GeoService, Level
from agent_desktop.geo.aliases import estate_name, street_aliases


@pytest.fixture(scope="module")
def geo() -> GeoService:
    return GeoService.for_city("shanghai")


def codes(result):
    b = result.best
    return (b.district_code, b.street_code) if b else (None, None)


@pytest.mark.parametrize(("text", "district", "street"), [
    ("长海路街道这边", "310110", "310110021"),
    ("我是长海路这边的", "310110", "310110021"),  # suffix 街道 omitted
    ("我们曹杨新村小区", "310107", "310107005"),
    ("我住在七宝那边", "310112", "310112102"),  # 镇 omitted
    ("浦东新区张江镇附近", "310115", "310115125"),
    ("长宁区虹桥", "310105", None),  # street checked below
])
def test_names_with_omitted_suffixes_and_fillers(geo, text, district, street):
    got = codes(geo.locate(text))
    assert got[0] == district
    if street:
        assert got[1] == street


def test_a_district_disambiguates_a_shared_street_name(geo):
    assert geo.locate("长宁区虹桥").best.street_name == "虹桥街道"
    assert geo.locate("闵行区虹桥这边").best.street_name == "虹桥镇"
    both = {c.street_name for c in geo.locate("虹桥那边").candidates[:2]}
    assert both == {"虹桥街道", "虹桥镇"}


def test_road_is_never_taken_for_a_city_elsewhere(geo):
    result = geo.locate("杨浦区营口路一幢大厦门口")
    assert codes(result) == ("310110", None)
    assert all("营口" not in c.name for c in result.candidates)
    assert "营口路" in result.unresolved
    assert result.address == "杨浦区营口路一幢大厦门口"


def test_road_only_sentence_places_the_district_but_not_the_street(geo):
    result = geo.locate("我家住在营口路，楼下饭店油烟很大")
    assert codes(result) == ("310110", None)  # 营口路 lies wholly in 杨浦区
    assert result.best.level == "address"
    assert "营口路" in result.ambiguous_streets  # which street/town: not known offline
    assert result.unresolved == ["营口路"]  # still left to a geocoder or the operator


def test_road_unknown_offline_is_not_resolved(geo):
    result = geo.locate("嘉松南路那边有人倒垃圾")
    assert result.candidates == []
    assert result.unresolved == ["嘉松南路"]


def test_short_names_inside_roads_and_rivers_are_not_places(geo):
    assert geo.locate("闵行路上有个坑").candidates == []
    assert geo.locate("中山北路3663号附近").candidates == []
    assert geo.locate("黄浦江边上有人钓鱼").candidates == []
    assert geo.locate("宝山路街道").best.district_name == "静安区"


def test_house_number_is_kept_with_its_road(geo):
    result = geo.locate("徐汇区虹梅路2000号门口")
    assert [(r.name, r.number) for r in result.roads] == [("虹梅路", "2000号")]
    # a road runs through several streets: 虹梅路2000号 is not placed in 虹梅路街道 by name
    assert codes(result) == ("310104", None)
    assert result.unresolved == ["虹梅路2000号"]


def test_a_street_named_after_its_road_means_the_street_only_as_an_area(geo):
    assert codes(geo.locate("我是长海路这边的居民")) == ("310110", "310110021")
    assert codes(geo.locate("控江路街道办事处电话是多少")) == ("310110", "310110012")
    # a thing on the road: the road (in 杨浦区 only), not 控江路街道
    assert codes(geo.locate("控江路菜场门口乱停车")) == ("310110", None)
    # a road across 虹口区 and 杨浦区: nothing placed, and said so
    result = geo.locate("四平路上公交站牌倒了")
    assert result.candidates == []
    assert set(result.ambiguous_districts["四平路"]) == {"310109", "310110"}


def test_no_place_no_candidate(geo):
    result = geo.locate("我想咨询一下公积金怎么提取")
    assert result.candidates == [] and result.unresolved == []


def test_estate_candidate_carries_its_street_and_committees(geo):
    best = geo.locate("龙柏七村这边有人高空抛物").best
    assert best.level is Level.ESTATE
    assert (best.district_name, best.street_name) == ("闵行区", "虹桥镇")
    assert best.committee_codes and all(c.startswith(best.street_code)
                                        for c in best.committee_codes)


def test_district_candidates_have_approximate_points_others_none(geo):
    district = geo.locate("杨浦区").best
    assert district.approximate and district.point is not None
    assert geo.locate("长海路街道").best.point is None


@pytest.mark.parametrize(("committee", "expected"), [
    ("曹杨新村第一居委会", ("曹杨新村", "estate")),
    ("航华一村第六居委会", ("航华一村", "estate")),
    ("莲溪四居委会", ("莲溪", "estate")),
    ("共和村村委会", ("共和村", "village")),
    ("凌河路五居委会", None),  # named after its road: a road alone is not resolved
    ("新村居委会", None),  # generic
])
def test_estate_names_from_committees(committee, expected):
    assert estate_name(committee) == expected


def test_street_short_forms():
    assert [a.text for a in street_aliases("真如镇街道", "街道")] == ["真如镇街道", "真如镇", "真如"]
    assert [a.text for a in street_aliases("嘉定镇街道", "街道", reserved={"嘉定"})] == [
        "嘉定镇街道", "嘉定镇"]
    assert "川沙" in [a.text for a in street_aliases("川沙新镇", "镇")]


@pytest.mark.parametrize(("text", "street"), [
    ("常海路街道这边", "长海路街道"),  # 常/长: a recogniser's homophone
    ("五角常那边", "五角场街道"),
    ("我在浦东新区张将镇", "张江镇"),
])
def test_homophones_from_speech_recognition(geo, text, street):
    best = geo.locate(text).best
    assert best.street_name == street
    assert best.note.startswith("sounds like")


def test_homophone_matching_needs_a_shared_character(geo):
    # "葡萄" sounds like 普陀 but shares no character and is two characters long
    assert geo.locate("我买的葡萄坏了").candidates == []
