"""The streaming transcriber with the real model: a simulated two-speaker call, fed the
way the softphone's audio tap feeds it."""

from __future__ import annotations

import asyncio
import threading

import numpy as np
import pytest

from agent_desktop.speech.engine import Recognition, SpeechEngine
from agent_desktop.speech.source import SimulatedCall
from agent_desktop.speech.stream import Transcriber
from agent_desktop.speech.text import cer
from agent_desktop.speech.transcript import Transcript

pytestmark = pytest.mark.slow

SHORT_CALL = [{"id": "o05", "gap": 0.0}, {"id": "c03", "gap": 0.6}, {"id": "o08", "gap": 0.6}]


async def test_simulated_call_gives_partials_then_finals_per_speaker(shared_engine,
                                                                     utterances, tmp_path):
    call = SimulatedCall.demo(turns=SHORT_CALL)
    transcriber = Transcriber(shared_engine)
    transcriber.start()
    seen = []
    transcriber.subscribe(seen.append)
    await transcriber.wait_ready()
    try:
        await call.play(transcriber.feed, speed=1.5)
        transcript = await transcriber.drain()
    finally:
        await transcriber.aclose()

    finals = [s for s in seen if s.final and s.text]
    assert [s.speaker for s in finals] == ["operator", "caller", "operator"]
    for seg, turn in zip(finals, call.turns):
        assert cer(turn.text, seg.text) < 0.25, (turn.text, seg.text)
        assert seg.start <= turn.start + 0.1 and seg.end >= turn.end - 0.3
        assert seg.text[-1] in "。？！"
    assert "13916728845" in finals[1].text
    partials = [s for s in seen if not s.final]
    assert partials, "no partial while the caller spoke"
    assert {p.id for p in partials} <= {f.id for f in finals}
    for p in partials:  # each partial precedes its final
        assert seen.index(p) < seen.index(next(f for f in finals if f.id == p.id))

    assert [s.text for s in transcript.segments] == [s.text for s in finals]
    saved = Transcript.load(transcript.save(tmp_path / "call.json"))
    assert saved.segments == transcript.segments


async def test_feed_from_another_thread_at_8khz(shared_engine, wav):
    from agent_desktop.speech.audio import read_wav

    samples, rate = read_wav(wav("c04", "8k-ulaw"))
    transcriber = Transcriber(shared_engine, partials=False)
    transcriber.start()
    await transcriber.wait_ready()
    loop_thread = threading.get_ident()
    delivered_on = []
    transcriber.subscribe(lambda s: delivered_on.append(threading.get_ident()))

    def tap():
        for i in range(0, len(samples), 160):
            transcriber.feed("caller", samples[i:i + 160].tobytes(), rate, i / rate)

    thread = threading.Thread(target=tap)
    thread.start()
    await asyncio.get_running_loop().run_in_executor(None, thread.join)
    transcript = await transcriber.drain()
    await transcriber.aclose()
    assert len(transcript.segments) == 1
    assert "公积金" in transcript.segments[0].text  # biasing on by default
    assert delivered_on and set(delivered_on) == {loop_thread}


async def test_noise_only_yields_no_transcript(shared_engine):
    transcriber = Transcriber(shared_engine)
    transcriber.start()
    await transcriber.wait_ready()
    rng = np.random.default_rng(1)
    noise = (rng.normal(0, 300, 16000 * 3)).astype("<i2")
    transcriber.feed("operator", noise.tobytes(), 16000, 0.0)
    transcript = await transcriber.drain()
    await transcriber.aclose()
    assert transcript.segments == []


class BrokenEngine(SpeechEngine):
    name = "broken"

    def recognize(self, audio, *, final, prompt=""):
        raise RuntimeError("decoder exploded")


class FailingLoadEngine(SpeechEngine):
    name = "unloadable"

    def load(self):
        raise OSError("model file missing")

    def recognize(self, audio, *, final, prompt=""):
        return Recognition("")


async def test_engine_errors_are_reported_not_raised(wav):
    from agent_desktop.speech.audio import read_wav

    transcriber = Transcriber(BrokenEngine(), biasing=False)
    errors = []
    transcriber.error.connect(errors.append)
    transcriber.start()
    await transcriber.wait_ready()
    samples, rate = read_wav(wav("o05"))
    transcriber.feed("operator", samples.tobytes(), rate, 0.0)
    transcript = await transcriber.drain(timeout=20)
    await transcriber.aclose()
    assert transcript.segments == [] and "decoder exploded" in errors[0]

    transcriber = Transcriber(FailingLoadEngine(), biasing=False)
    transcriber.start()
    with pytest.raises(RuntimeError, match="model file missing"):
        await transcriber.wait_ready()
    await transcriber.aclose()


def test_feed_rejects_unknown_speakers(shared_engine):
    with pytest.raises(ValueError, match="speaker"):
        Transcriber(shared_engine).feed("agent", b"\0\0", 16000, 0.0)


async def test_reset_starts_the_transcript_of_a_new_call(shared_engine, wav):
    from agent_desktop.speech.audio import read_wav

    transcriber = Transcriber(shared_engine, partials=False)
    transcriber.start()
    await transcriber.wait_ready()
    for uid in ("o05", "o07"):
        samples, rate = read_wav(wav(uid))
        transcriber.feed("operator", samples.tobytes(), rate, 0.0)
        first = await transcriber.drain()
        if uid == "o05":
            assert len(first.segments) == 1
            transcriber.reset(call_id="C2")
    await transcriber.aclose()
    assert first.call_id == "C2"
    assert len(first.segments) == 1 and "帮助" in first.segments[0].text


async def test_refinement_decodes_finals_again_when_idle(shared_engine, wav):
    from agent_desktop.speech.audio import read_wav

    transcriber = Transcriber(shared_engine, partials=False, refine=True)
    assert transcriber.refine  # the local engine's finals are trimmed: refinement applies
    transcriber.start()
    await transcriber.wait_ready()
    samples, rate = read_wav(wav("o07"))
    transcriber.feed("operator", samples.tobytes(), rate, 0.0)
    transcript = await transcriber.drain()
    await transcriber.aclose()
    finals = [d for d in transcriber.stats if d.final]
    assert len(finals) >= 2  # the final, then the full-window pass
    assert len(transcript.segments) == 1 and "帮助" in transcript.segments[0].text
