"""Audio plumbing for speech recognition: PCM conversion, G.711 decoding, resampling, WAV I/O.

The recognisers want 16 kHz mono float32. Calls arrive as 8 kHz G.711 (the caller leg)
and 16/48 kHz 16-bit PCM (the operator's microphone), in small chunks: `StreamResampler`
converts a stream chunk by chunk without clicks at chunk edges. G.711 is decoded with a
lookup table (the standard library's `audioop` is gone in Python 3.13).
"""

from __future__ import annotations

import io
import math
import wave
from pathlib import Path

import numpy as np

MODEL_RATE = 16000


# --- G.711 -------------------------------------------------------------------------------


def _ulaw_table() -> np.ndarray:
    codes = np.arange(256, dtype=np.int32)
    u = ~codes & 0xFF
    sign = u & 0x80
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
    return np.where(sign != 0, -magnitude, magnitude).astype(np.int16)


def _alaw_table() -> np.ndarray:
    codes = np.arange(256, dtype=np.int32) ^ 0x55
    sign = codes & 0x80
    exponent = (codes >> 4) & 0x07
    mantissa = codes & 0x0F
    magnitude = np.where(exponent == 0, (mantissa << 4) + 8,
                         ((mantissa << 4) + 0x108) << np.maximum(exponent - 1, 0))
    return np.where(sign != 0, magnitude, -magnitude).astype(np.int16)


ULAW_TO_PCM16 = _ulaw_table()
ALAW_TO_PCM16 = _alaw_table()


def ulaw_decode(data: bytes) -> np.ndarray:
    """G.711 μ-law bytes → int16 samples."""
    return ULAW_TO_PCM16[np.frombuffer(data, dtype=np.uint8)]


def alaw_decode(data: bytes) -> np.ndarray:
    """G.711 A-law bytes → int16 samples."""
    return ALAW_TO_PCM16[np.frombuffer(data, dtype=np.uint8)]


def ulaw_encode(samples: np.ndarray) -> bytes:
    """int16 samples → G.711 μ-law bytes (nearest code; used by tests and tools)."""
    order = np.argsort(ULAW_TO_PCM16)
    sorted_values = ULAW_TO_PCM16[order].astype(np.int32)
    x = np.asarray(samples, dtype=np.int32)
    idx = np.clip(np.searchsorted(sorted_values, x), 1, 255)
    left, right = sorted_values[idx - 1], sorted_values[idx]
    idx = np.where(np.abs(x - left) <= np.abs(right - x), idx - 1, idx)
    return order[idx].astype(np.uint8).tobytes()


# --- PCM ---------------------------------------------------------------------------------


def pcm16_to_float(pcm: bytes | np.ndarray) -> np.ndarray:
    """16-bit little-endian PCM (bytes or int16 array) → float32 in [-1, 1)."""
    if isinstance(pcm, (bytes, bytearray, memoryview)):
        pcm = np.frombuffer(pcm, dtype="<i2")
    return pcm.astype(np.float32) / 32768.0


def float_to_pcm16(audio: np.ndarray) -> bytes:
    return (np.clip(audio, -1.0, 32767 / 32768) * 32768.0).astype("<i2").tobytes()


# --- resampling --------------------------------------------------------------------------


class StreamResampler:
    """Rational-ratio polyphase resampler (windowed-sinc FIR) that keeps its state
    between chunks, so a stream converted in 20 ms pieces equals the whole converted at once.
    """

    def __init__(self, in_rate: int, out_rate: int = MODEL_RATE, taps_per_phase: int = 24):
        g = math.gcd(in_rate, out_rate)
        self.in_rate, self.out_rate = in_rate, out_rate
        self.up, self.down = out_rate // g, in_rate // g
        self._identity = self.up == self.down
        if self._identity:
            return
        # Centre the filter on an upsampled position that is a whole number of output
        # samples, so whole-signal resampling can drop the delay exactly.
        center = self.down * max(1, (taps_per_phase * max(self.up, self.down) // 2)
                                  // self.down)
        span = 2 * center + 1
        cutoff = 0.95 * min(1.0 / self.up, 1.0 / self.down)  # relative to the upsampled Nyquist
        t = np.arange(span) - center
        h = cutoff * np.sinc(cutoff * t) * np.kaiser(span, 8.0) * self.up
        h = np.concatenate([h, np.zeros(-span % self.up)])
        k = len(h) // self.up
        # phases[p][j] multiplies x[base - j] for an output whose phase is p
        self._phases = np.stack([h[p::self.up] for p in range(self.up)]).astype(np.float32)
        self._k = k
        self._delay = center / self.up  # group delay in input samples
        self._out_delay = center // self.down  # the same, in output samples (exact)
        self._history = np.zeros(k - 1, dtype=np.float32)
        self._consumed = 0  # input samples seen
        self._next_out = 0  # index of the next output sample

    def process(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float32)
        if self._identity:
            return x
        buf = np.concatenate([self._history, x])
        total_in = self._consumed + len(x)
        # output m sits at upsampled position m*down; it needs input up to floor(m*down/up)
        last = (total_in * self.up - 1) // self.down if total_in else -1
        m = np.arange(self._next_out, last + 1, dtype=np.int64)
        if len(m):
            pos = m * self.down
            base = pos // self.up  # newest input sample used (absolute index)
            phase = pos % self.up
            offset = base - (self._consumed - len(self._history))  # index into buf
            idx = offset[:, None] - np.arange(self._k)[None, :]
            valid = idx >= 0
            window = np.where(valid, buf[np.clip(idx, 0, None)], 0.0)
            y = np.einsum("ij,ij->i", window, self._phases[phase])
        else:
            y = np.zeros(0, dtype=np.float32)
        self._next_out = last + 1
        self._consumed = total_in
        self._history = buf[-(self._k - 1):] if len(buf) >= self._k - 1 else np.concatenate(
            [np.zeros(self._k - 1 - len(buf), np.float32), buf])
        return y.astype(np.float32)

    @property
    def delay_s(self) -> float:
        """Group delay of the filter, in seconds of input."""
        return 0.0 if self._identity else self._delay / self.in_rate


def resample(audio: np.ndarray, in_rate: int, out_rate: int = MODEL_RATE) -> np.ndarray:
    """Resample a whole signal, compensating the filter delay (same length × ratio)."""
    if in_rate == out_rate:
        return np.asarray(audio, dtype=np.float32)
    r = StreamResampler(in_rate, out_rate)
    pad = int(math.ceil(r._delay)) + 1
    y = r.process(np.concatenate([np.asarray(audio, np.float32), np.zeros(pad, np.float32)]))
    shift = r._out_delay
    n_out = int(round(len(audio) * out_rate / in_rate))
    return y[shift:shift + n_out]


# --- WAV files ---------------------------------------------------------------------------


def read_wav(source: str | Path | bytes) -> tuple[np.ndarray, int]:
    """Read a mono or stereo WAV (16-bit PCM, 8-bit unsigned, or G.711 μ-law/A-law) →
    (int16 samples, sample rate); stereo is averaged to mono."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    fmt, channels, rate, bits, payload = _parse_wav(data)
    if fmt == 1 and bits == 16:
        samples = np.frombuffer(payload[: len(payload) // 2 * 2], dtype="<i2")
    elif fmt == 1 and bits == 8:
        samples = ((np.frombuffer(payload, dtype=np.uint8).astype(np.int16) - 128) << 8)
    elif fmt == 7:
        samples = ulaw_decode(payload)
    elif fmt == 6:
        samples = alaw_decode(payload)
    else:
        raise ValueError(f"unsupported WAV encoding (format {fmt}, {bits} bits): "
                         "use 16-bit PCM or G.711")
    if channels > 1:
        samples = samples[: len(samples) // channels * channels].reshape(-1, channels)
        samples = samples.mean(axis=1).astype(np.int16)
    return samples.astype(np.int16), rate


def _parse_wav(data: bytes) -> tuple[int, int, int, int, bytes]:
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a WAV file (no RIFF/WAVE header)")
    pos, fmt_chunk, payload = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], int.from_bytes(data[pos + 4:pos + 8], "little")
        body = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            fmt_chunk = body
        elif cid == b"data":
            payload = body
        pos += 8 + size + (size & 1)
    if fmt_chunk is None or payload is None:
        raise ValueError("WAV file has no fmt or data chunk")
    fmt = int.from_bytes(fmt_chunk[0:2], "little")
    if fmt == 0xFFFE and len(fmt_chunk) >= 26:  # WAVE_FORMAT_EXTENSIBLE
        fmt = int.from_bytes(fmt_chunk[24:26], "little")
    channels = int.from_bytes(fmt_chunk[2:4], "little")
    rate = int.from_bytes(fmt_chunk[4:8], "little")
    bits = int.from_bytes(fmt_chunk[14:16], "little")
    return fmt, channels, rate, bits, payload


def read_wav_16k(source: str | Path | bytes) -> np.ndarray:
    """Read a WAV file → 16 kHz mono float32, ready for the recognisers."""
    samples, rate = read_wav(source)
    return resample(pcm16_to_float(samples), rate, MODEL_RATE)


def wav_bytes(audio: np.ndarray, rate: int = MODEL_RATE) -> bytes:
    """float32 mono → a 16-bit PCM WAV file in memory (for HTTP backends)."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(float_to_pcm16(audio))
    return buf.getvalue()
