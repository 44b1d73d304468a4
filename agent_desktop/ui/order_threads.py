"""Work the work-order widgets hand off the Qt thread: building the matter index, writing
drafts to disk. The result comes back on the asyncio loop that runs on Qt (qasync), via
`run_in_executor` (which uses `call_soon_threadsafe`), so callbacks may touch widgets.

Work that allocates a lot (an index build) passes `collect_on_qt_thread=True`: the garbage
collector runs on the Qt thread first. Otherwise a collection triggered by the worker's
allocations could run in the worker and destroy there a Python-owned QObject of some
garbage cycle (e.g. the timer object of a closed qasync loop), leaving Qt a dangling
timer — a crash later, on the Qt thread.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def _loop() -> asyncio.AbstractEventLoop | None:
    """The asyncio loop running on Qt (qasync sets it as running), or None."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def run_in_thread(fn: Callable[[], T], on_done: Callable[[T], Any] | None = None,
                  executor: Executor | None = None, *,
                  collect_on_qt_thread: bool = False) -> asyncio.Future | None:
    """Run `fn` in `executor` (the loop's default pool if None); `on_done(result)` runs
    on the loop's thread afterwards. Without an event loop (a plain script) both run at
    once, here. Exceptions of `fn` are logged, never raised into Qt."""
    loop = _loop()
    if collect_on_qt_thread:
        gc.collect()  # the garbage there is now goes here, on the Qt thread
    if loop is None:
        try:
            result = fn()
        except Exception:
            log.exception("background work failed")
            return None
        if on_done is not None:
            on_done(result)
        return None
    future = loop.run_in_executor(executor, fn)

    def finished(f: asyncio.Future) -> None:
        if f.cancelled():
            return
        if f.exception() is not None:
            log.error("background work failed", exc_info=f.exception())
            return
        if on_done is not None:
            try:
                on_done(f.result())
            except RuntimeError as exc:  # the widget was deleted meanwhile
                log.debug("result dropped: %s", exc)

    future.add_done_callback(finished)
    return future
