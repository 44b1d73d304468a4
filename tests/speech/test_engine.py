"""The local faster-whisper engine on real speech: partials, finals, speed, biasing."""

from __future__ import annotations

import time

import pytest

from agent_desktop.speech.audio import read_wav_16k
from agent_desktop.speech.text import cer, corpus_cer, normalize

pytestmark = pytest.mark.slow


def test_final_reads_a_phone_number(engine, wav, utterances):
    audio = read_wav_16k(wav("c03"))
    result = engine.recognize(audio, final=True)
    text = normalize(result.text)
    assert "13916728845" in text
    assert cer(utterances["c03"]["text"], text) < 0.15
    assert 0.3 < result.confidence <= 1.0


def test_partial_of_a_growing_utterance_is_fast_and_capped(engine, wav):
    audio = read_wav_16k(wav("c01"))[: 16000 * 2]
    engine.recognize(audio, final=False)  # warm
    started = time.perf_counter()
    result = engine.recognize(audio, final=False)
    elapsed = time.perf_counter() - started
    assert result.text
    assert len(result.text) < 40  # capped at ~10 tokens per second of audio
    assert elapsed < 2.0  # ~0.1-0.3 s on an idle 2-core machine


def test_very_short_audio_returns_nothing(engine):
    import numpy as np

    assert engine.recognize(np.zeros(800, np.float32), final=True).text == ""


def test_biasing_lowers_cer_on_8khz_telephone_speech(engine, wav, utterances, vocabulary,
                                                     corrector):
    ids = ["c02", "c04", "c05", "c08"]
    before, after = [], []
    for uid in ids:
        audio = read_wav_16k(wav(uid, "8k-ulaw"))
        plain = engine.recognize(audio, final=True)
        biased = engine.recognize(audio, final=True, prompt=vocabulary.prompt())
        before.append((utterances[uid]["text"], normalize(plain.text)))
        after.append((utterances[uid]["text"], corrector.correct(normalize(biased.text))[0]))
    cer_before, cer_after = corpus_cer(before), corpus_cer(after)
    assert cer_after < cer_before, (before, after)
    assert cer_after < 0.25, after


def test_an_english_caller_is_transcribed_in_english(engine, wav, utterances):
    audio = read_wav_16k(wav("e03", "8k-ulaw"))
    result = engine.recognize(audio, final=True, prompt="上海市12345市民服务热线来电。")
    assert result.language == "en"
    words = result.text.lower()
    assert "light" in words and "broken" in words, result.text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in result.text)


def test_mandarin_stays_mandarin(engine, wav):
    for uid in ("c03", "n01"):
        result = engine.recognize(read_wav_16k(wav(uid, "8k-ulaw")), final=True)
        assert result.language == "zh", (uid, result.text)
