"""Voice activity detection: where speech starts and stops in a 16 kHz stream.

`SileroVad` runs the Silero VAD v6 ONNX model that ships inside faster-whisper (MIT) with
onnxruntime, one 32 ms frame at a time, keeping its recurrent state between calls — no
torch, nothing downloaded. `UtteranceSegmenter` turns frame probabilities into events
with hysteresis: speech starts after `min_speech_s` of voiced frames; a *pause* is reported
after `pause_s` of silence (the transcriber starts a speculative final decode then), and the
utterance *ends* after `end_silence_s`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16000
FRAME = 512  # samples per VAD frame at 16 kHz (32 ms)
CONTEXT = 64
RESET_AFTER_FRAMES = 16  # frames of clear silence after which the model state is reset


def _model_path() -> Path:
    import faster_whisper

    return Path(faster_whisper.__file__).parent / "assets" / "silero_vad_v6.onnx"


class SileroVad:
    """Streaming Silero VAD: `probabilities(frames)` for consecutive 512-sample frames."""

    _session = None
    _session_lock = threading.Lock()

    def __init__(self) -> None:
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(CONTEXT, dtype=np.float32)
        self._session_for_class()

    @classmethod
    def _session_for_class(cls):
        with cls._session_lock:
            if cls._session is None:
                import onnxruntime

                opts = onnxruntime.SessionOptions()
                opts.inter_op_num_threads = 1
                opts.intra_op_num_threads = 1
                opts.log_severity_level = 4
                cls._session = onnxruntime.InferenceSession(
                    str(_model_path()), providers=["CPUExecutionProvider"], sess_options=opts)
            return cls._session

    def reset(self) -> None:
        self._h[:] = 0
        self._c[:] = 0
        self._context[:] = 0

    def probabilities(self, audio: np.ndarray) -> np.ndarray:
        """Speech probability of each whole 512-sample frame of `audio` (len % 512 == 0)."""
        n = len(audio) // FRAME
        if n == 0:
            return np.zeros(0, dtype=np.float32)
        frames = np.asarray(audio[: n * FRAME], dtype=np.float32).reshape(n, FRAME)
        contexts = np.vstack([self._context[None, :], frames[:-1, -CONTEXT:]])
        batch = np.concatenate([contexts, frames], axis=1)
        probs, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c})
        self._context = frames[-1, -CONTEXT:].copy()
        return np.asarray(probs, dtype=np.float32).reshape(-1)


@dataclass(frozen=True)
class VadEvent:
    kind: str  # "start" | "pause" | "resume" | "end"
    sample: int  # stream position (16 kHz samples) the event refers to:
    #   start → first voiced sample; pause/end → just after the last voiced frame;
    #   resume → first voiced sample after a pause


class UtteranceSegmenter:
    """Frame probabilities → start / pause / resume / end events."""

    def __init__(self, vad: SileroVad | None = None, *, threshold: float = 0.5,
                 neg_threshold: float = 0.35, min_speech_s: float = 0.15,
                 pause_s: float = 0.2, end_silence_s: float = 0.7) -> None:
        self.vad = vad or SileroVad()
        self.threshold = threshold
        self.neg_threshold = neg_threshold
        self.min_speech_frames = max(1, round(min_speech_s * SAMPLE_RATE / FRAME))
        self.pause_frames = max(1, round(pause_s * SAMPLE_RATE / FRAME))
        self.end_frames = max(self.pause_frames + 1, round(end_silence_s * SAMPLE_RATE / FRAME))
        self._pending = np.zeros(0, dtype=np.float32)
        self._quiet_run = 0
        self._strong = 0
        self._frame_index = 0  # index of the next frame to classify
        self.in_speech = False
        self._voiced_run = 0
        self._silent_run = 0
        self._paused = False
        self._last_voiced_end = 0
        self.last_probability = 0.0

    def push(self, audio: np.ndarray) -> list[VadEvent]:
        self._pending = np.concatenate([self._pending, np.asarray(audio, dtype=np.float32)])
        n = len(self._pending) // FRAME
        if n == 0:
            return []
        frames, self._pending = self._pending[: n * FRAME], self._pending[n * FRAME:]
        events: list[VadEvent] = []
        for k in range(n):
            # The model's recurrent state drifts during long silence (digital zeros on a
            # quiet line), after which it hears the next words late: reset it every
            # ~0.5 s of clear silence.
            if not self.in_speech and self._quiet_run >= RESET_AFTER_FRAMES:
                self.vad.reset()
                self._quiet_run = 0
            p = float(self.vad.probabilities(frames[k * FRAME:(k + 1) * FRAME])[0])
            self._quiet_run = self._quiet_run + 1 if p < 0.2 else 0
            self._classify(p, events)
        return events

    def _classify(self, p: float, events: list[VadEvent]) -> None:
        index = self._frame_index
        self._frame_index += 1
        self.last_probability = p
        if not self.in_speech:
            # speech starts after min_speech frames above neg_threshold, some of them
            # clearly above threshold (telephone audio often hovers around 0.5)
            if p >= self.neg_threshold:
                self._voiced_run += 1
                self._strong += p >= self.threshold
            else:
                self._voiced_run = self._strong = 0
            if (self._voiced_run >= self.min_speech_frames
                    and self._strong >= min(3, self.min_speech_frames)):
                self.in_speech = True
                self._silent_run = 0
                self._paused = False
                first = index - self._voiced_run + 1
                self._last_voiced_end = (index + 1) * FRAME
                events.append(VadEvent("start", first * FRAME))
            return
        # hysteresis: within speech a frame is silent below neg_threshold; once silence
        # has begun, speech resumes only above threshold
        voiced = p >= (self.neg_threshold if self._silent_run == 0 else self.threshold)
        if voiced:
            if self._paused:
                events.append(VadEvent("resume", index * FRAME))
                self._paused = False
            self._silent_run = 0
            self._last_voiced_end = (index + 1) * FRAME
        else:
            self._silent_run += 1
            if self._silent_run == self.pause_frames:
                self._paused = True
                events.append(VadEvent("pause", self._last_voiced_end))
            if self._silent_run >= self.end_frames:
                self.in_speech = False
                self._paused = False
                self._voiced_run = self._strong = 0
                events.append(VadEvent("end", self._last_voiced_end))

    @property
    def paused(self) -> bool:
        """In speech, but silent for at least `pause_s`."""
        return self._paused

    @property
    def position(self) -> int:
        """Samples classified so far."""
        return self._frame_index * FRAME
