"""QA forms, automatic answers with evidence, scoring and agreement (agent_desktop.qa),
on the packaged form and the real catalog and rubric."""

from __future__ import annotations

from agent_desktop.qa import agreement, auto_answers, evaluation_score, load_forms

FORM = load_forms()["hotline-call"]

GOOD_CALL = [
    {"speaker": "operator", "text": "您好，12345市民服务热线，请问有什么可以帮您？", "start": 0, "end": 3},
    {"speaker": "caller", "text": "我们小区门口的窨井盖没了，我不想被别人知道是我打的，请保密。",
     "start": 3.5, "end": 8},
    {"speaker": "operator", "text": "请问具体在什么地方？", "start": 9, "end": 10},
    {"speaker": "operator", "text": "什么时候发现的？", "start": 15, "end": 16},
    {"speaker": "operator", "text": "请问您贵姓？", "start": 20, "end": 21},
    {"speaker": "operator", "text": "幺三九一六七五二八零四，对吗？", "start": 25, "end": 28},
    {"speaker": "operator", "text": "处理结果需要回复您吗？", "start": 30, "end": 31},
    {"speaker": "operator", "text": "还有其他问题吗？感谢您的来电，再见。", "start": 40, "end": 43},
]
ORDER = {"caller": {"phones": ["13916752804"], "confidential": True},
         "matter_code": "0101020101", "title": "国和路窨井盖缺失",
         "content": "来电人反映国和路窨井盖缺失，存在安全隐患。", "request": "尽快补装",
         "place": {"district_code": "310110", "address": "国和路政立路口"}}


def test_the_form_weighs_100_and_has_critical_questions():
    assert sum(q.weight for q in FORM.questions) == 100
    assert {q.id for q in FORM.questions if q.critical} == {"no_forbidden", "confidential_kept"}


def test_a_good_call_is_answered_yes_with_evidence_and_a_human_finishes_the_rest():
    answers = auto_answers(FORM, GOOD_CALL, ORDER)
    assert {q for q, a in answers.items() if a["value"] == "yes"} >= {
        "greeting", "closing", "no_forbidden", "phone_confirmed", "asked_where", "asked_when",
        "asked_who", "asked_reply", "address_present", "matter_consistent", "request_present",
        "confidential_kept"}
    assert "幺三九" in answers["phone_confirmed"]["evidence"]
    assert "窨井盖" in answers["matter_consistent"]["evidence"]
    assert "attitude" not in answers and "content_complete" not in answers  # for the reviewer
    full = {q: {"value": a["value"]} for q, a in answers.items()}
    assert evaluation_score(FORM, full)["unanswered"] == ["attitude", "no_interrupt",
                                                          "content_complete", "kb_answer",
                                                          "right_handling"]
    full |= {"attitude": {"value": 5}, "no_interrupt": {"value": "yes"},
             "content_complete": {"value": 4}, "kb_answer": {"value": "na"},
             "right_handling": {"value": "yes"}}
    scored = evaluation_score(FORM, full)
    assert scored["unanswered"] == [] and 95 <= scored["score"] < 100


def test_a_poor_call_loses_what_it_missed_and_a_critical_no_fails_it():
    poor = [{"speaker": "operator", "text": "喂，说吧", "start": 0, "end": 1},
            {"speaker": "caller", "text": "路灯坏了，帮我保密", "start": 2, "end": 4},
            {"speaker": "operator", "text": "这不归我们管，你自己去问", "start": 5, "end": 7}]
    order = {**ORDER, "caller": {"phones": ["13916752804"], "confidential": False},
             "request": "", "place": {"district_code": "310110", "address": ""}}
    answers = auto_answers(FORM, poor, order)
    no = {q for q, a in answers.items() if a["value"] == "no"}
    assert no >= {"greeting", "closing", "no_forbidden", "phone_confirmed", "asked_where",
                  "address_present", "request_present", "confidential_kept"}
    assert "不归我们管" in answers["no_forbidden"]["evidence"]
    scored = evaluation_score(FORM, {q: {"value": a["value"]} for q, a in answers.items()})
    assert scored["score"] == 0 and set(scored["failed_critical"]) == {
        "no_forbidden", "confidential_kept"}


def test_agreement_counts_only_reviewed_automatic_answers():
    kept = {"greeting": {"auto": "yes", "value": "yes", "reviewed": True},
            "closing": {"auto": "no", "value": "yes", "reviewed": True},
            "asked_when": {"auto": "yes", "value": "yes", "reviewed": False}}
    rows = {r["question"]: r for r in agreement(FORM, [kept, kept])}
    assert rows["greeting"]["rate"] == 1.0 and rows["closing"]["rate"] == 0.0
    assert rows["asked_when"]["compared"] == 0 and rows["asked_when"]["rate"] is None
