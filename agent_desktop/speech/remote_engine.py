"""Recognition on a central server speaking OpenAI's `POST /v1/audio/transcriptions`.

Large hotlines run recognition centrally (DESIGN §5). This backend sends each utterance as
a 16 kHz WAV in a multipart form (`file`, `model`, `language`, `prompt`,
`response_format=verbose_json`, `temperature=0`) and reads `text` (and, when the server
returns them, the segments' `avg_logprob` / `no_speech_prob`). Servers known to work:
`faster-whisper-server` (PyPI, serves the same packaged Whisper weights), OpenAI's API,
and other OpenAI-compatible gateways. Partials are off by default: each is a request.

A key, if the server needs one, is read from the environment variable named in the
settings (`api_key_env`), never from the settings file.
"""

from __future__ import annotations

import math
import os

import numpy as np

from .audio import MODEL_RATE, wav_bytes
from .engine import Recognition, SpeechEngine


class RemoteEngineError(RuntimeError):
    pass


class OpenAIServerEngine(SpeechEngine):
    name = "openai"

    def __init__(self, server_url: str, *, model: str = "whisper-1", language: str = "zh",
                 api_key_env: str = "AGENT_DESKTOP_ASR_API_KEY", partials: bool = False,
                 timeout_s: float = 15.0) -> None:
        if not server_url:
            raise ValueError("the openai speech backend needs server_url "
                             "(e.g. http://asr-server:8000) in the [speech] settings")
        url = server_url.rstrip("/")
        if not url.endswith("/audio/transcriptions"):
            url += ("" if url.endswith("/v1") else "/v1") + "/audio/transcriptions"
        self.url = url
        self.model = model
        self.language = language
        self.api_key_env = api_key_env
        self.supports_partials = partials
        self.timeout_s = timeout_s
        self._client = None
        self._verbose = True

    def describe(self) -> str:
        return f"{self.name} {self.model} at {self.url}"

    def load(self) -> None:
        if self._client is None:
            import httpx

            headers = {}
            key = os.environ.get(self.api_key_env, "")
            if key:
                headers["Authorization"] = f"Bearer {key}"
            self._client = httpx.Client(timeout=self.timeout_s, headers=headers)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def recognize(self, audio: np.ndarray, *, final: bool, prompt: str = "",
                  best: bool = False) -> Recognition:
        import httpx

        if self._client is None:
            self.load()
        data = {"model": self.model, "language": self.language, "temperature": "0",
                "response_format": "verbose_json" if self._verbose else "json"}
        if prompt:
            data["prompt"] = prompt
        files = {"file": ("utterance.wav", wav_bytes(audio, MODEL_RATE), "audio/wav")}
        try:
            response = self._client.post(self.url, data=data, files=files)
            if response.status_code == 400 and self._verbose:
                self._verbose = False  # a server without verbose_json: plain json
                return self.recognize(audio, final=final, prompt=prompt)
            response.raise_for_status()
            body = response.json()
        except httpx.HTTPStatusError as exc:
            raise RemoteEngineError(f"ASR server {self.url} answered "
                                    f"{exc.response.status_code}: {exc.response.text[:200]}") \
                from exc
        except (httpx.HTTPError, ValueError) as exc:
            raise RemoteEngineError(f"ASR server {self.url} unreachable or invalid: {exc}") \
                from exc
        text = str(body.get("text", "")).strip()
        segments = body.get("segments") or []
        logprobs = [s["avg_logprob"] for s in segments if s.get("avg_logprob") is not None]
        no_speech = [s["no_speech_prob"] for s in segments if s.get("no_speech_prob") is not None]
        confidence = math.exp(min(0.0, sum(logprobs) / len(logprobs))) if logprobs else 1.0
        return Recognition(text=text, confidence=confidence,
                           no_speech_prob=min(no_speech) if no_speech else 0.0)
