"""Reports the call in progress to the server, for the team lead's monitoring by text:
answered, each final utterance of the live transcript, ended. Best effort — a call is
never slowed or stopped by it; while the server is unreachable the words are not kept
(the transcript itself is saved with the call).

    reporter = CallReporter(session.client)
    calls.answered.connect(reporter.answered); calls.ended.connect(reporter.ended)
    transcriber.segment_emitted.connect(reporter.segment)
"""

from __future__ import annotations

import asyncio
import logging

from agent_desktop.api.client import API, ApiError, HotlineClient, ServerUnreachable

log = logging.getLogger(__name__)


class CallReporter:
    def __init__(self, client: HotlineClient) -> None:
        self.client = client
        self.call_id: str | None = None
        self._tasks: set[asyncio.Task] = set()
        self._last: asyncio.Task | None = None
        self.sent = 0  # requests the server took (tests, status)

    def answered(self, call) -> None:
        if getattr(call, "source", "") == "training":
            return  # a training call is nobody's live call
        self.call_id = call.call_id
        self._send("PUT", f"/calls/{call.call_id}",
                   {"state": "talking", "caller": call.caller_number or ""})

    def ended(self, call) -> None:
        if call.call_id == self.call_id:
            self._send("PUT", f"/calls/{call.call_id}", {"state": "ended"})
            self.call_id = None

    def segment(self, segment) -> None:
        if self.call_id is None or not segment.final or not segment.text:
            return
        self._send("POST", f"/calls/{self.call_id}/segments",
                   {"speaker": segment.speaker, "text": segment.text[:2000],
                    "start": max(0.0, segment.start), "end": max(0.0, segment.end)})

    def _send(self, method: str, path: str, body: dict) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        # one after the other: a segment must not overtake the call's start
        task = loop.create_task(self._request(method, path, body, self._last))
        self._last = task
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _request(self, method: str, path: str, body: dict,
                       before: asyncio.Task | None) -> None:
        if before is not None:
            await asyncio.gather(before, return_exceptions=True)
        try:
            await self.client._request(method, f"{API}{path}", json=body)
            self.sent += 1
        except (ServerUnreachable, ApiError) as exc:
            log.info("call monitoring: %s %s not taken: %s", method, path, exc)

    async def drain(self) -> None:
        """Wait for what is on its way (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
