"""The operator's agent state (ready / not ready with reason / on call / wrap-up), kept in
step with the softphone's calls and reported to the hotline server.

The server call is a plain callable passed in by the composition root, e.g.

```python
async def report(payload: dict) -> None:
    await api.put("/api/v1/agents/me/state", json=payload)

agent = AgentStateService(report, wrap_up_s=30)
agent.attach(softphone)
```

The payload (`AgentStateService.payload()`, the server's `AgentStateIn`):
`{"state": "ready"|"not_ready"|"on_call"|"wrap_up", "reason": ""|"break"|"meal"|
"meeting"|"training"|"other"}` (reason only with not_ready). Only the newest state
matters: when reporting fails it is retried with back-off, and a newer state replaces an
unsent one. `call_id` and `changed_at` are kept locally.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from agent_desktop.signals import Signal
from agent_desktop.telephony.models import (
    NOT_READY_REASONS,
    AgentState,
    AgentStateChanged,
    CallChanged,
    CallState,
)

if TYPE_CHECKING:
    from agent_desktop.telephony.softphone import Softphone

log = logging.getLogger(__name__)

Reporter = Callable[[dict[str, Any]], Awaitable[None] | None]
Listener = Callable[[AgentStateChanged], None]


class AgentStateService:
    """Holds the agent state; moves to on-call / wrap-up by itself when attached to a
    softphone; reports each change through `reporter`."""

    def __init__(
        self,
        reporter: Reporter | None = None,
        *,
        wrap_up_s: float = 30.0,
        initial: AgentState = AgentState.NOT_READY,
        initial_reason: str = "other",
        retry_max_s: float = 30.0,
    ) -> None:
        self._reporter = reporter
        self.wrap_up_s = wrap_up_s
        self._state = initial
        self._reason = initial_reason if initial is AgentState.NOT_READY else ""
        self._call_id: str | None = None
        self._changed_at = datetime.now(timezone.utc)
        self.changed = Signal()  # (AgentStateChanged)
        self._wrap_up_task: asyncio.Task | None = None
        self._report_task: asyncio.Task | None = None
        self._report_wanted = asyncio.Event() if _has_loop() else None
        self._retry_max_s = retry_max_s
        self._live_calls: set[str] = set()
        self._unsubscribe: Callable[[], None] | None = None
        self.last_reported: dict[str, Any] | None = None
        self.last_report_error: str = ""

    def set_reporter(self, reporter: Reporter | None) -> None:
        """Connect (or replace) the server call; the current state is reported at once."""
        self._reporter = reporter
        if reporter is not None:
            with contextlib.suppress(RuntimeError):  # no loop yet: reported on next change
                asyncio.get_running_loop()
                self._schedule_report()

    # --- reading -----------------------------------------------------------------
    @property
    def state(self) -> AgentState:
        return self._state

    @property
    def reason(self) -> str:
        return self._reason

    @property
    def call_id(self) -> str | None:
        return self._call_id

    @property
    def changed_at(self) -> datetime:
        return self._changed_at

    def payload(self) -> dict[str, Any]:
        """The body of `PUT /api/v1/agents/me/state`."""
        return {"state": str(self._state), "reason": self._reason}

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return self.changed.connect(listener)

    # --- operator's choices --------------------------------------------------------
    def set_ready(self) -> None:
        """Ready for the next call; also ends wrap-up early. Ignored during a call."""
        if self._state is AgentState.ON_CALL:
            return
        self._set(AgentState.READY, "", None)

    def set_not_ready(self, reason: str = "other") -> None:
        """Not ready (break, meal, meeting, training, other). Ignored during a call."""
        if reason not in NOT_READY_REASONS:
            raise ValueError(f"unknown not-ready reason {reason!r}; use one of {NOT_READY_REASONS}")
        if self._state is AgentState.ON_CALL:
            return
        self._set(AgentState.NOT_READY, reason, None)

    # --- driven by the softphone -----------------------------------------------------
    def attach(self, softphone: Softphone) -> None:
        self.detach()
        self._unsubscribe = softphone.subscribe(self._on_softphone_event)

    def detach(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None

    def call_started(self, call_id: str) -> None:
        self._live_calls.add(call_id)
        if self._state is not AgentState.ON_CALL:
            self._set(AgentState.ON_CALL, "", call_id)

    def call_ended(self, call_id: str) -> None:
        self._live_calls.discard(call_id)
        if self._live_calls or self._state is not AgentState.ON_CALL:
            return
        self._set(AgentState.WRAP_UP, "", call_id)
        if self.wrap_up_s > 0:
            self._wrap_up_task = asyncio.get_event_loop().create_task(self._end_wrap_up())

    def _on_softphone_event(self, event: object) -> None:
        if not isinstance(event, CallChanged) or event.call.consult_for is not None:
            return
        call = event.call
        if call.state in (CallState.ACTIVE, CallState.HELD):
            if call.call_id not in self._live_calls:
                self.call_started(call.call_id)
        elif call.state is CallState.ENDED and call.call_id in self._live_calls:
            self.call_ended(call.call_id)

    async def _end_wrap_up(self) -> None:
        await asyncio.sleep(self.wrap_up_s)
        if self._state is AgentState.WRAP_UP:
            self._set(AgentState.READY, "", None)

    # --- internals ---------------------------------------------------------------------
    def _set(self, state: AgentState, reason: str, call_id: str | None) -> None:
        if self._wrap_up_task and not self._wrap_up_task.done():
            if asyncio.current_task() is not self._wrap_up_task:
                self._wrap_up_task.cancel()
        self._wrap_up_task = None
        if (state, reason, call_id) == (self._state, self._reason, self._call_id):
            return
        self._state, self._reason, self._call_id = state, reason, call_id
        self._changed_at = datetime.now(timezone.utc)
        event = AgentStateChanged(state, reason, call_id)
        self.changed.emit(event)  # a broken listener is logged, never breaks the machine
        self._schedule_report()

    def _schedule_report(self) -> None:
        if self._reporter is None:
            return
        if self._report_wanted is None:
            self._report_wanted = asyncio.Event()
        self._report_wanted.set()
        if self._report_task is None or self._report_task.done():
            self._report_task = asyncio.get_event_loop().create_task(self._report_loop())

    async def _report_loop(self) -> None:
        assert self._report_wanted is not None
        delay = min(1.0, self._retry_max_s)
        while self._report_wanted.is_set():
            self._report_wanted.clear()
            payload = self.payload()
            try:
                result = self._reporter(payload)  # type: ignore[misc]
                if inspect.isawaitable(result):
                    await result
                self.last_reported = payload
                self.last_report_error = ""
                delay = min(1.0, self._retry_max_s)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # report again later; a newer state wins
                self.last_report_error = str(exc) or type(exc).__name__
                log.warning("reporting agent state failed (%s); retrying in %.0f s",
                            self.last_report_error, delay)
                self._report_wanted.set()
                try:
                    await asyncio.sleep(delay)
                except asyncio.CancelledError:
                    raise
                delay = min(delay * 2, self._retry_max_s)

    async def aclose(self) -> None:
        self.detach()
        for task in (self._wrap_up_task, self._report_task):
            if task and not task.done():
                task.cancel()
                try:
                    await task
                except (asyncio.CancelledError, Exception):
                    pass


def _has_loop() -> bool:
    try:
        asyncio.get_running_loop()
        return True
    except RuntimeError:
        return False
