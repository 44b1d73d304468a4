"""The team lead on the operator's line (班长监听/耳语/插话): listen, whisper, barge.

The operator's softphone is the mixer — it already carries both legs of the customer
call and mixes a three-way conference — so when a lead asks to supervise a call, the
operator's softphone calls the lead's SIP address (in the operator's own SIP domain) as a
side call, never a customer call or a consultation, and mixes it by mode:

- ``listen``: the lead hears the caller and the operator; what the lead says reaches
  nobody;
- ``whisper``: the lead hears both; the operator hears the lead, the caller does not;
- ``barge``: a full three-way call — everyone hears everyone.

The mode changes on the same SIP call (no new INVITE). The line ends when the lead or the
operator hangs it up or the customer call ends.

```python
line = LeadLine(phone)
line.changed.connect(show_banner)       # (LeadLineState)
await line.join("lead1", "listen", lead_name="班长")
line.set_mode("whisper")
await line.leave()
```
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from dataclasses import dataclass
from enum import StrEnum

from agent_desktop.signals import Signal
from agent_desktop.telephony.backend import (
    BackendCall,
    BackendEvent,
    BackendEventKind,
    CallSetupFailed,
    SipError,
)
from agent_desktop.telephony.media import Leg
from agent_desktop.telephony.models import CallChanged, CallState
from agent_desktop.telephony.softphone import Softphone, SoftphoneNotReady

log = logging.getLogger(__name__)

SIP_USER = re.compile(r"^[A-Za-z0-9_.+-]{1,64}$")


class SupervisionMode(StrEnum):
    LISTEN = "listen"
    WHISPER = "whisper"
    BARGE = "barge"


@dataclass(frozen=True)
class LeadLineState:
    """What the operator's banner shows. `mode` None: no lead on the line."""

    mode: SupervisionMode | None
    lead: str = ""  # the lead's display name (or username)
    connected: bool = False  # the lead's phone answered
    call_id: str = ""  # the customer call supervised
    error: str = ""


class LeadLine:
    """At most one lead on the operator's line at a time."""

    def __init__(self, phone: Softphone, *, answer_timeout_s: float = 30.0) -> None:
        self.phone = phone
        self.answer_timeout_s = answer_timeout_s
        self.changed = Signal()  # (LeadLineState)
        self.state = LeadLineState(None)
        self._bcall: BackendCall | None = None
        self._leg: Leg | None = None
        self._leg_id = ""
        self._closed = asyncio.Event()
        self._customer_id = ""  # the softphone's id of the supervised customer call
        self._tasks: set[asyncio.Task] = set()
        self._unsubscribe = phone.subscribe(self._on_phone_event)

    @property
    def active(self) -> bool:
        return self.state.mode is not None

    def close(self) -> None:
        self._unsubscribe()

    async def join(self, sip_user: str, mode: str, *, lead_name: str = "",
                   call_id: str = "") -> LeadLineState:
        """Call the lead's phone and mix it in `mode`. A second request while the lead is
        on the line only changes the mode. Returns once the lead answered; raises
        SoftphoneNotReady (no customer call) or SipError (the lead's phone did not
        answer)."""
        mode = SupervisionMode(mode)
        if not SIP_USER.match(sip_user or ""):
            raise ValueError(f"not a SIP user name: {sip_user!r}")
        customer = self.phone.current_call
        if customer is None or customer.state not in (CallState.ACTIVE, CallState.HELD):
            raise SoftphoneNotReady("no call in progress to supervise")
        if self._bcall is not None:
            self.set_mode(mode)
            return self.state
        self._closed = asyncio.Event()
        self._customer_id = customer.call_id
        self._set(LeadLineState(mode, lead_name or sip_user, False,
                                call_id or customer.call_id))
        bcall = await self.phone.dial_side_call(sip_user, self._on_backend_event)
        self._bcall = bcall
        try:
            await bcall.wait_established(self.answer_timeout_s)
        except (CallSetupFailed, SipError) as exc:
            self._finish(f"the lead's phone did not answer: {exc}")
            raise
        if self._bcall is not bcall:  # ended while we waited
            raise SipError("the lead's line ended")
        self._leg_id = f"lead-{id(bcall):x}"
        self._leg = Leg(bcall, self._leg_id, time.monotonic(), primary=False,
                        supervision=str(self.state.mode))
        self.phone.add_media_leg(self._leg)
        self._set(LeadLineState(self.state.mode, self.state.lead, True, self.state.call_id))
        log.info("lead %s on the line (%s)", self.state.lead, self.state.mode)
        return self.state

    def set_mode(self, mode: str) -> None:
        """Listen → whisper → barge (or back) on the same call."""
        mode = SupervisionMode(mode)
        if self._bcall is None:
            raise SoftphoneNotReady("no lead on the line")
        if self._leg is not None:
            self._leg.supervision = str(mode)  # the media thread reads it per frame
        s = self.state
        self._set(LeadLineState(mode, s.lead, s.connected, s.call_id))

    async def leave(self) -> None:
        """Hang up the lead's line (the customer call goes on)."""
        bcall = self._bcall
        if bcall is None:
            return
        with contextlib.suppress(SipError):
            await bcall.hangup()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closed.wait(), 5.0)
        self._finish()

    # --- events ---------------------------------------------------------------------------
    def _on_backend_event(self, ev: BackendEvent) -> None:
        if ev.kind is BackendEventKind.CLOSED and ev.call is self._bcall:
            self._finish()

    def _on_phone_event(self, event) -> None:
        if (isinstance(event, CallChanged) and event.call.state is CallState.ENDED
                and self._bcall is not None and event.call.call_id == self._customer_id):
            task = asyncio.get_running_loop().create_task(self.leave())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _finish(self, error: str = "") -> None:
        bcall, self._bcall = self._bcall, None
        self._closed.set()
        if self._leg_id:
            self.phone.remove_media_leg(self._leg_id)
        self._leg, self._leg_id = None, ""
        if bcall is not None:
            self.phone.forget_side_call(bcall)
        if self.state.mode is not None or error:
            self._set(LeadLineState(None, self.state.lead, False, self.state.call_id, error))

    def _set(self, state: LeadLineState) -> None:
        if state == self.state:
            return
        self.state = state
        self.changed.emit(state)
