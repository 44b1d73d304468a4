"""The streaming transcriber: PCM of each side of the call in, transcript segments out.

    transcriber = Transcriber(create_engine(config))
    transcriber.start()                      # on the asyncio loop; loads the model off-thread
    transcriber.subscribe(on_segment)        # called on the loop with each Segment
    softphone.add_audio_tap(transcriber.feed)  # feed(speaker, pcm16le, rate, t), any thread
    ...
    await transcriber.drain()                # at hang-up: finish the last utterances
    transcriber.transcript().save(path)

The caller leg and the operator's microphone arrive separately, so each speaker is its own
stream (no diarization). Two threads do the work, never the loop's thread:

- the *audio* thread resamples to 16 kHz, runs the VAD and cuts utterances;
- the *recognition* thread runs the engine: finals first, then the newest partial of each
  stream (older partials are dropped, never queued up).

While someone speaks, a partial is decoded about every `partial_interval_s`. After 0.2 s of
silence a speculative final decode starts; if the silence lasts `end_silence_s`, its result
is published at once (if speech resumes it is thrown away), so the final arrives about
max(end_silence_s, 0.2 s + decode time) after the speaker stops. With `refine`, when the
decoder has nothing more urgent to do, each final is decoded again with the engine's most accurate
settings (`refine`, engines with `supports_refinement`) and re-published with the same id
if the text changed. Results reach the loop through `loop.call_soon_threadsafe`.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from agent_desktop.signals import Signal

from .audio import MODEL_RATE, StreamResampler, pcm16_to_float, ulaw_decode
from .bias import PinyinCorrector, Vocabulary
from .call_bias import CallBias
from .guard import GuardedCorrector, carry_confidence
from .engine import Recognition, SpeechEngine
from .text import normalize, strip_hallucinations
from .transcript import SPEAKERS, Segment, SpanCorrection, Transcript
from .vad import UtteranceSegmenter

log = logging.getLogger(__name__)


@dataclass
class _Utterance:
    id: str
    start: int  # 16 kHz sample index (stream time) where its audio begins
    version: int = 0  # bumped when speech resumes after a pause
    end: int | None = None  # set when the VAD says it ended
    done: bool = False  # final emitted
    spec_version: int | None = None  # version of a speculative final queued/running
    spec_result: tuple[int, Recognition, np.ndarray] | None = None  # version, result, audio
    final_text: str = ""
    last_partial_upto: int = 0
    partial_text: str = ""  # the latest partial: what the call has said of it so far
    prompt: str | None = None  # the per-call prompt for its final, built after a partial
    next_partial_at: int = 0
    first_voiced: int = 0


@dataclass
class _Stream:
    speaker: str
    segmenter: UtteranceSegmenter
    resampler: StreamResampler | None = None
    rate: int = 0
    t0: float | None = None  # call time of the stream's first sample
    audio: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    audio_start: int = 0  # stream sample index of audio[0]
    position: int = 0  # samples received (16 kHz)
    utt: _Utterance | None = None

    def slice(self, start: int, end: int) -> np.ndarray:
        return self.audio[max(0, start - self.audio_start):max(0, end - self.audio_start)]

    def time(self, sample: int) -> float:
        return (self.t0 or 0.0) + sample / MODEL_RATE


@dataclass
class _Job:
    final: bool
    stream: _Stream
    utt: _Utterance
    version: int
    audio: np.ndarray
    upto: int  # stream sample index the audio ends at
    speculative: bool = False
    refine: bool = False  # a second, more accurate decode of an utterance already final
    queued_at: float = field(default_factory=time.monotonic)


@dataclass
class DecodeStat:
    final: bool
    audio_s: float
    decode_s: float
    wait_s: float


class Transcriber:
    """Streaming transcription of both sides of a call (see the module docstring)."""

    def __init__(self, engine: SpeechEngine, *, vocabulary: Vocabulary | None = None,
                 biasing: bool = True, partial_interval_s: float = 0.8,
                 first_partial_s: float = 0.5, end_silence_s: float = 0.7,
                 pause_s: float = 0.2, pre_roll_s: float = 0.3,
                 max_utterance_s: float = 20.0, speculative: bool = True,
                 partials: bool = True, refine: bool = False,
                 call_biasing: bool = True, rescoring: bool = True,
                 guarded_corrections: bool = False, lm_weight: float = 0.5,
                 lm_max_gap: float = 0.2,
                 correction_max_confidence: float | None = 0.95) -> None:
        self.engine = engine
        self.biasing = biasing
        # issue 13 levers (bench/bench_speech.py measures each): the final's prompt chosen
        # from what the call has said, the n-best list rescored with the domain LM, and
        # corrections under guard rules that keep what was heard
        self.call_biasing = call_biasing
        self.rescoring = rescoring
        self.guarded_corrections = guarded_corrections
        self.correction_max_confidence = correction_max_confidence
        self.lm_weight, self.lm_max_gap = lm_weight, lm_max_gap
        self.call_bias: CallBias | None = None
        self.guard: GuardedCorrector | None = None
        self.lm = None
        self._districts: list[str] = []
        self._call_prompt = ""  # per-call prompt from the finals so far (no partial yet)
        self._vocabulary = vocabulary
        self.partial_interval = int(partial_interval_s * MODEL_RATE)
        self.first_partial = int(first_partial_s * MODEL_RATE)
        self.end_silence_s = end_silence_s
        self.pause_s = pause_s
        self.pre_roll = int(pre_roll_s * MODEL_RATE)
        self.max_utterance = int(max_utterance_s * MODEL_RATE)
        self.speculative = speculative and pause_s < end_silence_s
        self.partials = partials and engine.supports_partials
        self.refine = refine and getattr(engine, "supports_refinement", False)
        self.segment_emitted = Signal()  # (Segment) on the loop's thread
        self.error = Signal()  # (str) when the engine fails
        self.ready_changed = Signal()  # (bool) once the engine loaded (or failed to)
        self.stats: deque[DecodeStat] = deque(maxlen=2000)  # recent decodes, for benchmarks
        self.prompt = ""
        self.corrector: PinyinCorrector | None = None
        self._transcript = Transcript(engine=engine.describe())
        self._streams: dict[str, _Stream] = {}
        self._ids = itertools.count(1)
        self._lock = threading.RLock()
        self._audio_q: queue.SimpleQueue = queue.SimpleQueue()
        self._jobs_cv = threading.Condition(self._lock)
        self._finals: deque[_Job] = deque()
        self._partials: dict[str, _Job] = {}
        self._refines: deque[_Job] = deque()
        self._open: set[str] = set()  # ids of utterances whose final is not out yet
        self._busy = 0  # jobs being decoded + audio items being processed
        self._audio_pending = 0
        self._stopping = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._threads: list[threading.Thread] = []
        self._ready = threading.Event()
        self._load_error: BaseException | None = None

    @classmethod
    def from_config(cls, config, engine: SpeechEngine | None = None, **kw) -> Transcriber:
        """A transcriber as the `[speech]` settings (`SpeechConfig`) describe it."""
        from .engine import create_engine

        return cls(engine or create_engine(config), biasing=config.biasing,
                   partial_interval_s=config.partial_interval_s,
                   end_silence_s=config.end_silence_s, refine=config.refine_finals,
                   call_biasing=config.call_biasing, rescoring=config.rescoring,
                   guarded_corrections=config.guarded_corrections,
                   correction_max_confidence=config.correction_max_confidence, **kw)

    # --- lifecycle ---------------------------------------------------------------------

    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Start the worker threads; segments are delivered on `loop` (default: the
        running loop). The engine loads on the recognition thread."""
        if self._threads:
            return
        self._loop = loop or asyncio.get_running_loop()
        self._threads = [
            threading.Thread(target=self._audio_main, name="speech-audio", daemon=True),
            threading.Thread(target=self._asr_main, name="speech-asr", daemon=True),
        ]
        for t in self._threads:
            t.start()

    async def wait_ready(self, timeout: float | None = None) -> None:
        """Wait until the engine (and the biasing vocabulary) are loaded."""
        ok = await asyncio.get_running_loop().run_in_executor(None, self._ready.wait, timeout)
        if self._load_error:
            raise RuntimeError(f"speech engine failed to load: {self._load_error}") \
                from self._load_error
        if not ok:
            raise TimeoutError("speech engine did not load in time")

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and self._load_error is None

    async def aclose(self) -> None:
        with self._lock:
            self._stopping = True
            self._jobs_cv.notify_all()
        self._audio_q.put(None)
        for t in self._threads:
            await asyncio.get_running_loop().run_in_executor(None, t.join, 5)
        self._threads = []

    def subscribe(self, callback: Callable[[Segment], object]) -> Callable[[], None]:
        """Call `callback(segment)` on the loop for every partial and final segment."""
        return self.segment_emitted.connect(callback)

    def reset(self, call_id: str | None = None) -> None:
        """Forget the streams and the transcript: a new call begins."""
        self._audio_q.put(("reset", call_id))

    def transcript(self) -> Transcript:
        """The final segments so far (a copy)."""
        with self._lock:
            t = Transcript(segments=list(self._transcript.segments),
                           call_id=self._transcript.call_id, engine=self._transcript.engine,
                           created_at=self._transcript.created_at)
        return t

    # --- input -------------------------------------------------------------------------

    def feed(self, speaker: str, pcm: bytes, sample_rate: int, t: float | None = None) -> None:
        """16-bit mono little-endian PCM of one side of the call; `t` is the call time (s)
        of the chunk's first sample. Thread-safe and cheap: the work happens elsewhere."""
        if speaker not in SPEAKERS:
            raise ValueError(f"speaker must be one of {SPEAKERS}, not {speaker!r}")
        with self._lock:
            self._audio_pending += 1
        self._audio_q.put(("pcm", speaker, bytes(pcm), int(sample_rate), t))

    def feed_ulaw(self, speaker: str, data: bytes, t: float | None = None,
                  sample_rate: int = 8000) -> None:
        """G.711 μ-law bytes (e.g. the caller's RTP payload)."""
        self.feed(speaker, ulaw_decode(data).astype("<i2").tobytes(), sample_rate, t)

    def end_stream(self, speaker: str | None = None) -> None:
        """The stream stopped (hang-up, end of file): finish its utterance now."""
        with self._lock:
            self._audio_pending += 1
        self._audio_q.put(("flush", speaker))

    async def drain(self, timeout: float = 60.0) -> Transcript:
        """End every stream and wait until all their finals are out."""
        self.end_stream(None)
        deadline = time.monotonic() + timeout
        while not self._idle():
            if time.monotonic() > deadline:
                raise TimeoutError("transcriber did not finish in time")
            await asyncio.sleep(0.02)
        await asyncio.sleep(0)  # let the last call_soon_threadsafe deliveries run
        return self.transcript()

    def _idle(self) -> bool:
        with self._lock:
            open_utts = bool(self._open)
            return (not self._audio_pending and not self._busy and not self._finals
                    and not self._partials and not self._refines and not open_utts
                    ) or self._load_error is not None

    # --- audio thread ------------------------------------------------------------------

    def _audio_main(self) -> None:
        while True:
            item = self._audio_q.get()
            if item is None or self._stopping:
                return
            try:
                if item[0] == "pcm":
                    self._on_pcm(*item[1:])
                elif item[0] == "flush":
                    self._on_flush(item[1])
                elif item[0] == "reset":
                    with self._lock:
                        self._streams.clear()
                        self._open.clear()
                        self._finals.clear()
                        self._partials.clear()
                        self._refines.clear()
                        self._transcript = Transcript(call_id=item[1],
                                                      engine=self.engine.describe())
                        self._call_prompt = ""
            except Exception:
                log.exception("speech audio processing failed")
            finally:
                if item[0] in ("pcm", "flush"):
                    with self._lock:
                        self._audio_pending -= 1

    def _stream(self, speaker: str) -> _Stream:
        s = self._streams.get(speaker)
        if s is None:
            s = self._streams[speaker] = _Stream(speaker, UtteranceSegmenter(
                pause_s=self.pause_s, end_silence_s=self.end_silence_s))
        return s

    def _on_pcm(self, speaker: str, pcm: bytes, rate: int, t: float | None) -> None:
        s = self._stream(speaker)
        if s.rate != rate:
            s.rate, s.resampler = rate, StreamResampler(rate, MODEL_RATE)
        if s.t0 is None:
            s.t0 = (t or 0.0) - s.resampler.delay_s
        audio = s.resampler.process(pcm16_to_float(pcm))
        if not len(audio):
            return
        with self._lock:
            s.audio = np.concatenate([s.audio, audio])
            s.position += len(audio)
        for event in s.segmenter.push(audio):
            self._on_vad(s, event.kind, event.sample)
        with self._lock:
            utt = s.utt
            if utt is None or utt.end is not None:
                keep = self.pre_roll + 1024
                if len(s.audio) > keep * 4:
                    s.audio_start += len(s.audio) - keep
                    s.audio = s.audio[-keep:]
                return
            if utt.end is None:
                if s.position - utt.start >= self.max_utterance:
                    self._end_utterance(s, s.position, forced=True)
                    self._begin_utterance(s, s.position, s.position)
                elif (self.partials and s.position >= utt.next_partial_at
                      and not s.segmenter.paused):
                    utt.next_partial_at = s.position + self.partial_interval
                    self._queue(_Job(False, s, utt, utt.version,
                                     s.slice(utt.start, s.position), s.position))

    def _on_vad(self, s: _Stream, kind: str, sample: int) -> None:
        with self._lock:
            utt = s.utt
            if kind == "start":
                if utt is None or utt.end is not None:  # the last one may await its final
                    self._begin_utterance(s, max(s.audio_start, sample - self.pre_roll), sample)
            elif utt is None or utt.done or utt.end is not None:
                return
            elif kind == "pause" and self.speculative:
                utt.spec_version, utt.spec_result = utt.version, None
                upto = s.segmenter.position
                self._queue(_Job(True, s, utt, utt.version, s.slice(utt.start, upto), upto,
                                 speculative=True))
            elif kind == "resume":
                utt.version += 1
                utt.spec_version, utt.spec_result = None, None
                self._finals = deque(j for j in self._finals if j.utt is not utt)
            elif kind == "end":
                self._end_utterance(s, sample)

    def _begin_utterance(self, s: _Stream, start: int, voiced: int) -> None:
        n = next(self._ids)
        s.utt = _Utterance(id=f"{s.speaker[0]}{n}", start=start, first_voiced=voiced,
                           next_partial_at=voiced + self.first_partial)
        self._open.add(s.utt.id)

    def _end_utterance(self, s: _Stream, end: int, forced: bool = False) -> None:
        utt = s.utt
        utt.end = end
        if forced:
            utt.version += 1  # a speculative decode in flight lacks the tail
        self._partials.pop(s.speaker, None)
        if utt.spec_result and utt.spec_result[0] == utt.version and not forced:
            self._emit_final(s, utt, utt.spec_result[1], utt.spec_result[2])
        elif utt.spec_version == utt.version and not forced:
            pass  # the speculative decode still running emits when it is done
        else:
            upto = min(s.position, end + int(0.2 * MODEL_RATE))
            self._queue(_Job(True, s, utt, utt.version, s.slice(utt.start, upto), upto))

    def _on_flush(self, speaker: str | None) -> None:
        for s in list(self._streams.values()):
            if speaker and s.speaker != speaker:
                continue
            with self._lock:
                if s.utt and s.utt.end is None:
                    self._end_utterance(s, s.position, forced=True)
                s.segmenter = UtteranceSegmenter(pause_s=self.pause_s,
                                                 end_silence_s=self.end_silence_s)

    # --- recognition thread -----------------------------------------------------------

    def _queue(self, job: _Job) -> None:
        with self._lock:
            if job.refine:
                self._refines.append(job)
            elif job.final:
                self._finals.append(job)
            else:
                self._partials[job.stream.speaker] = job
            self._jobs_cv.notify()

    def _next_job(self) -> _Job | None:
        with self._lock:
            while not self._stopping:
                if self._finals:
                    job = self._finals.popleft()
                elif self._partials:
                    speaker = min(self._partials, key=lambda k: self._partials[k].queued_at)
                    job = self._partials.pop(speaker)
                elif self._refines:  # only when nothing more urgent waits
                    job = self._refines.popleft()
                else:
                    self._jobs_cv.wait(0.5)
                    continue
                self._busy += 1
                return job
            return None

    def _asr_main(self) -> None:
        try:
            self.engine.load()
            if self.biasing:
                vocabulary = self._vocabulary or Vocabulary.load()
                self.prompt = vocabulary.prompt()
                self.corrector = PinyinCorrector(vocabulary)
                # every way a district is written: what rescoring may not add
                self._districts = sorted(vocabulary.terms.get("district", []), key=len,
                                         reverse=True)
                if self.call_biasing:
                    self.call_bias = CallBias(vocabulary, self.corrector)
                if self.guarded_corrections:
                    self.guard = GuardedCorrector(vocabulary, self.corrector)
                if ((self.guarded_corrections or self.correction_max_confidence is not None)
                        and hasattr(self.engine, "word_confidence")):
                    self.engine.word_confidence = True  # the corrections' gate needs them
                if self.rescoring:
                    from .lm import build_domain_lm

                    self.lm = build_domain_lm()
        except BaseException as exc:  # surfaced by wait_ready()
            log.exception("speech engine failed to load")
            self._load_error = exc
            self._ready.set()
            if self._loop:
                self._loop.call_soon_threadsafe(self.error.emit, str(exc))
                self._loop.call_soon_threadsafe(self.ready_changed.emit, False)
            return
        self._ready.set()
        if self._loop:
            self._loop.call_soon_threadsafe(self.ready_changed.emit, True)
        while (job := self._next_job()) is not None:
            try:
                self._run(job)
            except Exception as exc:
                log.exception("speech recognition failed")
                if self._loop:
                    self._loop.call_soon_threadsafe(self.error.emit, str(exc))
                with self._lock:
                    utt = job.utt
                    if job.final and not utt.done and job.version == utt.version:
                        if job.speculative and utt.end is None:
                            utt.spec_version = None  # the end of speech queues a real final
                        else:
                            utt.done = True
                            self._open.discard(utt.id)
            finally:
                with self._lock:
                    self._busy -= 1

    def _run(self, job: _Job) -> None:
        if job.refine:
            return self._run_refine(job)
        with self._lock:
            stale = job.utt.done or job.version != job.utt.version or (
                not job.final and job.utt.end is not None)
        if stale:
            return
        started = time.monotonic()
        prompt = self.prompt
        if job.final:
            # from the call so far and this utterance's last partial; without a partial,
            # from the call's earlier turns
            prompt = job.utt.prompt or self._call_prompt or self.prompt
        result = self.engine.recognize(job.audio, final=job.final, prompt=prompt)
        decode_s = time.monotonic() - started
        self.stats.append(DecodeStat(job.final, len(job.audio) / MODEL_RATE, decode_s,
                                     started - job.queued_at))
        s, utt = job.stream, job.utt
        with self._lock:
            if utt.done or job.version != utt.version or self._streams.get(s.speaker) is not s:
                return  # superseded, or the call was reset meanwhile
            if job.final:
                if job.speculative:
                    utt.spec_result = (job.version, result, job.audio)
                    if utt.end is None:
                        return  # not ended yet: published if the silence lasts
                self._emit_final(s, utt, result, job.audio)
            else:
                if utt.end is not None or job.upto <= utt.last_partial_upto:
                    return
                utt.last_partial_upto = job.upto
                text, corrections = self._postprocess(result, final=False)
                utt.partial_text = text
                if text:
                    self._deliver(_segment(s.speaker, s.time(utt.start), s.time(job.upto),
                                           text, False, result.confidence, utt.id,
                                           corrections, result.language))
        if (not job.final and self.call_bias is not None and utt.partial_text
                and result.language == "zh"):
            # ready before the utterance ends: the final's prompt costs it no time
            utt.prompt = self.call_bias.prompt(self._said(utt.partial_text))

    def _said(self, partial: str, turns: int = 6) -> str:
        """What the call has said: its last finals (both sides) and the partial."""
        with self._lock:
            finals = [x.text for x in self._transcript.segments[-turns:]
                      if x.language == "zh"]
        return "。".join([*finals, partial])

    def _emit_final(self, s: _Stream, utt: _Utterance, result: Recognition,
                    audio: np.ndarray) -> None:
        utt.done = True
        self._open.discard(utt.id)
        text, corrections = self._postprocess(result, final=True)
        if result.no_speech_prob > 0.6 and result.confidence < 0.45:
            text = ""  # Whisper's inventions on noise
        utt.final_text = text
        end = utt.end if utt.end is not None else s.position
        self._deliver(_segment(s.speaker, s.time(utt.start), s.time(end), text, True,
                               result.confidence, utt.id, corrections, result.language))
        if self.refine and text:
            self._queue(_Job(True, s, utt, utt.version, audio, end, refine=True))
        if self.call_bias is not None and text and result.language == "zh":
            self._call_prompt = self.call_bias.prompt(self._said(""))

    def _run_refine(self, job: _Job) -> None:
        """Decode an utterance again with the engine's most accurate settings when the
        decoder has nothing more urgent to do; publish the result as the final again."""
        s, utt = job.stream, job.utt
        with self._lock:
            if self._streams.get(s.speaker) is not s:
                return
        started = time.monotonic()
        result = self.engine.recognize(job.audio, final=True, prompt=self.prompt, best=True)
        self.stats.append(DecodeStat(True, len(job.audio) / MODEL_RATE,
                                     time.monotonic() - started, started - job.queued_at))
        text, corrections = self._postprocess(result, final=True)
        with self._lock:
            if not text or text == utt.final_text or self._streams.get(s.speaker) is not s:
                return
            utt.final_text = text
            end = utt.end if utt.end is not None else job.upto
            self._deliver(_segment(s.speaker, s.time(utt.start), s.time(end), text, True,
                                   result.confidence, utt.id, corrections, result.language))

    def _postprocess(self, result: Recognition, final: bool):
        if result.language != "zh":
            # a foreign-language caller: no Chinese clean-up, no pinyin correction
            return strip_hallucinations(result.text).strip(), ()
        raw, confidence = result.text, result.char_confidence
        if final and self.lm is not None and len(result.hypotheses) > 1:
            chosen = self.lm.rescore(list(result.hypotheses), self.lm_weight,
                                     self._districts,
                                     self.lm_max_gap)[0]
            if chosen != raw:
                # characters the beam disagreed on are uncertain
                carried = carry_confidence(raw, confidence, chosen) or []
                confidence = tuple(0.0 if c == 1.0 and ch not in raw else c
                                   for c, ch in zip(carried, chosen))
                raw = chosen
        text = normalize(raw, final=final)
        corrections: tuple = ()
        if self.guard is not None and text:
            text, fixes = self.guard.correct(text, carry_confidence(raw, confidence, text))
            corrections = tuple(SpanCorrection(c.start, c.end, c.heard, c.corrected, c.reason)
                                for c in fixes)
        elif self.corrector and text:
            gate = self.correction_max_confidence
            heard = carry_confidence(raw, confidence, text) if gate is not None else None
            text, fixes = self.corrector.correct(text, heard, gate or 1.0)
            corrections = tuple(SpanCorrection(c.start, c.end, c.heard, c.term,
                                               _reason(c, heard)) for c in fixes)
        return text, corrections

    def _deliver(self, segment: Segment) -> None:
        if segment.final:
            self._transcript.add(segment)
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self.segment_emitted.emit, segment)


def _reason(c, heard: list[float] | None) -> str:
    reason = f"sounds like the {c.category} term {c.term}"
    if heard and len(heard) > c.start:
        reason += f"; heard with probability {min(heard[c.start:c.end]):.2f}"
    return reason


def _segment(speaker, start, end, text, final, confidence, uid, corrections,
             language="zh") -> Segment:
    return Segment(speaker, round(max(0.0, start), 3), round(end, 3), text, final,
                   round(float(confidence), 3), uid, corrections, language)
