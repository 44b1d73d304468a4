"""The simulated call source (no model needed)."""

from __future__ import annotations

import pytest

from agent_desktop.speech.source import SimulatedCall


def test_demo_call_places_turns_on_two_tracks():
    call = SimulatedCall.demo()
    assert call.tracks["caller"].rate == 8000 and call.tracks["operator"].rate == 16000
    assert [t.speaker for t in call.turns][:2] == ["operator", "caller"]
    for a, b in zip(call.turns, call.turns[1:]):
        assert a.start < a.end < b.start  # turns do not overlap
    assert 30 < call.duration < 70


def test_chunks_are_20ms_per_side_like_the_softphone_tap(wav):
    call = SimulatedCall.from_wavs(caller=wav("c03", "8k-ulaw"), operator=wav("o03"))
    t, pieces = next(iter(call.chunks()))
    assert t == 0.0
    sizes = {speaker: (len(pcm), rate) for speaker, pcm, rate in pieces}
    assert sizes == {"caller": (320, 8000), "operator": (640, 16000)}


async def test_play_paces_in_real_time(wav):
    import time

    call = SimulatedCall.from_wavs(operator=wav("o05"))
    got = []
    started = time.monotonic()
    await call.play(lambda sp, pcm, rate, t: got.append((sp, t)), speed=4.0)
    elapsed = time.monotonic() - started
    assert got[0] == ("operator", 0.0) and got[-1][1] == pytest.approx(call.duration - 0.02,
                                                                      abs=0.02)
    assert elapsed == pytest.approx(call.duration / 4, rel=0.25)


def test_a_call_needs_audio():
    with pytest.raises(ValueError):
        SimulatedCall.from_wavs()
