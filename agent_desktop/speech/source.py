"""A simulated call: WAV audio played in real time into a transcriber, the way the
softphone's audio tap delivers a live call (`callback(speaker, pcm16le, rate, t)` every
20 ms per side).

    call = SimulatedCall.from_wavs(caller="caller-8k.wav", operator="mic-16k.wav")
    await call.play(transcriber.feed)

`SimulatedCall.demo()` builds a short two-speaker hotline call from the packaged test
utterances (resources/speech/utterances.json, `demo_call`): the caller leg at 8 kHz G.711
μ-law as from the telephone network, the operator's microphone at 16 kHz.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .audio import read_wav

TapCallback = Callable[[str, bytes, int, float], object]


@dataclass
class Track:
    samples: np.ndarray  # int16
    rate: int

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate


@dataclass(frozen=True)
class Turn:
    """Where one utterance sits in a simulated call (for measuring latency and CER)."""

    speaker: str
    start: float
    end: float
    text: str
    id: str


class SimulatedCall:
    def __init__(self, tracks: dict[str, Track], turns: list[Turn] | None = None, *,
                 chunk_ms: int = 20) -> None:
        self.tracks = tracks
        self.turns = turns or []
        self.chunk_ms = chunk_ms
        self.position = 0.0  # seconds played
        self._stop = False

    @property
    def duration(self) -> float:
        return max((t.duration for t in self.tracks.values()), default=0.0)

    @classmethod
    def from_wavs(cls, caller: str | Path | None = None,
                  operator: str | Path | None = None, **kw) -> SimulatedCall:
        tracks = {}
        for speaker, path in (("caller", caller), ("operator", operator)):
            if path:
                samples, rate = read_wav(path)
                tracks[speaker] = Track(samples, rate)
        if not tracks:
            raise ValueError("a simulated call needs at least one WAV file")
        return cls(tracks, **kw)

    @classmethod
    def demo(cls, script: str | Path | None = None, *, turns: list[dict] | None = None,
             lead_in: float = 0.5, **kw) -> SimulatedCall:
        """The demo call of `script` (default: the packaged utterances.json)."""
        if script is None:
            from agent_desktop.paths import resource

            script = resource("speech", "utterances.json")
        script = Path(script)
        spec = json.loads(script.read_text(encoding="utf-8"))
        utterances = {u["id"]: u for u in spec["utterances"]}
        folder = script.parent / "utterances"
        placed: list[tuple[str, float, np.ndarray, dict]] = []
        t = lead_in
        rates = {"caller": 8000, "operator": 16000}
        for turn in turns or spec["demo_call"]["turns"]:
            u = utterances[turn["id"]]
            kind = "8k-ulaw" if u["speaker"] == "caller" else "16k"
            samples, rate = read_wav(folder / f"{u['id']}.{kind}.wav")
            assert rate == rates[u["speaker"]], f"{u['id']}: unexpected rate {rate}"
            if placed:
                t += turn.get("gap", 0.6)
            placed.append((u["speaker"], t, samples, u))
            t += len(samples) / rate
        total = t + 1.0
        tracks = {sp: Track(np.zeros(int(total * r), np.int16), r) for sp, r in rates.items()}
        turn_list = []
        for speaker, start, samples, u in placed:
            track = tracks[speaker]
            i = int(start * track.rate)
            track.samples[i:i + len(samples)] = samples
            s0, s1 = _speech_bounds(samples, track.rate)
            turn_list.append(Turn(speaker, start + s0, start + s1, u["text"], u["id"]))
        return cls(tracks, turn_list, **kw)

    def stop(self) -> None:
        self._stop = True

    def chunks(self):
        """(t, [(speaker, pcm, rate), …]) for each chunk period, in order."""
        n_chunks = int(np.ceil(self.duration * 1000 / self.chunk_ms))
        for k in range(n_chunks):
            t = k * self.chunk_ms / 1000
            out = []
            for speaker, track in self.tracks.items():
                step = track.rate * self.chunk_ms // 1000
                piece = track.samples[k * step:(k + 1) * step]
                if len(piece):
                    out.append((speaker, piece.astype("<i2").tobytes(), track.rate))
            yield t, out

    async def play(self, callback: TapCallback, *, speed: float = 1.0,
                   on_tick: Callable[[float], object] | None = None) -> None:
        """Deliver the audio to `callback` paced in real time (or `speed` × faster)."""
        loop = asyncio.get_running_loop()
        self._stop = False
        started = loop.time()
        for t, pieces in self.chunks():
            if self._stop:
                break
            delay = started + t / speed - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            for speaker, pcm, rate in pieces:
                callback(speaker, pcm, rate, t)
            self.position = t + self.chunk_ms / 1000
            if on_tick:
                on_tick(self.position)


def _speech_bounds(samples: np.ndarray, rate: int) -> tuple[float, float]:
    """First and last moment (s) the signal rises above the noise floor (10 ms frames)."""
    frame = rate // 100
    n = len(samples) // frame
    if n == 0:
        return 0.0, len(samples) / rate
    energy = np.abs(samples[: n * frame].astype(np.float32)).reshape(n, frame).mean(axis=1)
    loud = np.nonzero(energy > max(60.0, 0.05 * float(energy.max())))[0]
    if not len(loud):
        return 0.0, n * frame / rate
    return float(loud[0] * frame / rate), float((loud[-1] + 1) * frame / rate)
