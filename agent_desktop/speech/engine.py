"""The one interface every speech recogniser implements, and the registry that picks one
from the settings.

Like baresip's modules (DESIGN §7), each backend is a small class behind `SpeechEngine`:
the streaming `Transcriber` cuts utterances and asks the engine to recognise 16 kHz mono
float32 audio, either a *partial* (fast, while the person is still speaking) or a *final*
(accurate, once the utterance ended). Engines are called from the transcriber's worker
thread only and may block.

Backends: `faster-whisper` (local CTranslate2 Whisper, the default) and `openai`
(a central server speaking OpenAI's `/v1/audio/transcriptions`). A new backend registers
a factory with `register_engine`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Recognition:
    """What an engine heard in one piece of audio."""

    text: str
    confidence: float = 1.0  # 0..1, the geometric mean token probability where known
    no_speech_prob: float = 0.0
    language: str = "zh"  # ISO 639-1 code of the language the text is in
    # per character of `text`: the probability of the token(s) that spelled it (Whisper's
    # word probability, as faster-whisper's word_timestamps gives it); empty when unknown
    char_confidence: tuple[float, ...] = ()
    # the decoder's n-best list, best first: (text, average token log-probability)
    hypotheses: tuple[tuple[str, float], ...] = ()


class SpeechEngine(ABC):
    """A speech recogniser. `recognize` runs on a worker thread and may block."""

    name: str = "engine"
    #: False for backends where partial hypotheses are too slow or costly (e.g. a remote
    #: server billed per request): the transcriber then shows finals only.
    supports_partials: bool = True
    #: True if `recognize(..., best=True)` is more accurate (and slower) than a normal
    #: final: the transcriber then decodes each final again when the decoder is idle.
    supports_refinement: bool = False

    def load(self) -> None:  # noqa: B027 - optional hook
        """Load models / open connections. Idempotent; called on the worker thread."""

    @abstractmethod
    def recognize(self, audio: np.ndarray, *, final: bool, prompt: str = "",
                  best: bool = False) -> Recognition:
        """Recognise 16 kHz mono float32 `audio`. `prompt` is text the audio likely
        continues or resembles (domain vocabulary, earlier turns) to bias decoding;
        `best` asks for the most accurate decode regardless of time (see
        `supports_refinement`)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources."""

    def describe(self) -> str:
        return self.name


@dataclass
class SpeechConfig:
    """The `[speech]` section of the settings file (`Settings.extra["speech"]`)."""

    backend: str = "faster-whisper"  # or "openai"
    model: str = "whisper-base"  # packaged model name, or a CTranslate2 model folder
    compute_type: str = "int8"
    cpu_threads: int = 2
    beam_size: int = 5
    final_pad_s: float = 8.0  # encoder window of finals = audio + this; 0: Whisper's 30 s
    refine_finals: bool = False  # decode finals again with the full window when idle
    # central server (backend = "openai")
    server_url: str = ""  # e.g. http://asr.example:8000 (the /v1/... path is appended)
    server_model: str = "whisper-1"
    api_key_env: str = "AGENT_DESKTOP_ASR_API_KEY"  # name of the env variable holding a key
    server_partials: bool = False
    timeout_s: float = 15.0
    # streaming
    partial_interval_s: float = 0.8
    end_silence_s: float = 0.7
    biasing: bool = True
    # issue 13 levers, each measured by bench/bench_speech.py
    call_biasing: bool = True  # the final's prompt from what the call has said
    rescoring: bool = True  # n-best list rescored with the domain character LM
    # pinyin corrections only on low-confidence stretches where the category fits: off,
    # it lost right corrections on the untouched half's noisy line (bench_speech)
    guarded_corrections: bool = False
    # the pinyin correction touches only stretches with a character heard below this
    # probability (None: every stretch). 0.95 lost no right correction on the tune half;
    # lower gates did (Whisper is confidently wrong on homophones) — bench_speech
    correction_max_confidence: float | None = 0.95
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, raw: dict[str, Any] | None) -> SpeechConfig:
        raw = dict(raw or {})
        known = {f.name for f in fields(cls)} - {"extra"}
        config = cls(**{k: raw.pop(k) for k in list(raw) if k in known})
        config.extra = raw
        return config


EngineFactory = Callable[[SpeechConfig], SpeechEngine]
_FACTORIES: dict[str, EngineFactory] = {}


def register_engine(name: str, factory: EngineFactory) -> None:
    _FACTORIES[name] = factory


def available_backends() -> list[str]:
    _register_builtin()
    return sorted(_FACTORIES)


def create_engine(config: SpeechConfig | None = None) -> SpeechEngine:
    """Build the engine the settings ask for (not loaded yet: call `load()` off the UI)."""
    config = config or SpeechConfig()
    _register_builtin()
    try:
        factory = _FACTORIES[config.backend]
    except KeyError:
        raise ValueError(f"unknown speech backend {config.backend!r}: use one of "
                         f"{', '.join(sorted(_FACTORIES))}") from None
    return factory(config)


def _register_builtin() -> None:
    if "faster-whisper" not in _FACTORIES:
        from .whisper_engine import FasterWhisperEngine

        register_engine("faster-whisper", lambda c: FasterWhisperEngine(
            model=c.model, compute_type=c.compute_type, cpu_threads=c.cpu_threads,
            beam_size=c.beam_size, final_pad_s=c.final_pad_s or None))
    if "openai" not in _FACTORIES:
        from .remote_engine import OpenAIServerEngine

        register_engine("openai", lambda c: OpenAIServerEngine(
            c.server_url, model=c.server_model, api_key_env=c.api_key_env,
            partials=c.server_partials, timeout_s=c.timeout_s))
