"""The call's lifecycle (ringing → answered → ended → wrap-up → idle) as one service.

Whatever a call comes from — the softphone, a simulated demo call, a training call — it
passes through here, so the transcriber, the work-order form and the assistant each
subscribe once and see every call the same way:

    calls.ringing.connect(on_ringing)     # (Call) an inbound call is offered
    calls.answered.connect(on_answered)   # (Call) talking starts: reset the transcript,
                                          #        open a new order for this call
    calls.ended.connect(on_ended)         # (Call) hang-up: save the transcript, write the gist
    calls.phase_changed.connect(on_phase) # (CallPhase, Call | None)

The softphone reports snapshots (`CallChanged`) possibly many times per state; this
service turns them into exactly one `answered` and one `ended` per call. A consultation
leg (`consult_for`) is part of the customer's call and raises no events of its own.
Plain Python: no Qt, callbacks run on the asyncio thread.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum

from agent_desktop.signals import Signal


class CallPhase(StrEnum):
    IDLE = "idle"
    RINGING = "ringing"
    TALKING = "talking"
    WRAP_UP = "wrap_up"


@dataclass(frozen=True)
class Call:
    """One customer call as the rest of the workspace sees it."""

    call_id: str
    caller_number: str
    source: str  # "sip" | "demo" | "training"
    started_at: datetime
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    sip_call_id: str = ""
    end_reason: str = ""  # e.g. "transferred", "rejected", as the softphone says

    @property
    def duration_s(self) -> float:
        if self.answered_at is None:
            return 0.0
        end = self.ended_at or datetime.now(UTC)
        return max(0.0, (end - self.answered_at).total_seconds())


class CallService:
    def __init__(self) -> None:
        self.ringing = Signal()
        self.answered = Signal()
        self.ended = Signal()
        self.phase_changed = Signal()
        self.phase = CallPhase.IDLE
        self.current: Call | None = None  # the call being talked or wrapped up
        self._answered: set[str] = set()
        self._ended: set[str] = set()

    # --- fed by the softphone --------------------------------------------------------

    def on_softphone_event(self, event: object) -> None:
        """Connect to `Softphone.subscribe`: turns call snapshots into lifecycle events."""
        from agent_desktop.telephony import CallChanged, CallState

        if not isinstance(event, CallChanged) or event.call.consult_for is not None:
            return
        info = event.call
        call = Call(call_id=info.call_id, caller_number=info.caller_number, source="sip",
                    started_at=info.started_at, answered_at=info.answered_at,
                    ended_at=info.ended_at, sip_call_id=info.sip_call_id,
                    end_reason=info.end_reason)
        if event.previous is None and info.state is CallState.RINGING:
            self.offer(call)
        if info.answered_at is not None:
            self.answer(call)
        if info.state is CallState.ENDED:
            self.end(call)

    # --- the lifecycle ---------------------------------------------------------------

    def offer(self, call: Call) -> None:
        if self.phase is CallPhase.IDLE or self.phase is CallPhase.WRAP_UP:
            self._set_phase(CallPhase.RINGING, call)
        self.ringing.emit(call)

    def answer(self, call: Call) -> None:
        if call.call_id in self._answered:
            return
        self._answered.add(call.call_id)
        if call.answered_at is None:
            call = replace(call, answered_at=datetime.now(UTC))
        self.current = call
        self._set_phase(CallPhase.TALKING, call)
        self.answered.emit(call)

    def end(self, call: Call | None = None) -> None:
        """The caller or the operator hung up (for a demo call: its audio ran out)."""
        call = call or self.current
        if call is None or call.call_id in self._ended:
            return
        self._ended.add(call.call_id)
        if call.call_id not in self._answered:  # missed or abandoned while ringing
            self._set_phase(CallPhase.IDLE, None)
            self.ended.emit(call)
            return
        if call.ended_at is None:
            call = replace(call, ended_at=datetime.now(UTC))
        if call.answered_at is None and self.current and self.current.call_id == call.call_id:
            call = replace(call, answered_at=self.current.answered_at)
        self.current = call
        self._set_phase(CallPhase.WRAP_UP, call)
        self.ended.emit(call)

    def finish_wrap_up(self) -> None:
        """The order is submitted (or the operator says ready): back to idle."""
        if self.phase is CallPhase.WRAP_UP:
            self.current = None
            self._set_phase(CallPhase.IDLE, None)

    def start_simulated(self, caller_number: str, source: str = "demo") -> Call:
        """A call that comes from no SIP peer (the demo call, a training call): it is
        answered at once and gets a call id like any other, so its transcript is saved."""
        now = datetime.now(UTC)
        call = Call(call_id=f"{source}-{uuid.uuid4().hex[:12]}", caller_number=caller_number,
                    source=source, started_at=now)
        self.offer(call)
        self.answer(replace(call, answered_at=now))
        return self.current

    def _set_phase(self, phase: CallPhase, call: Call | None) -> None:
        if phase is not self.phase:
            self.phase = phase
            self.phase_changed.emit(phase, call)
