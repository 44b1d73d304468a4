"""Benchmark of the offline place lookup: gazetteer load time and `GeoService.locate`
latency over the labelled hotline sentences. Prints JSON.

    python bench/bench_geo.py [--runs 5] [--repeat 20]

Target (issue 5): locate p95 <= 10 ms on the project machine (2 cores).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent_desktop.geo.gazetteer import Gazetteer  # noqa: E402
from agent_desktop.geo.service import GeoService  # noqa: E402

SENTENCES = ROOT / "tests" / "geo" / "data" / "hotline_sentences.tsv"


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=20, help="passes over the sentences per run")
    a = ap.parse_args()
    with SENTENCES.open(encoding="utf-8") as f:
        texts = [r[1] for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    runs = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        service = GeoService(Gazetteer.load("shanghai"))
        load_ms = (time.perf_counter() - t0) * 1000
        service.locate("预热")  # first call
        times = []
        for _ in range(a.repeat):
            for text in texts:
                t = time.perf_counter()
                service.locate(text)
                times.append((time.perf_counter() - t) * 1000)
        runs.append({
            "load_ms": round(load_ms, 1),
            "locate_p50_ms": round(percentile(times, 0.50), 3),
            "locate_p95_ms": round(percentile(times, 0.95), 3),
            "locate_max_ms": round(max(times), 3),
            "calls": len(times),
        })
    summary = {
        "benchmark": "geo.locate",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},
        "sentences": len(texts),
        "runs": runs,
        "load_ms_median": round(statistics.median(r["load_ms"] for r in runs), 1),
        "locate_p50_ms_median": round(statistics.median(r["locate_p50_ms"] for r in runs), 3),
        "locate_p95_ms_worst": max(r["locate_p95_ms"] for r in runs),
        "target_p95_ms": 10.0,
    }
    summary["meets_target"] = summary["locate_p95_ms_worst"] <= summary["target_p95_ms"]
    print(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
