"""The call so far, as the assistant reads it: the segments heard (finals, and the latest
partial of each utterance still being spoken), in order, and the word lists it listens for.

`Stream` joins one speaker's utterances into one text and maps a character of that text
back to (segment id, offset), so a phone number said in three breaths is still one number
and its evidence still points at the words on screen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from agent_desktop.packaged import resource
from agent_desktop.speech.transcript import Segment

from .draft import Evidence

JOINER = "，"


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """resources/assist/cues.json: the words listened for (data, editable by a hotline)."""
    return json.loads(resource("assist", "cues.json").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Piece:
    segment: Segment
    offset: int  # where the segment's text starts in the stream


class Stream:
    """Utterances joined with '，' and a map back to the segments."""

    def __init__(self, segments: list[Segment]) -> None:
        self.pieces: list[Piece] = []
        parts: list[str] = []
        pos = 0
        for s in segments:
            self.pieces.append(Piece(s, pos))
            parts.append(s.text)
            pos += len(s.text) + len(JOINER)
        self.text = JOINER.join(parts)

    def locate(self, pos: int) -> tuple[Piece, int]:
        """The piece holding stream offset `pos`, and the offset inside its segment."""
        found = self.pieces[0]
        for piece in self.pieces:
            if piece.offset > pos:
                break
            found = piece
        return found, pos - found.offset

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for stream span [start, end): clipped to the segment where it starts."""
        piece, local = self.locate(start)
        text = piece.segment.text
        local_end = min(len(text), local + (end - start))
        return Evidence(piece.segment.id, local, local_end, text[local:local_end],
                        piece.segment.speaker)


class Conversation:
    """Segments of one call, by utterance id; a final replaces its partials."""

    def __init__(self) -> None:
        self._segments: dict[str, Segment] = {}
        self._seq = 0

    def add(self, segment: Segment) -> bool:
        """Take a segment; False when it changes nothing."""
        key = segment.id or f"_{self._seq}"
        self._seq += 1
        old = self._segments.get(key)
        if old is not None and old.final and not segment.final:
            return False  # a late partial after its final
        if old == segment:
            return False
        if segment.final and not segment.text:
            return self._segments.pop(key, None) is not None
        if not segment.id:
            segment = Segment(segment.speaker, segment.start, segment.end, segment.text,
                              segment.final, segment.confidence, key, segment.corrections)
        self._segments[key] = segment
        return True

    def segments(self, speaker: str | None = None, *, finals_only: bool = False
                 ) -> list[Segment]:
        found = [s for s in self._segments.values()
                 if (speaker is None or s.speaker == speaker) and (s.final or not finals_only)]
        return sorted(found, key=lambda s: (s.start, s.end))

    def stream(self, speaker: str | None = None) -> Stream:
        return Stream(self.segments(speaker))

    def next_of(self, segment: Segment, speaker: str) -> Segment | None:
        """The first utterance of `speaker` that starts after `segment` starts."""
        for s in self.segments(speaker):
            if s.start > segment.start:
                return s
        return None

    def __len__(self) -> int:
        return len(self._segments)
