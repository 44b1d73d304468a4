"""`GET /events`: the event log as Server-Sent Events.

A stream sends `id:`, `event:` and `data:` (an `Event` as JSON) per event, a comment
every `heartbeat` seconds, replays what follows `Last-Event-ID`, and ends when the server
shuts down (`EventHub.close_threadsafe`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from agent_desktop.domain.models import Event, User

from .auth import current_user_or_query_token
from .db import Database
from .events import EventHub, events_after, latest_event_id
from .policy import visible_event
from .state import ServerState, get_state

_PAGE = 200


def format_event(event: Event) -> str:
    return f"id: {event.id}\nevent: {event.type}\ndata: {event.model_dump_json()}\n\n"


async def event_stream(
    db: Database, hub: EventHub, after_id: int, heartbeat: float, user: User
) -> AsyncIterator[str]:
    """The events after `after_id` that `user` may see (policy.visible_event), then the
    live ones; the cursor moves past hidden events too, so replay stays exact."""
    yield "retry: 3000\n: connected\n\n"
    cursor = after_id
    with hub.listening():
        while not hub.closed:
            events = await hub.events_after(cursor, lambda after, n: events_after(db, after, n),
                                            _PAGE)
            texts = []
            for event in events:
                cursor = event.id
                shown = visible_event(user, event)
                if shown is not None:
                    # Serialised once per event for every stream that sees it whole.
                    texts.append(hub.text_of(event, format_event) if shown is event
                                 else format_event(shown))
            if texts:  # one write for what arrived together (an order's created + closed)
                yield "".join(texts)
            if len(events) == _PAGE:
                continue
            # Should the hub know of an id that reads cannot find (rows purged), wait for
            # a newer one rather than spin.
            threshold = cursor if events else max(cursor, hub.latest)
            if not await hub.wait_beyond(threshold, heartbeat) and not hub.closed:
                yield ": heartbeat\n\n"


router = APIRouter(tags=["events"])


@router.get(
    "/events",
    summary="Live event stream (Server-Sent Events)",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "an SSE stream"}},
)
async def stream_events(
    state: Annotated[ServerState, Depends(get_state)],
    user: Annotated[User, Depends(current_user_or_query_token)],
    last_event_id: Annotated[int | None, Header(alias="Last-Event-ID", ge=0, le=2**63 - 1)] = None,
    after: Annotated[
        int | None,
        Query(ge=0, le=2**63 - 1, description="Replay events after this id (as Last-Event-ID)."),
    ] = None,
) -> StreamingResponse:
    start = last_event_id if last_event_id is not None else after
    if start is None:
        start = await run_in_threadpool(latest_event_id, state.db)
    return StreamingResponse(
        event_stream(state.db, state.hub, start, state.sse_heartbeat, user),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
