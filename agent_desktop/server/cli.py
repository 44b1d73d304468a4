"""`agent-desktop server`: run the reference hotline server.

Prints `AGENT_DESKTOP_SERVER_READY http://HOST:PORT` on stdout once it accepts requests
(the desktop app reads that line to learn the port) and logs to stderr. With the hidden
`--parent-watch` it exits when its stdin reaches EOF, so a server started by the desktop
app (stdin=PIPE) never outlives it. Web-stack imports happen inside `run`.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

READY_PREFIX = "AGENT_DESKTOP_SERVER_READY"

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "server",
        help="run the reference hotline server",
        description="Run the reference hotline-platform server (HTTP API under /api/v1). "
        "Default database: SQLite in the user data dir.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port (0 picks a free one)")
    parser.add_argument(
        "--database-url",
        help="SQLAlchemy URL, e.g. postgresql+psycopg://user:pass@host/db "
        "(default: SQLite server.db in the data dir)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="load demo users (operator1, lead1, trainer1, admin1, dept1 of 310104-CONSTRUCTION; "
        "password <username>-demo), "
        "the shipped catalog, departments and KB articles",
    )
    parser.add_argument("--parent-watch", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .serving import bind_socket

    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        log.error("cannot listen on %s:%s: %s", args.host, args.port, exc)
        return 1
    with sock:
        app = _create_app(args.database_url, args.demo)
        return _serve(app, sock, args.parent_watch) if app else 1


def _create_app(database_url: str | None, demo: bool) -> FastAPI | None:
    """The app, or None (logged) if the database cannot be used."""
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, DBAPIError

    from .app import create_app
    from .db import default_database_url

    database_url = database_url or default_database_url()
    try:
        return create_app(database_url, demo=demo)
    except ArgumentError as exc:
        log.error("cannot use the database URL given: %s", exc)
    except DBAPIError as exc:
        where = make_url(database_url).render_as_string(hide_password=True)
        log.error("cannot use the database %s: %s", where, exc.orig)
    return None


def _serve(app: FastAPI, sock: socket.socket, parent_watch: bool) -> int:
    from .serving import HotlineServer, socket_url

    url = socket_url(sock)

    def announce() -> None:
        log.info("listening on %s", url)
        print(f"{READY_PREFIX} {url}", flush=True)

    server = HotlineServer(app, on_ready=announce)
    if parent_watch:
        _watch_stdin(server.request_exit)
    # uvicorn re-raises the signal that stopped it once it is done; handling it here (as
    # a request to exit) makes that a clean return instead of death by signal.
    previous = {
        sig: signal.signal(sig, lambda _sig, _frame: server.request_exit())
        for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        server.run(sockets=[sock])
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if server.started else 1


def _watch_stdin(on_eof: Callable[[], None]) -> None:
    def watch() -> None:
        fd = sys.stdin.fileno()
        while os.read(fd, 4096):
            pass
        log.info("parent process gone (stdin closed); shutting down")
        on_eof()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
