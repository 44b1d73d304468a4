"""`agent-desktop transcribe FILE.wav --json` with the real model."""

from __future__ import annotations

import json
import os

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def data_dir(model_dir, tmp_path, monkeypatch):
    """An app data dir whose model cache already holds the assembled model."""
    monkeypatch.setenv("AGENT_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("AGENT_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    os.makedirs(tmp_path / "data" / "models")
    os.symlink(model_dir, tmp_path / "data" / "models" / "whisper-base")
    return tmp_path / "data"


def test_transcribe_prints_final_segments_as_json(data_dir, wav, capsys, run_cli):
    code = run_cli(["transcribe", str(wav("c03", "8k-ulaw")), "--operator", str(wav("o03")),
                    "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["engine"].startswith("faster-whisper")
    by_speaker = {s["speaker"]: s for s in out["segments"]}
    assert set(by_speaker) == {"caller", "operator"}
    assert "13916728845" in by_speaker["caller"]["text"]
    assert "联系电话" in by_speaker["operator"]["text"]
    for s in out["segments"]:
        assert s["final"] is True and 0 <= s["start"] < s["end"] and 0 < s["confidence"] <= 1


def test_transcribe_text_output_and_errors(data_dir, wav, capsys, tmp_path, run_cli):
    assert run_cli(["transcribe", str(wav("o08"))]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("[00:00.") and "市民：" in line and "再见" in line

    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not audio")
    assert run_cli(["transcribe", str(bad)]) == 1
    assert "not a WAV file" in capsys.readouterr().err
