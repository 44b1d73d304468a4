"""Transcript data: the segments a transcriber emits, and a call's transcript as saved JSON.

A `Segment` is one utterance of one speaker. While the person speaks the transcriber emits
*partial* segments (final=False) for the utterance; when the utterance ends, one *final*
segment with the same `id` replaces them. A final with empty text retracts the
utterance (it was noise). Times are seconds from the start of the call.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

Speaker = Literal["caller", "operator"]
SPEAKERS: tuple[str, ...] = ("caller", "operator")


@dataclass(frozen=True)
class SpanCorrection:
    """A stretch of a segment's text the recogniser heard otherwise: `text[start:end]` is
    `corrected`, the recogniser heard `heard` (kept so the operator can see both)."""

    start: int  # character offsets in the segment's text; -1 when unknown (old files)
    end: int
    heard: str
    corrected: str
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "heard": self.heard,
                "corrected": self.corrected, "reason": self.reason}

    @classmethod
    def from_value(cls, v: Any) -> SpanCorrection:
        if isinstance(v, SpanCorrection):
            return v
        if isinstance(v, dict):
            return cls(int(v.get("start", -1)), int(v.get("end", -1)), v["heard"],
                       v["corrected"], v.get("reason", ""))
        heard, corrected = v[0], v[1]  # (heard, term) pairs of transcripts before issue 13
        return cls(-1, -1, heard, corrected, "")


@dataclass(frozen=True)
class Segment:
    speaker: str  # "caller" | "operator"
    start: float  # seconds from the start of the call
    end: float
    text: str
    final: bool
    confidence: float  # 0..1
    id: str = ""  # utterance id: partials and the final of one utterance share it
    corrections: tuple[SpanCorrection, ...] = ()  # what was heard where the text was corrected
    language: str = "zh"  # ISO 639-1 code of what was spoken, detected per utterance

    def __post_init__(self) -> None:
        if any(not isinstance(c, SpanCorrection) for c in self.corrections):
            object.__setattr__(self, "corrections", tuple(
                SpanCorrection.from_value(c) for c in self.corrections))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["start"], d["end"] = round(self.start, 3), round(self.end, 3)
        d["confidence"] = round(self.confidence, 3)
        d["corrections"] = [SpanCorrection.from_value(c).to_dict() for c in self.corrections]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Segment:
        return cls(speaker=d["speaker"], start=float(d["start"]), end=float(d["end"]),
                   text=d["text"], final=bool(d.get("final", True)),
                   confidence=float(d.get("confidence", 1.0)), id=d.get("id", ""),
                   corrections=tuple(SpanCorrection.from_value(c)
                                     for c in d.get("corrections", ())),
                   language=d.get("language", "zh"))


@dataclass
class Transcript:
    """The final segments of a call, in order of start time."""

    segments: list[Segment] = field(default_factory=list)
    call_id: str | None = None
    engine: str = ""
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def add(self, segment: Segment) -> None:
        """Add or replace (same id) a final segment; an empty final removes it."""
        self.segments = [s for s in self.segments if not (segment.id and s.id == segment.id)]
        if segment.text:
            self.segments.append(segment)
            self.segments.sort(key=lambda s: (s.start, s.speaker))

    def text(self) -> str:
        labels = {"caller": "市民", "operator": "话务员"}
        return "\n".join(f"{labels.get(s.speaker, s.speaker)}：{s.text}" for s in self.segments)

    def to_dict(self) -> dict[str, Any]:
        return {"call_id": self.call_id, "engine": self.engine, "created_at": self.created_at,
                "segments": [s.to_dict() for s in self.segments]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Transcript:
        return cls(segments=[Segment.from_dict(s) for s in d.get("segments", [])],
                   call_id=d.get("call_id"), engine=d.get("engine", ""),
                   created_at=d.get("created_at", ""))

    def save(self, path: str | Path) -> Path:
        """Write as UTF-8 JSON (atomically)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(self.to_json() + "\n", encoding="utf-8")
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, path: str | Path) -> Transcript:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
