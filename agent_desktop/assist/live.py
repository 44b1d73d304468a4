"""The assistant during a live call: segments are analysed on one worker thread, in the
order they arrive, and each new draft is handed back on the asyncio loop's thread.

    live = LiveAssist(lambda: CallAssistant.default(catalog, geo=geo))
    live.updated.connect(on_draft)      # (Draft, changed paths, finished) on the loop
    live.start_call(); live.feed(segment) …; live.finish()

Building the assistant (the embedding model, ~1 s) happens on the same worker, first.
No Qt here: the workspace binds `updated` to its widgets (ui.assist_binding).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from agent_desktop.signals import Signal
from agent_desktop.speech.transcript import Segment

from .assistant import CallAssistant
from .draft import Draft

log = logging.getLogger(__name__)


class LiveAssist:
    def __init__(self, build: Callable[[], CallAssistant],
                 loop: asyncio.AbstractEventLoop | None = None) -> None:
        self.loop = loop or asyncio.get_running_loop()
        self.updated = Signal()  # (Draft, [paths], finished: bool)
        self.failed = Signal()  # (message)
        self.assistant: CallAssistant | None = None
        self.finish_seconds: float | None = None  # hang-up → complete draft, last call
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="assist")
        self._closed = False
        self._ready = self._submit(lambda: self._build(build), deliver=False)

    async def wait_ready(self) -> bool:
        await self._ready
        return self.assistant is not None

    def _build(self, build: Callable[[], CallAssistant]) -> None:
        try:
            self.assistant = build()
        except Exception as e:  # the workspace works without the assistant
            log.exception("call assistant unavailable")
            self.loop.call_soon_threadsafe(self.failed.emit, str(e))

    # --- the call ------------------------------------------------------------------------

    def start_call(self) -> None:
        self._submit(lambda: self.assistant and self.assistant.reset(), deliver=False)

    def feed(self, segment: Segment) -> None:
        def run():
            if self.assistant is None:
                return None
            changed = self.assistant.feed(segment)
            return (self.assistant.draft, changed, False) if changed or segment.final else None
        self._submit(run)

    def finish(self) -> asyncio.Future:
        """Hang-up: the complete draft (content and request written)."""

        def run():
            asked = time.perf_counter()  # after the segments still queued before it
            if self.assistant is None:
                return None
            before = self.assistant.draft
            draft = self.assistant.finish()
            self.finish_seconds = time.perf_counter() - asked
            return draft, draft.changed_paths(before) or list(draft.fields), True
        return self._submit(run)

    def close(self) -> None:
        self._closed = True
        self._executor.shutdown(wait=False, cancel_futures=True)

    # --- plumbing ------------------------------------------------------------------------

    def _submit(self, fn: Callable[[], Any], deliver: bool = True) -> asyncio.Future:
        if self._closed:
            future = self.loop.create_future()
            future.set_result(None)
            return future
        future = self.loop.run_in_executor(self._executor, fn)
        if deliver:
            future.add_done_callback(self._deliver)
        return future

    def _deliver(self, future: asyncio.Future) -> None:
        if future.cancelled():
            return
        error = future.exception()
        if error is not None:
            log.error("call assistant failed on a segment", exc_info=error)
            return
        result: tuple[Draft, list[str], bool] | None = future.result()
        if result is not None and not self._closed:
            self.updated.emit(*result)
