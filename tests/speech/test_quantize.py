"""The packaged Whisper model stored as int8 once: smaller on disk, and it still
recognises the phone number the float16 model does (same packaged audio)."""

from __future__ import annotations

import pytest

from agent_desktop.paths import resource
from agent_desktop.speech.models import resolve_model

faster_whisper = pytest.importorskip("faster_whisper")


def test_int8_model_is_stored_once_and_recognises_the_same(tmp_path):
    float16 = resolve_model(cache_dir=tmp_path)
    int8 = resolve_model(cache_dir=tmp_path, int8=True)
    assert int8 != float16 and int8.name.endswith("-int8")
    assert (int8 / "model.bin").stat().st_size < 0.6 * (float16 / "model.bin").stat().st_size
    again = resolve_model(cache_dir=tmp_path, int8=True)
    assert again == int8  # once: the second start reuses it
    model = faster_whisper.WhisperModel(str(int8), device="cpu", compute_type="int8",
                                        cpu_threads=2)
    segments, _ = model.transcribe(str(resource("speech", "utterances", "c03.8k-ulaw.wav")),
                                   language="zh", beam_size=5, temperature=0)
    text = "".join(s.text for s in segments)
    assert "13916728845" in text, text
