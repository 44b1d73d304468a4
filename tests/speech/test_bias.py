"""Domain biasing: the derived vocabulary, its prompt, and pinyin post-correction."""

from __future__ import annotations

import pytest

from agent_desktop.paths import resources_dir
from agent_desktop.speech.bias import Vocabulary, build_vocabulary, syllable_similarity


def test_vocabulary_is_derived_from_the_reference_data(vocabulary):
    rebuilt = build_vocabulary(resources_dir())
    assert rebuilt.terms.keys() == vocabulary.terms.keys()
    assert "浦东新区" in vocabulary.terms["district"]
    assert "周浦镇" in vocabulary.terms["street"]
    assert "公积金" in vocabulary.terms["matter"] or "公积金" in vocabulary.terms["hotline"]
    assert len(vocabulary.terms["road"]) > 100 and len(vocabulary.terms["estate"]) > 1000
    # phrases are no correction targets
    assert not any("了" in t for t in vocabulary.terms["matter"])


def test_prompt_is_short_simplified_and_names_the_districts(vocabulary):
    prompt = vocabulary.prompt()
    assert len(prompt) <= 120
    assert "黄浦区" in prompt and "12345" in prompt


@pytest.mark.parametrize("heard, fixed", [
    ("我想咨询一下攻击金提取需要什么材料", "我想咨询一下公积金提取需要什么材料"),
    ("在徐慧区洪梅路街档洪梅路168号门口", "在徐汇区虹梅路街道虹梅路168号门口"),
    ("普通新去州普阵这边的路灯", "浦东新区周浦镇这边的路灯"),
    ("小区门口的硬紧盖坏了", "小区门口的窨井盖坏了"),
    ("消防隐换很大", "消防隐患很大"),
])
def test_corrector_fixes_homophones_of_hotline_terms(corrector, heard, fixed):
    text, corrections = corrector.correct(heard)
    assert text == fixed
    assert corrections and all(c.term in fixed for c in corrections)


@pytest.mark.parametrize("sentence", [
    "网络攻击不归我们管",
    "我们楼上的邻居在群租房里给电动自行车充电",
    "我想问一下户口迁移到上海需要办理哪些手续",
    "好的，谢谢你们。",
    "电话13916728845",
])
def test_corrector_leaves_ordinary_speech_alone(corrector, sentence):
    assert corrector.correct(sentence) == (sentence, [])


def test_syllable_similarity():
    assert syllable_similarity("jin", "jin") == 1.0
    assert syllable_similarity("jin", "jing") == 0.8
    assert syllable_similarity("zhou", "zou") == 0.8
    assert syllable_similarity("dao", "dang") == 0.5
    assert syllable_similarity("ma", "shui") == 0.0


def test_vocabulary_round_trips(tmp_path, vocabulary):
    vocabulary.save(tmp_path / "v.json")
    assert Vocabulary.load(tmp_path / "v.json").terms == vocabulary.terms


@pytest.mark.parametrize("heard", ["松江区新浦区", "松江区、新浦区", "在松江区新浦区这边"])
def test_a_district_is_never_put_after_another_district(corrector, heard):
    # issue 13: 松江区新桥镇 was "corrected" to 松江区、青浦区, a different district
    text, corrections = corrector.correct(heard)
    assert "青浦区" not in text
    assert not any(c.category == "district" for c in corrections)


def test_a_place_correction_shares_a_syllable_with_what_was_heard(corrector):
    text, corrections = corrector.correct("宋江区新乔镇的路灯坏了")
    assert text.startswith("松江区新桥镇")
    assert [(c.heard, c.term) for c in corrections] == [("宋江区", "松江区"), ("新乔镇", "新桥镇")]
    for c in corrections:
        assert any(a == b for a, b in zip(corrector._pinyin(c.heard), corrector._pinyin(c.term)))


def test_a_decode_that_parrots_the_prompt_is_recognised(vocabulary):
    from agent_desktop.speech.bias import is_prompt_echo

    prompt = vocabulary.prompt()
    assert is_prompt_echo("黄浦区、游泳、游泳、游泳、游泳、游泳。", prompt)
    assert is_prompt_echo("宝山区、浦东新区。", prompt)
    assert not is_prompt_echo("我的电话是13916728845，你们处理好了打给我。", prompt)
    assert not is_prompt_echo("松江区新桥镇这边的路灯坏了好几天了。", prompt)
    assert not is_prompt_echo("浦东新区。", prompt)  # an answer to "which district?"


def test_corrections_touch_only_what_was_heard_unsure(corrector):
    heard = "宋江区新乔镇的路灯坏了"
    sure = [0.99] * len(heard)
    assert corrector.correct(heard, sure, 0.95) == (heard, [])
    unsure = list(sure)
    unsure[1] = 0.4  # 江 of 宋江区 only
    text, corrections = corrector.correct(heard, unsure, 0.95)
    assert text.startswith("松江区新乔镇") and [c.term for c in corrections] == ["松江区"]


def test_a_garbled_line_gets_no_district(corrector):
    # the noisy tune half: 普陀区 said, 付贤区 heard in a line heard at 0.53 on average
    heard = "付贤区、金浦区、接到油箱"
    text, corrections = corrector.correct(heard, [0.5] * len(heard), 0.95)
    assert "奉贤区" not in text and not any(c.category == "district" for c in corrections)
    text, _ = corrector.correct(heard, [0.8] * 2 + [0.3] + [0.8] * (len(heard) - 3), 0.95)
    assert text.startswith("奉贤区")  # the same sound in a line heard well is corrected
