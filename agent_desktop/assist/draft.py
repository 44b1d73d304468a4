"""What the call assistant proposes: a suggested work order, each field with its value, how
sure the assistant is, and the words of the call it came from.

`Evidence` points into one transcript segment (its id and a character span of its text),
so the workspace can highlight exactly what was heard. `Draft.to_json()` is the shape
the `agent-desktop assist` command prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Evidence:
    segment_id: str
    start: int  # character span in the segment's text
    end: int
    quote: str
    speaker: str = "caller"

    def describe(self) -> str:
        who = "市民" if self.speaker == "caller" else "话务员"
        return f"{who}：“{self.quote}”"

    def to_json(self) -> dict[str, Any]:
        return {"segment_id": self.segment_id, "start": self.start, "end": self.end,
                "quote": self.quote, "speaker": self.speaker}


@dataclass(frozen=True, slots=True)
class Guess:
    """One field's proposed value."""

    value: Any
    confidence: float
    evidence: tuple[Evidence, ...] = ()

    def describe(self) -> str:
        return "；".join(e.describe() for e in self.evidence)


@dataclass(frozen=True, slots=True)
class MatterGuess:
    code: str
    name: str
    score: float
    evidence: tuple[Evidence, ...] = ()


@dataclass
class Draft:
    """The suggested order. `fields` is keyed by WorkOrderModel paths (`caller.phones`,
    `place.district_code`, `matter_code`, …)."""

    fields: dict[str, Guess] = field(default_factory=dict)
    matters: list[MatterGuess] = field(default_factory=list)  # best first, up to 5
    alerts: list[str] = field(default_factory=list)  # shown at once (urgent, sensitive)
    second_matter: MatterGuess | None = None  # a second issue in the call: offer a split
    complete: bool = False  # written at hang-up (content and request final)

    def value(self, path: str, default: Any = None) -> Any:
        guess = self.fields.get(path)
        return default if guess is None else guess.value

    def changed_paths(self, before: Draft | None) -> list[str]:
        if before is None:
            return list(self.fields)
        return [p for p, g in self.fields.items() if before.fields.get(p) != g] + \
            [p for p in before.fields if p not in self.fields]

    def to_json(self) -> dict[str, Any]:
        v = self.value
        return {
            "appeal_type": v("appeal_type"),
            "matters": [{"code": m.code, "name": m.name, "score": round(m.score, 3)}
                        for m in self.matters],
            "place": {"district_code": v("place.district_code"),
                      "street_code": v("place.street_code"),
                      "address": v("place.address", "")},
            "caller": {"name": v("caller.name", ""), "phones": v("caller.phones", []),
                       "gender": v("caller.gender", "unknown"),
                       "tags": v("caller.tags", []), "language": v("caller.language", "zh")},
            "reported_party": v("reported_party", ""),
            "urgency": v("urgency", "normal"),
            "reply_required": v("reply_required"),
            "title": v("title", ""),
            "request": v("request", ""),
            "summary": v("summary", ""),
            "content": v("content", ""),
            "alerts": list(self.alerts),
            "second_matter": None if self.second_matter is None else {
                "code": self.second_matter.code, "name": self.second_matter.name},
            "evidence": {path: [e.to_json() for e in g.evidence]
                         for path, g in self.fields.items() if g.evidence}
                        | {"matters": [e.to_json() for m in self.matters[:1]
                                       for e in m.evidence]},
        }
