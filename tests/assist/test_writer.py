"""The offline writer: the caller's account in the content, cleaned, and a tidy address."""

from __future__ import annotations

from agent_desktop.assist.address import spoken_number, tidy_address
from agent_desktop.assist.writer import Facts, OfflineWriter

from .conftest import conversation

FACTS = Facts(appeal_type="complaint", matter_name="路灯损坏", place_text="静安区",
              address="", caller_name="赵先生", reported_party="")


def write(*lines, facts=FACTS):
    return OfflineWriter().write(conversation(*lines), facts)


def test_the_opening_statement_is_kept_even_when_the_matter_guess_is_wrong():
    w = write(("operator", "您好，12345热线。"),
              ("caller", "喂，我跟你讲，我们楼下那个消防栓被人撞歪了，一直在漏水。"),
              ("caller", "我姓赵，电话一三九一二三四五六七八。"))
    assert "消防栓被人撞歪了" in w.content and "一直在漏水" in w.content
    assert "消防栓" in w.summary
    assert "电话" not in w.content and "姓赵" not in w.content


def test_content_has_no_fillers_and_is_in_the_third_person():
    w = write(("caller", "就是那个……嗯，我家门口那个垃圾桶，然后呢，好几天没人倒了，臭得不得了。"))
    for filler in ("那个", "嗯", "然后", "……", "我"):
        assert filler not in w.content
    assert "其家门口垃圾桶" in w.content


def test_later_details_are_kept_small_talk_is_not():
    w = write(("caller", "我要投诉隔壁饭店油烟太大。"),
              ("caller", "对的。"),
              ("caller", "每天晚上十点以后还在炒，我都不敢开窗。"),
              ("caller", "好的，谢谢。"))
    assert "十点" in w.content and "油烟" in w.content
    assert "谢谢" not in w.content and "对的" not in w.content


def test_summary_and_title_use_the_tidy_address():
    facts = Facts(appeal_type="help", matter_name="窨井盖缺失", place_text="宝山区牡丹江路密山路路口",
                  address="牡丹江路密山路路口", caller_name="", reported_party="")
    w = write(("caller", "马路上井盖没了，一个大洞。"), facts=facts)
    assert w.title == "牡丹江路密山路路口窨井盖缺失"
    assert w.summary.startswith("市民来电求助宝山区牡丹江路密山路路口窨井盖缺失，称")


def test_tidy_address():
    assert tidy_address("宝山，就是牡丹江路，跟那个……密山路，路口这里。", ["宝山"]) == "牡丹江路密山路路口"
    assert tidy_address("杨浦，国权路……哦不是，是政通路，我老是搞错。政通路上，靠近国定路那头。",
                        ["杨浦"]) == "政通路，靠近国定路"
    assert tidy_address("合同上写的是天山路三百十八号七楼") == "天山路318号7楼"
    assert tidy_address("我就住在旁边，隔一条马路") == ""
    assert tidy_address("再滴下去电灯都要短路了") == ""


def test_spoken_numbers():
    assert [spoken_number(w) for w in ("一百九十八", "五五八", "十二", "三百二十", "两百")] \
        == ["198", "558", "12", "320", "200"]
    assert spoken_number("一千二百多") == "一千二百多"
