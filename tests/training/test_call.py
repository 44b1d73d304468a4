"""The simulated call that answers back (training.call) and the caller's voice
(training.voice): real rendered clips, real asyncio pacing; no microphone — the trainee's
words are given as text (as the live transcript would deliver them), or as a headset that
plays them (telephony.audio.BufferAudio, which replaces a physical headset)."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from agent_desktop.telephony.audio import BufferAudio
from agent_desktop.training.call import TrainingCall
from agent_desktop.training.scenarios import load_all
from agent_desktop.training.voice import RATE, CallerVoice, clip_key

SCENARIO = "manhole-missing-yinhang"


@pytest.fixture(scope="module")
def scenario():
    return load_all()[SCENARIO]


def test_every_line_of_every_scenario_has_a_voice():
    voice = CallerVoice()
    missing = [(s.id, key) for s in load_all().values()
               for key, lines in s.lines.items() for text in lines if not voice.has(text)]
    assert missing == []


def test_a_clip_is_telephone_speech_as_long_as_its_words(scenario):
    text = scenario.line("place_precise")
    clip = CallerVoice().clip(text)
    assert clip.dtype == np.int16
    seconds = len(clip) / RATE
    assert 0.12 * len(text) < seconds < 0.45 * len(text)
    assert np.abs(clip).max() > 5000  # speech, not silence


def test_a_line_without_a_clip_has_no_voice(tmp_path):
    assert CallerVoice(tmp_path).clip("一句训练师刚写的话") is None
    assert clip_key(" 一句话 ") == clip_key("一句话")


def _run(call: TrainingCall, script, timeout: float = 30.0, speed: float = 8.0):
    """Say each of `script`'s lines once the caller has finished the previous answer."""
    async def trainee():
        for text in script:
            while call.t < call._speaking_until + 0.1:
                await asyncio.sleep(0.02)
            call.trainee_said(text)
        await asyncio.sleep(0.05)

    async def both():
        runner = asyncio.ensure_future(call.run(speed))
        await trainee()
        await asyncio.wait_for(runner, timeout)

    asyncio.run(both())


def test_the_caller_answers_what_the_trainee_asks_and_the_goodbye_ends_the_call(scenario):
    fed: dict[str, int] = {"caller": 0, "operator": 0}
    heard: list[tuple[str, bool]] = []
    call = TrainingCall(scenario, feed=lambda sp, pcm, rate, t: fed.__setitem__(sp, fed[sp] + len(pcm)),
                        voice=CallerVoice(),
                        on_caller_line=lambda line, voiced: heard.append((line.key, voiced)))
    _run(call, ["您好，12345热线，请问有什么可以帮您？", "在什么地方？", "具体是哪个路口？",
                "感谢您的来电，再见。"])
    assert [k for k, _ in heard] == ["opening", "place_vague", "place_precise", "closing"]
    assert all(voiced for _, voiced in heard)
    assert call.hung_up_at is not None
    # the caller's speech went to the transcript as the caller's leg, in real time
    spoken = sum(len(CallerVoice().clip(scenario.line(k))) for k, _ in heard)
    assert fed["caller"] >= spoken * 2
    segments = call.transcript()["segments"]
    assert [s["speaker"] for s in segments][:2] == ["operator", "caller"]
    assert segments[-1]["text"] == scenario.line("closing")


def test_without_a_voice_the_lines_are_shown_and_the_attempt_carries_the_call(scenario, tmp_path):
    heard = []
    call = TrainingCall(scenario, voice=CallerVoice(tmp_path),
                        on_caller_line=lambda line, voiced: heard.append(voiced))
    _run(call, ["您好，12345", "感谢来电，再见"])
    assert heard == [False, False]
    from agent_desktop.training.scenarios import load_all as _all

    body = call.attempt(_all()[SCENARIO].expected_order)
    assert body["scenario_id"] == SCENARIO
    assert body["order"]["matter_code"] == scenario.expected_order.matter_code
    assert [s["speaker"] for s in body["transcript"]] == ["operator", "caller"] * 2
    assert body["started_at"] < body["ended_at"] <= body["submitted_at"]


def test_the_caller_is_heard_in_the_headset_and_the_microphone_reaches_the_transcript(scenario):
    mic = (np.sin(np.arange(16000 * 2) * 2 * np.pi * 440 / 16000) * 8000).astype("<i2")
    headset = BufferAudio(mic.tobytes(), source_rate=16000)
    fed = {"operator": 0}
    call = TrainingCall(scenario, headset=headset, voice=CallerVoice(),
                        feed=lambda sp, pcm, rate, t: sp == "operator" and fed.__setitem__(
                            "operator", fed["operator"] + len(pcm)))
    _run(call, ["您好，12345", "再见，感谢您的来电"], speed=1.0)
    assert fed["operator"] >= len(mic.tobytes()) * 0.8  # the trainee's voice, to the transcript
    played = np.frombuffer(bytes(headset.played), np.int16)
    assert np.abs(played).max() > 5000  # the caller's voice, to the headset's speaker
    assert not headset.is_open


def test_silence_brings_a_repeat(scenario, monkeypatch):
    from agent_desktop.training import caller

    data = dict(caller.intents_data())
    data["silence"] = {**data["silence"], "repeat_after_s": 0.3, "impatient_after_s": 30}
    monkeypatch.setattr(caller, "intents_data", lambda: data)
    heard = []
    call = TrainingCall(scenario, voice=CallerVoice(),
                        on_caller_line=lambda line, voiced: heard.append(line.key))

    async def go():
        runner = asyncio.ensure_future(call.run(4.0))
        call.trainee_said("您好，12345")
        while "repeat_on_silence" not in heard and call.t < 20:
            await asyncio.sleep(0.05)
        call.hang_up()
        await runner

    asyncio.run(go())
    assert heard == ["opening", "repeat_on_silence"]
