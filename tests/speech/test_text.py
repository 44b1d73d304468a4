"""Readable output (simplified, punctuation, numbers) and the CER used by the benchmark."""

from __future__ import annotations

import pytest

from agent_desktop.speech.text import cer, corpus_cer, normalize, normalize_for_cer


@pytest.mark.parametrize("raw, shown", [
    ("我的電話是139-1672-8845,你們處理好了打給我", "我的电话是13916728845，你们处理好了打给我。"),
    ("普通新去 晚上反而不亮", "普通新去，晚上反而不亮。"),
    ("还有其他需要帮助的吗", "还有其他需要帮助的吗？"),
    ("电话幺三九幺六七二八八四五", "电话13916728845。"),
    ("价格是3.5元", "价格是3.5元。"),
    ("我的电话是要3916728845", "我的电话是13916728845。"),  # 幺 heard as 要
    ("我要13916728845", "我要13916728845。"),
    ("我要3个", "我要3个。"),
    ("我的电话是113916728845", "我的电话是13916728845。"),
    ("编号110139167288", "编号110139167288。"),
    ("字幕由Amara.org社区提供", ""),
    ("，，好的。。", "好的。"),
])
def test_normalize(raw, shown):
    assert normalize(raw) == shown


def test_partials_get_no_closing_punctuation():
    assert normalize("我想咨询一下", final=False) == "我想咨询一下"


def test_cer_normalisation_reads_numbers_either_way():
    assert normalize_for_cer("拖欠八千五百元，被困了二十分钟！") == "拖欠8500元被困了20分钟"
    assert cer("电话是13916728845。", "电话是一三九一六七二八八四五") == 0.0
    assert cer("一万二千元", "12000元") == 0.0
    assert cer("公积金", "攻击金") == pytest.approx(2 / 3)
    assert corpus_cer([("ab", "ab"), ("公积金", "攻击金")]) == pytest.approx(2 / 5)
