"""The place of the matter: the caller's words, corrections, and the operator's guesses."""

from __future__ import annotations

from agent_desktop.assist.places import PlaceListener

from .conftest import conversation


def guess(geo, *lines):
    return {k: g.value for k, g in PlaceListener(geo).guess(conversation(*lines)).items()}


def test_district_street_and_address(geo):
    found = guess(geo, ("caller", "在徐汇区虹梅路街道，虹梅路168号门口"))
    assert found["place.district_code"] == "310104"
    assert geo.gazetteer.streets[found["place.street_code"]].name == "虹梅路街道"
    assert "虹梅路168号" in found["place.address"]


def test_a_correction_wins_and_the_denied_district_is_never_named(geo):
    found = guess(geo, ("caller", "我在徐汇"), ("operator", "徐汇哪里？"),
                  ("caller", "哦不是徐汇，是长宁区，天山路街道那块"))
    assert found["place.district_code"] == "310105"  # 长宁区
    assert "徐汇" not in found.get("place.address", "")


def test_an_old_district_name(geo):
    found = guess(geo, ("caller", "就在闸北那边，共和新路"))
    assert found["place.district_code"] == "310106"  # 闸北 is part of 静安区 since 2015


def test_the_operators_guess_counts_only_when_the_caller_agrees(geo):
    agreed = guess(geo, ("caller", "就我们小区门口"), ("operator", "是浦东新区吗？"),
                   ("caller", "对，浦东的"))
    assert agreed["place.district_code"] == "310115"
    denied = guess(geo, ("caller", "就我们小区门口"), ("operator", "是浦东新区吗？"),
                   ("caller", "不是的"))
    assert "place.district_code" not in denied


def test_the_address_is_tidied_as_a_dispatcher_writes_it(geo):
    found = guess(geo, ("caller", "普陀，就是那个……武宁路，跟那个……枣阳路，路口这里。"))
    assert found["place.address"] == "武宁路枣阳路路口"  # no fillers, no district again


def test_a_corrected_house_number_and_spoken_numbers(geo):
    found = guess(geo, ("caller", "长宁，仙霞路，那个……你就写仙霞路三百弄吧……不对，三百二十弄，六号楼。"))
    assert found["place.address"] == "仙霞路320弄6号楼"


def test_a_sentence_that_only_sounds_like_a_road_is_no_address(geo):
    found = guess(geo, ("caller", "虹口区欧阳路五百弄"),
                  ("caller", "再这样下去电线都要短路了"))
    assert found["place.address"] == "欧阳路500弄"


def test_a_place_denied_once_is_denied_in_the_whole_utterance(geo):
    found = guess(geo, ("caller", "在徐汇……不对，不是徐汇，是长宁那边，天山路上。我老搞错，因为我家住在徐汇"))
    assert found["place.district_code"] == "310105"


def test_the_district_the_caller_named_is_not_moved_by_a_name_alike(geo):
    # 小花园 is also a lane in 黄浦; 陆家嘴的陆 spells a surname
    found = guess(geo, ("caller", "长宁区，茅台路五百六十八弄"),
                  ("caller", "底楼那家把前面的小花园围起来了"),
                  ("caller", "我姓陆，陆家嘴的陆"))
    assert found["place.district_code"] == "310105"
    found = guess(geo, ("caller", "金山石化，卫零路靠蒙山路"), ("caller", "我姓陆，陆家嘴的陆"))
    assert found["place.district_code"] == "310116"


def test_a_landmark_still_places_the_call_when_only_part_of_its_name_is_a_street(geo):
    found = guess(geo, ("caller", "我在虹桥火车站打的车"))
    assert found["place.district_code"] == "310112"  # 闵行区, not 长宁's 虹桥街道
