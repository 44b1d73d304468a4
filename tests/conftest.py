"""Fixtures shared by the whole suite: the real hotline server and a real PostgreSQL.

Servers:
- `server_factory(database_url=None, *, demo=True, port=0, args=())` starts
  `agent-desktop server` as a child process on 127.0.0.1 (with `--parent-watch`, data
  dir in tmp) and returns a `ServerProcess`: `.url`, `.port`, `.database_url`,
  `.stop()` (SIGTERM, returns the exit code), `.kill()` (SIGKILL), `.restart()` (same
  database, same port, so `.url` does not change), `.close_stdin()` (as if the parent
  died), `.wait(timeout)`, `.log()`. Every server it started is stopped at teardown.
  Default database: SQLite in tmp. `session_server_factory` is the same for servers
  shared by the whole session.
- `server`: one demo server on SQLite in tmp (users operator1 / lead1 / trainer1 /
  admin1, password `<username>-demo`).
- `serve_app(app) -> url`: serves an ASGI app built in-process (e.g. by
  `agent_desktop.server.create_app`) on a real socket in a thread.

PostgreSQL (Debian's binaries, /usr/lib/postgresql/*/bin; skipped with a reason when
absent):
- `postgres` (session): one throw-away cluster on 127.0.0.1, `.create_database() -> url`.
- `postgres_url`: a fresh empty database on it, as a `postgresql+psycopg://` URL.
- `database_url`: parametrised over ["sqlite", "postgres"] so one test runs on both.

Secrets:
- `memory_keyring`: an in-memory keyring backend (`.store[(service, user)]`) installed
  for the test (DESIGN §4: headless Linux has none, and tests must not touch a real one).
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from glob import glob
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication

ROOT = Path(__file__).resolve().parents[1]
READY_PREFIX = "AGENT_DESKTOP_SERVER_READY "


# --- the server as a child process ------------------------------------------------------


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


class ServerProcess:
    """`agent-desktop server` running as a child process on 127.0.0.1."""

    def __init__(
        self, database_url: str, data_dir: Path, *, demo: bool = True, args: tuple[str, ...] = ()
    ) -> None:
        self.database_url = database_url
        self.data_dir = data_dir
        self.demo = demo
        self.args = args
        self.url = ""
        self.port = 0
        self.log_path = data_dir / "server.log"
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self, port: int = 0, timeout: float = 60) -> str:
        assert not self.running, "already running"
        command = [
            sys.executable,
            "-m",
            "agent_desktop",
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--database-url",
            self.database_url,
            "--parent-watch",
            *(["--demo"] if self.demo else []),
            *self.args,
        ]
        env = {
            **os.environ,
            "AGENT_DESKTOP_DATA_DIR": str(self.data_dir),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            "PYTHONUNBUFFERED": "1",
        }
        with open(self.log_path, "ab") as log:
            self._proc = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env=env,
                cwd=self.data_dir,
            )
        url = _wait_for_ready(self._proc, timeout)
        if url is None:
            code = self._proc.poll()
            self.kill()
            state = f"exited with code {code}" if code is not None else f"not ready in {timeout} s"
            raise RuntimeError(f"server {state}; its log:\n{self.log()}")
        self.url, self.port = url, int(url.rsplit(":", 1)[1])
        return url

    def stop(self, timeout: float = 15) -> int | None:
        """SIGTERM and wait; returns the exit code (None if it was not running)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                raise RuntimeError(f"server ignored SIGTERM for {timeout} s") from None
        _close_pipes(proc)
        return proc.returncode

    def kill(self) -> None:
        """SIGKILL: the server dies mid-work, as in a crash."""
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            _close_pipes(proc)

    def restart(self, timeout: float = 60) -> str:
        """Stop (if running) and start again on the same database and the same port."""
        if self.running:
            self.stop()
        self._proc = None
        return self.start(port=self.port, timeout=timeout)

    def close_stdin(self) -> None:
        """Close the server's stdin, as the death of its parent would."""
        assert self._proc and self._proc.stdin
        self._proc.stdin.close()

    def wait(self, timeout: float) -> int:
        assert self._proc is not None
        return self._proc.wait(timeout)

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace") if self.log_path.exists() else ""


def _wait_for_ready(proc: subprocess.Popen[bytes], timeout: float) -> str | None:
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:  # keeps draining after the READY line
            lines.put(raw.decode("utf-8", "replace").strip())
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        while (line := lines.get(timeout=timeout)) is not None:
            if line.startswith(READY_PREFIX):
                return line[len(READY_PREFIX) :]
    except queue.Empty:
        pass
    return None


def _close_pipes(proc: subprocess.Popen[bytes]) -> None:
    for pipe in (proc.stdin, proc.stdout):
        try:
            if pipe:
                pipe.close()
        except OSError:
            pass


ServerFactory = Callable[..., ServerProcess]


@contextmanager
def _server_factory(tmp: pytest.TempPathFactory) -> Iterator[ServerFactory]:
    started: list[ServerProcess] = []

    def start(
        database_url: str | None = None,
        *,
        demo: bool = True,
        port: int = 0,
        args: tuple[str, ...] = (),
    ) -> ServerProcess:
        data_dir = tmp.mktemp("server")
        process = ServerProcess(
            database_url or sqlite_url(data_dir / "server.db"), data_dir, demo=demo, args=args
        )
        started.append(process)
        process.start(port=port)
        return process

    try:
        yield start
    finally:
        for process in started:
            if process.running:
                process.stop()


@pytest.fixture
def server_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerFactory]:
    """Start servers: `server_factory(database_url=None, *, demo=True, port=0, args=())`;
    each is stopped at the end of the test."""
    with _server_factory(tmp_path_factory) as start:
        yield start


@pytest.fixture(scope="session")
def session_server_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerFactory]:
    """As `server_factory`, for servers shared by the session (stopped at its end)."""
    with _server_factory(tmp_path_factory) as start:
        yield start


@pytest.fixture
def server(server_factory: ServerFactory) -> ServerProcess:
    """A demo server on SQLite in tmp (operator1 / lead1 / trainer1 / admin1)."""
    return server_factory()


# --- the server in-process, on a real socket ---------------------------------------------


@pytest.fixture
def serve_app() -> Iterator[Callable[[Any], str]]:
    """`serve_app(app) -> url`: serve an app from `create_app` in a thread on 127.0.0.1."""
    from agent_desktop.server.serving import HotlineServer, bind_socket, socket_url

    running: list[tuple[Any, threading.Thread, socket.socket]] = []

    def serve(app: Any) -> str:
        sock = bind_socket("127.0.0.1", 0)
        ready = threading.Event()
        server = HotlineServer(app, on_ready=ready.set)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        if not ready.wait(30):
            raise RuntimeError("in-process server did not start")
        running.append((server, thread, sock))
        return socket_url(sock)

    yield serve
    for server, thread, sock in running:
        server.request_exit()
        thread.join(15)
        sock.close()


# --- PostgreSQL ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_bin_dir() -> Path | None:
    candidates = sorted(
        glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class PostgresCluster:
    """A throw-away PostgreSQL cluster in a temp dir, on 127.0.0.1 and a free port.

    initdb refuses to run as root, so as root the cluster belongs to the `postgres` OS
    user (Debian's package creates it) and its commands run through `runuser`.
    """

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.port = _free_port()
        self.base = Path(tempfile.mkdtemp(prefix="agent-desktop-pg-"))
        self.data = self.base / "data"
        self._as_postgres = os.geteuid() == 0
        self._names = itertools.count(1)

    def _run(self, tool: str, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_postgres else []
        result = subprocess.run(
            [*prefix, str(self.bin_dir / tool), *args], capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0:
            raise RuntimeError(f"{tool} failed: {result.stdout}\n{result.stderr}")

    def start(self) -> None:
        if self._as_postgres:
            shutil.chown(self.base, "postgres", "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.base / "postgres.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    bin_dir = _postgres_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL binaries not found (apt-get install postgresql)")
    cluster = PostgresCluster(bin_dir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def postgres_url(postgres: PostgresCluster) -> str:
    """A fresh empty PostgreSQL database for this test (dropped with the cluster)."""
    return postgres.create_database()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL, once per backend: SQLite in tmp, then a fresh PostgreSQL one."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "server.db")
    return str(request.getfixturevalue("postgres_url"))


# --- secrets ------------------------------------------------------------------------------


@pytest.fixture
def memory_keyring() -> Iterator[Any]:
    """An in-memory keyring backend for this test; its `.store` maps (service, user) to
    the password."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# --- isolation ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own data/config dirs: no test reads or writes the real
    user's outbox, caches, drafts or Qt settings."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("AGENT_DESKTOP_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("AGENT_DESKTOP_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "xdg"))
    return base


# --- Qt: an asyncio loop on Qt's (qasync), Chinese input (shared/recipes/qt_testing.md) ---
# Never call loop.stop() in a test: it calls app.exit() and breaks every later test.


@pytest.fixture
def qloop(qapp, qtbot):
    import qasync

    from agent_desktop.ui.theme import apply_theme

    apply_theme(qapp)
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    qtbot.waitUntil(lambda: all(t.done() for t in pending), timeout=10_000)
    loop._QEventLoop__is_running = False
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)
    del loop
    # Collect the closed loop here, on the Qt thread: if the garbage collector ran later
    # in a worker thread (draft writer, index build), it would destroy the loop's Qt
    # timers on that thread and crash Qt at the next timer event.
    gc.collect()


@pytest.fixture
def arun(qloop, qtbot):
    """`arun(coro)`: run a coroutine on the qasync loop while Qt processes events."""

    def run(coro, timeout: float = 30.0):
        task = qloop.create_task(coro)
        qtbot.waitUntil(task.done, timeout=int(timeout * 1000))
        return task.result()

    return run


@pytest.fixture
def type_text():
    """`type_text(widget, "停水")`: commit text as an input method would
    (qtbot.keyClicks aborts the process on Chinese)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    def commit(widget, text: str) -> None:
        widget.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    return commit
