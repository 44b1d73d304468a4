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
from fastapi.routing import APIRoute
from sqlalchemy import text

from agent_desktop import __version__

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
    supervision,
    training,
    work_orders,
)
from .db import Database
from .events import EventHub, event_listener, latest_event_id
from .problems import ProblemError, document_statuses, install_handlers, route_statuses
from .protection import ProtectionMiddleware
from .pruning import prune_forever
from .seed import seed_demo
from .state import ServerState, get_state
from .tables import utcnow

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"


# Statuses a handler raises itself, beyond what its dependencies show (problems.route_statuses)
RAISED: dict[tuple[str, str], set[int]] = {
    ("POST", "/api/v1/auth/token"): {401, 429},  # wrong password; the sign-in throttle
    ("POST", "/api/v1/work-orders"): {409},  # a duplicate Idempotency-Key still in flight
    ("POST", "/api/v1/kb/articles"): {409},  # the id exists
    ("GET", "/healthz"): {503},
}
# Paths whose orders are filtered by role (policy.check_visible / scoped): 403 for trainers
ORDER_PATHS = API_PREFIX + "/work-orders"
API_MODULES = (auth, reference, caller_history, work_orders, history, lifecycle,
               stream, kb, agents, hot_topics, acd, live_calls, supervision, training, qa)


def operation_statuses(routes: list[tuple[str, APIRoute]]) -> dict[tuple[str, str], set[int]]:
    """(METHOD, path) → every error status the operation can answer."""
    out: dict[tuple[str, str], set[int]] = {}
    for path, route in routes:
        declared = {int(code) for code in route.responses if str(code).isdigit()
                    and int(code) >= 400}
        for method in route.methods:
            codes = route_statuses(route, declared | RAISED.get((method, path), set()))
            if path.startswith(ORDER_PATHS) and 401 in codes:
                codes.add(403)
            out[(method, path)] = codes
    return out


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

    api = APIRouter(prefix=API_PREFIX)
    # caller_history before work_orders: /work-orders/repeat-check is not an order id
    for module in API_MODULES:
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(open311.router)
    app.add_api_route("/healthz", healthz, methods=["GET"], tags=["operations"])

    routes = [(API_PREFIX + route.path, route) for module in API_MODULES
              for route in module.router.routes if isinstance(route, APIRoute)]
    routes += [(route.path, route) for route in app.router.routes
               if isinstance(route, APIRoute) and route.path == "/healthz"]
    statuses = operation_statuses(routes)
    build_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        """FastAPI's document, with every error status of each /api operation."""
        schema = build_openapi()
        if id(schema) not in documented:
            document_statuses(schema, statuses)
            documented.add(id(schema))
        return schema

    documented: set[int] = set()
    app.openapi = openapi  # type: ignore[method-assign]
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
