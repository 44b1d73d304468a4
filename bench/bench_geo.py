"""Benchmark of the offline place lookup (`GeoService.locate`): accuracy per place kind on
an independently written place set, and speed. Prints JSON.

    python bench/bench_geo.py [--runs 3] [--repeat 20] [--misses]

Accuracy: bench/data/places_dev.json (tuning) and places_holdout.json (reported, never
tuned on) — caller-style sentences labelled from public facts with the district and
street/town they name (see the files' "about"). Per kind (district, street, committee,
estate, landmark, road, old_name), for dev and holdout separately:
- district: the best candidate's district is the labelled one (sentences with a district
  label; roads across several districts have none and must place nothing),
- street: the best candidate's street/town is the labelled one (sentences with one),
- no_street_guess: sentences that name no street/town (district, road, old-name kinds)
  where no street was guessed.
Aim (issue 13): district >= 98 %, street >= 96 % on holdout.

Speed: gazetteer load time and locate latency (p50/p95) over both place sets and the
hotline sentences of tests/geo/data; target p95 <= 10 ms on the project machine (2 cores).
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
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent_desktop.geo.gazetteer import Gazetteer  # noqa: E402
from agent_desktop.geo.service import GeoService  # noqa: E402

DATA = ROOT / "bench" / "data"
HOTLINE = ROOT / "tests" / "geo" / "data" / "hotline_sentences.tsv"
NO_STREET_KINDS = ("district", "road", "old_name")


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def load_set(split: str) -> list[dict]:
    return json.loads((DATA / f"places_{split}.json").read_text(encoding="utf-8"))["sentences"]


def score(service: GeoService, rows: list[dict], show_misses: bool) -> dict:
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses = []
    times = []
    for row in rows:
        t = time.perf_counter()
        result = service.locate(row["text"])
        times.append((time.perf_counter() - t) * 1000)
        best = result.best
        got_d = best.district_code if best else None
        got_s = best.street_code if best else None
        kinds = (row["kind"], "all")
        checks = []
        if row["district_code"]:
            checks.append(("district", got_d == row["district_code"]))
        elif row["kind"] == "road" and "note" not in row:
            checks.append(("no_district_guess", got_d is None))
        if row["street_code"]:
            checks.append(("street", got_s == row["street_code"]))
        elif row["kind"] in NO_STREET_KINDS:
            checks.append(("no_street_guess", got_s is None))
        for measure, ok in checks:
            for kind in kinds:
                tally[measure][kind][0] += ok
                tally[measure][kind][1] += 1
            if not ok and show_misses:
                misses.append({"id": row["id"], "text": row["text"], "measure": measure,
                               "want": [row["district"], row["street"]],
                               "got": [best.district_name, best.street_name, best.name]
                               if best else None})
    out: dict = {"sentences": len(rows)}
    for measure, per_kind in tally.items():
        out[measure] = {kind: {"accuracy": round(ok / n, 4), "n": n}
                        for kind, (ok, n) in sorted(per_kind.items())}
    out["ms_per_sentence"] = round(statistics.mean(times), 3)
    if show_misses:
        out["misses"] = misses
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=20, help="passes over the sentences per run")
    ap.add_argument("--misses", action="store_true", help="list the dev set's misses")
    ap.add_argument("--holdout-misses", action="store_true",
                    help="list the holdout's misses too (do not tune on them)")
    a = ap.parse_args()
    service = GeoService(Gazetteer.load("shanghai"))
    service.locate("预热")
    accuracy = {
        "dev": score(service, load_set("dev"), a.misses),
        "holdout": score(service, load_set("holdout"), a.holdout_misses),
    }
    with HOTLINE.open(encoding="utf-8") as f:
        hotline = [r[1] for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    texts = hotline + [r["text"] for s in ("dev", "holdout") for r in load_set(s)]
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
    g = service.gazetteer
    summary = {
        "benchmark": "geo.locate",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},
        "data": {"landmarks": len(g.landmarks), "roads": len(g.roads),
                 "districts": len(g.districts), "streets": len(g.streets),
                 "committees": len(g.committees)},
        "accuracy": accuracy,
        "aim_holdout": {"district": 0.98, "street": 0.96},
        "speed": {
            "sentences": len(texts),
            "runs": runs,
            "load_ms_median": round(statistics.median(r["load_ms"] for r in runs), 1),
            "locate_p50_ms_median": round(statistics.median(r["locate_p50_ms"] for r in runs), 3),
            "locate_p95_ms_worst": max(r["locate_p95_ms"] for r in runs),
            "target_p95_ms": 10.0,
        },
    }
    summary["speed"]["meets_target"] = (summary["speed"]["locate_p95_ms_worst"]
                                        <= summary["speed"]["target_p95_ms"])
    print(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
