"""Runs the reference server as a child process on 127.0.0.1 for a desktop with no
server configured, so a new user sees a working app (demo data) with one command.

The child binds a free port itself and reports it on stdout
(`AGENT_DESKTOP_SERVER_READY <url>`); it watches its stdin and exits when the app's end
of the pipe closes, so even a killed app leaves no orphan server behind.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

READY_PREFIX = "AGENT_DESKTOP_SERVER_READY "


class EmbeddedServerError(RuntimeError):
    pass


def server_command(*args: str) -> list[str]:
    """The command line that runs `agent-desktop server …` from this installation."""
    if getattr(sys, "frozen", False):  # PyInstaller bundle: the executable is the CLI
        return [sys.executable, "server", *args]
    return [sys.executable, "-m", "agent_desktop", "server", *args]


def reserve_port() -> int:
    """A free loopback port for the embedded server (another process could take it
    before the server binds it; the start then fails with a clear message)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EmbeddedServer:
    def __init__(self, database_path: Path, log_path: Path) -> None:
        self.database_path = database_path
        self.log_path = log_path
        self.url = ""
        self._proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0, port: int = 0) -> str:
        """Start the server and wait until it listens; returns its URL. Blocking: call it
        from a worker thread (asyncio.to_thread), never on the Qt thread. With `port`
        (see `reserve_port`) the URL is known before the server is up, so the app can
        build its client and window while the server starts."""
        cmd = server_command("--host", "127.0.0.1", "--port", str(port), "--demo",
                             "--parent-watch",
                             "--database-url", f"sqlite:///{self.database_path}")
        log_file = open(self.log_path, "ab")  # noqa: SIM115 - owned by the child
        self._proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log_file,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        log_file.close()
        reader = threading.Thread(target=self._read_ready, daemon=True)
        reader.start()
        reader.join(timeout)
        if not self.url:
            code = self._proc.poll()
            self.stop()
            why = f"exited with code {code}" if code is not None else f"not ready in {timeout:.0f} s"
            raise EmbeddedServerError(
                f"The embedded server {why}. See its log: {self.log_path}")
        threading.Thread(target=self._drain, daemon=True).start()
        return self.url

    def _read_ready(self) -> None:
        assert self._proc and self._proc.stdout
        for raw in self._proc.stdout:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith(READY_PREFIX):
                self.url = line[len(READY_PREFIX):].strip()
                return

    def _drain(self) -> None:
        # Keep reading stdout so the child never blocks on a full pipe.
        if self._proc and self._proc.stdout:
            for _ in self._proc.stdout:
                pass

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def stop(self, timeout: float = 5.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()  # the child's parent watch sees EOF and shuts down
            proc.terminate()
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        except OSError:
            pass
        log.info("embedded server stopped")
