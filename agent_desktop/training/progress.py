"""A trainee's progress from their scored attempts, for the trainer's chart: the totals
in the order they were taken, and how much of each criterion they earn on average."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any


def totals_over_time(attempts: list[dict[str, Any]], trainee: str
                     ) -> list[tuple[datetime, float]]:
    mine = [a for a in attempts if a["trainee"] == trainee]
    return sorted((datetime.fromisoformat(a["created_at"]), float(a["total"])) for a in mine)


def criterion_shares(attempts: list[dict[str, Any]], trainee: str
                     ) -> list[tuple[str, float]]:
    """(criterion label, average share of its points earned 0..1), in rubric order;
    criteria never assessed are left out."""
    earned: dict[str, list[float]] = defaultdict(list)
    order: list[str] = []
    for attempt in attempts:
        if attempt["trainee"] != trainee:
            continue
        for c in attempt["criteria"]:
            if not c.get("assessed", True) or not c["max"]:
                continue
            label = c.get("label_zh") or c["name"]
            if label not in earned:
                order.append(label)
            earned[label].append(c["score"] / c["max"])
    return [(label, sum(earned[label]) / len(earned[label])) for label in order]
