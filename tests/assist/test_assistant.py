"""The assistant as a stream: segments in, a draft with evidence out; and the rule that
keeps the operator in charge when the draft goes into the order model."""

from __future__ import annotations

import time

from agent_desktop.assist import apply_to_model
from agent_desktop.forms.order_model import WorkOrderModel
from agent_desktop.speech.transcript import Segment, Transcript

from .conftest import segments

DEMO = [
    ("operator", "您好，12345市民服务热线，很高兴为您服务。"),
    ("caller", "您好，我要反映一个问题，我们小区门口的窨井盖坏了，晚上走路很危险。"),
    ("operator", "请问您反映的具体地址是哪里？"),
    ("caller", "在徐汇区虹梅路街道，虹梅路168号门口。"),
    ("operator", "好的，请您留一个联系电话。"),
    ("caller", "我的电话是幺三九幺六七二八八四五，你们处理好了打给我。"),
    ("operator", "好的陈先生，您反映的问题我们已经记录。"),
    ("caller", "好的，谢谢你们。"),
]


def test_the_demo_call_gives_a_complete_draft(assistant):
    assistant.reset()
    seen = []
    disconnect = assistant.changed.connect(lambda draft, paths: seen.append(set(paths)))
    try:
        assistant.feed_all(segments(*DEMO))
        draft = assistant.finish()
    finally:
        disconnect()
    assert draft.complete
    assert draft.value("caller.phones") == ["13916728845"]
    assert draft.value("caller.name") == "陈先生"
    assert draft.value("place.district_code") == "310104"
    assert draft.value("appeal_type") == "complaint"
    assert "窨井盖" in draft.matters[0].name
    content = draft.value("content")
    assert content.startswith("来电人反映：") and "窨井盖" in content and "虹梅路168号" in content
    assert "我们小区" not in content  # told in the hotline's third person
    assert draft.value("title") and draft.value("request")
    phone_ev = draft.fields["caller.phones"].evidence[0]
    said = DEMO[5][1]
    assert phone_ev.segment_id == "s5" and said[phone_ev.start:phone_ev.end] == phone_ev.quote
    assert any("caller.phones" in paths for paths in seen)


def test_partials_update_the_phone_before_the_utterance_ends(assistant):
    assistant.reset()
    assistant.feed(Segment("caller", 0, 1, "我的电话是幺三九幺七六", False, 0.5, "u1"))
    assert assistant.draft.value("caller.phones") is None
    changed = assistant.feed(Segment("caller", 0, 2, "我的电话是幺三九幺七六五二八零四", False,
                                     0.6, "u1"))
    assert "caller.phones" in changed
    assert assistant.draft.value("caller.phones") == ["13917652804"]
    assert "matter_code" not in assistant.draft.fields  # finals only


def test_a_retracted_utterance_is_forgotten(assistant):
    assistant.reset()
    assistant.feed(Segment("caller", 0, 2, "幺三九幺七六五二八零四", True, 0.6, "u1"))
    assistant.feed(Segment("caller", 0, 2, "", True, 0.6, "u1"))
    assert "caller.phones" not in assistant.draft.fields


def test_cost_per_final_segment_is_small(assistant):
    assistant.reset()
    segs = segments(*DEMO * 3)
    start = time.perf_counter()
    assistant.feed_all(segs)
    per_segment = (time.perf_counter() - start) / len(segs)
    assert per_segment < 0.2  # generous: the benchmark measures it (bench/bench_assist.py)


def test_typed_text_is_never_overwritten_only_offered(assistant):
    assistant.reset()
    assistant.feed_all(segments(*DEMO))
    draft = assistant.finish()
    model = WorkOrderModel()
    model.set("place.district_code", "310101")  # the operator typed 黄浦区
    shown = apply_to_model(draft, model)
    assert model.get("place.district_code") == "310101"
    assert model.suggestion("place.district_code").value == "310104"
    assert "place.district_code" not in shown
    assert model.get("caller.phones") == ["13916728845"] and "caller.phones" in shown
    assert model.is_suggested("content")


def test_the_softphones_number_stays_after_the_spoken_one(assistant):
    assistant.reset()
    assistant.feed_all(segments(("caller", "回电打幺三九幺七六五二八零四")))
    model = WorkOrderModel({"caller": {"phones": ["02164321234"]}})
    first = assistant.draft
    apply_to_model(first, model)
    assert model.get("caller.phones") == ["13917652804", "02164321234"]
    # the caller corrects the number: the corrected one replaces the assistant's own
    assistant.feed_all(segments(("caller", "回电打幺三九幺七六五二八零四"),
                                ("caller", "不对，是幺三九幺七六五二八零五")))
    apply_to_model(assistant.draft, model, previous=first)
    assert model.get("caller.phones") == ["13917652805", "02164321234"]


def test_transcript_round_trip_through_the_cli_shape(assistant):
    from agent_desktop.assist import analyse_transcript

    out = analyse_transcript(Transcript(segments=segments(*DEMO)), assistant)
    assert set(out) >= {"appeal_type", "matters", "place", "caller", "reported_party",
                        "urgency", "title", "request", "summary", "content", "evidence"}
    assert out["caller"]["phones"] == ["13916728845"]
    assert out["matters"][0]["score"] >= out["matters"][-1]["score"]
    assert out["evidence"]["caller.phones"][0]["segment_id"] == "s5"
