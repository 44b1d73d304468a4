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
