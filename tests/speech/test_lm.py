"""The domain character LM and n-best rescoring."""

from __future__ import annotations

import json

import pytest

from agent_desktop.paths import resource, resources_dir
from agent_desktop.speech.lm import build_domain_lm, domain_sentences, lm_text

DISTRICTS = ["浦东新区", "松江区", "青浦区", "嘉定区", "宝山区", "浦东", "松江", "青浦"]


@pytest.fixture(scope="module")
def lm():
    return build_domain_lm()


def test_the_lm_prefers_hotline_words(lm):
    assert lm.per_char("我们小区门口的窨井盖坏了") > lm.per_char("我们小区门口的应景盖坏了")
    assert lm.per_char("想问一下怎么补办") > lm.per_char("想问一下怎么补伴")


def test_rescoring_picks_the_domain_hypothesis_within_the_gap(lm):
    nbest = [("嘉定区江桥镇有个窨井盖翻轮", -0.38), ("嘉定区江桥镇有个窨井盖翻了", -0.44)]
    assert lm.rescore(nbest, 0.5, DISTRICTS, 0.2)[0].endswith("翻了")
    assert lm.rescore(nbest, 0.0, DISTRICTS, 0.2) == nbest[0]
    assert lm.rescore(nbest, 0.5, DISTRICTS, 0.01) == nbest[0]  # too far behind


def test_rescoring_never_adds_a_second_district(lm):
    nbest = [("我在宝山区到近阵", -0.40), ("我在宝山区、嘉定区", -0.41)]
    assert lm.rescore(nbest, 5.0, DISTRICTS, 1.0) == nbest[0]


def test_rescoring_never_changes_a_phone_number(lm):
    nbest = [("我的电话是13916728845", -0.30), ("我的电话是123916728845", -0.31)]
    assert lm.rescore(nbest, 5.0, DISTRICTS, 1.0) == nbest[0]


def test_the_lm_never_saw_the_test_sentences():
    sentences = {lm_text(s) for s in domain_sentences(resources_dir())}
    spec = json.loads(resource("speech", "utterances.json").read_text(encoding="utf-8"))
    for u in spec["utterances"]:
        ref = lm_text(u["text"])
        assert ref not in sentences
        assert not any(len(s) >= 12 and s in ref for s in sentences), u["id"]
