"""A minimal observer for services: `Signal.connect(callback)`, `Signal.emit(*args)`.

Services are plain Python and must not depend on Qt; widgets connect to these signals
and re-emit into Qt where needed. Callbacks run synchronously on the emitting thread
(the asyncio loop's thread for every service here).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


class Signal:
    def __init__(self) -> None:
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> Callable[[], None]:
        """Connect `slot`; returns a function that disconnects it."""
        self._slots.append(slot)
        return lambda: self.disconnect(slot)

    def disconnect(self, slot: Callable[..., Any]) -> None:
        if slot in self._slots:
            self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        for slot in list(self._slots):
            try:
                slot(*args)
            except Exception:  # one broken listener must not break the service
                log.exception("signal listener %r failed", slot)
