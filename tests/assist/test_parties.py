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
