"""Audio of the softphone: the operator's headset (sounddevice), the ringer, the PCM taps
that feed the live transcript, and optional call recording.

The SIP backend sees PCM only. `MediaPump` (telephony.media) moves 16-bit mono PCM
between the call and an `AudioIO`:

- `SoundDeviceAudio`: microphone and speaker through sounddevice/PortAudio, devices
  selectable by name or index and switchable mid-call; a separate ringer device.
- `BufferAudio`: no hardware — the microphone reads from a PCM source (e.g. a WAV file)
  and the speaker collects what it plays. For tests and headless runs, where it replaces
  a headset.

`AudioTaps` publishes both legs of a call as separate streams:

```python
def on_frame(speaker: str, pcm: bytes, sample_rate: int, t: float) -> None:
    ...   # speaker is "caller" or "operator"; t = seconds since the call was answered

unsubscribe = softphone.audio_taps.subscribe(on_frame)            # on the asyncio loop
unsubscribe = softphone.audio_taps.subscribe(on_frame, threaded=True)  # on the media thread
unsubscribe = softphone.add_audio_tap(transcriber.feed)          # the same, threaded
async for frame in softphone.audio_taps.frames():                 # AudioFrame objects
    ...
```
Only "caller" and "operator" are delivered unless a subscriber asks for
`speakers=(…, "third_party")` (the consulted department during a consultation).

"""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

CALLER = "caller"
OPERATOR = "operator"
THIRD_PARTY = "third_party"  # the consulted department during a consultation/three-way
LEAD = "lead"  # a team lead listening, whispering or barging in (telephony/supervision.py)
TWO_PARTIES = (CALLER, OPERATOR)

TapCallback = Callable[[str, bytes, int, float], Any]


@dataclass(frozen=True)
class AudioFrame:
    """One chunk of one leg: 16-bit mono little-endian PCM."""

    speaker: str  # "caller" | "operator"
    pcm: bytes
    sample_rate: int
    t: float  # start of this chunk, seconds since the call was answered (sample clock)
    call_id: str
    received_at: float  # time.monotonic() when the media thread got it

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


class AudioTaps:
    """Fan-out of call audio to subscribers (the live transcript, the recorder, tests)."""

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self._loop = loop
        self._lock = threading.Lock()
        self._loop_subs: list[tuple[TapCallback, tuple[str, ...]]] = []
        self._thread_subs: list[tuple[TapCallback, tuple[str, ...]]] = []
        self._frame_subs: list[tuple[Callable[[AudioFrame], None], tuple[str, ...]]] = []

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def subscribe(self, callback: TapCallback, *, threaded: bool = False,
                  speakers: tuple[str, ...] = TWO_PARTIES) -> Callable[[], None]:
        """Call `callback(speaker, pcm, sample_rate, t)` for every chunk of both legs.

        By default on the asyncio loop (under qasync: the Qt thread). `threaded=True`
        calls it on the media thread instead: lower latency, but it must return quickly
        (hand the work to a queue) and must not touch Qt or asyncio objects.
        Returns a function that unsubscribes.
        """
        target = self._thread_subs if threaded else self._loop_subs
        return self._add(target, (callback, tuple(speakers)))

    def subscribe_frames(self, callback: Callable[[AudioFrame], None], *,
                         speakers: tuple[str, ...] = TWO_PARTIES) -> Callable[[], None]:
        """Like `subscribe(threaded=True)` but with whole `AudioFrame` objects."""
        return self._add(self._frame_subs, (callback, tuple(speakers)))

    def _add(self, target: list, entry: tuple) -> Callable[[], None]:
        with self._lock:
            target.append(entry)

        def unsubscribe() -> None:
            with self._lock:
                if entry in target:
                    target.remove(entry)

        return unsubscribe

    async def frames(self, maxsize: int = 500, speakers: tuple[str, ...] = TWO_PARTIES):
        """Async iterator over `AudioFrame`s (oldest dropped when the consumer lags)."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[AudioFrame] = asyncio.Queue(maxsize)

        def put(frame: AudioFrame) -> None:
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(frame)

        def on_frame(frame: AudioFrame) -> None:
            try:
                loop.call_soon_threadsafe(put, frame)
            except RuntimeError:  # loop closed
                pass

        unsubscribe = self.subscribe_frames(on_frame, speakers=speakers)
        try:
            while True:
                yield await queue.get()
        finally:
            unsubscribe()

    @property
    def has_subscribers(self) -> bool:
        return bool(self._loop_subs or self._thread_subs or self._frame_subs)

    def publish(self, frame: AudioFrame) -> None:
        """Called by the media thread."""
        sp = frame.speaker
        with self._lock:
            thread_subs = [cb for cb, who in self._thread_subs if sp in who]
            frame_subs = [cb for cb, who in self._frame_subs if sp in who]
            loop_subs = [cb for cb, who in self._loop_subs if sp in who]
        for cb in thread_subs:
            _safe(cb, frame.speaker, frame.pcm, frame.sample_rate, frame.t)
        for fcb in frame_subs:
            _safe(fcb, frame)
        if loop_subs and self._loop is not None and not self._loop.is_closed():
            try:
                self._loop.call_soon_threadsafe(self._deliver, loop_subs, frame)
            except RuntimeError:
                pass

    @staticmethod
    def _deliver(subs: list[TapCallback], frame: AudioFrame) -> None:
        for cb in subs:
            _safe(cb, frame.speaker, frame.pcm, frame.sample_rate, frame.t)


def _safe(cb, *args) -> None:
    try:
        cb(*args)
    except Exception:  # a broken subscriber must not stop the audio
        log.exception("audio tap subscriber failed")


# --- PCM helpers ---------------------------------------------------------------------


class PcmFifo:
    """A thread-safe byte FIFO with a cap (oldest audio dropped beyond it)."""

    def __init__(self, max_bytes: int) -> None:
        self._buf = bytearray()
        self._lock = threading.Lock()
        self.max_bytes = max_bytes
        self.dropped = 0

    def push(self, data: bytes) -> None:
        with self._lock:
            self._buf += data
            excess = len(self._buf) - self.max_bytes
            if excess > 0:
                excess += excess % 2
                del self._buf[:excess]
                self.dropped += excess

    def pop(self, n: int) -> bytes:
        """Up to n bytes (even count)."""
        with self._lock:
            n = min(n, len(self._buf)) & ~1
            out = bytes(self._buf[:n])
            del self._buf[:n]
            return out

    def pop_exact(self, n: int) -> bytes | None:
        with self._lock:
            if len(self._buf) < n:
                return None
            out = bytes(self._buf[:n])
            del self._buf[:n]
            return out

    def clear(self) -> None:
        with self._lock:
            self._buf.clear()

    def __len__(self) -> int:
        return len(self._buf)


class Resampler:
    """Streaming windowed-sinc resampler for 16-bit mono PCM (any rate pair, e.g.
    8 kHz call ↔ 16/44.1/48 kHz headset). Each output sample is a Hann-windowed sinc
    interpolation over `taps` source samples, low-passed below the smaller Nyquist rate,
    so neither upsampling images nor downsampling aliases reach the other side."""

    def __init__(self, src_rate: int, dst_rate: int, taps: int = 32) -> None:
        self.src_rate = src_rate
        self.dst_rate = dst_rate
        # downsampling needs a kernel as long in *output* samples as upsampling does
        self._half = taps // 2 * max(1, math.ceil(src_rate / dst_rate))
        self._step = src_rate / dst_rate
        self._cutoff = min(1.0, dst_rate / src_rate) * 0.95
        # history: the last 2*half source samples; _pos is the next output position,
        # in source samples, relative to the start of the history buffer
        self._hist = np.zeros(2 * self._half, dtype=np.float64)
        self._pos = float(self._half)

    def process(self, pcm: bytes) -> bytes:
        if self.src_rate == self.dst_rate or not pcm:
            return pcm
        x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
        buf = np.concatenate([self._hist, x])
        h = self._half
        last = len(buf) - h  # an output needs h samples of look-ahead
        if self._pos >= last:
            n = 0
        else:
            n = int(math.floor((last - 1 - self._pos) / self._step)) + 1
        out = b""
        if n > 0:
            pos = self._pos + np.arange(n) * self._step
            base = np.floor(pos).astype(np.int64)
            offs = np.arange(-h + 1, h + 1)
            idx = base[:, None] + offs[None, :]
            d = pos[:, None] - idx  # distance of each tap from the output position
            window = 0.5 + 0.5 * np.cos(np.pi * np.clip(d / h, -1, 1))
            kernel = self._cutoff * np.sinc(self._cutoff * d) * window
            y = np.sum(buf[idx] * kernel, axis=1)
            out = np.clip(np.round(y), -32768, 32767).astype("<i2").tobytes()
            self._pos = pos[-1] + self._step
        keep = 2 * h
        drop = len(buf) - keep
        self._hist = buf[drop:]
        self._pos -= drop
        return out


def mix(*frames: bytes) -> bytes:
    """Sum equal-length 16-bit frames with clipping (shorter ones zero-padded)."""
    frames = tuple(f for f in frames if f)
    if not frames:
        return b""
    if len(frames) == 1:
        return frames[0]
    n = max(len(f) for f in frames) // 2
    acc = np.zeros(n, dtype=np.int32)
    for f in frames:
        a = np.frombuffer(f, dtype="<i2")
        acc[: len(a)] += a
    return np.clip(acc, -32768, 32767).astype("<i2").tobytes()


def ring_tone(rate: int, seconds: float = 5.0, freq: float = 450.0,
              on_s: float = 1.0, level: float = 0.3) -> bytes:
    """The Chinese ringing cadence (450 Hz, 1 s on, 4 s off) as 16-bit mono PCM."""
    n = int(rate * seconds)
    t = np.arange(n) / rate
    tone = np.sin(2 * np.pi * freq * t) * level * 32767
    tone[t % 5.0 >= on_s] = 0
    return tone.astype("<i2").tobytes()


# --- devices ---------------------------------------------------------------------------


class AudioIO:
    """The operator's microphone and speaker as the media pump sees them.

    `open(in_rate, out_rate)` starts both directions at the preferred rates (the
    devices may pick others: `in_rate`/`out_rate` say what is used; the pump resamples).
    The microphone fills `mic` (a PcmFifo), the speaker drains `speaker`.
    """

    def __init__(self) -> None:
        self.in_rate = 0
        self.out_rate = 0
        self.mic = PcmFifo(16000 * 2)  # resized in open()
        self.speaker = PcmFifo(16000 * 2)
        self.is_open = False

    @property
    def rate(self) -> int:
        return self.in_rate

    def open(self, in_rate: int, out_rate: int) -> None:
        """Open microphone and speaker."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def start_ringing(self) -> None:
        pass

    def stop_ringing(self) -> None:
        pass

    def set_devices(self, *, input: Any = None, output: Any = None, ringer: Any = None) -> None:
        pass

    def check(self) -> None:
        """Called about once a second by the media thread: repair stalled devices."""


class BufferAudio(AudioIO):
    """No hardware. The microphone plays `source` (PCM bytes at `source_rate`, or a
    callable returning the next chunk) in real time; the speaker keeps what it was
    given (`played`). Replaces a headset in tests and headless runs."""

    def __init__(self, source: bytes | None = None, source_rate: int = 8000,
                 loop_source: bool = False) -> None:
        super().__init__()
        self.source = source or b""
        self.source_rate = source_rate
        self.loop_source = loop_source
        self.played = bytearray()
        self.ringing = False
        self.ring_count = 0
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._pos = 0
        self.devices: dict[str, Any] = {}

    def open(self, in_rate: int, out_rate: int) -> None:
        self.in_rate = self.source_rate if self.source else in_rate
        self.out_rate = out_rate
        self.mic = PcmFifo(self.in_rate * 2)  # 1 s
        self.speaker = PcmFifo(self.out_rate * 2)
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="buffer-audio", daemon=True)
        self._thread.start()
        self.is_open = True

    def _run(self) -> None:
        block = self.in_rate // 50 * 2  # 20 ms
        out_block = self.out_rate // 50 * 2
        next_t = time.monotonic()
        while not self._stop.is_set():
            next_t += 0.02
            if self.source:
                chunk = self.source[self._pos:self._pos + block]
                self._pos += block
                if len(chunk) < block and self.loop_source:
                    self._pos = block - len(chunk)
                    chunk += self.source[: self._pos]
                if chunk:
                    self.mic.push(chunk)
            self.played += self.speaker.pop(out_block)
            delay = next_t - time.monotonic()
            if delay > 0:
                self._stop.wait(delay)
            else:
                next_t = time.monotonic()

    def close(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(1)
        self._thread = None
        self.is_open = False

    def start_ringing(self) -> None:
        self.ringing = True
        self.ring_count += 1

    def stop_ringing(self) -> None:
        self.ringing = False

    def set_devices(self, *, input: Any = None, output: Any = None, ringer: Any = None) -> None:
        self.devices.update({k: v for k, v in
                             (("input", input), ("output", output), ("ringer", ringer))
                             if v is not None})


def list_devices() -> list[dict[str, Any]]:
    """Input/output devices PortAudio sees: [{"index", "name", "inputs", "outputs",
    "default_rate", "hostapi"}]. Empty when PortAudio is missing."""
    try:
        import sounddevice as sd

        devices = sd.query_devices()
        hostapis = sd.query_hostapis()
    except Exception as exc:  # PortAudio library missing or broken
        log.warning("audio devices unavailable: %s", exc)
        return []
    return [
        {
            "index": i,
            "name": d["name"],
            "inputs": d["max_input_channels"],
            "outputs": d["max_output_channels"],
            "default_rate": d["default_samplerate"],
            "hostapi": hostapis[d["hostapi"]]["name"],
        }
        for i, d in enumerate(devices)
    ]


class SoundDeviceAudio(AudioIO):
    """Headset microphone and speaker (and a ringer) through sounddevice.

    Devices are given as sounddevice accepts them (index or a substring of the name);
    None/"" means the system default. The microphone is opened wideband (16 kHz) when
    the device allows, the speaker at the call's rate; otherwise at the device's own rate
    (the pump resamples). `set_devices()` during a call reopens the streams on the new
    devices; the call goes on.
    """

    BLOCK_MS = 20
    PREBUFFER_MS = 40  # speaker jitter buffer

    def __init__(self, input: Any = None, output: Any = None, ringer: Any = None,
                 latency: str | float = "high", stall_s: float = 2.0) -> None:
        super().__init__()
        self.stall_s = stall_s
        self.restarts = 0
        self._last_in = self._last_out = self._opened_at = 0.0
        self.input_device = input or None
        self.output_device = output or None
        self.ringer_device = ringer or None
        self.latency = latency
        self._in_stream = None
        self._out_stream = None
        self._ring_stream = None
        self._ring_pcm = b""
        self._ring_pos = 0
        self._lock = threading.RLock()
        self._pref = (16000, 8000)
        self._playing = False
        self.status_errors = 0
        self.speaker_gaps = 0

    def _sd(self):
        import sounddevice as sd  # imported late: PortAudio may be missing

        return sd

    def open(self, in_rate: int, out_rate: int) -> None:
        with self._lock:
            self._pref = (in_rate, out_rate)
            self._open_streams()
            self.is_open = True

    def _open_one(self, kind: str, device: Any, preferred: int, callback):
        sd = self._sd()
        try:
            default = int(sd.query_devices(device, kind)["default_samplerate"])
        except Exception as exc:  # unknown device name: report it as such
            raise OSError(f"audio {kind} device {device!r} not found: {exc}") from exc
        last_exc: Exception | None = None
        for rate in dict.fromkeys((preferred, default)):
            cls = sd.RawInputStream if kind == "input" else sd.RawOutputStream
            try:
                stream = cls(samplerate=rate, blocksize=rate * self.BLOCK_MS // 1000,
                             device=device, channels=1, dtype="int16",
                             latency=self.latency, callback=callback)
            except Exception as exc:  # rate unsupported: try the device's own
                last_exc = exc
                continue
            return stream, rate
        raise OSError(f"cannot open the headset {kind} {device!r}: {last_exc}")

    def _open_streams(self) -> None:
        in_stream, in_rate = self._open_one("input", self.input_device, self._pref[0],
                                            self._in_callback)
        try:
            out_stream, out_rate = self._open_one("output", self.output_device, self._pref[1],
                                                  self._out_callback)
        except OSError:
            in_stream.close()
            raise
        self.in_rate, self.out_rate = in_rate, out_rate
        self.mic = PcmFifo(in_rate * 2)  # 1 s cap
        self.speaker = PcmFifo(out_rate * 2)
        self._playing = False
        self._opened_at = self._last_in = self._last_out = time.monotonic()
        in_stream.start()
        out_stream.start()
        self._in_stream, self._out_stream = in_stream, out_stream

    def check(self) -> None:
        """Reopen the streams when a callback has not run for `stall_s` (seen with the
        ALSA pulse plugin under load). Streams get 2×`stall_s` to start."""
        now = time.monotonic()
        with self._lock:
            if not self.is_open or self._in_stream is None:
                return
            if now - self._opened_at < 2 * self.stall_s:
                return
            stalled = now - min(self._last_in, self._last_out)
            if stalled < self.stall_s:
                return
            log.warning("headset stream stalled for %.1f s; reopening", stalled)
            self.restarts += 1
            self._close_streams()
            try:
                self._open_streams()
            except OSError as exc:
                log.warning("reopening the headset failed: %s", exc)
                self.is_open = False

    def _in_callback(self, indata, frames, time_info, status) -> None:
        self._last_in = time.monotonic()
        if status:
            self.status_errors += 1
        self.mic.push(bytes(indata))

    def _out_callback(self, outdata, frames, time_info, status) -> None:
        self._last_out = time.monotonic()
        if status:
            self.status_errors += 1
        need = len(outdata)
        if not self._playing:
            # jitter buffer: start (again) once PREBUFFER_MS are queued
            if len(self.speaker) >= self.out_rate * self.PREBUFFER_MS // 1000 * 2:
                self._playing = True
            else:
                outdata[:] = b"\x00" * need
                return
        data = self.speaker.pop(need)
        if len(data) < need:
            self.speaker_gaps += 1
            self._playing = False
            data += b"\x00" * (need - len(data))
        outdata[:] = data

    def _close_streams(self) -> None:
        streams = (self._in_stream, self._out_stream)
        self._in_stream = self._out_stream = None
        for stream in streams:
            if stream is not None:
                try:
                    stream.stop()
                    stream.close()
                except Exception as exc:
                    log.warning("closing a headset stream: %s", exc)

    def close(self) -> None:
        with self._lock:
            self._close_streams()
            self.stop_ringing()
            self.is_open = False

    def set_devices(self, *, input: Any = None, output: Any = None, ringer: Any = None) -> None:
        with self._lock:
            if input is not None:
                self.input_device = input or None
            if output is not None:
                self.output_device = output or None
            if ringer is not None:
                self.ringer_device = ringer or None
            if self.is_open and (input is not None or output is not None):
                self._close_streams()
                self._open_streams()
            if self._ring_stream is not None and ringer is not None:
                self.stop_ringing()
                self.start_ringing()

    def start_ringing(self) -> None:
        with self._lock:
            if self._ring_stream is not None:
                return
            sd = self._sd()
            device = self.ringer_device or self.output_device
            try:
                rate = int(sd.query_devices(device, "output")["default_samplerate"])
                self._ring_pcm = ring_tone(rate)
                self._ring_pos = 0
                stream = sd.RawOutputStream(samplerate=rate, channels=1, dtype="int16",
                                            device=device, callback=self._ring_callback)
                stream.start()
                self._ring_stream = stream
            except Exception as exc:  # no ringer is not a reason to miss the call
                log.warning("cannot ring on %r: %s", device, exc)

    def _ring_callback(self, outdata, frames, time_info, status) -> None:
        need = len(outdata)
        out = bytearray()
        while len(out) < need:
            chunk = self._ring_pcm[self._ring_pos:self._ring_pos + need - len(out)]
            out += chunk
            self._ring_pos = (self._ring_pos + len(chunk)) % len(self._ring_pcm)
        outdata[:] = bytes(out)

    def stop_ringing(self) -> None:
        with self._lock:
            stream, self._ring_stream = self._ring_stream, None
            if stream is not None:
                try:
                    stream.stop()
                    stream.close()
                except Exception as exc:
                    log.warning("stopping the ringer: %s", exc)


# --- recording ---------------------------------------------------------------------------


class CallRecorder:
    """Writes a call to a stereo WAV: left = caller, right = operator (16-bit, call rate).

    The two legs arrive separately; each is appended to its own queue and written in
    step, so the channels stay aligned on the sample clock.
    """

    def __init__(self, path: Path, rate: int) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.rate = rate
        self._wav = wave.open(str(self.path), "wb")
        self._wav.setnchannels(2)
        self._wav.setsampwidth(2)
        self._wav.setframerate(rate)
        self._left = bytearray()
        self._right = bytearray()
        self._lock = threading.Lock()

    def add(self, speaker: str, pcm: bytes) -> None:
        with self._lock:
            (self._left if speaker == CALLER else self._right).extend(pcm)
            self._flush(final=False)

    def _flush(self, final: bool) -> None:
        n = min(len(self._left), len(self._right))
        if final:
            n = max(len(self._left), len(self._right))
            self._left.extend(b"\x00" * (n - len(self._left)))
            self._right.extend(b"\x00" * (n - len(self._right)))
        if n < 2:
            return
        n &= ~1
        left = np.frombuffer(bytes(self._left[:n]), dtype="<i2")
        right = np.frombuffer(bytes(self._right[:n]), dtype="<i2")
        stereo = np.empty(len(left) * 2, dtype="<i2")
        stereo[0::2] = left
        stereo[1::2] = right
        self._wav.writeframes(stereo.tobytes())
        del self._left[:n]
        del self._right[:n]

    def close(self) -> None:
        with self._lock:
            if self._wav is None:
                return
            self._flush(final=True)
            self._wav.close()
            self._wav = None  # type: ignore[assignment]
