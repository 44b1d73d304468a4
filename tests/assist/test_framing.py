"""Appeal type, urgency and alerts, reply wanted."""

from __future__ import annotations

import pytest

from agent_desktop.assist.framing import (
    guess_appeal_type,
    guess_reply_required,
    guess_urgency,
)

from .conftest import conversation


@pytest.mark.parametrize("said, appeal", [
    ("我要投诉楼下饭店油烟太大", "complaint"),
    ("我想举报有人在小区里群租", "report"),
    ("我想咨询一下公积金提取需要什么材料", "consultation"),
    ("我想提个建议，这个路口能不能增加一个红绿灯", "suggestion"),
    ("我想表扬一下社区的王医生，特别负责", "praise"),
    ("我家老人走失了，帮帮忙", "help"),
    ("孩子的出生证明丢了，还能补吗？", "consultation"),  # a question about how it is done
])
def test_how_the_caller_frames_it(said, appeal):
    assert guess_appeal_type(conversation(("caller", said))).value == appeal


def test_safety_words_make_it_urgent_with_an_alert():
    urgency, alerts = guess_urgency(conversation(("caller", "楼道里有很重的煤气味")))
    assert urgency.value == "urgent" and urgency.evidence[0].quote == "煤气味"
    assert alerts and "煤气味" in alerts[0]
    urgency, alerts = guess_urgency(conversation(("caller", "路灯坏了")))
    assert urgency is None and alerts == []


def test_sensitive_words_are_flagged():
    _, alerts = guess_urgency(conversation(("caller", "再不解决我就找媒体曝光")))
    assert any("媒体曝光" in a for a in alerts)


def test_reply_as_asked_and_answered():
    c = conversation(("operator", "处理结果需要回复您吗？"), ("caller", "不用了，你们处理就行"))
    assert guess_reply_required(c, "complaint").value is False
    c = conversation(("operator", "需要回电吗？"), ("caller", "需要的"))
    assert guess_reply_required(c, "consultation").value is True


@pytest.mark.parametrize("said", ["我婆婆被关在电梯里了，出不来", "有个老伯倒在地上起不来了",
                                  "人行道上一个洞，我差点一脚踩下去"])
def test_people_in_danger_now_make_it_urgent(said):
    urgency, alerts = guess_urgency(conversation(("caller", said)))
    assert urgency.value == "urgent" and alerts


def test_reply_answered_later_in_the_line_or_promised_by_the_operator():
    c = conversation(("operator", "联系电话？需要回复您吗？"),
                     ("caller", "幺三九幺二三四五六七八。要回复的，告诉我一声结果"))
    assert guess_reply_required(c, "suggestion").value is True
    c = conversation(("operator", "处理结果要回复给您吗？"), ("caller", "回不回无所谓的"))
    assert guess_reply_required(c, "complaint").value is False
    c = conversation(("operator", "好的，相关部门处理后会把结果答复您。"), ("caller", "好"))
    assert guess_reply_required(c, "consultation").value is True
    c = conversation(("operator", "抢修师傅到了可能要联系您。"), ("caller", "好"))
    assert guess_reply_required(c, "consultation").value is False  # not about the result


def test_two_questions_in_one_turn_the_reply_question_answered_no():
    c = conversation(("operator", "幺五八零二幺六三七七九，对吗？需要回复处理结果吗？"),
                     ("caller", "对。回复就不用了，你们管一管就好"))
    assert guess_reply_required(c, "complaint").value is False


def test_someone_in_danger_now_is_a_call_for_help():
    c = conversation(("caller", "路边那棵大树歪了，随时要倒，下面就是公交站，太不负责了"))
    assert guess_appeal_type(c, urgent=True).value == "help"


def test_reply_the_operator_settles_or_the_caller_leaves_no_number():
    c = conversation(("operator", "15216039981，好的，不需要回复。"))
    assert guess_reply_required(c, "report").value is False
    c = conversation(("caller", "电话就不留了，你们去查就行了"))
    assert guess_reply_required(c, "report").value is False
    c = conversation(("operator", "好的，我帮您转给相关部门，请他们回电给您。请问怎么称呼？"),
                     ("caller", "姓金。"))
    assert guess_reply_required(c, "consultation").value is True
    c = conversation(("operator", "需要给您答复吗？"), ("caller", "有答复最好。"))
    assert guess_reply_required(c, "suggestion").value is True
