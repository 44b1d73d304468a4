"""The `agent-desktop` command line."""

import subprocess
import sys


def test_help_lists_the_subcommands():
    r = subprocess.run([sys.executable, "-m", "agent_desktop", "--help"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0
    for word in ("server", "kb", "geo", "--self-check"):
        assert word in r.stdout


def test_help_does_not_load_qt_or_the_web_stack():
    code = ("import sys; from agent_desktop.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('PySide6','fastapi','sqlalchemy') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "[]", r.stdout + r.stderr
