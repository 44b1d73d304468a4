"""The call lifecycle service: one answered and one ended per call, whatever the source."""

from __future__ import annotations

from datetime import UTC, datetime

from agent_desktop.calls import Call, CallPhase, CallService


def recorder(calls: CallService) -> dict[str, list]:
    seen: dict[str, list] = {"ringing": [], "answered": [], "ended": [], "phases": []}
    calls.ringing.connect(seen["ringing"].append)
    calls.answered.connect(seen["answered"].append)
    calls.ended.connect(seen["ended"].append)
    calls.phase_changed.connect(lambda phase, _call: seen["phases"].append(phase))
    return seen


def a_call(call_id: str = "c1") -> Call:
    return Call(call_id=call_id, caller_number="13912345678", source="sip",
                started_at=datetime.now(UTC))


def test_repeated_snapshots_announce_each_step_once():
    calls = CallService()
    seen = recorder(calls)
    call = a_call()
    calls.offer(call)
    for _ in range(3):  # the softphone repeats snapshots (hold, mute, …)
        calls.answer(call)
    calls.end(call)
    calls.end(call)
    assert [c.call_id for c in seen["answered"]] == ["c1"]
    assert [c.call_id for c in seen["ended"]] == ["c1"]
    assert seen["answered"][0].answered_at is not None
    assert seen["ended"][0].ended_at >= seen["ended"][0].answered_at
    assert seen["phases"] == [CallPhase.RINGING, CallPhase.TALKING, CallPhase.WRAP_UP]
    calls.finish_wrap_up()
    assert calls.phase is CallPhase.IDLE and calls.current is None


def test_a_call_missed_while_ringing_ends_without_wrap_up():
    calls = CallService()
    seen = recorder(calls)
    calls.offer(a_call("missed"))
    calls.end(a_call("missed"))
    assert seen["answered"] == [] and [c.call_id for c in seen["ended"]] == ["missed"]
    assert calls.phase is CallPhase.IDLE


def test_a_simulated_call_gets_an_id_and_goes_through_the_same_steps():
    calls = CallService()
    seen = recorder(calls)
    call = calls.start_simulated("13916728845")
    assert call.call_id.startswith("demo-") and call.source == "demo"
    assert seen["answered"] == [call] and calls.phase is CallPhase.TALKING
    calls.end()  # the demo audio ran out
    assert seen["ended"][0].call_id == call.call_id
    assert seen["ended"][0].duration_s >= 0
    assert calls.phase is CallPhase.WRAP_UP
    second = calls.start_simulated("13916728845")
    assert second.call_id != call.call_id  # a new call from wrap-up starts afresh
