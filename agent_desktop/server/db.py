"""Database access for the server: engines for SQLite and PostgreSQL, transactions,
migrations.

SQLite (the embedded default) runs in WAL mode and starts every write transaction with
`BEGIN IMMEDIATE`, so concurrent writers queue on the busy timeout instead of failing
half-way. On PostgreSQL, start-up work (migrations, demo seeding) runs under an advisory
lock so that several instances can start at once against one database.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker


log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_STARTUP_LOCK_KEY = 0x41445356  # "ADSV": any constant shared by all instances
_SQLITE_IMMEDIATE = "agent_desktop_sqlite_immediate"
# libpq keepalives: a PostgreSQL machine that vanishes is noticed in about 25 s, not the
# system's default two hours (the URL's own settings win).
TCP_KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
                  "keepalives_count": 3}


def default_database_url() -> str:
    return URL.create("sqlite", database=str(server_data_dir() / "server.db")).render_as_string()


def server_data_dir() -> Path:
    """The reference server's own data dir (not the desktop user's):
    AGENT_DESKTOP_SERVER_DATA_DIR, else the platform's data dir for agent-desktop-server."""
    override = os.environ.get("AGENT_DESKTOP_SERVER_DATA_DIR")
    path = Path(override) if override else Path(
        platformdirs.user_data_dir("agent-desktop-server", False))
    path.mkdir(parents=True, exist_ok=True)
    return path


class Database:
    """One database: an engine plus read and write transactions on it."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.engine = _make_engine(self.url)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**{_SQLITE_IMMEDIATE: True}), expire_on_commit=False
        )

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    def describe(self) -> str:
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any exception."""
        with self._writer() as session, session.begin():
            yield session

    @contextmanager
    def startup_lock(self) -> Iterator[None]:
        """Serialise start-up work between instances sharing a PostgreSQL database."""
        if self.dialect != "postgresql":
            yield
            return
        with self.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _STARTUP_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _STARTUP_LOCK_KEY})
                conn.commit()

    def migrate(self) -> None:
        """Bring the schema to the newest migration (a no-op when it is there already)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()


def try_transaction_lock(session: Session, name: str) -> bool:
    """Take the lock called `name` until the transaction ends, unless another
    transaction holds it (False). PostgreSQL: an advisory lock, so it holds across
    every instance sharing the database. SQLite's write transactions already take
    turns (BEGIN IMMEDIATE), so there it is always True."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    lock = text("SELECT pg_try_advisory_xact_lock(hashtextextended(:name, 0))")
    return bool(session.scalar(lock, {"name": name}))


def server_application_name() -> str:
    """The name a server process's PostgreSQL connections carry (`application_name`)."""
    return f"agent-desktop server {os.getpid()}"


def _make_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        # Named by process, so that pg_stat_activity tells which server holds what.
        settings = {**TCP_KEEPALIVES, "application_name": server_application_name()}
        return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True,
                             connect_args={k: v for k, v in settings.items()
                                           if k not in url.query})
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        pool_size=10,
        max_overflow=20,
        connect_args={"timeout": 30, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Leave transaction control to the "begin" listener below (pysqlite's own is wrong
    # for our purposes: it begins lazily, and never IMMEDIATE).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    immediate = conn.get_execution_options().get(_SQLITE_IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
