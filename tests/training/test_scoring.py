from agent_desktop.training.caller import Caller
from agent_desktop.training.scenarios import load_all
from agent_desktop.training.scoring import override, score

GOOD = ("您好，12345热线，请问有什么可以帮您？", "请问是在哪里？", "具体地址是哪个小区几号？",
        "大概从什么时候开始的？", "后来有没有处理过？", "您贵姓？", "您的联系电话是多少？",
        "跟您核对一下，幺三四七 二九幺八 五三零，对吗？", "处理结果需要回复您吗？",
        "好的，感谢您的来电，再见。")


def _transcript(lines, bad=None):
    s = load_all()["neighbour-noise-corrects-district"]
    c = Caller(s)
    for t in lines:
        c.hear(t)
    segs = [{"speaker": sp, "text": t, "start": i * 6.0, "end": i * 6.0 + 5} for i, (sp, t) in enumerate(c.turns)]
    return s, {"segments": segs, "wrap_up_seconds": 40}


def test_a_perfect_order_and_call_score_at_least_95_with_evidence_everywhere():
    s, t = _transcript(GOOD)
    r = score(s, s.expected_order, t)
    assert r.total >= 95
    assert all(c.evidence and c.assessed for c in r.criteria)
    assert sum(c.max for c in r.criteria) == 100


def test_wrong_district_loses_exactly_the_district_points():
    s, t = _transcript(GOOD)
    perfect = score(s, s.expected_order, t)
    o = s.expected_order.model_copy(deep=True)
    o.place.district_code = "310104"
    r = score(s, o, t)
    assert r.criterion("district").score == 0
    assert perfect.total - r.total == r.criterion("district").max


def test_same_branch_matter_gets_partial_credit_and_wrong_domain_none():
    s = load_all()["neighbour-noise-corrects-district"]
    o = s.expected_order.model_copy(update={"matter_code": "0901010103"})
    assert score(s, o).criterion("matter").score == 7
    o = s.expected_order.model_copy(update={"matter_code": "0101010101"})
    assert score(s, o).criterion("matter").score == 0


def test_wrong_matter_district_and_phone_score_at_most_60():
    s = load_all()["manhole-missing-yinhang"]
    o = s.expected_order.model_copy(deep=True)
    o.matter_code, o.place.district_code, o.caller.phones = "0401010101", "310104", ["13900000000"]
    r = score(s, o)
    assert r.total <= 60
    assert {c.id for c in r.criteria if c.assessed and c.score < c.max} == {"matter", "district", "phone"}


def test_a_forbidden_phrase_is_caught_with_its_quote_and_an_override_keeps_the_original():
    s, t = _transcript(GOOD[:3] + ("这个不归我们管，你自己去问居委会",) + GOOD[3:])
    r = score(s, s.expected_order, t)
    f = r.criterion("forbidden")
    assert f.score == 0 and "这个不归我们管" in f.evidence
    r2 = override(r, "forbidden", 3, "后来已道歉并转接居委", by="trainer1")
    assert r2.criterion("forbidden").score == 3 and r2.criterion("forbidden").original_score == 0
    assert r.criterion("forbidden").score == 0 and r2.total > r.total


def test_a_greeting_the_recogniser_cut_in_two_still_counts():
    s = load_all()["manhole-missing-yinhang"]
    transcript = {"segments": [
        {"speaker": "operator", "text": "您好", "start": 0.5, "end": 1.0},
        {"speaker": "operator", "text": "12345市民服务热线，请问有什么可以帮您？", "start": 1.3,
         "end": 4.0},
        {"speaker": "caller", "text": "我要反映个事情", "start": 4.5, "end": 6.0},
        {"speaker": "operator", "text": "您好，请讲", "start": 6.5, "end": 7.0}]}
    result = score(s, s.expected_order, transcript)
    greeting = result.criterion("greeting")
    assert greeting.score == greeting.max and "12345" in greeting.evidence
