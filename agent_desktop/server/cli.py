"""`agent-desktop server`: run the reference hotline server.

Prints `AGENT_DESKTOP_SERVER_READY http://HOST:PORT` on stdout once it accepts requests
(the desktop app reads that line to learn the port) and logs to stderr. With the hidden
`--parent-watch` it exits when its stdin reaches EOF, so a server started by the desktop
app (stdin=PIPE) never outlives it. Web-stack imports happen inside `run`.

`--workers N` (PostgreSQL only) binds the port once, prepares the database, then runs N
copies of itself as worker processes that share the listening socket (hidden
`--worker-fd`, with `--parent-watch` so that none outlives the supervisor); the
supervisor announces READY once every worker is, replaces a worker that dies, and stops
them all on SIGTERM/SIGINT. The workers learn of each other's events through
PostgreSQL LISTEN/NOTIFY (events.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
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
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes sharing the port (default 1; more than 1 needs PostgreSQL)",
    )
    parser.add_argument("--parent-watch", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worker-fd", type=int, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    if args.worker_fd is not None:  # one of the workers of a --workers N supervisor
        with socket.socket(fileno=args.worker_fd) as sock:
            app = _create_app(args.database_url, demo=False)
            return _serve(app, sock, args.parent_watch) if app else 1
    if args.workers < 1:
        log.error("--workers must be at least 1")
        return 2
    from sqlalchemy.engine import make_url

    from .db import default_database_url
    from .serving import bind_socket

    database_url = args.database_url or default_database_url()
    if args.workers > 1 and make_url(database_url).get_backend_name() == "sqlite":
        log.error(
            "--workers %d needs PostgreSQL (--database-url postgresql+psycopg://…): SQLite "
            "takes one writer at a time, so several server processes on one SQLite file "
            "is not a supported deployment. Use --workers 1 with SQLite.", args.workers)
        return 2
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        log.error("cannot listen on %s:%s: %s", args.host, args.port, exc)
        return 1
    with sock:
        app = _create_app(database_url, args.demo)
        if app is None:
            return 1
        if args.workers == 1:
            return _serve(app, sock, args.parent_watch)
        app.state.server.db.dispose()  # the database is ready; the workers serve it
        return _supervise(sock, database_url, args.workers, args.parent_watch)


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


class _Worker:
    """One `agent-desktop server --worker-fd` child serving the supervisor's socket."""

    def __init__(self, index: int, sock: socket.socket, database_url: str) -> None:
        self.index = index
        self._sock = sock
        self._database_url = database_url
        self.ready = threading.Event()
        self.started_at = 0.0
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        fd = self._sock.fileno()
        verbose = ["-v"] if logging.getLogger().isEnabledFor(logging.DEBUG) else []
        command = [sys.executable, "-m", "agent_desktop", *verbose, "server",
                   "--database-url", self._database_url, "--worker-fd", str(fd),
                   "--parent-watch"]
        self.ready.clear()
        self.started_at = time.monotonic()
        # stderr is inherited: the workers log where the supervisor does.
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     pass_fds=(fd,))
        threading.Thread(target=self._read_stdout, args=(self.proc,),
                         name=f"worker-{self.index}-stdout", daemon=True).start()
        log.info("worker %d started (pid %d)", self.index, self.proc.pid)

    def _read_stdout(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(READY_PREFIX.encode()):
                self.ready.set()

    @property
    def exit_code(self) -> int | None:
        return self.proc.poll() if self.proc else None

    def terminate(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)

    def wait(self, timeout: float) -> None:
        if self.proc is None:
            return
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("worker %d ignored SIGTERM; killing it", self.index)
            self.proc.kill()
            self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe:
                pipe.close()


def _supervise(sock: socket.socket, database_url: str, count: int, parent_watch: bool) -> int:
    from .serving import socket_url

    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda _sig, _frame: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    if parent_watch:
        _watch_stdin(stop.set)
    workers = [_Worker(i, sock, database_url) for i in range(count)]
    try:
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 120
        while not all(w.ready.is_set() for w in workers):
            failed = [w for w in workers if w.exit_code is not None]
            if failed or stop.is_set() or time.monotonic() > deadline:
                if failed:
                    log.error("worker %d exited with code %s before it was ready",
                              failed[0].index, failed[0].exit_code)
                return 1
            time.sleep(0.05)
        url = socket_url(sock)
        log.info("listening on %s with %d workers", url, count)
        print(f"{READY_PREFIX} {url}", flush=True)
        while not stop.wait(0.5):
            for worker in workers:
                code = worker.exit_code
                if code is not None and time.monotonic() - worker.started_at > 5:
                    log.warning("worker %d exited with code %s; starting another",
                                worker.index, code)
                    worker.wait(0)
                    worker.start()
        return 0
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(15)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
