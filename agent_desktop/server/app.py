"""The FastAPI application of the reference hotline server (DESIGN §3).

`create_app` migrates the database to the newest schema, seeds the demo data if asked,
and returns the app with every route under `/api/v1`, the Open311 GeoReport v2 facade
under `/open311/v2`, plus `/healthz` and `/openapi.json`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy import text

from agent_desktop import __version__
from agent_desktop.domain.models import Problem

from . import (
    acd,
    agents,
    auth,
    caller_history,
    history,
    hot_topics,
    kb,
    lifecycle,
    live_calls,
    open311,
    qa,
    reference,
    stream,
    training,
    work_orders,
)
from .db import Database
from .events import EventHub, event_listener, latest_event_id
from .problems import PROBLEM_MEDIA_TYPE, ProblemError, install_handlers
from .protection import ProtectionMiddleware
from .pruning import prune_forever
from .seed import seed_demo
from .state import ServerState, get_state
from .tables import utcnow

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"


def _problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}}} for status in statuses}


def create_app(
    database_url: str,
    demo: bool = False,
    *,
    sse_heartbeat: float = 15.0,
    event_poll_interval: float = 0.5,
    clock: Callable[[], datetime] = utcnow,
) -> FastAPI:
    """Build the server on `database_url` (a SQLAlchemy URL: `sqlite:///…` or
    `postgresql+psycopg://…`), migrated to the newest schema; with `demo`, seeded with the
    demo users, catalog, departments and KB articles. `clock` gives "now" (aware) for
    what the server stamps: order numbers, deadlines, history."""
    db = Database(database_url)
    with db.startup_lock():
        db.migrate()
        if demo:
            seed_demo(db)
    log.info("database ready: %s", db.describe())
    state = ServerState(
        db=db,
        hub=EventHub(lambda: latest_event_id(db), event_poll_interval, listen=event_listener(db)),
        sse_heartbeat=sse_heartbeat,
        clock=clock,
    )

    acd_service = acd.attach(state)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await state.hub.start()
        if acd_service is not None and acd_service.driver is not None:
            acd_service.driver.start()
        pruning = asyncio.create_task(prune_forever(db, clock), name="pruning")
        try:
            yield
        finally:
            pruning.cancel()
            await asyncio.gather(pruning, return_exceptions=True)
            if acd_service is not None and acd_service.driver is not None:
                await acd_service.driver.stop()
            await state.hub.stop()
            db.dispose()

    app = FastAPI(
        title="agent-desktop hotline server",
        version=__version__,
        summary="Reference 12345 hotline-platform API: auth, matter catalog, departments, "
        "work orders and their lifecycle, knowledge base, agent states, live events, "
        "and an Open311 GeoReport v2 facade.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI would load its scripts from a CDN
        redoc_url=None,
    )
    app.state.server = state
    app.add_middleware(ProtectionMiddleware)
    install_handlers(app, other_formats={open311.PREFIX: open311.render_errors})

    api = APIRouter(prefix=API_PREFIX, responses=_problem_responses(401, 422))
    # caller_history before work_orders: /work-orders/repeat-check is not an order id
    for module in (auth, reference, caller_history, work_orders, history, lifecycle):
        api.include_router(module.router)
    for module in (stream, kb, agents, hot_topics, acd, live_calls, training, qa):
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(open311.router)
    app.add_api_route("/healthz", healthz, methods=["GET"], tags=["operations"])
    return app


def healthz(state: Annotated[ServerState, Depends(get_state)]) -> dict[str, str]:
    """Liveness and database reachability; needs no token."""
    try:
        with state.db.read() as session:
            session.execute(text("SELECT 1"))
    except Exception as exc:
        log.warning("health check: database unreachable: %s", exc)
        raise ProblemError(
            503, "Database unreachable", "The server cannot reach its database.", slug="unhealthy"
        ) from exc
    return {"status": "ok", "database": state.db.dialect}
