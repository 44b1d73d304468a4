"""What the request handlers share: the database, the event hub, settings, caches, clock.

One `ServerState` per app, kept in `app.state.server`; handlers get it with
`Depends(get_state)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fastapi import Request

from .db import Database
from .events import EventHub
from .protection import SignInThrottle
from .tables import utcnow

if TYPE_CHECKING:
    from .reference import ReferenceData


@dataclass
class ServerState:
    db: Database
    hub: EventHub
    sse_heartbeat: float = 15.0
    # reference-set name → (stored digest, body, ETag) of its last rendering
    rendered: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    # the catalog and departments as objects (reference.ReferenceData), per stored digest
    reference: ReferenceData | None = None
    # "now" for everything the server stamps (tests set a fixed day to test deadlines)
    clock: Callable[[], datetime] = utcnow
    # wrong passwords per user name and client address (protection.SignInThrottle)
    throttle: SignInThrottle = field(default_factory=SignInThrottle)
    # call distribution (acd.Acd), when this server runs the hotline's queue
    acd: Any = None


def get_state(request: Request) -> ServerState:
    return request.app.state.server  # type: ignore[no-any-return]
