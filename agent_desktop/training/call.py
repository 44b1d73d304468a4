"""A simulated call that answers back, run in the operator's real workspace.

The trainee speaks into the headset; the microphone goes to the live transcript as the
operator's leg, exactly as on a SIP call. Each final utterance of the trainee is given to
the scenario's `Caller`, whose answer is played into the headset and into the transcript
as the caller's leg (8 kHz, as from the telephone network) — or, when the line has no
rendered voice, shown as text. Silence makes the caller repeat, then grow impatient; the
caller's goodbye ends the call. Plain asyncio, no Qt:

    call = TrainingCall(scenario, feed=transcriber.feed, headset=audio, voice=CallerVoice())
    transcriber.subscribe(call.on_segment)
    await call.run()            # until the caller says goodbye or hang_up()
    call.attempt(order, submitted_at)   # the body for POST /training/attempts
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import numpy as np

from agent_desktop.domain.models import WorkOrderIn

from .caller import Caller, CallerLine
from .scenarios import Scenario
from .voice import RATE, CallerVoice

log = logging.getLogger(__name__)

CHUNK_S = 0.02
TEXT_SECONDS_PER_CHAR = 0.22  # how long a line shown as text "takes" (for the silence clock)
END_AFTER_GOODBYE_S = 1.0


class TrainingCall:
    def __init__(self, scenario: Scenario, *,
                 feed: Callable[[str, bytes, int, float], object] | None = None,
                 headset=None, voice: CallerVoice | None = None,
                 on_caller_line: Callable[[CallerLine, bool], object] | None = None,
                 on_headset_error: Callable[[str], object] | None = None) -> None:
        self.scenario = scenario
        self.caller = Caller(scenario)
        self.feed = feed
        self.headset = headset  # telephony.audio.AudioIO, or None: no microphone (typed words)
        self.voice = voice
        self.on_caller_line = on_caller_line  # (line, has_voice)
        self.on_headset_error = on_headset_error
        self.utterances: list[dict[str, Any]] = []  # {"speaker", "text", "start", "end"}
        self.answered_at = datetime.now(UTC)
        self.hung_up_at: datetime | None = None
        self.t = 0.0  # seconds since the call was answered
        self._audio: deque[np.ndarray] = deque()  # caller speech still to play, 8 kHz
        self._speaking_until = 0.0  # call time the caller's current line ends
        self._last_activity = 0.0  # call time anyone last spoke
        self._hang_up = False

    # --- what the trainee says -----------------------------------------------------

    def on_segment(self, segment) -> None:
        """A live-transcript segment (speech.Segment): the trainee's final words move the
        caller on; the trainee's partial words keep the silence clock from running."""
        if segment.speaker != "operator" or not segment.text.strip():
            return
        self._last_activity = max(self._last_activity, self.t)
        if segment.final:
            self.trainee_said(segment.text, segment.start, segment.end)

    def trainee_said(self, text: str, start: float | None = None,
                     end: float | None = None) -> CallerLine | None:
        """The trainee said (or, without a microphone, typed) `text`."""
        text = text.strip()
        if not text or self.ended:
            return None
        start = self.t if start is None else start
        self.utterances.append({"speaker": "operator", "text": text, "start": start,
                                "end": self.t if end is None else end})
        self._last_activity = self.t
        line = self.caller.hear(text)
        if line is not None:
            self._say(line)
        return line

    def hang_up(self) -> None:
        self._hang_up = True

    @property
    def ended(self) -> bool:
        return self._hang_up or self.hung_up_at is not None

    # --- what the caller says ------------------------------------------------------

    def _say(self, line: CallerLine) -> None:
        clip = self.voice.clip(line.text) if self.voice else None
        start = max(self.t, self._speaking_until)
        seconds = (len(clip) / RATE if clip is not None
                   else max(1.0, len(line.text) * TEXT_SECONDS_PER_CHAR))
        if clip is not None:
            self._audio.append(clip)
        self._speaking_until = start + seconds
        self.utterances.append({"speaker": "caller", "text": line.text, "start": start,
                                "end": start + seconds})
        if self.on_caller_line is not None:
            self.on_caller_line(line, clip is not None)

    def _next_caller_chunk(self, n: int) -> np.ndarray:
        out = np.zeros(n, np.int16)
        filled = 0
        while filled < n and self._audio:
            head = self._audio[0]
            take = min(n - filled, len(head))
            out[filled:filled + take] = head[:take]
            filled += take
            if take == len(head):
                self._audio.popleft()
            else:
                self._audio[0] = head[take:]
        return out

    # --- the call ------------------------------------------------------------------

    async def run(self, speed: float = 1.0) -> None:
        """Pace the call in real time (or `speed` × faster) until the caller's goodbye has
        been said or the trainee hangs up."""
        from agent_desktop.telephony.audio import Resampler

        loop = asyncio.get_running_loop()
        headset, resample = self.headset, None
        if headset is not None:
            try:
                await asyncio.to_thread(headset.open, 16000, RATE)
            except Exception as exc:  # no usable sound device: the trainee types instead
                log.warning("training call without a headset: %s", exc)
                self.headset = headset = None
                if self.on_headset_error is not None:
                    self.on_headset_error(str(exc))
        if headset is not None:
            if headset.out_rate != RATE:
                resample = Resampler(RATE, headset.out_rate)
        started = loop.time()
        n = int(RATE * CHUNK_S)
        try:
            while not self._hang_up:
                self.t += CHUNK_S
                delay = started + self.t / speed - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
                if headset is not None:
                    want = int(headset.in_rate * CHUNK_S) * 2
                    mic = headset.mic.pop(want)
                    mic += b"\x00" * (want - len(mic))  # a late device: the leg goes on
                    if self.feed:
                        self.feed("operator", mic, headset.in_rate, self.t)
                chunk = self._next_caller_chunk(n).tobytes()
                if self.feed:
                    self.feed("caller", chunk, RATE, self.t)
                if headset is not None:
                    headset.speaker.push(resample.process(chunk) if resample else chunk)
                if self.t < self._speaking_until:
                    self._last_activity = self.t
                    continue
                if self.caller.ended:
                    if self.t >= self._speaking_until + END_AFTER_GOODBYE_S:
                        break
                    continue
                line = self.caller.tick(self.t - self._last_activity)
                if line is not None:
                    self._say(line)
        finally:
            self.hung_up_at = datetime.now(UTC)
            if headset is not None:
                await asyncio.to_thread(headset.close)

    # --- the attempt ---------------------------------------------------------------

    def transcript(self) -> dict[str, Any]:
        """The call as scoring reads it: what the trainee said as recognised, what the
        caller said as written in the scenario."""
        return {"segments": sorted(self.utterances, key=lambda u: u["start"])}

    def attempt(self, order: WorkOrderIn, submitted_at: datetime | None = None
                ) -> dict[str, Any]:
        """The body of `POST /training/attempts`: never a work order of the live queue."""
        return {"scenario_id": self.scenario.id,
                "order": order.model_dump(mode="json"),
                "transcript": self.transcript()["segments"],
                "started_at": self.answered_at.isoformat(),
                "ended_at": (self.hung_up_at or datetime.now(UTC)).isoformat(),
                "submitted_at": (submitted_at or datetime.now(UTC)).isoformat()}
