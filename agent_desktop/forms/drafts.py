"""The work-order form's local memory: autosaved drafts, and how often each matter is used.

    store = DraftStore(data_dir / "drafts.sqlite3")
    key = new_draft_key()
    store.save(key, {"content": "小区门口积水…"})   # on every field change (the form debounces)
    store.latest_open()                               # after a crash: the draft to restore
    store.submitted(key)                              # the outbox holds the order now
    store.record_matter_use("0101010101")            # the matter picker's recency

One SQLite file in the user data dir, written with `synchronous=FULL` (and WAL): when
`save` returns, the draft survives a killed process and a power cut. A draft is `open`
while the operator edits it; it is deleted once the outbox has accepted the order (the
outbox is then the durable copy); a draft the operator cleared is kept `discarded` for a
while, so "undo" can bring it back. Nothing here knows Qt: the form calls these methods
from one writer thread (every method is thread-safe).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Draft", "DraftStore", "new_draft_key", "OPEN", "DISCARDED", "RECENT_MATTERS"]

OPEN, DISCARDED = "open", "discarded"
RECENT_MATTERS = 50  # length of the recent-matters list handed to the picker
KEEP_DISCARDED_S = 7 * 24 * 3600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    key TEXT PRIMARY KEY,
    state TEXT NOT NULL DEFAULT 'open',
    data TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS drafts_state ON drafts (state, updated_at);
CREATE TABLE IF NOT EXISTS matter_usage (
    code TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    last_used REAL NOT NULL
);
"""


def new_draft_key() -> str:
    """A new draft's key (a UUID): the form makes it, so saves need no round trip."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Draft:
    key: str
    state: str
    data: dict[str, Any]
    created_at: float
    updated_at: float
    revision: int  # bumped by every save

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Draft:
        return cls(row["key"], row["state"], json.loads(row["data"]), row["created_at"],
                   row["updated_at"], row["revision"])


class DraftStore:
    """Drafts and matter usage in one SQLite file. Thread-safe; `close()` when done."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        # keys deleted by `submitted` in this process: a late autosave must not revive them
        self._finished: set[str] = set()
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a saved draft survives a power cut
        self._db.executescript(_SCHEMA)
        self.prune()

    # --- drafts ----------------------------------------------------------------------

    def save(self, key: str, data: dict[str, Any]) -> Draft | None:
        """Write the draft `key` (creating it); durable when this returns. A draft already
        submitted (deleted) or discarded is left alone: returns None then."""
        now = time.time()
        text = json.dumps(data, ensure_ascii=False, default=str)
        with self._lock:
            exists = self._db.execute("SELECT state FROM drafts WHERE key=?", (key,)).fetchone()
            if exists is None:
                if key in self._finished:
                    return None
                self._db.execute(
                    "INSERT INTO drafts (key, state, data, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)", (key, OPEN, text, now, now))
            elif exists["state"] != OPEN:
                return None
            else:
                self._db.execute(
                    "UPDATE drafts SET data=?, updated_at=?, revision=revision+1 WHERE key=?",
                    (text, now, key))
            return self._get(key)

    def get(self, key: str) -> Draft | None:
        with self._lock:
            return self._get(key)

    def _get(self, key: str) -> Draft | None:
        row = self._db.execute("SELECT * FROM drafts WHERE key=?", (key,)).fetchone()
        return Draft.from_row(row) if row else None

    def latest_open(self) -> Draft | None:
        """The most recently edited open draft: what the form restores at start."""
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM drafts WHERE state=? ORDER BY updated_at DESC, rowid DESC "
                "LIMIT 1", (OPEN,)).fetchone()
        return Draft.from_row(row) if row else None

    def open_drafts(self) -> list[Draft]:
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM drafts WHERE state=? ORDER BY updated_at DESC", (OPEN,)
            ).fetchall()
        return [Draft.from_row(r) for r in rows]

    def submitted(self, key: str) -> None:
        """The outbox accepted the order made from this draft: forget the draft. Call it
        only after `Outbox.enqueue` returned (the order is on disk there)."""
        with self._lock:
            self._finished.add(key)
            self._db.execute("DELETE FROM drafts WHERE key=?", (key,))

    def discard(self, key: str) -> bool:
        """The operator cleared the form: keep the draft for `restore` (undo) for a week.
        Returns False if there was no open draft."""
        with self._lock:
            cur = self._db.execute("UPDATE drafts SET state=?, updated_at=? WHERE key=? AND "
                                   "state=?", (DISCARDED, time.time(), key, OPEN))
            return cur.rowcount > 0

    def restore(self, key: str) -> Draft | None:
        """Reopen a discarded draft (undo of a clear)."""
        with self._lock:
            self._db.execute("UPDATE drafts SET state=?, updated_at=? WHERE key=? AND state=?",
                             (OPEN, time.time(), key, DISCARDED))
            return self._get(key)

    def delete(self, key: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM drafts WHERE key=?", (key,))

    def prune(self, keep_discarded_s: float = KEEP_DISCARDED_S) -> int:
        """Drop discarded drafts older than `keep_discarded_s`; returns how many."""
        with self._lock:
            cur = self._db.execute("DELETE FROM drafts WHERE state=? AND updated_at<?",
                                   (DISCARDED, time.time() - keep_discarded_s))
            return cur.rowcount

    # --- matter usage ------------------------------------------------------------------

    def record_matter_use(self, code: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO matter_usage (code, count, last_used) VALUES (?, 1, ?) "
                "ON CONFLICT(code) DO UPDATE SET count=count+1, last_used=excluded.last_used",
                (code, time.time()))

    def matter_usage(self) -> tuple[dict[str, int], list[str]]:
        """(use count per matter code, codes most recent first) for `MatterIndex`."""
        with self._lock:
            rows = self._db.execute(
                "SELECT code, count FROM matter_usage ORDER BY last_used DESC").fetchall()
        return {r["code"]: r["count"] for r in rows}, [r["code"] for r in rows][:RECENT_MATTERS]

    # --- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._db.close()
