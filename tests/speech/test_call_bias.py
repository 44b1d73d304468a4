"""Per-call biasing: the decoder prompt follows what the call has already said."""

from __future__ import annotations

import pytest

from agent_desktop.speech.call_bias import CallBias


@pytest.fixture(scope="module")
def call_bias(vocabulary, corrector):
    return CallBias(vocabulary, corrector)


def test_a_new_call_gets_every_district(call_bias):
    prompt = call_bias.prompt("")
    assert len(prompt) <= call_bias.max_chars
    assert all(d in prompt for d in ("黄浦区", "浦东新区", "崇明区"))
    assert "公积金" in prompt


def test_a_district_named_brings_its_streets_and_towns(call_bias):
    prompt = call_bias.prompt("我在宋江区新乔镇这边")  # heard 宋江 for 松江
    assert "松江区" in prompt and "新桥镇" in prompt and "泗泾镇" in prompt
    assert "青浦区" not in prompt and "赵巷镇" not in prompt
    assert len(prompt) <= call_bias.max_chars


def test_earlier_turns_count_too(call_bias):
    prompt = call_bias.prompt("我住在嘉定区。路上有个应景盖翻了")
    assert "江桥镇" in prompt and "窨井盖" in prompt


def test_a_sound_alike_counts_as_a_district_only_before_区(call_bias):
    assert call_bias.districts_named("宋江区的路灯") == ["松江区"]
    assert call_bias.districts_named("宋江人很多") == []
    assert call_bias.districts_named("浦东这边，还有徐汇区") == ["浦东新区", "徐汇区"]


def test_matter_terms_sounding_like_what_was_said_come_first(call_bias):
    terms = call_bias.terms_heard("我想咨询一下攻基金提取")
    assert "公积金" in terms
    prompt = call_bias.prompt("我想咨询一下攻基金提取")
    assert prompt.index("公积金") < prompt.index("群租房")
