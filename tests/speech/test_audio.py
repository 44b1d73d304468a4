"""G.711 decoding, resampling and WAV reading (no model needed)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from agent_desktop.speech import audio


def test_ulaw_table_matches_g711_reference_points():
    assert audio.ULAW_TO_PCM16[0xFF] == 0
    assert audio.ULAW_TO_PCM16[0x7F] == 0
    assert audio.ULAW_TO_PCM16[0x80] == 32124
    assert audio.ULAW_TO_PCM16[0x00] == -32124
    assert audio.ALAW_TO_PCM16[0xD5] == 8
    assert audio.ALAW_TO_PCM16[0x55] == -8
    # monotonic within each sign half
    assert np.all(np.diff(audio.ULAW_TO_PCM16[0x80:0xFF].astype(int)) < 0)


def test_ulaw_round_trip_error_is_within_quantisation():
    x = (np.sin(np.linspace(0, 60, 4000)) * 12000).astype(np.int16)
    y = audio.ulaw_decode(audio.ulaw_encode(x))
    assert np.max(np.abs(y.astype(int) - x) / (np.abs(x) + 64)) < 0.07


@pytest.mark.skipif(shutil.which("sox") is None, reason="sox not installed")
def test_ulaw_wav_decodes_like_sox(wav, tmp_path):
    src = wav("c03", "8k-ulaw")
    out = tmp_path / "pcm.wav"
    subprocess.run(["sox", str(src), "-e", "signed-integer", "-b", "16", str(out)], check=True)
    ours, rate = audio.read_wav(src)
    theirs, rate2 = audio.read_wav(out)
    assert rate == rate2 == 8000
    assert np.array_equal(ours, theirs)


@pytest.mark.parametrize("rate", [8000, 22050, 44100, 48000])
def test_stream_resampler_chunked_equals_whole_and_keeps_a_tone(rate):
    t = np.arange(rate) / rate
    x = (0.5 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32)
    whole = audio.StreamResampler(rate).process(x)
    r = audio.StreamResampler(rate)
    step = rate // 50
    chunked = np.concatenate([r.process(x[i:i + step]) for i in range(0, len(x), step)])
    assert len(chunked) == len(whole) == 16000
    assert np.allclose(chunked, whole, atol=1e-5)
    y = audio.resample(x, rate, 16000)
    ref = 0.5 * np.sin(2 * np.pi * 1000 * np.arange(16000) / 16000)
    assert np.max(np.abs(y[300:-300] - ref[300:-300])) < 0.01


def test_resampling_removes_content_above_the_new_nyquist():
    rate = 48000
    x = np.sin(2 * np.pi * 11000 * np.arange(rate) / rate).astype(np.float32)
    y = audio.resample(x, rate, 16000)
    assert np.sqrt(np.mean(y[300:-300] ** 2)) < 0.01


def test_read_wav_of_16k_pcm_and_wav_bytes_round_trip(wav):
    samples, rate = audio.read_wav(wav("o05"))
    assert rate == 16000 and samples.dtype == np.int16 and len(samples) > 16000
    again, rate2 = audio.read_wav(audio.wav_bytes(audio.pcm16_to_float(samples)))
    assert rate2 == 16000 and np.max(np.abs(again.astype(int) - samples)) <= 1


def test_read_wav_rejects_other_files():
    with pytest.raises(ValueError, match="not a WAV"):
        audio.read_wav(b"ID3\x00" * 20)
