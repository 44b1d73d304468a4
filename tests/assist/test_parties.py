"""The reported party: named as the caller says it, registered name when the
legal-entity directory knows it."""

from __future__ import annotations

from agent_desktop.assist.parties import guess_reported_party
from agent_desktop.kb.entities import LegalEntityDirectory

from .conftest import conversation


def test_a_registered_entity_gets_its_registered_name():
    directory = LegalEntityDirectory.default()
    guess = guess_reported_party(conversation(
        ("caller", "我在那个凯达健身办的卡，现在凯达健身公司说要关门了钱也不退")), directory)
    assert guess.value == "上海凯达健身服务有限公司"
    assert "凯达健身" in guess.evidence[0].quote


def test_an_unknown_shop_keeps_the_callers_words():
    guess = guess_reported_party(conversation(("caller", "楼下那家老王烧烤店天天油烟")),
                                 LegalEntityDirectory.default())
    assert guess is not None and "烧烤店" in guess.value and not guess.value.startswith("那")


def test_offices_are_not_reported_parties():
    assert guess_reported_party(conversation(("caller", "我去过派出所和街道办了")), None) is None


def test_a_name_said_outright_beats_the_shop_described_before_it():
    guess = guess_reported_party(conversation(
        ("caller", "我要投诉一家面馆，汤里有头发"),
        ("caller", "店名叫……“兰州正宗拉面”，在路口那边")), None)
    assert guess.value == "兰州正宗拉面"


def test_a_description_alone_is_no_party():
    assert guess_reported_party(conversation(("caller", "我想反映一个汽修店天天喷漆")),
                                None) is None


def test_call_them_and_road_names_are_not_names():
    for said in ("我叫了售后来看过，还是不行", "那条路叫什么路我忘了",
                 "物业我叫他们来看过，一直不来"):
        assert guess_reported_party(conversation(("caller", said)), None) is None, said


def test_a_name_on_a_sign_and_sentences_that_end_in_shop():
    guess = guess_reported_party(conversation(
        ("caller", "有一排小店面，里面有一家挂着“安康诊所”的牌子，什么执照都没有")), None)
    assert guess.value == "安康诊所"
    for said in ("我今年五月份从公司出来", "我在两家公司做过", "伊跟我差不多辰光进厂"):
        assert guess_reported_party(conversation(("caller", said)), None) is None, said


def test_the_callers_own_name_is_no_party():
    for said in ("我要投诉一家饭店，吃坏肚子了。我叫王建明", "投诉那个健身房，我的名字叫李红梅"):
        assert guess_reported_party(conversation(("caller", said)), None) is None, said
