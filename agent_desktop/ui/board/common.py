"""What the board's widgets share: running the model's coroutines from a click, and how
durations read."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

log = logging.getLogger(__name__)


def spawn(coro: Coroutine[Any, Any, Any], done: Callable[[Any], None] | None = None,
          failed: Callable[[str], None] | None = None) -> asyncio.Task[Any]:
    """Run `coro` on the app's loop; `done(result)` or `failed(message)` afterwards."""
    task = asyncio.get_running_loop().create_task(coro)

    def finish(t: asyncio.Task[Any]) -> None:
        if t.cancelled():
            return
        if t.exception() is not None:
            log.info("board action failed: %s", t.exception())
            if failed is not None:
                failed(str(t.exception()))
        elif done is not None:
            done(t.result())

    task.add_done_callback(finish)
    return task


def duration(span: timedelta) -> str:
    """e.g. 5:07, 1:02:33 (negative spans read as 0:00)."""
    seconds = max(0, int(span.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def hours_text(span: timedelta) -> str:
    """A deadline distance: '3 h', '45 min', or '2 d 4 h'."""
    minutes = int(abs(span.total_seconds()) // 60)
    if minutes < 60:
        return QCoreApplication.translate("Board", "%1 min").replace("%1", str(minutes))
    hours = minutes // 60
    if hours < 48:
        return QCoreApplication.translate("Board", "%1 h").replace("%1", str(hours))
    text = QCoreApplication.translate("Board", "%1 d %2 h")
    return text.replace("%1", str(hours // 24)).replace("%2", str(hours % 24))


def coalesced(owner: QObject, slot: Callable[[], None], ms: int = 200) -> Callable[..., None]:
    """A callable that runs `slot` once, `ms` after the first of a burst of calls: a
    centre's events arrive tens per second, the screen needs a few redraws."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)

    def request(*_args: Any) -> None:
        if not timer.isActive():
            timer.start()

    return request
