"""The local knowledge base on disk: articles, cached index terms, favourites, sync state.

One SQLite file (`<data dir>/kb/kb.sqlite3`) plus the saved search index beside it
(`index.bin`). Every change bumps a generation counter, and the saved index is tagged with
the database's id and generation, so an index that no longer matches the articles (or
was left by a deleted database) is rebuilt instead of used. Methods block: call them from a worker
thread (`asyncio.to_thread`) in the app. Thread-safe.

    store = ArticleStore.open_default()
    store.apply([article, retired_article])   # upserts one, drops the other
    store.get("kb-0001")
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from agent_desktop.domain import KbArticle
from agent_desktop.paths import data_dir

from .index import DocTerms

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    terms BLOB,
    terms_fingerprint TEXT
);
CREATE TABLE IF NOT EXISTS favourites (
    id TEXT PRIMARY KEY,
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


class ArticleStore:
    """SQLite-backed article store of one user (see module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('store_id', ?)",
                         (uuid.uuid4().hex,))

    @classmethod
    def open_default(cls) -> ArticleStore:
        """The store in the user data dir (honours AGENT_DESKTOP_DATA_DIR)."""
        return cls(data_dir() / "kb" / "kb.sqlite3")

    @property
    def index_path(self) -> Path:
        return self.path.with_name("index.bin")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- meta -----------------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str | None) -> None:
        with self._lock:
            if value is None:
                self._db.execute("DELETE FROM meta WHERE key=?", (key,))
            else:
                self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                                 (key, value))

    @property
    def generation(self) -> int:
        return int(self.get_meta("generation", "0"))

    @property
    def index_tag(self) -> str:
        """Names the article set a saved index must match: this database (a new one gets
        a new id) at its current generation."""
        return f"{self.get_meta('store_id')}:{self.generation}"

    def _bump(self) -> None:
        self._db.execute(
            "INSERT INTO meta(key, value) VALUES ('generation', '1') ON CONFLICT(key) "
            "DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    # --- articles -------------------------------------------------------------------------

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def apply(self, articles: Iterable[KbArticle]) -> tuple[int, int]:
        """Upsert live articles, delete retired ones; returns (upserted, removed)."""
        upserted = removed = 0
        with self._lock:
            self._db.execute("BEGIN")
            try:
                for a in articles:
                    if a.retired:
                        cur = self._db.execute("DELETE FROM articles WHERE id=?", (a.id,))
                        removed += cur.rowcount
                    else:
                        self._db.execute(
                            "INSERT OR REPLACE INTO articles(id, data, updated_at, terms, "
                            "terms_fingerprint) VALUES (?, ?, ?, NULL, NULL)",
                            (a.id, a.model_dump_json(), a.updated_at.isoformat()))
                        upserted += 1
                if upserted or removed:
                    self._bump()
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._shrink_wal(upserted + removed)
        return upserted, removed

    def _shrink_wal(self, changed: int) -> None:
        # A first sync writes the whole corpus through the WAL: give that space back.
        if changed >= 1000:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def clear(self) -> None:
        """Forget every article and the sync state (favourites stay)."""
        with self._lock:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM articles")
            self._db.execute("DELETE FROM meta WHERE key LIKE 'sync.%'")
            self._bump()
            self._db.execute("COMMIT")

    def get(self, article_id: str) -> KbArticle | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM articles WHERE id=?",
                                   (article_id,)).fetchone()
        return KbArticle.model_validate_json(row[0]) if row else None

    def all_with_terms(self, fingerprint: str) -> Iterator[tuple[KbArticle, DocTerms | None]]:
        """Every article with its cached terms (None when missing or from another analyzer)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT data, terms, terms_fingerprint FROM articles ORDER BY id").fetchall()
        for data, terms, fp in rows:
            yield (KbArticle.model_validate_json(data),
                   json.loads(zlib.decompress(terms)) if terms and fp == fingerprint else None)

    def save_terms(self, items: Iterable[tuple[str, DocTerms]], fingerprint: str) -> None:
        """Cache index terms, as compressed term counts per field (does not bump the
        generation: the articles did not change)."""
        rows = []
        for article_id, terms in items:
            counts = {f: t if isinstance(t, dict) else Counter(t) for f, t in terms.items()}
            blob = zlib.compress(json.dumps(counts, ensure_ascii=False).encode(), 6)
            rows.append((blob, fingerprint, article_id))
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(
                "UPDATE articles SET terms=?, terms_fingerprint=? WHERE id=?", rows)
            self._db.execute("COMMIT")
            self._shrink_wal(len(rows))

    # --- favourites -----------------------------------------------------------------------

    def favourites(self) -> list[str]:
        """Favourite article ids, most recent first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id FROM favourites ORDER BY added_at DESC, id").fetchall()
        return [r[0] for r in rows]

    def set_favourite(self, article_id: str, favourite: bool) -> None:
        with self._lock:
            if favourite:
                self._db.execute(
                    "INSERT OR IGNORE INTO favourites(id, added_at) VALUES (?, ?)",
                    (article_id, datetime.now(timezone.utc).isoformat()))
            else:
                self._db.execute("DELETE FROM favourites WHERE id=?", (article_id,))
