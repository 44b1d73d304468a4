"""Old idempotency keys, events and expired tokens are pruned; recent ones stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from agent_desktop.server.db import Database
from agent_desktop.server.pruning import Retention, prune
from agent_desktop.server.tables import EventRow, IdempotencyKeyRow

from .server_helpers import login, order


def test_prune_keeps_what_is_recent_and_drops_what_is_old(server: Any, tmp_path: Any):
    with login(server.url, "operator1") as client:
        leaf = next(n["code"] for n in client.get("/api/v1/catalog").json()["nodes"]
                    if n["level"] == 5)
        for key in ("k-1", "k-2"):
            assert client.post("/api/v1/work-orders", json=order(leaf),
                               headers={"Idempotency-Key": key}).status_code == 201
    db = Database(server.database_url)
    try:
        with db.read() as session:
            keys = session.scalar(select(func.count()).select_from(IdempotencyKeyRow))
            events = session.scalar(select(func.count()).select_from(EventRow))
        assert keys >= 2 and events >= 2
        now = datetime.now(UTC)
        assert prune(db, now)["idempotency_keys"] == 0  # recent: kept
        later = prune(db, now + timedelta(days=8), Retention(events=timedelta(days=365)))
        assert later["idempotency_keys"] == keys and later["events"] == 0
        assert prune(db, now + timedelta(days=31))["events"] == events
    finally:
        db.dispose()
