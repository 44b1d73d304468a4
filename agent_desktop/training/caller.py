"""The simulated caller: a small state machine fed the trainee's words (as the live transcript
produces them) and silence ticks; it answers with the scenario's lines.

The place comes vaguely first and precisely when asked again; a phone read back with the
right digits is confirmed, with wrong digits corrected; silence brings a repeat, then
impatience. Keywords live in resources/training/intents.json. Pure and deterministic.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from agent_desktop.packaged import resource

from .scenarios import Scenario

_CN_DIGITS = dict(zip("零〇洞幺一二两三四五六七八九拐", "001112234567897"))


@lru_cache(maxsize=1)
def intents_data() -> dict[str, Any]:
    return json.loads(resource("training", "intents.json").read_text(encoding="utf-8"))


def digits_of(text: str) -> str:
    return "".join(_CN_DIGITS.get(ch, ch if ch.isascii() and ch.isdigit() else "")
                   for ch in text)


def matching_intents(text: str) -> list[str]:
    """Every intent whose keywords appear in `text`, in priority order."""
    return [i["intent"] for i in intents_data()["intents"]
            if any(k in text for k in i["keywords"])]


def detect_intent(text: str) -> str:
    if len(digits_of(text)) >= 7:
        return "read_back"
    found = matching_intents(text)
    return found[0] if found else "unknown"


@dataclass(frozen=True)
class CallerLine:
    intent: str  # what the caller understood the trainee to do
    key: str  # which of the scenario's lines it said
    text: str


@dataclass
class Caller:
    scenario: Scenario
    started: bool = False
    ended: bool = False
    place_stage: int = 0  # 0 not given, 1 vague, 2 precise
    silence_stage: int = 0
    used: Counter = field(default_factory=Counter)
    turns: list[tuple[str, str]] = field(default_factory=list)  # (speaker, text)
    last: CallerLine | None = None

    def _say(self, intent: str, key: str) -> CallerLine:
        line = CallerLine(intent, key, self.scenario.line(key, self.used[key]))
        self.used[key] += 1
        self.turns.append(("caller", line.text))
        self.last = line
        return line

    def hear(self, text: str) -> CallerLine | None:
        """The trainee said `text`; the caller's answer (None once the call has ended)."""
        if self.ended or not text.strip():
            return None
        self.turns.append(("operator", text))
        self.silence_stage = 0
        intent = detect_intent(text)
        if not self.started:
            self.started = True
            return self._say(intent, "opening")
        if intent == "ask_repeat" and self.last is not None:
            self.turns.append(("caller", self.last.text))
            return self.last
        if intent in ("ask_place", "ask_place_precise"):
            self.place_stage = min(2, self.place_stage + 1)
            return self._say(intent, "place_vague" if self.place_stage == 1 else "place_precise")
        if intent == "read_back":
            expected = digits_of(self.scenario.facts.phone_words)
            ok = expected in digits_of(text)
            return self._say(intent, "confirm_ok" if ok else "confirm_wrong")
        if intent == "closing":
            self.ended = True
            return self._say(intent, "closing")
        key = {"ask_phone": "phone", "ask_name": "name", "ask_reply": "reply_wanted",
               "ask_when": "when", "ask_how": "how", "ask_what": "how",
               "anything_else": "anything_else", "confirm": "confirm_ok"}.get(intent, "unknown")
        return self._say(intent, key)

    def tick(self, silent_for_s: float) -> CallerLine | None:
        """The trainee has been silent for `silent_for_s` seconds."""
        if self.ended or not self.started:
            return None
        s = intents_data()["silence"]
        factor = s["temper_factor"].get(self.scenario.persona.temper, 1.0)
        if self.silence_stage == 0 and silent_for_s >= s["repeat_after_s"] * factor:
            self.silence_stage = 1
            return self._say("silence", "repeat_on_silence")
        if self.silence_stage == 1 and silent_for_s >= s["impatient_after_s"] * factor:
            self.silence_stage = 2
            return self._say("silence", "impatient")
        return None
