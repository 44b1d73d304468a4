"""Knowledge-base benchmark: index build time and size, search latency (p50/p95).

Corpora: the demo articles, and synthetic articles (scripts/gen_kb_synthetic.py) at each
size given. Queries: the labelled colloquial queries of tests/kb/queries.json, timed one
by one (limit 10) over several runs after a warm-up pass. Prints one JSON document.

    .venv/bin/python bench/bench_kb.py                       # sizes 150 and 50000, 5 runs
    .venv/bin/python bench/bench_kb.py --sizes 150,5000 --runs 3 --store

Target (issue 4): p95 ≤ 10 ms at 50,000 articles.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from gen_kb_synthetic import synthetic_articles  # noqa: E402

from agent_desktop.kb import Analyzer, ArticleStore, SearchIndex, load_demo_articles  # noqa: E402
from agent_desktop.kb.index import doc_terms  # noqa: E402
from agent_desktop.kb.service import build_store_index  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def loaded_rss_mb(path: Path) -> float:
    """Memory a fresh process needs to hold the saved index (RSS growth on load)."""
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from agent_desktop.kb import Analyzer, SearchIndex\n"
        "from pathlib import Path\n"
        "a = Analyzer.default(); a.initialize()\n"
        "def rss():\n"
        "    import os; return int(open('/proc/self/statm').read().split()[1]) * "
        "os.sysconf('SC_PAGE_SIZE') / 2**20\n"
        "before = rss(); i = SearchIndex.load(Path(%r), a, 'bench'); print(rss() - before)\n"
    ) % (str(ROOT), str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return round(float(out.stdout.strip()), 1)


def bench_corpus(name: str, articles, analyzer: Analyzer, queries: list[str], runs: int,
                 with_store: bool) -> dict:
    result: dict = {"corpus": name, "articles": len(articles)}
    t = time.perf_counter()
    items = [(a, doc_terms(analyzer, a)) for a in articles]
    result["segment_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    index = SearchIndex.build(analyzer, items)
    result["build_s"] = round(time.perf_counter() - t, 3)
    result["terms"] = index.term_count
    result["postings"] = sum(len(ids) for ids, _ in index._postings.values())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.bin"
        t = time.perf_counter()
        index.save(path, tag="bench")
        result["save_s"] = round(time.perf_counter() - t, 3)
        result["index_file_mb"] = round(path.stat().st_size / 2**20, 2)
        t = time.perf_counter()
        loaded = SearchIndex.load(path, analyzer, tag="bench")
        result["load_s"] = round(time.perf_counter() - t, 3)
        assert loaded is not None and len(loaded) == len(index)
        del loaded
        result["loaded_index_rss_mb"] = loaded_rss_mb(path)
        if with_store:  # the app's path after a first sync: SQLite + segment + build + save
            store = ArticleStore(Path(tmp) / "store" / "kb.sqlite3")
            t = time.perf_counter()
            store.apply(articles)
            result["store_write_s"] = round(time.perf_counter() - t, 3)
            t = time.perf_counter()
            build_store_index(store, analyzer)
            result["store_cold_build_s"] = round(time.perf_counter() - t, 3)
            t = time.perf_counter()
            build_store_index(store, analyzer)
            result["store_warm_open_s"] = round(time.perf_counter() - t, 3)
            db_files = store.path.parent.glob(store.path.name + "*")  # with the WAL
            result["store_db_mb"] = round(sum(f.stat().st_size for f in db_files) / 2**20, 2)
            store.close()

    for q in queries:  # warm-up
        index.search(q, limit=10)
    per_run = []
    all_ms: list[float] = []
    all_cpu: list[float] = []
    for _ in range(runs):
        times = []
        for q in queries:
            c = time.thread_time()
            t = time.perf_counter()
            index.search(q, limit=10)
            times.append((time.perf_counter() - t) * 1000)
            all_cpu.append((time.thread_time() - c) * 1000)
        all_ms += times
        per_run.append({"p50_ms": round(percentile(times, 0.5), 3),
                        "p95_ms": round(percentile(times, 0.95), 3)})
    result["search"] = {
        "queries": len(queries), "runs": runs,
        "p50_ms": round(percentile(all_ms, 0.5), 3),
        "p95_ms": round(percentile(all_ms, 0.95), 3),
        "p99_ms": round(percentile(all_ms, 0.99), 3),
        "max_ms": round(max(all_ms), 3),
        "mean_ms": round(statistics.fmean(all_ms), 3),
        # CPU time of the searching thread: wall time less preemption on a busy machine.
        "cpu_p50_ms": round(percentile(all_cpu, 0.5), 3),
        "cpu_p95_ms": round(percentile(all_cpu, 0.95), 3),
        "per_run": per_run,
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="150,50000", help="synthetic corpus sizes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "kb" / "queries.json")
    parser.add_argument("--store", action="store_true",
                        help="also time the SQLite store path (cold build, warm open)")
    args = parser.parse_args(argv)

    queries = [q["q"] for q in json.loads(args.queries.read_text("utf-8"))["queries"]]
    analyzer = Analyzer.default()
    t = time.perf_counter()
    analyzer.initialize()
    report = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},
        "analyzer_init_s": round(time.perf_counter() - t, 3),
        "corpora": [],
    }
    report["corpora"].append(bench_corpus("demo", load_demo_articles(), analyzer, queries,
                                          args.runs, args.store))
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        t = time.perf_counter()
        articles = synthetic_articles(size)
        gen_s = time.perf_counter() - t
        entry = bench_corpus(f"synthetic-{size}", articles, analyzer, queries, args.runs,
                             args.store)
        entry["generate_s"] = round(gen_s, 3)
        report["corpora"].append(entry)
        del articles
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
