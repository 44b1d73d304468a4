"""Agent states for the softphone and the team lead's board.

`PUT /agents/me/state` stores the caller's current telephony state (ready, not ready with
a reason, on call, wrap-up, offline) with the time it began, and emits `agent.state`;
sending the same state and reason again changes nothing (no new `since`, no event).
`GET /agents` lists the agents — operators and leads, plus anyone who reported a state —
with their state, since when, and display name, and their day so far (calls answered,
talk and wrap-up seconds, from today's `agent.state` events: one read per request; the
board adds each later change itself); leads and admins only.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import or_, select

from agent_desktop.domain.clock import HOTLINE_TZ
from agent_desktop.domain.enums import AgentState, Role
from agent_desktop.domain.models import Agent, AgentStateIn, User

from .auth import require_role
from .policy import AGENT_BOARD, AGENT_REPORTERS
from .events import record_event
from .state import ServerState, get_state
from .tables import AgentStateRow, EventRow, UserRow

AGENT_STATE_EVENT = "agent.state"
AGENT_ROLES = (Role.OPERATOR.value, Role.LEAD.value)


def _agent(user: UserRow, state: AgentStateRow | None) -> Agent:
    return Agent(
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        state=AgentState(state.state) if state else AgentState.OFFLINE,
        reason=state.reason if state else "",
        since=state.since if state else None,
    )


def _changed(current: AgentStateRow | None, body: AgentStateIn) -> bool:
    return current is None or (current.state, current.reason) != (body.state.value, body.reason)


def set_state(state: ServerState, user: User, body: AgentStateIn) -> Agent:
    event_id = None
    with state.db.write() as session:
        user_row = session.scalars(select(UserRow).where(UserRow.username == user.username)).one()
        current = session.get(AgentStateRow, user_row.id)
        if _changed(current, body):
            now = state.clock()
            if current is None:
                current = AgentStateRow(user_id=user_row.id)
                session.add(current)
            current.state, current.reason, current.since = body.state.value, body.reason, now
            session.flush()
            data = _agent(user_row, current).model_dump(mode="json")
            event_id = record_event(session, AGENT_STATE_EVENT, data, now)
        agent = _agent(user_row, current)
    if event_id is not None:
        state.hub.notify_threadsafe(event_id)
        if state.acd is not None:  # a ready operator may take the longest-waiting call
            state.acd.agent_changed(user.username, body.state)
    return agent


def _day_figures(state: ServerState) -> dict[str, Agent]:
    """Each agent's calls, talk and wrap-up time today, replayed from today's state events
    (the state in progress is left open: `since` says when it began)."""
    now = state.clock()
    midnight = datetime.combine(now.astimezone(HOTLINE_TZ).date(), time(), HOTLINE_TZ)
    day: dict[str, Agent] = {}
    with state.db.read() as session:
        rows = session.execute(select(EventRow.data).where(
            EventRow.type == AGENT_STATE_EVENT, EventRow.at >= midnight).order_by(EventRow.id))
        for (data,) in rows:
            try:
                new = Agent.model_validate(data)
            except ValueError:
                continue
            old = day.get(new.username)
            if old is not None and new.since is not None:
                old = old.with_state_ended(new.since)
            calls = (old.calls_today if old else 0) + (new.state is AgentState.ON_CALL)
            day[new.username] = new.model_copy(update={
                "calls_today": calls,
                "talk_seconds_today": old.talk_seconds_today if old else 0.0,
                "wrap_up_seconds_today": old.wrap_up_seconds_today if old else 0.0})
    return day


def list_agents(state: ServerState) -> list[Agent]:
    query = (
        select(UserRow, AgentStateRow)
        .outerjoin(AgentStateRow, AgentStateRow.user_id == UserRow.id)
        .where(or_(UserRow.role.in_(AGENT_ROLES), AgentStateRow.user_id.is_not(None)))
        .order_by(UserRow.username)
    )
    with state.db.read() as session:
        agents = [_agent(user, agent_state) for user, agent_state in session.execute(query)]
    day = _day_figures(state)
    return [a.model_copy(update={k: getattr(day[a.username], k) for k in
                                 ("calls_today", "talk_seconds_today", "wrap_up_seconds_today")})
            if a.username in day else a for a in agents]


router = APIRouter(prefix="/agents", tags=["agents"])
_State = Annotated[ServerState, Depends(get_state)]


@router.put("/me/state", response_model=Agent, summary="Report my telephony state (softphone)")
def put_my_state(
    body: AgentStateIn,
    state: _State,
    user: Annotated[User, Depends(require_role(*AGENT_REPORTERS))],
) -> Agent:
    """Operators, leads and admins. Emits `agent.state` (the returned Agent) on a change."""
    return set_state(state, user, body)


@router.get("", response_model=list[Agent], summary="Agents and their states (lead, admin)")
def get_agents(
    state: _State, user: Annotated[User, Depends(require_role(*AGENT_BOARD))]
) -> list[Agent]:
    return list_agents(state)
