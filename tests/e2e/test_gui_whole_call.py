"""One whole call in a real window on an X display (Xvfb, not offscreen): answer, fill,
submit, the order number on screen, hang up. The driver runs as its own process
(`gui_whole_call.py`) because the test suite's Qt runs offscreen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow,
              pytest.mark.skipif(not all(shutil.which(t) for t in ("Xvfb", "baresip",
                                                                   "kamailio", "sox")),
                                 reason="needs Xvfb, baresip, kamailio and sox "
                                 "(scripts/system-deps.sh --test)")]

DRIVER = Path(__file__).with_name("gui_whole_call.py")


def test_one_whole_call_in_a_real_window(tmp_path, isolated_user_dirs):
    display = f":{140 + os.getpid() % 50}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        r = subprocess.run([sys.executable, str(DRIVER), str(tmp_path)], env=env,
                           capture_output=True, text=True, timeout=300)
        lines = [ln for ln in r.stdout.splitlines() if ln.startswith("RESULT ")]
        assert r.returncode == 0 and lines, r.stdout[-3000:] + r.stderr[-6000:]
        result = json.loads(lines[-1][len("RESULT "):])
        assert "Traceback" not in r.stderr, r.stderr[-6000:]  # shutdown included
    finally:
        xvfb.terminate()
        xvfb.wait(10)
    assert result["platform"] == "xcb"  # a real window, not offscreen
    assert "公积金" in result["transcript"]
    assert result["number"] and result["number"] in result["banner"]
    assert result["transcript_saved"]
    shot = tmp_path / "window.png"
    assert shot.exists() and shot.stat().st_size > 20_000  # a drawn window, not a blank
