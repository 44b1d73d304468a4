"""An evaluation's score and the agreement between automatic and human answers.

An evaluation's answers: question id → {"value", "auto", "evidence", "comment", "by"},
where `auto` is what the rules answered (None when they could not) and `value` what
counts (the reviewer's when given, else the automatic one).
"""

from __future__ import annotations

from typing import Any

from .forms import NO, Form


def evaluation_score(form: Form, answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """{"score": 0–100, "failed_critical": [ids], "unanswered": [ids]}; N/A questions are
    left out and the rest scaled to 100; a critical "no" makes the score 0."""
    got = out_of = 0.0
    unanswered, failed = [], []
    for q in form.questions:
        value = (answers.get(q.id) or {}).get("value")
        if value is None:
            unanswered.append(q.id)
            continue
        share = q.share(value)
        if share is None:
            continue
        got += q.weight * share
        out_of += q.weight
        if q.critical and value == NO:
            failed.append(q.id)
    score = 0.0 if failed else (round(100 * got / out_of, 1) if out_of else 0.0)
    return {"score": score, "failed_critical": failed, "unanswered": unanswered}


def agreement(form: Form, evaluations: list[dict[str, dict[str, Any]]]
              ) -> list[dict[str, Any]]:
    """Per auto-answered question: in how many completed evaluations a reviewer looked at
    it (`compared`) and how often the reviewer kept the automatic answer (`agreed`)."""
    rows = []
    for q in form.questions:
        if not q.auto:
            continue
        compared = agreed = 0
        for answers in evaluations:
            a = answers.get(q.id) or {}
            if a.get("auto") is None or a.get("reviewed") is not True:
                continue
            compared += 1
            agreed += a.get("value") == a.get("auto")
        rows.append({"question": q.id, "text": q.text, "compared": compared,
                     "agreed": agreed, "rate": round(agreed / compared, 3) if compared else None})
    return rows
