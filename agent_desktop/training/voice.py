"""The simulated caller's voice: each line of a scenario rendered once at build time as
telephone speech (scripts/gen_training_audio.py → resources/training/audio/<key>.opus,
narrowband Opus) and decoded here to 8 kHz 16-bit PCM, as from the telephone network.

A line without a clip (a scenario a trainer wrote in the app after the build) has no
voice: the call shows it as text instead.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from pathlib import Path

import numpy as np

from agent_desktop.packaged import resource

log = logging.getLogger(__name__)

RATE = 8000


def clip_key(text: str) -> str:
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:16]


class CallerVoice:
    def __init__(self, folder: Path | None = None, rate: int = RATE) -> None:
        self.folder = Path(folder) if folder else resource("training", "audio")
        self.rate = rate

    def has(self, text: str) -> bool:
        return (self.folder / f"{clip_key(text)}.opus").is_file()

    def clip(self, text: str) -> np.ndarray | None:
        """The line as int16 samples at `rate` (8 kHz), or None when it has no clip."""
        path = self.folder / f"{clip_key(text)}.opus"
        if not path.is_file():
            return None
        try:
            return _decode(str(path), self.rate)
        except Exception as exc:  # a damaged clip: the line is shown as text
            log.warning("cannot decode %s: %s", path.name, exc)
            return None


@lru_cache(maxsize=64)
def _decode(path: str, rate: int) -> np.ndarray:
    import av  # faster-whisper's own decoder; imported late, it is large

    pieces: list[np.ndarray] = []
    resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
    with av.open(path) as container:
        for frame in container.decode(audio=0):
            pieces.extend(f.to_ndarray().reshape(-1) for f in resampler.resample(frame))
        pieces.extend(f.to_ndarray().reshape(-1) for f in resampler.resample(None))
    samples = np.concatenate(pieces) if pieces else np.zeros(0, np.int16)
    samples.setflags(write=False)
    return samples
