"""The persistent outbox: every submission is written to disk before it is sent, retried
with backoff while the server is unreachable, and marked done only when the server
acknowledges it — always with the same Idempotency-Key, so nothing is lost and nothing
is doubled, across network drops, server restarts and a killed app.

One SQLite file in the user data dir. Items move pending → done, or pending → failed
when the server refuses them (4xx): a refused submission stays in the outbox with the
server's problem so the operator can correct and resend it; it is never dropped.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import sqlite3
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent_desktop.signals import Signal

from .client import ApiError, ServerUnreachable

log = logging.getLogger(__name__)

PENDING, DONE, FAILED = "pending", "done", "failed"

# sender(kind, payload, idempotency_key) -> acknowledgement (JSON-serialisable dict)
Sender = Callable[[str, dict, str], Awaitable[dict]]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    result TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt_at);
"""


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    idempotency_key: str
    payload: dict
    state: str
    attempts: int
    next_attempt_at: float
    last_error: str
    result: dict | None
    created_at: float

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> OutboxItem:
        return cls(
            id=row["id"], kind=row["kind"], idempotency_key=row["idempotency_key"],
            payload=json.loads(row["payload"]), state=row["state"], attempts=row["attempts"],
            next_attempt_at=row["next_attempt_at"], last_error=row["last_error"],
            result=json.loads(row["result"]) if row["result"] else None,
            created_at=row["created_at"],
        )


def backoff_delay(attempts: int, base: float = 1.0, cap: float = 60.0) -> float:
    """Exponential backoff with full jitter after `attempts` failed tries."""
    return random.uniform(base / 2, min(cap, base * 2 ** max(0, attempts - 1)))


class Outbox:
    """Store-then-send queue. Call `start()` once on the running loop; `close()` at exit."""

    def __init__(self, path: Path, sender: Sender, *, backoff_base: float = 1.0,
                 backoff_cap: float = 60.0) -> None:
        self.path = path
        self._sender = sender
        self._backoff = (backoff_base, backoff_cap)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # an enqueued order survives power loss
        self._db.executescript(_SCHEMA)
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self.paused_reason = ""  # non-empty while sending waits for the operator (re-login)
        self.item_changed = Signal()  # (OutboxItem)
        self.backlog_changed = Signal()  # (int pending)
        self.reachability_changed = Signal()  # (bool reachable, str detail)
        self.paused = Signal()  # (str reason): sending waits until `resume()`
        self._reachable: bool | None = None

    # --- queue -----------------------------------------------------------------------

    def enqueue(self, kind: str, payload: dict, idempotency_key: str | None = None) -> OutboxItem:
        """Persist a submission; it is on disk when this returns."""
        key = idempotency_key or str(uuid.uuid4())
        now = time.time()
        cur = self._db.execute(
            "INSERT INTO outbox (kind, idempotency_key, payload, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (kind, key, json.dumps(payload, ensure_ascii=False), now, now),
        )
        item = self.get(cur.lastrowid)
        self._announce(item)
        self.wake()
        return item

    def resend(self, item_id: int, payload: dict | None = None) -> OutboxItem:
        """Put a failed item back in the queue, corrected. A corrected payload is a new
        request to the server, so it gets a new Idempotency-Key."""
        item = self.get(item_id)
        key = item.idempotency_key if payload is None else str(uuid.uuid4())
        self._db.execute(
            "UPDATE outbox SET state=?, payload=?, idempotency_key=?, attempts=0, "
            "next_attempt_at=0, last_error='', updated_at=? WHERE id=? AND state=?",
            (PENDING, json.dumps(payload if payload is not None else item.payload,
                                 ensure_ascii=False), key, time.time(), item_id, FAILED),
        )
        item = self.get(item_id)
        self._announce(item)
        self.wake()
        return item

    def get(self, item_id: int) -> OutboxItem:
        row = self._db.execute("SELECT * FROM outbox WHERE id=?", (item_id,)).fetchone()
        if row is None:
            raise KeyError(item_id)
        return OutboxItem.from_row(row)

    def items(self, states: tuple[str, ...] = (PENDING, DONE, FAILED), limit: int = 200
              ) -> list[OutboxItem]:
        marks = ",".join("?" * len(states))
        rows = self._db.execute(
            f"SELECT * FROM outbox WHERE state IN ({marks}) ORDER BY id DESC LIMIT ?",
            (*states, limit),
        ).fetchall()
        return [OutboxItem.from_row(r) for r in rows]

    def backlog(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM outbox WHERE state=?",
                                (PENDING,)).fetchone()[0]

    # --- sending ---------------------------------------------------------------------

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="outbox")

    def wake(self) -> None:
        """Try now instead of waiting for the next backoff deadline."""
        self._wake.set()

    def pause(self, reason: str) -> None:
        """Stop sending (the server no longer accepts our sign-in) until `resume()`."""
        if not self.paused_reason:
            self.paused_reason = reason or "unauthorized"
            self.paused.emit(self.paused_reason)

    def resume(self) -> None:
        """Clear a pause (after the operator logged in again) and retry at once."""
        self.paused_reason = ""
        self._db.execute("UPDATE outbox SET next_attempt_at=0 WHERE state=?", (PENDING,))
        self.wake()

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
        self._db.close()

    async def drain(self, timeout: float) -> bool:
        """Wait until nothing is pending (tests, orderly shutdown). True if drained."""
        deadline = time.monotonic() + timeout
        while self.backlog() and time.monotonic() < deadline:
            self.wake()
            await asyncio.sleep(0.05)
        return self.backlog() == 0

    async def _run(self) -> None:
        while True:
            item = None if self.paused_reason else self._next_due()
            if item is None:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), self._seconds_to_next_due())
                except TimeoutError:
                    pass
                continue
            await self._attempt(item)

    def _next_due(self) -> OutboxItem | None:
        row = self._db.execute(
            "SELECT * FROM outbox WHERE state=? AND next_attempt_at<=? ORDER BY id LIMIT 1",
            (PENDING, time.time()),
        ).fetchone()
        return OutboxItem.from_row(row) if row else None

    def _seconds_to_next_due(self) -> float | None:
        if self.paused_reason:
            return None
        row = self._db.execute("SELECT MIN(next_attempt_at) FROM outbox WHERE state=?",
                               (PENDING,)).fetchone()
        return None if row[0] is None else max(0.0, row[0] - time.time())

    async def _attempt(self, item: OutboxItem) -> None:
        try:
            ack = await self._sender(item.kind, item.payload, item.idempotency_key)
        except ServerUnreachable as exc:
            attempts = item.attempts + 1
            delay = backoff_delay(attempts, *self._backoff)
            self._update(item.id, attempts=attempts, next_attempt_at=time.time() + delay,
                         last_error=str(exc))
            self._set_reachable(False, str(exc))
            log.info("outbox item %s not sent (%s); retry in %.1fs", item.id, exc, delay)
        except ApiError as exc:
            self._set_reachable(True, "")
            if exc.unauthorized:
                # The token expired: keep the item, stop sending until the operator logs in.
                self.pause(exc.problem.title)
                self._update(item.id, last_error=str(exc))
            else:
                self._update(item.id, state=FAILED, attempts=item.attempts + 1,
                             last_error=exc.problem.model_dump_json())
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug must not lose the item: keep it, retry later
            log.exception("outbox sender failed on item %s", item.id)
            self._update(item.id, attempts=item.attempts + 1,
                         next_attempt_at=time.time() + self._backoff[1], last_error=repr(exc))
        else:
            self._set_reachable(True, "")
            self._update(item.id, state=DONE, attempts=item.attempts + 1,
                         result=json.dumps(ack, ensure_ascii=False, default=str), last_error="")

    def _update(self, item_id: int, **values: Any) -> None:
        values["updated_at"] = time.time()
        cols = ", ".join(f"{k}=?" for k in values)
        self._db.execute(f"UPDATE outbox SET {cols} WHERE id=?", (*values.values(), item_id))
        self._announce(self.get(item_id))

    def _announce(self, item: OutboxItem) -> None:
        self.item_changed.emit(item)
        self.backlog_changed.emit(self.backlog())

    def _set_reachable(self, reachable: bool, detail: str) -> None:
        if reachable != self._reachable:
            self._reachable = reachable
            self.reachability_changed.emit(reachable, detail)
