"""The operator's side of listen/whisper/barge: the server's `supervision.*` events for
this operator's call drive the softphone's lead line (telephony/supervision.py).

    binding = SupervisionBinding(LeadLine(phone), username="operator1")
    event_stream.connect(binding.on_event)      # agent_desktop.domain.models.Event
    binding.line.changed.connect(banner.show_state)
"""

from __future__ import annotations

import asyncio
import logging

from agent_desktop.telephony.backend import SipError
from agent_desktop.telephony.softphone import SoftphoneNotReady
from agent_desktop.telephony.supervision import LeadLine

log = logging.getLogger(__name__)


class SupervisionBinding:
    def __init__(self, line: LeadLine, *, username: str) -> None:
        self.line = line
        self.username = username
        self._tasks: set[asyncio.Task] = set()

    def on_event(self, event) -> None:
        data = event.data or {}
        if not event.type.startswith("supervision.") or data.get("operator") != self.username:
            return
        if event.type == "supervision.started":
            self._spawn(self._start(data))
        elif event.type == "supervision.ended":
            self._spawn(self.line.leave())

    async def _start(self, data: dict) -> None:
        try:
            if self.line.active:
                self.line.set_mode(data["mode"])
            else:
                await self.line.join(data["sip_user"], data["mode"],
                                     lead_name=data.get("lead_name") or data.get("lead", ""),
                                     call_id=data.get("call_id", ""))
        except (SoftphoneNotReady, SipError, ValueError, KeyError) as exc:
            log.warning("the lead could not join the call: %s", exc)

    def _spawn(self, coro) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
