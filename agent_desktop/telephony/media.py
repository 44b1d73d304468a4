"""The media thread: moves PCM between the calls (SIP backend) and the headset (AudioIO)
every 20 ms, publishes both legs to the audio taps, mixes a three-way conference and
feeds the call recorder.

It runs on its own thread so that a busy Qt/asyncio loop never starves the audio: the
backend's PCM methods are thread-safe, taps hand frames back to the loop themselves.

Routing per 20 ms frame:
- our hold: the held call gets nothing (the backend sends no media anyway);
- talking to one call: mic → call (unless muted), call → speaker;
- conference (two calls joined): each call gets mic + the other call, the speaker gets
  both calls.
- a team lead on the line (`Leg.supervision`, see telephony/supervision.py): the lead's
  call gets mic + every other talking call; what the lead says reaches the operator's
  speaker in whisper and barge, and the other calls only in barge.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from agent_desktop.telephony.audio import (
    CALLER,
    LEAD,
    OPERATOR,
    THIRD_PARTY,
    AudioFrame,
    AudioIO,
    AudioTaps,
    CallRecorder,
    PcmFifo,
    Resampler,
    mix,
)
from agent_desktop.telephony.backend import BackendCall, MediaFormat

log = logging.getLogger(__name__)

FRAME_MS = 20
PREFERRED_MIC_RATE = 16000  # headset mics are wideband; ASR wants 16 kHz


@dataclass
class Leg:
    """One call whose media the pump carries."""

    call: BackendCall
    call_id: str
    answered_mono: float
    primary: bool = True  # the customer call (tapped as "caller"); else a consultation
    held: bool = False
    conferenced: bool = False
    record_path: Path | None = None  # record this leg (stereo WAV) once media is up
    supervision: str | None = None  # a lead's call: "listen" | "whisper" | "barge"
    recorder: CallRecorder | None = None
    # internal state of the pump
    fmt: MediaFormat | None = None
    rx_fifo: PcmFifo = field(default_factory=lambda: PcmFifo(8000 * 2 // 5))
    rx_samples: int = 0
    rx_t0: float | None = None
    op_samples: int = 0
    op_t0: float | None = None
    to_device: Resampler | None = None
    from_device: Resampler | None = None
    device_rates: tuple[int, int] = (0, 0)  # (mic, speaker) rates the resamplers are for
    first_rx_mono: float | None = None
    rx_chunks: int = 0


class MediaPump:
    def __init__(self, audio: AudioIO, taps: AudioTaps,
                 on_error: Callable[[str], None] | None = None) -> None:
        self.audio = audio
        self.taps = taps
        self.muted = False
        self._on_error = on_error
        self._legs: dict[str, Leg] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._audio_failed = False
        self.frames = 0
        self.late_frames = 0

    # --- control (any thread) ---
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="softphone-media", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(2)
        self._thread = None
        with self._lock:
            legs = list(self._legs.values())
            self._legs.clear()
        for leg in legs:
            if leg.recorder:
                leg.recorder.close()
        if self.audio.is_open:
            self.audio.close()

    def add_leg(self, leg: Leg) -> None:
        with self._lock:
            self._legs[leg.call_id] = leg
        self._wake.set()

    def remove_leg(self, call_id: str) -> Leg | None:
        with self._lock:
            leg = self._legs.pop(call_id, None)
        if leg and leg.recorder:
            leg.recorder.close()
        return leg

    def leg(self, call_id: str) -> Leg | None:
        return self._legs.get(call_id)

    # --- the thread ---
    def _run(self) -> None:
        next_frame = time.monotonic()
        while not self._stop.is_set():
            with self._lock:
                legs = list(self._legs.values())
            if not legs:
                if self.audio.is_open:
                    self.audio.close()
                self._audio_failed = False
                self._wake.clear()
                self._wake.wait(0.5)
                next_frame = time.monotonic()
                continue
            now = time.monotonic()
            self._poll_rx(legs, now)
            if now >= next_frame:
                if now - next_frame > FRAME_MS / 1000:
                    self.late_frames += 1
                    next_frame = now  # do not burst to catch up
                self._frame(legs)
                next_frame += FRAME_MS / 1000
            self._stop.wait(0.005)

    def _ensure_audio(self, call_rate: int) -> None:
        if self.audio.is_open or self._audio_failed:
            return
        try:
            self.audio.open(PREFERRED_MIC_RATE, call_rate)
        except Exception as exc:  # no headset: calls and taps go on without it
            self._audio_failed = True
            log.warning("headset unavailable: %s", exc)
            if self._on_error:
                self._on_error(f"headset unavailable: {exc}")

    def _poll_rx(self, legs: list[Leg], now: float) -> None:
        for leg in legs:
            if leg.fmt is None:
                leg.fmt = leg.call.media_format()
                if leg.fmt is None:
                    continue
                leg.rx_fifo = PcmFifo(leg.fmt.rx_rate * 2 // 5)  # 200 ms jitter cap
                if leg.record_path is not None and leg.recorder is None:
                    try:
                        leg.recorder = CallRecorder(leg.record_path, leg.fmt.rx_rate)
                    except OSError as exc:
                        log.warning("cannot record the call: %s", exc)
                        if self._on_error:
                            self._on_error(f"cannot record the call: {exc}")
                self._ensure_audio(leg.fmt.rx_rate)
            data = leg.call.read_pcm(16384)
            if not data:
                continue
            rate = leg.fmt.rx_rate
            if leg.rx_t0 is None:
                leg.first_rx_mono = now
                leg.rx_t0 = (now - leg.answered_mono) - len(data) / 2 / rate
            t = leg.rx_t0 + leg.rx_samples / rate
            leg.rx_samples += len(data) // 2
            leg.rx_chunks += 1
            leg.rx_fifo.push(data)
            if not leg.held:
                speaker = LEAD if leg.supervision else CALLER if leg.primary else THIRD_PARTY
                self.taps.publish(AudioFrame(speaker, data, rate, t, leg.call_id, now))

    def _frame(self, legs: list[Leg]) -> None:
        self.frames += 1
        audio = self.audio
        if self.frames % 50 == 0 and audio.is_open:
            try:
                audio.check()
            except Exception as exc:  # never let the device watchdog kill the pump
                log.warning("headset check failed: %s", exc)
        dev_rate = audio.in_rate if audio.is_open else 0
        out_rate = audio.out_rate if audio.is_open else 0
        mic_dev = b""
        if dev_rate:
            frame_bytes = dev_rate * FRAME_MS // 1000 * 2
            # Keep the mic queue short: drop what is beyond 3 frames (clock drift).
            excess = len(audio.mic) - 3 * frame_bytes
            if excess > 0:
                audio.mic.pop(excess)
            mic_dev = audio.mic.pop_exact(frame_bytes) or b""
        live = [leg for leg in legs if leg.fmt is not None]
        if not live:
            return
        rx_frames: dict[str, bytes] = {}
        for leg in live:
            n = leg.fmt.rx_rate * FRAME_MS // 1000 * 2
            rx_frames[leg.call_id] = leg.rx_fifo.pop_exact(n) or b""
            if dev_rate and leg.device_rates != (dev_rate, out_rate):
                leg.device_rates = (dev_rate, out_rate)
                leg.to_device = Resampler(leg.fmt.rx_rate, out_rate)
                leg.from_device = Resampler(dev_rate, leg.fmt.tx_rate)
        talking = [leg for leg in live if not leg.held]
        conference = [leg for leg in talking if leg.conferenced]
        if len(conference) < 2:
            conference = []
        parties = [leg for leg in talking if not leg.supervision]
        leads = [leg for leg in talking if leg.supervision]
        speaker_parts: list[bytes] = []
        for leg in live:
            tx_frame_bytes = leg.fmt.tx_rate * FRAME_MS // 1000 * 2
            mic_call = b""
            if mic_dev and leg.from_device is not None:
                mic_call = leg.from_device.process(mic_dev)
            if leg.held:
                tx = b""
            else:
                parts = [] if self.muted else [mic_call]
                if leg.supervision:
                    parts += [rx_frames[o.call_id] for o in parties]
                else:
                    if leg in conference:
                        parts += [rx_frames[o.call_id] for o in conference if o is not leg]
                    parts += [rx_frames[o.call_id] for o in leads if o.supervision == "barge"]
                tx = mix(*parts)
                heard = rx_frames[leg.call_id]
                if leg.supervision == "listen":
                    heard = b""  # a listening lead is heard by nobody
                if heard and leg.to_device is not None:
                    speaker_parts.append(leg.to_device.process(heard))
                if tx and leg.call.tx_buffered() < 3 * tx_frame_bytes:
                    leg.call.write_pcm(tx)
            if leg.primary:
                now = time.monotonic()
                if leg.op_t0 is None:
                    leg.op_t0 = now - leg.answered_mono
                if mic_dev and not leg.held and not self.muted:
                    t = leg.op_t0 + leg.op_samples / dev_rate
                    self.taps.publish(AudioFrame(OPERATOR, mic_dev, dev_rate, t,
                                                 leg.call_id, now))
                if mic_dev:
                    leg.op_samples += len(mic_dev) // 2
                if leg.recorder is not None:
                    silence = b"\x00" * (leg.fmt.rx_rate * FRAME_MS // 1000 * 2)
                    leg.recorder.add(CALLER, rx_frames[leg.call_id] or silence
                                     if not leg.held else silence)
                    sent = tx if (tx and not leg.held) else b""
                    leg.recorder.add(OPERATOR, sent.ljust(len(silence), b"\x00")[: len(silence)])
        if speaker_parts and audio.is_open:
            audio.speaker.push(mix(*speaker_parts))
