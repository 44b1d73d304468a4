"""Evaluation forms as data: resources/qa/forms/<id>.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from agent_desktop.packaged import resource

YES, NO, NA = "yes", "no", "na"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: Literal["yes_no", "scale"]
    weight: float
    section: str
    max: int = 1  # the top of a scale
    critical: bool = False
    auto: str = ""  # the rule of qa.auto that answers it, if any

    def accepts(self, value: Any) -> bool:
        if value == NA:
            return True
        if self.kind == "yes_no":
            return value in (YES, NO)
        return isinstance(value, int | float) and 0 <= value <= self.max

    def share(self, value: Any) -> float | None:
        """The share of the weight a value earns; None for N/A."""
        if value == NA or value is None:
            return None
        if self.kind == "yes_no":
            return 1.0 if value == YES else 0.0
        return float(value) / self.max


@dataclass(frozen=True)
class Form:
    id: str
    title: str
    questions: tuple[Question, ...]

    def question(self, qid: str) -> Question:
        return next(q for q in self.questions if q.id == qid)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title,
                "questions": [{"id": q.id, "text": q.text, "kind": q.kind, "weight": q.weight,
                               "section": q.section, "max": q.max, "critical": q.critical,
                               "auto": bool(q.auto)} for q in self.questions]}


def parse_form(data: dict[str, Any]) -> Form:
    questions = []
    for section in data["sections"]:
        for q in section["questions"]:
            if q["kind"] not in ("yes_no", "scale"):
                raise ValueError(f"{data['id']}/{q['id']}: unknown kind {q['kind']}")
            questions.append(Question(q["id"], q["text"], q["kind"], float(q["weight"]),
                                      section["title"], int(q.get("max", 1)),
                                      bool(q.get("critical")), q.get("auto", "")))
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{data['id']}: question ids repeat")
    return Form(data["id"], data["title"], tuple(questions))


@lru_cache(maxsize=1)
def load_forms() -> dict[str, Form]:
    folder = resource("qa", "forms")
    forms = [parse_form(json.loads(p.read_text(encoding="utf-8")))
             for p in sorted(folder.glob("*.json"))]
    return {f.id: f for f in forms}
