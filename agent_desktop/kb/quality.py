"""Retrieval quality of the knowledge-base search on a labelled query set.

A labelled set is `{"queries": [{"q": str, "relevant": [article id, …]}, …]}`;
`evaluate` reports recall@1, recall@3 (a relevant article among the first k) and MRR,
and lists the misses. Used by tests/kb/test_quality.py and `agent-desktop kb eval`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .index import SearchIndex


@dataclass
class QualityReport:
    queries: int
    recall_at_1: float
    recall_at_3: float
    mrr: float
    misses: list[dict] = field(default_factory=list)  # not in the top 3

    def as_dict(self) -> dict:
        return {"queries": self.queries, "recall@1": round(self.recall_at_1, 4),
                "recall@3": round(self.recall_at_3, 4), "mrr": round(self.mrr, 4),
                "misses": self.misses}


def load_queries(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["queries"]


def evaluate(index: SearchIndex, queries: list[dict], depth: int = 10) -> QualityReport:
    at1 = at3 = 0
    rr = 0.0
    misses = []
    for item in queries:
        hits = [h.id for h in index.search(item["q"], limit=depth)]
        relevant = set(item["relevant"])
        rank = next((i for i, h in enumerate(hits, 1) if h in relevant), None)
        if rank:
            rr += 1 / rank
            at1 += rank == 1
            at3 += rank <= 3
        if not rank or rank > 3:
            misses.append({"q": item["q"], "relevant": item["relevant"], "rank": rank,
                           "top3": hits[:3]})
    n = len(queries) or 1
    return QualityReport(len(queries), at1 / n, at3 / n, rr / n, misses)
