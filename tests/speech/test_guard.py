"""Guarded corrections (issue 13): never a different district, never an insertion that
shares no sound with what was heard, only low-confidence stretches, the original kept."""

from __future__ import annotations

import pytest

from agent_desktop.speech.bias import Correction
from agent_desktop.speech.guard import GuardedCorrector, carry_confidence


@pytest.fixture(scope="module")
def guard(vocabulary, corrector):
    return GuardedCorrector(vocabulary, corrector, max_confidence=0.8)


def low(text: str) -> list[float]:
    return [0.1] * len(text)


@pytest.mark.parametrize("heard", [
    "松江区新浦区这边的路灯坏了", "松江区、新浦区", "在松江区新浦区这边", "松江区新乔镇这边的路灯坏了",
])
def test_never_a_different_district(guard, heard):
    # issue 13: 松江区新桥镇 was "corrected" to 松江区、青浦区
    for confidence in (None, low(heard)):
        text, fixes = guard.correct(heard, confidence)
        assert "青浦区" not in text
        assert not any(f.category == "district" for f in fixes)


def test_a_district_is_not_replaced_when_the_utterance_names_another(guard):
    heard = "松江区的路灯坏了，我住在清浦区"
    text, fixes = guard.correct(heard, low(heard))
    assert text == heard and fixes == []
    # alone, the same stretch is put right
    text, fixes = guard.correct("我住在清浦区", low("我住在清浦区"))
    assert text == "我住在青浦区" and fixes[0].heard == "清浦区"


def test_a_town_must_belong_to_the_district_named(guard):
    assert guard.correct("宋江区新乔镇的路灯坏了")[0] == "松江区新桥镇的路灯坏了"
    # 新桥镇 is in 松江区, not in 徐汇区
    text, fixes = guard.correct("徐汇区新乔镇的路灯坏了", low("徐汇区新乔镇的路灯坏了"))
    assert "新桥镇" not in text
    c = Correction(3, 6, "新乔镇", "新桥镇", "street", 1.0)
    assert guard.why_not("徐汇区新乔镇的路灯坏了", c, None) == "a street of another district"


def test_never_an_insertion_sharing_no_sound(guard):
    text = "我家住在马路边上"
    c = Correction(4, 6, "马路", "徐汇", "district", 0.9)
    assert guard.why_not(text, c, None) == "no sound in common"
    # every correction made shares a syllable with what was heard
    fixes = [f for heard in ("在徐慧区洪梅路街档洪梅路168号门口", "普通新去州普阵这边的路灯",
                             "家庭区、江潜区、松南路上有个预警盖发轮", "小区门口的硬紧盖坏了")
             for f in guard.correct(heard, low(heard))[1]]
    assert len(fixes) >= 5
    for f in fixes:
        pinyin = guard._pinyin
        assert any(a == b for a, b in zip(pinyin(f.heard), pinyin(f.corrected))), f


def test_a_matter_word_never_replaces_a_place_being_named(guard):
    text = "奉贤区金会镇的路灯"
    c = Correction(3, 6, "金会镇", "金会费", "matter", 0.9)
    assert guard.why_not(text, c, None) == "a place is being named here"


def test_only_low_confidence_stretches_are_touched(guard):
    heard = "小区门口的硬紧盖坏了"
    sure = [0.95] * len(heard)
    assert guard.correct(heard, sure) == (heard, [])
    unsure = sure[:5] + [0.3, 0.9, 0.4] + sure[8:]
    text, fixes = guard.correct(heard, unsure)
    assert text == "小区门口的窨井盖坏了"
    assert fixes[0].confidence == 0.3


def test_the_original_is_kept_beside_the_correction(guard):
    heard = "我想咨询一下攻击金提取需要什么材料"
    text, (fix,) = guard.correct(heard, low(heard))
    d = fix.as_dict()
    assert d["heard"] == "攻击金提取" and d["corrected"] == "公积金提取"
    assert text[d["start"]:d["end"]] == d["corrected"]
    assert heard[d["start"]:d["end"]] == d["heard"]
    assert "公积金提取" in d["reason"] and "0.10" in d["reason"]


def test_confidence_follows_the_text_through_normalisation():
    raw = "我的電話是 139 1672 8845"
    conf = [0.9] * len(raw)
    conf[3] = 0.2  # 話
    norm = "我的电话是13916728845。"
    carried = carry_confidence(raw, conf, norm)
    assert len(carried) == len(norm)
    assert carried[3] == 0.2 and carried[0] == 0.9
    assert carry_confidence(raw, [], norm) is None
