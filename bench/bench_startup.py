"""Start-up of the whole app: time from process launch to the main window, and memory.

Runs `agent-desktop --self-check` (offscreen, embedded server) several times: the first
run in a fresh data dir is cold (the speech model's weight parts are joined, the
embedded database is created and seeded); the later ones reuse it (warm). Prints JSON
with medians. The clock starts when the process is launched, so Python's imports count.

    python bench/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def one_run(data: str) -> dict:
    env = {**os.environ, "AGENT_DESKTOP_DATA_DIR": data, "AGENT_DESKTOP_CONFIG_DIR": data,
           "XDG_CONFIG_HOME": data, "QT_QPA_PLATFORM": "offscreen"}
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "agent_desktop", "--self-check"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    marks: dict[str, float] = {}
    for line in proc.stdout:
        name = line[5:20].strip()
        marks.setdefault(name, time.monotonic() - t0)
        if m := re.search(r"shown ([\d.]+) s after start", line):
            marks["window_in_process"] = float(m.group(1))
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    return {"ok": code == 0, "peak_rss_mb": round(usage.ru_maxrss / 1024), "to_main_window_s": round(marks.get("main window", -1), 3),
            "window_in_process_s": marks.get("window_in_process"),
            "to_speech_ready_s": round(marks.get("speech", -1), 3),
            "total_s": round(time.monotonic() - t0, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as data:
        runs = [one_run(data) for _ in range(a.runs)]
    warm = runs[1:] or runs
    # ru_maxrss of children: the largest child process (the app; the server is smaller).
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({
        "runs": runs,
        "cold_to_main_window_s": runs[0]["to_main_window_s"],
        "warm_to_main_window_s_median": statistics.median(r["to_main_window_s"] for r in warm),
        "warm_to_speech_ready_s_median": statistics.median(r["to_speech_ready_s"] for r in warm),
        "peak_rss_mb_largest_process": round(peak_kb / 1024),
        # per run: the app, or its embedded server if that were larger (wait4 of the app)
        "warm_peak_rss_mb_median": statistics.median(r["peak_rss_mb"] for r in warm),
        "cold_peak_rss_mb": runs[0]["peak_rss_mb"],
        "loadavg": os.getloadavg(),
        "cpus": os.cpu_count(),
    }, indent=1))


if __name__ == "__main__":
    main()
