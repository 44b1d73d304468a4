"""Call-assistant benchmark: cost per final and per partial segment, hang-up → complete
draft, and the memory the assistant's models add. Prints one JSON document.

Calls: the independent call set (bench/data/assist_calls/transcripts, else the trainer's
scenarios as calls) fed segment by segment as
a live call would — each final preceded by two partials of it (its first third and two
thirds), as the transcriber emits them.

    .venv/bin/python bench/bench_assist.py               # 3 runs
    .venv/bin/python bench/bench_assist.py --runs 5 --keywords-only

Target (issue 12): ≤ 20 ms per final segment; the draft complete ≤ 1 s after hang-up.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EVAL = ROOT / "bench" / "data" / "assist_calls" / "transcripts"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory(keywords_only: bool) -> dict:
    """RSS of a fresh process: with the catalog and gazetteer, then with the assistant."""
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from bench.bench_assist import rss_mb\n"
        "from agent_desktop.domain.reference import load_catalog\n"
        "from agent_desktop.geo.service import GeoService\n"
        "from agent_desktop.kb.entities import LegalEntityDirectory\n"
        "c = load_catalog(); g = GeoService.for_city(); LegalEntityDirectory.default()\n"
        "base = rss_mb()\n"
        "from agent_desktop.assist import CallAssistant\n"
        f"a = CallAssistant.default(c, geo=g, embeddings={not keywords_only})\n"
        "print(base, rss_mb())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    base, after = map(float, out.stdout.split())
    return {"rss_before_mb": round(base, 1), "rss_with_assistant_mb": round(after, 1),
            "added_mb": round(after - base, 1)}


def load_calls():
    from agent_desktop.speech.transcript import Transcript

    calls = [Transcript.load(path) for path in sorted(EVAL.glob("*.json"))]
    if not calls:  # the trainer's scenarios as calls (bench/eval_assist_scenarios.py)
        import glob

        from bench.eval_assist_scenarios import transcript_of
        calls = [transcript_of(s) for f in sorted(glob.glob(
            str(ROOT / "resources/training/scenarios/*.json")))
            for s in json.loads(Path(f).read_text(encoding="utf-8"))["scenarios"]]
    return calls


def live_segments(transcript):
    from agent_desktop.speech.transcript import Segment

    for s in transcript.segments:
        for share in (1 / 3, 2 / 3):
            cut = max(1, int(len(s.text) * share))
            yield Segment(s.speaker, s.start, s.end, s.text[:cut], False, 0.5, s.id)
        yield s


def run_once(assistant, calls) -> dict:
    finals, partials, finishes = [], [], []
    for t in calls:
        assistant.reset()
        for s in live_segments(t):
            start = time.perf_counter()
            assistant.feed(s)
            (finals if s.final else partials).append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        assistant.finish()
        finishes.append((time.perf_counter() - start) * 1000)
    return {"final_ms_p50": percentile(finals, 0.5), "final_ms_p95": percentile(finals, 0.95),
            "final_ms_max": max(finals), "partial_ms_p50": percentile(partials, 0.5),
            "partial_ms_p95": percentile(partials, 0.95),
            "hangup_to_draft_ms_p50": percentile(finishes, 0.5),
            "hangup_to_draft_ms_max": max(finishes), "finals": len(finals)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keywords-only", action="store_true")
    args = parser.parse_args()

    from agent_desktop.assist import CallAssistant
    from agent_desktop.domain.reference import load_catalog

    calls = load_calls()
    if not calls:
        sys.exit("no evaluation calls in bench/assist_eval/")
    start = time.perf_counter()
    assistant = CallAssistant.default(load_catalog(), embeddings=not args.keywords_only)
    build_s = time.perf_counter() - start
    run_once(assistant, calls[:3])  # warm-up
    runs = [run_once(assistant, calls) for _ in range(args.runs)]
    summary = {k: round(statistics.median(r[k] for r in runs), 2) for k in runs[0]}
    print(json.dumps({
        "benchmark": "assist", "machine": {"cpus": os.cpu_count(),
                                            "python": platform.python_version()},
        "embeddings": not args.keywords_only, "calls": len(calls), "runs": args.runs,
        "build_s": round(build_s, 2), "median_of_runs": summary,
        "memory": memory(args.keywords_only),
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
