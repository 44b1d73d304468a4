"""The issue-13 levers inside the live transcriber: the final's prompt chosen from what the
call has said, the n-best list rescored, corrections that keep what was heard.

A scripted engine stands in for Whisper here (what it hears is fixed), so the assertions
are about what the transcriber does with it; real audio drives the VAD."""

from __future__ import annotations

import asyncio

import pytest

from agent_desktop.speech.engine import Recognition, SpeechEngine
from agent_desktop.speech.stream import Transcriber

HEARD = "我在宋江区新乔镇这边的路灯坏轮"
ALTERNATIVE = "我在宋江区新乔镇这边的路灯坏了"


class ScriptedEngine(SpeechEngine):
    name = "scripted"

    def __init__(self, confidence: float = 0.3):
        self.prompts: list[tuple[bool, str]] = []
        self.confidence = confidence

    def recognize(self, audio, *, final, prompt="", best=False):
        self.prompts.append((final, prompt))
        if not final:
            return Recognition("我在宋江区新乔镇", 0.6)
        # the misheard characters (宋, 乔, 轮) at `confidence`, the rest heard well
        unsure = {HEARD.index(ch) for ch in "宋乔轮"}
        return Recognition(HEARD, 0.6, hypotheses=((HEARD, -0.30), (ALTERNATIVE, -0.35)),
                           char_confidence=tuple(self.confidence if i in unsure
                                                 else max(self.confidence, 0.9)
                                                 for i in range(len(HEARD))))


async def _finals(transcriber, wav, close: bool = True):
    from agent_desktop.speech.audio import read_wav

    seen = []
    transcriber.subscribe(seen.append)
    transcriber.start()
    await transcriber.wait_ready()
    samples, rate = read_wav(wav("n02", "8k-ulaw"))
    step = rate // 10
    for i in range(0, len(samples), step):  # 100 ms packets, faster than real time
        transcriber.feed("caller", samples[i:i + step].tobytes(), rate, i / rate)
        await asyncio.sleep(0.01)
    await transcriber.drain(timeout=30)
    if close:
        await transcriber.aclose()
    return [s for s in seen if s.final and s.text]


async def test_levers_on(wav):
    engine = ScriptedEngine()
    transcriber = Transcriber(engine)
    (final,) = await _finals(transcriber, wav)
    fixed = transcriber.prompt
    final_prompts = [p for is_final, p in engine.prompts if is_final]
    # the final was decoded with the district's towns, learnt from the partial
    assert final_prompts and "新桥镇" in final_prompts[-1] and final_prompts[-1] != fixed
    assert all(p == fixed for is_final, p in engine.prompts if not is_final)
    # the LM chose 坏了 from the n-best list; the corrections kept what was heard
    assert final.text == "我在松江区新桥镇这边的路灯坏了。"
    assert [(c.heard, c.corrected) for c in final.corrections] == [("宋江区", "松江区"),
                                                                   ("新乔镇", "新桥镇")]
    for c in final.corrections:
        assert final.text[c.start:c.end] == c.corrected and c.reason
    assert "青浦区" not in final.text
    saved = final.to_dict()["corrections"][0]
    assert saved["heard"] == "宋江区" and saved["corrected"] == "松江区"


async def test_levers_off_is_the_pipeline_before_them(wav):
    engine = ScriptedEngine()
    transcriber = Transcriber(engine, call_biasing=False, rescoring=False)
    (final,) = await _finals(transcriber, wav)
    assert {p for _, p in engine.prompts} == {transcriber.prompt}
    assert final.text == "我在松江区新桥镇这边的路灯坏轮。"


@pytest.mark.parametrize("confidence, corrected", [(0.95, False), (0.3, True)])
async def test_guarded_corrections_touch_only_what_was_unsure(wav, confidence, corrected):
    engine = ScriptedEngine(confidence)
    transcriber = Transcriber(engine, guarded_corrections=True, rescoring=False)
    (final,) = await _finals(transcriber, wav)
    assert ("松江区新桥镇" in final.text) is corrected
    assert bool(final.corrections) is corrected


async def test_a_final_without_a_partial_is_biased_by_the_earlier_turns(wav):
    engine = ScriptedEngine()
    transcriber = Transcriber(engine, partials=False)
    await _finals(transcriber, wav, close=False)
    # after the first final, the call has named 松江区: its towns are in the next prompt
    assert "新桥镇" in transcriber._call_prompt
    transcriber.reset("next-call")
    await asyncio.sleep(0.3)
    await transcriber.aclose()
    assert transcriber._call_prompt == ""


@pytest.mark.parametrize("confidence, corrected", [(0.97, False), (0.6, True)])
async def test_by_default_corrections_touch_only_stretches_heard_below_095(
        wav, confidence, corrected):
    engine = ScriptedEngine(confidence)
    transcriber = Transcriber(engine, rescoring=False)  # the default gate
    (final,) = await _finals(transcriber, wav)
    assert ("松江区新桥镇" in final.text) is corrected
    assert bool(final.corrections) is corrected
    if corrected:
        assert "probability 0.60" in final.corrections[0].reason


async def test_without_the_gate_every_stretch_may_be_corrected(wav):
    transcriber = Transcriber(ScriptedEngine(0.99), rescoring=False,
                              correction_max_confidence=None)
    (final,) = await _finals(transcriber, wav)
    assert "松江区新桥镇" in final.text
