"""End to end: a citizen's phone (baresip) calls through kamailio and says a Mandarin
sentence (a packaged TTS utterance, 8 kHz); the operator answers; the caller's words
appear in the live transcript (speech.Transcriber fed by the softphone's audio tap).

Skipped when the speech stack (faster-whisper and the packaged Whisper model) is absent.
"""

from __future__ import annotations

import asyncio
import subprocess
import time

import pytest

from agent_desktop.paths import resource
from agent_desktop.telephony import BufferAudio

from .peers import BaresipPeer, wait_for


@pytest.fixture(scope="module")
def whisper(tmp_path_factory):
    try:
        from agent_desktop.speech.models import PACKAGED_MODELS, assemble
        from agent_desktop.speech.whisper_engine import FasterWhisperEngine

        model_dir = assemble(PACKAGED_MODELS["whisper-base"],
                             tmp_path_factory.mktemp("models") / "wb")
        engine = FasterWhisperEngine(model=str(model_dir))
        engine.load()
    except Exception as exc:  # no speech stack here: this test is about telephony
        pytest.skip(f"speech engine unavailable: {exc}")
    yield engine
    engine.close()


async def test_callers_words_reach_the_live_transcript(kamailio, make_softphone, whisper,
                                                       tmp_path):
    from agent_desktop.speech import Transcriber

    # The caller's phone plays: 0.5 s silence, the sentence, then silence (baresip hangs
    # up at the end of its file, so the file outlasts the test).
    src = resource("speech", "utterances", "c04.8k-ulaw.wav")
    wav = tmp_path / "c04-call.wav"
    subprocess.run(["sox", str(src), "-r", "8000", "-c", "1", "-e", "signed", "-b", "16",
                    str(wav), "pad", "0.5", "20"], check=True)
    caller = BaresipPeer(tmp_path / "citizen", "caller", kamailio.domain, wav)
    caller.start()
    transcriber = Transcriber(whisper, partials=True)
    transcriber.start()
    segments = []
    transcriber.subscribe(segments.append)
    try:
        await transcriber.wait_ready()
        # the operator's headset microphone is silent here (BufferAudio, no source)
        phone = await make_softphone(kamailio.domain, audio=BufferAudio(b"", 16000))
        await phone.wait_registered(5)
        phone.add_audio_tap(transcriber.feed)
        mark = caller.mark()
        caller.cmd("dial", f"sip:operator1@{kamailio.domain}")
        await asyncio.to_thread(wait_for, lambda: phone.current_call, 10, 0.02, "ringing")
        t_answer = time.monotonic()
        await phone.answer()
        await asyncio.to_thread(caller.wait_event, "CALL_ESTABLISHED", mark, 5)
        deadline = time.monotonic() + 30
        while not any(s.final and s.speaker == "caller" and s.text for s in segments):
            assert time.monotonic() < deadline, f"no final caller segment: {segments}"
            await asyncio.sleep(0.05)
        t_final = time.monotonic() - t_answer
        await phone.hangup()
    finally:
        await transcriber.aclose()
        caller.stop()
    final = next(s for s in segments if s.final and s.speaker == "caller")
    print(f"final {final.text!r} {final.start:.2f}-{final.end:.2f} s, {t_final:.2f} s after answer")
    assert any(not s.final for s in segments if s.speaker == "caller"), "partials first"
    assert "公积金" in final.text, final.text
    assert 0.3 < final.start < 2.5  # on the call's clock: the sentence starts ~0.5 s in
    assert t_final < 20
