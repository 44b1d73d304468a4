"""Old bookkeeping goes on a schedule: idempotency keys once no client can still be
retrying (default 7 days; the desktop's outbox retries for at most a few days offline),
live events no stream can still replay (default 30 days; a client that was away longer
reloads its lists instead), and expired tokens."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from starlette.concurrency import run_in_threadpool

from .db import Database, try_transaction_lock
from .tables import EventRow, IdempotencyKeyRow, TokenRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Retention:
    idempotency_keys: timedelta = timedelta(days=7)
    events: timedelta = timedelta(days=30)
    every: timedelta = timedelta(hours=1)


def prune(db: Database, now: datetime, retention: Retention = Retention()) -> dict[str, int]:
    """Delete what has outlived its retention; returns how many rows of each kind.
    Instances sharing a PostgreSQL database take turns: while one prunes, the others'
    rounds do nothing."""
    with db.write() as session:
        if not try_transaction_lock(session, "agent-desktop pruning"):
            return {"idempotency_keys": 0, "events": 0, "tokens": 0}
        keys = session.execute(delete(IdempotencyKeyRow).where(
            IdempotencyKeyRow.created_at < now - retention.idempotency_keys)).rowcount
        events = session.execute(delete(EventRow).where(
            EventRow.at < now - retention.events)).rowcount
        tokens = session.execute(delete(TokenRow).where(TokenRow.expires_at <= now)).rowcount
    return {"idempotency_keys": keys or 0, "events": events or 0, "tokens": tokens or 0}


async def prune_forever(db: Database, clock, retention: Retention = Retention()) -> None:
    """The schedule (run as a task in the app's lifespan)."""
    while True:
        try:
            removed = await run_in_threadpool(prune, db, clock(), retention)
            if any(removed.values()):
                log.info("pruned %s", removed)
        except Exception:  # the next round tries again
            log.warning("pruning failed", exc_info=True)
        await asyncio.sleep(retention.every.total_seconds())
