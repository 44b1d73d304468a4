"""Listen, whisper, barge (班长监听/耳语/插话): a lead asks to join a call in progress.

`POST /api/v1/calls/{call_id}/supervision {"mode": "listen"|"whisper"|"barge"}` (leads
and admins) records `supervision.started` naming the call's operator, the lead and the
SIP user to call (the body's `sip_user`, else the lead's ACD seat, else the lead's
username). Only that operator (and leads/admins) receive it (policy.visible_event); the
operator's softphone then calls the lead in the operator's own SIP domain and mixes the
line by mode (telephony/supervision.py) and shows a banner. A second POST changes the
mode; `DELETE` ends it (`supervision.ended`). The call must be in progress (reported by
the operator's workspace, live_calls.py): otherwise 404.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path
from pydantic import Field
from sqlalchemy import select

from agent_desktop.domain.models import User, _Model

from .auth import require_role
from .events import record_event
from .live_calls import CALL_ID, RECENT
from .policy import LEADS
from .problems import ProblemError
from .state import ServerState, get_state
from .tables import EventRow

SIP_NAME = r"^[A-Za-z0-9_.+-]{1,64}$"


class SupervisionIn(_Model):
    mode: Literal["listen", "whisper", "barge"]
    sip_user: str | None = Field(None, pattern=SIP_NAME,
                                 description="the lead's SIP user (default: the ACD seat, "
                                             "else the username)")


class Supervision(_Model):
    call_id: str
    operator: str
    lead: str
    lead_name: str
    sip_user: str
    mode: str


router = APIRouter(prefix="/calls", tags=["live calls"])
_State = Annotated[ServerState, Depends(get_state)]
_CallId = Annotated[str, Path(pattern=CALL_ID)]
_Lead = Annotated[User, Depends(require_role(*LEADS))]


def _not_live(call_id: str) -> ProblemError:
    return ProblemError(404, "Call not in progress",
                        f"Call {call_id} is not in progress (or was never reported).")


def _call_state(state: ServerState, call_id: str) -> tuple[str | None, dict | None]:
    """(the operator of the call if in progress, the supervision going on or None)."""
    since = state.clock() - RECENT
    with state.db.read() as session:
        rows = session.execute(
            select(EventRow.type, EventRow.data)
            .where(EventRow.type.in_(("call.started", "call.ended", "supervision.started",
                                      "supervision.ended")), EventRow.at >= since)
            .order_by(EventRow.id)).all()
    operator, current = None, None
    for type_, data in rows:
        if data.get("call_id") != call_id:
            continue
        if type_ == "call.started":
            operator, current = data.get("username"), None
        elif type_ == "call.ended":
            operator, current = None, None
        elif type_ == "supervision.started":
            current = data
        else:
            current = None
    return operator, current


def _record(state: ServerState, type_: str, data: dict) -> None:
    with state.db.write() as session:
        event_id = record_event(session, type_, data, state.clock())
    state.hub.notify_threadsafe(event_id)


def _seat_of(state: ServerState, username: str) -> str | None:
    acd = getattr(state, "acd", None)
    seat = acd.seats.get(username) if acd is not None else None
    return seat.sip_user if seat is not None else None


@router.post("/{call_id}/supervision", response_model=Supervision, status_code=202,
             summary="Listen to, whisper on or barge into a call in progress (lead, admin)",
             responses={403: {"description": "leads and admins only"},
                        404: {"description": "the call is not in progress"},
                        409: {"description": "another lead is on this call"}})
def post_supervision(call_id: _CallId, body: SupervisionIn, state: _State,
                     user: _Lead) -> Supervision:
    operator, current = _call_state(state, call_id)
    if operator is None:
        raise _not_live(call_id)
    if operator == user.username:
        raise ProblemError(409, "Your own call", "You cannot supervise your own call.")
    if current is not None and current.get("lead") != user.username:
        raise ProblemError(409, "Another lead is on the line",
                           f"{current.get('lead_name') or current.get('lead')} is already "
                           "on this call.")
    sip_user = (body.sip_user or (current or {}).get("sip_user")
                or _seat_of(state, user.username) or user.username)
    out = Supervision(call_id=call_id, operator=operator, lead=user.username,
                      lead_name=user.display_name or user.username, sip_user=sip_user,
                      mode=body.mode)
    _record(state, "supervision.started", out.model_dump())
    return out


@router.delete("/{call_id}/supervision", status_code=204,
               summary="Leave the call (lead, admin)",
               responses={403: {"description": "leads and admins only"},
                          404: {"description": "nobody supervises this call"}})
def delete_supervision(call_id: _CallId, state: _State, user: _Lead) -> None:
    operator, current = _call_state(state, call_id)
    if operator is None or current is None:
        raise ProblemError(404, "Not supervised", f"Nobody supervises call {call_id}.")
    _record(state, "supervision.ended", {"call_id": call_id, "operator": operator,
                                         "lead": current.get("lead"), "by": user.username})
