"""`agent-desktop server` as a process: READY line, parent watch, signals, restarts."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from agent_desktop.domain.reference import load_catalog

from .server_helpers import login, order

ROOT = Path(__file__).resolve().parents[2]
LEAF = next(n.code for n in load_catalog().nodes if n.is_leaf)


def server_command(tmp_path: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    """The command on port 0, its database in tmp_path (the default one there if `args` has
    no --database-url), and its environment."""
    command = [sys.executable, "-m", "agent_desktop", "server", "--port", "0", *args]
    env = {
        **os.environ,
        "AGENT_DESKTOP_SERVER_DATA_DIR": str(tmp_path),  # the server's own, not the desktop's
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    return command, env


def test_ready_line_then_exit_when_the_parent_goes(tmp_path: Path):
    command, env = server_command(tmp_path, "--demo", "--parent-watch")
    proc = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert proc.stdout and proc.stdin and proc.stderr
    try:
        line = proc.stdout.readline()
        match = re.fullmatch(r"AGENT_DESKTOP_SERVER_READY (http://127\.0\.0\.1:\d+)\n", line)
        assert match, line or proc.stderr.read()
        assert httpx.get(f"{match[1]}/healthz").json()["status"] == "ok"
        assert (tmp_path / "server.db").is_file(), "the default database is in the data dir"
        proc.stdin.close()
        assert proc.wait(15) == 0
    finally:
        proc.kill()
    assert proc.stdout.read() == "", "stdout must carry the READY line only"
    assert "stdin closed" in proc.stderr.read()


def test_killed_then_restarted_on_the_same_url_with_the_data(server: Any):
    with login(server.url, "operator1") as client:
        created = client.post("/api/v1/work-orders", json=order(LEAF)).json()
    url = server.url
    server.kill()
    assert server.restart() == url
    with login(server.url, "operator1") as client:
        assert client.get(f"/api/v1/work-orders/{created['id']}").json() == created
        after = client.post("/api/v1/work-orders", json=order(LEAF)).json()
    assert int(after["number"]) == int(created["number"]) + 1


def test_sigterm_ends_open_event_streams_and_exits_cleanly(server: Any):
    client = login(server.url, "operator1")
    ended = threading.Event()

    def follow() -> None:
        with client.stream("GET", "/api/v1/events") as stream:
            for _ in stream.iter_lines():
                pass
        ended.set()

    threading.Thread(target=follow, daemon=True).start()
    time.sleep(0.5)
    started = time.monotonic()
    assert server.stop() == 0
    assert time.monotonic() - started < 4, "shutdown waited on the open stream"
    assert ended.wait(5)
    client.close()
    assert "Finished server process" in server.log()


def test_unusable_database_fails_fast_and_says_why(tmp_path: Path):
    (tmp_path / "server.db").mkdir()  # a directory where the database file should be
    command, env = server_command(tmp_path)
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0
    assert result.stdout == ""
    assert "database" in result.stderr.lower()


def test_busy_port_fails_fast_and_says_why(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        command, env = server_command(tmp_path)
        command[command.index("--port") + 1] = str(taken.getsockname()[1])
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert "cannot listen" in result.stderr


def test_importing_the_command_does_not_load_the_web_stack():
    code = (
        "import sys, argparse; import agent_desktop.server, agent_desktop.server.cli as c; "
        "c.register(argparse.ArgumentParser().add_subparsers()); "
        "print(sorted(m for m in ('fastapi', 'sqlalchemy', 'uvicorn') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.stdout.strip() == "[]", result.stderr
