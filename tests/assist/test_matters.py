"""Matter ranking over the whole conversation, with and without the embedding model."""

from __future__ import annotations

from .conftest import conversation


def top(assistant, *lines, n=3):
    return [m.name for m in assistant.ranker.rank(conversation(*lines))[:n]]


def test_the_catalogs_words_said_outright(assistant, keyword_assistant):
    lines = [("caller", "我们小区门口的路灯不亮了，晚上黑漆漆的")]
    assert top(assistant, *lines)[0] == "路灯不亮"
    assert top(keyword_assistant, *lines)[0] == "路灯不亮"


def test_meaning_finds_what_no_keyword_says(assistant, keyword_assistant):
    # Neither 房产证 nor 补办 are said: only the meaning leads to the certificate.
    lines = [("caller", "我家那个房子的证件上次被水泡烂了，字都看不清，还能重新弄一本吗")]
    assert "房产证补办" in top(assistant, *lines, n=3)


def test_the_whole_conversation_counts_not_one_sentence(assistant):
    ranked = top(assistant, ("caller", "我要反映个事情"), ("operator", "您请讲"),
                 ("caller", "楼上邻居天天晚上很吵"), ("caller", "装修的电钻声，吵得睡不着"))
    assert set(ranked) & {"邻里噪声扰民", "装修时间违规", "装修噪声扰民"}


def test_the_hotlines_greeting_names_no_matter(assistant):
    ranked = top(assistant, ("operator", "您好，12345市民服务热线，很高兴为您服务"),
                 ("caller", "窨井盖坏了"), n=5)
    assert "热线服务意见" not in ranked


def test_a_second_issue_from_another_branch(assistant):
    c = conversation(("caller", "我们这边路灯不亮好几天了"),
                     ("caller", "还有一个事，小区门口有人乱停车，机动车违法停车没人管"))
    ranked = assistant.ranker.rank(c)
    second = assistant.ranker.second_issue(ranked, c)
    assert second is not None and second.name != ranked[0].name


def test_a_term_said_with_words_between_its_halves(assistant, keyword_assistant):
    lines = [("caller", "楼上那户人家漏水，漏到我家卫生间")]
    assert top(assistant, *lines)[0] == "楼上渗水"
    assert "楼上渗水" in top(keyword_assistant, *lines)


def test_the_first_statement_of_the_problem_leads(assistant):
    # the pavement is where the hole is, not what the call is about
    ranked = top(assistant, ("caller", "马路边上一个窨井盖没了，一个大洞"),
                 ("caller", "就在人行道跟非机动车道中间，人行道上人来人往的"), n=1)
    assert ranked == ["窨井盖缺失"]


def test_a_consultation_prefers_the_leaf_for_questions(assistant):
    c = conversation(("caller", "我想咨询一下，家里阁楼搭出来的这种算不算违章建筑？"))
    assistant.ranker.rank(c)
    names = [m.name for m in assistant.ranker.for_appeal("consultation")]
    plain = [m.name for m in assistant.ranker.for_appeal(None)]
    assert "违法建筑认定咨询" in names[:3]
    assert names.index("违法建筑认定咨询") <= plain.index("违法建筑认定咨询")
