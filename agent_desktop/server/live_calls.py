"""Calls in progress, for the team lead's monitoring by text (文字监听).

The operator's workspace reports its call as it goes: `PUT /calls/{call_id}` when it is
answered and when it ends, and `POST /calls/{call_id}/segments` for each final utterance
of the live transcript. Each becomes an event (`call.started`, `call.segment`,
`call.ended`), and a sensitive word in what was said (the list is data:
resources/assist/cues.json, "sensitive") raises `call.alert` at once. All of them carry
callers' words and numbers, so only leads and admins receive them (policy.py).

Each call is also kept as a call record for quality evaluation after it ended (qa.py).

`GET /calls` rebuilds the calls in progress from the recent events, so every instance
behind a load balancer answers the same.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path
from pydantic import Field
from sqlalchemy import select

from agent_desktop.domain.models import User, _Model
from agent_desktop.packaged import resource

from . import qa
from .auth import require_role
from .events import record_event
from .policy import AGENT_REPORTERS, LEADS
from .state import ServerState, get_state
from .tables import EventRow

CALL_ID = r"^[A-Za-z0-9_.:@-]{1,120}$"
RECENT = timedelta(hours=12)  # a call older than a shift is not "in progress"
SEGMENTS_SHOWN = 30


@lru_cache(maxsize=1)
def sensitive_words() -> tuple[str, ...]:
    cues = json.loads(resource("assist", "cues.json").read_text(encoding="utf-8"))
    return tuple(cues.get("sensitive", ()))


class CallStateIn(_Model):
    state: Literal["talking", "ended"]
    caller: str = Field("", max_length=32)


class SegmentIn(_Model):
    speaker: Literal["caller", "operator"]
    text: str = Field(min_length=1, max_length=2000)
    start: float = Field(ge=0, le=86400)
    end: float = Field(ge=0, le=86400)


class LiveSegment(_Model):
    speaker: str
    text: str
    start: float
    end: float


class LiveCall(_Model):
    call_id: str
    username: str
    caller: str
    started_at: datetime
    segments: list[LiveSegment]  # the last ones, in order
    alerts: list[str]  # sensitive words heard


def _record(state: ServerState, type_: str, data: dict) -> None:
    with state.db.write() as session:
        event_id = record_event(session, type_, data, state.clock())
    state.hub.notify_threadsafe(event_id)


router = APIRouter(prefix="/calls", tags=["live calls"])
_State = Annotated[ServerState, Depends(get_state)]
_CallId = Annotated[str, Path(pattern=CALL_ID)]
_Agent = Annotated[User, Depends(require_role(*AGENT_REPORTERS))]


@router.put("/{call_id}", status_code=204, summary="My call started or ended",
            responses={403: {"description": "not an agent's role"}})
def put_call(call_id: _CallId, body: CallStateIn, state: _State, user: _Agent) -> None:
    kind = "call.started" if body.state == "talking" else "call.ended"
    qa.record_call(state, call_id, user, body.caller, ended=body.state == "ended")
    _record(state, kind, {"call_id": call_id, "username": user.username,
                          "caller": body.caller})


@router.post("/{call_id}/segments", status_code=204,
             summary="One final utterance of my call's live transcript",
             responses={403: {"description": "not an agent's role"}})
def post_segment(call_id: _CallId, body: SegmentIn, state: _State, user: _Agent) -> None:
    data = {"call_id": call_id, "username": user.username, **body.model_dump()}
    qa.record_segment(state, call_id, user, body.model_dump())
    _record(state, "call.segment", data)
    heard = [w for w in sensitive_words() if w in body.text]
    if heard:
        _record(state, "call.alert", {"call_id": call_id, "username": user.username,
                                      "kind": "sensitive", "words": heard,
                                      "speaker": body.speaker, "text": body.text})


@router.get("", response_model=list[LiveCall], summary="Calls in progress (lead, admin)",
            responses={403: {"description": "leads and admins only"}})
def get_calls(state: _State, user: Annotated[User, Depends(require_role(*LEADS))]
              ) -> list[LiveCall]:
    since = state.clock() - RECENT
    with state.db.read() as session:
        rows = session.execute(
            select(EventRow.type, EventRow.at, EventRow.data)
            .where(EventRow.type.in_(("call.started", "call.segment", "call.ended",
                                      "call.alert")), EventRow.at >= since)
            .order_by(EventRow.id)).all()
    calls: dict[str, LiveCall] = {}
    for type_, at, data in rows:
        call_id = data.get("call_id", "")
        if type_ == "call.started":
            calls[call_id] = LiveCall(call_id=call_id, username=data.get("username", ""),
                                      caller=data.get("caller", ""), started_at=at,
                                      segments=[], alerts=[])
        elif type_ == "call.ended":
            calls.pop(call_id, None)
        elif call_id in calls and type_ == "call.segment":
            calls[call_id].segments.append(LiveSegment(
                speaker=data["speaker"], text=data["text"], start=data["start"],
                end=data["end"]))
            del calls[call_id].segments[:-SEGMENTS_SHOWN]
        elif call_id in calls and type_ == "call.alert":
            calls[call_id].alerts.extend(data.get("words", []))
    return list(calls.values())
