"""What the request handlers share: the database, the event hub, settings, caches.

One `ServerState` per app, kept in `app.state.server`; handlers get it with
`Depends(get_state)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request

from .db import Database
from .events import EventHub


@dataclass
class ServerState:
    db: Database
    hub: EventHub
    sse_heartbeat: float = 15.0
    # reference-set name → (stored digest, body, ETag) of its last rendering
    rendered: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)


def get_state(request: Request) -> ServerState:
    return request.app.state.server  # type: ignore[no-any-return]
