"""Local recognition with faster-whisper (CTranslate2 Whisper), the default engine.

Whisper is not a streaming model, so partials and finals decode differently (DESIGN §5):

- partials: greedy search over an encoder window trimmed to the audio (+3 s) instead of
  Whisper's fixed 30 s (encoder 0.45 s → ~0.07 s on 2 cores);
- finals: beam search (5) over a window of the audio + 8 s, about half the time of the
  full window: that brings the final within ~1 s of the end of speech on 2 cores;
- `best=True` (refinement): beam search over Whisper's full 30 s window. With biasing it
  measured no more accurate than the trimmed window here (8 kHz CER 10.6 % vs 10.7 %,
  16 kHz 5.4 % both), so the transcriber's second pass is off by default.

Both pass temperature 0 (no fallback sampling) and cap new tokens at ~10 per second of
audio: without a cap one partial looped to 448 tokens. Features and the CTranslate2 model
are driven directly rather than through `WhisperModel.transcribe`, which always pads to 30 s.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time

import numpy as np

from .engine import Recognition, SpeechEngine
from .models import DEFAULT_MODEL, resolve_model

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
FRAMES_PER_SECOND = 100  # Whisper's mel hop is 10 ms
FULL_WINDOW_FRAMES = 3000


class FasterWhisperEngine(SpeechEngine):
    name = "faster-whisper"
    supports_partials = True

    def __init__(self, model: str = DEFAULT_MODEL, *, compute_type: str = "int8",
                 cpu_threads: int = 2, beam_size: int = 5, language: str = "zh",
                 partial_pad_s: float = 3.0, final_pad_s: float | None = 8.0,
                 detect_language: bool = True, switch_language_p: float = 0.6,
                 num_hypotheses: int = 5, word_confidence: bool = False) -> None:
        self.model_name = model
        self.compute_type = compute_type
        self.cpu_threads = cpu_threads
        self.beam_size = beam_size
        self.language = language
        self.partial_pad_s = partial_pad_s
        self.final_pad_s = final_pad_s  # None: full 30 s window for finals
        # finals: ask the model which language is spoken and transcribe in it when it is
        # not `language` with at least this probability (foreign-language callers)
        self.detect_language = detect_language
        self.switch_language_p = switch_language_p
        # finals: return the beam's n best texts (for rescoring with a domain LM)
        self.num_hypotheses = max(1, num_hypotheses)
        # finals: the probability of every character (the alignment pass faster-whisper's
        # word_timestamps runs), so corrections touch only what the model was unsure of;
        # costs ~0.02 RTF, so only when corrections are gated by confidence
        self.word_confidence = word_confidence
        self._tokenizers: dict[str, object] = {}
        self.last_align_s = 0.0  # time the last decode spent on `word_confidence`
        # best=True decodes with the full 30 s window: worth a second pass only if the
        # normal finals are trimmed
        self.supports_refinement = final_pad_s is not None
        self.load_seconds: float | None = None
        self._model = None
        self._tokenizer = None
        self._suppress: list[int] = []
        self._lock = threading.Lock()

    def describe(self) -> str:
        return f"{self.name} {self.model_name} ({self.compute_type}, {self.cpu_threads} threads)"

    def load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            from faster_whisper import WhisperModel
            from faster_whisper.tokenizer import Tokenizer
            from faster_whisper.transcribe import get_suppressed_tokens

            started = time.perf_counter()
            path = resolve_model(self.model_name, int8=self.compute_type == "int8")
            model = WhisperModel(str(path), device="cpu", compute_type=self.compute_type,
                                 cpu_threads=self.cpu_threads, num_workers=1,
                                 local_files_only=True)
            self._tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual,
                                        task="transcribe", language=self.language)
            self._suppress = list(get_suppressed_tokens(self._tokenizer, [-1]))
            self._model = model
            self.load_seconds = time.perf_counter() - started
            log.info("loaded %s in %.2f s", self.describe(), self.load_seconds)

    def close(self) -> None:
        with self._lock:
            self._model = None

    def recognize(self, audio: np.ndarray, *, final: bool, prompt: str = "",
                  best: bool = False) -> Recognition:
        result = self._recognize(audio, final=final, prompt=prompt, best=best)
        if final and prompt.strip() and result.language == self.language:
            from .bias import is_prompt_echo
            from .text import to_simplified

            if is_prompt_echo(to_simplified(result.text), prompt):
                # the prompt was parroted back (noisy lines): what was heard without it
                return self._recognize(audio, final=final, prompt="", best=best)
        return result

    def _recognize(self, audio: np.ndarray, *, final: bool, prompt: str = "",
                   best: bool = False) -> Recognition:
        if self._model is None:
            self.load()
        model, tokenizer = self._model, self._tokenizer
        audio = np.asarray(audio, dtype=np.float32)
        seconds = len(audio) / SAMPLE_RATE
        if seconds < 0.1:
            return Recognition("", 0.0, 1.0)
        features = model.feature_extractor(audio)
        pad_s = None if best else self.final_pad_s if final else self.partial_pad_s
        if pad_s is None:
            frames = FULL_WINDOW_FRAMES
        else:
            frames = min(FULL_WINDOW_FRAMES, int(math.ceil((seconds + pad_s) * FRAMES_PER_SECOND)))
            frames += frames % 2  # the encoder's convolution has stride 2
        features = _pad_or_trim(features, frames)

        from faster_whisper.transcribe import get_ctranslate2_storage

        encoded = model.model.encode(get_ctranslate2_storage(features[None]), to_cpu=False)
        language = self.language
        if final and self.detect_language and model.model.is_multilingual:
            language = self._spoken_language(encoded)
            if language != self.language:
                tokenizer = self._tokenizer_for(language)
        # the domain prompt is Mandarin vocabulary: no use to a foreign-language caller
        use_prompt = prompt.strip() and language == self.language
        previous = tokenizer.encode(" " + prompt.strip()) if use_prompt else []
        prompt_tokens = model.get_prompt(tokenizer, previous, without_timestamps=True)
        max_new = int(10 * seconds) + 10
        max_length = min(model.max_length, len(prompt_tokens) + max_new)
        beam = self.beam_size if final or best else 1
        n_best = min(beam, self.num_hypotheses) if final else 1
        result = model.model.generate(
            encoded, [prompt_tokens],
            beam_size=beam,
            patience=1.0,
            num_hypotheses=n_best,
            length_penalty=1.0,
            max_length=max_length,
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=self._suppress,
        )[0]
        hypotheses = []
        for ids, score in zip(result.sequences_ids, result.scores):
            toks = [t for t in ids if t < tokenizer.eot]
            hypotheses.append((toks, score * len(toks) / (len(toks) + 1) if toks else -10.0))
        tokens, avg_logprob = hypotheses[0]
        text = tokenizer.decode(tokens).strip()
        char_confidence: tuple[float, ...] = ()
        self.last_align_s = 0.0
        if final and self.word_confidence and tokens:
            aligned_at = time.perf_counter()
            frames_used = min(features.shape[-1], int(seconds * FRAMES_PER_SECOND))
            aligned = model.model.align(encoded, prompt_tokens, [tokens],
                                        frames_used)[0]
            char_confidence = _char_probabilities(tokenizer, tokens,
                                                  list(aligned.text_token_probs), text)
            self.last_align_s += time.perf_counter() - aligned_at
        return Recognition(text=text, confidence=float(math.exp(min(0.0, avg_logprob))),
                           no_speech_prob=float(result.no_speech_prob), language=language,
                           char_confidence=char_confidence,
                           hypotheses=tuple((tokenizer.decode(t).strip(), float(lp))
                                            for t, lp in hypotheses) if n_best > 1 else ())

    def _spoken_language(self, encoded) -> str:
        """The language of the utterance: `self.language` unless the model is confident
        of another one."""
        ranked = self._model.model.detect_language(encoded)[0]  # [(token, p)], best first
        token, p = ranked[0]
        code = token[2:-2]
        if code != self.language and p >= self.switch_language_p and code != "yue":
            return code
        return self.language

    def _tokenizer_for(self, language: str):
        from faster_whisper.tokenizer import Tokenizer

        if language not in self._tokenizers:
            self._tokenizers[language] = Tokenizer(
                self._model.hf_tokenizer, True, task="transcribe", language=language)
        return self._tokenizers[language]


def _char_probabilities(tokenizer, tokens: list[int], probs: list[float],
                        text: str) -> tuple[float, ...]:
    """The probability of each character of `text` (the stripped decode of `tokens`): a
    character spelled by several byte tokens gets the least probable of them."""
    out: list[float] = []
    group: list[int] = []
    group_p: list[float] = []
    for token, p in zip(tokens, probs):
        group.append(token)
        group_p.append(float(p))
        piece = tokenizer.decode(group)
        if "\ufffd" in piece and len(group) < 4:
            continue  # a multi-byte character not complete yet
        out += [min(group_p)] * len(piece)
        group, group_p = [], []
    decoded = tokenizer.decode(tokens)
    lead = len(decoded) - len(decoded.lstrip())
    out = out[lead:lead + len(text)]
    if len(out) != len(text):
        return ()
    return tuple(round(p, 4) for p in out)


def _pad_or_trim(features: np.ndarray, frames: int) -> np.ndarray:
    if features.shape[-1] >= frames:
        return np.ascontiguousarray(features[:, :frames])
    return np.pad(features, ((0, 0), (0, frames - features.shape[-1])))
