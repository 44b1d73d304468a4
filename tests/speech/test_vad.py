"""Voice activity detection on real speech (Silero VAD v6 ONNX, shipped in faster-whisper)."""

from __future__ import annotations

import numpy as np

from agent_desktop.speech.audio import read_wav_16k
from agent_desktop.speech.vad import FRAME, UtteranceSegmenter


def _events(audio, chunk=320, **kw):
    seg = UtteranceSegmenter(**kw)
    events = []
    for i in range(0, len(audio), chunk):
        events += seg.push(audio[i:i + chunk])
    return events, seg


def test_silence_makes_no_events():
    events, seg = _events(np.zeros(16000 * 2, np.float32))
    assert events == [] and not seg.in_speech


def test_one_utterance_has_one_start_and_one_end(wav):
    audio = read_wav_16k(wav("o03"))
    audio = np.concatenate([audio, np.zeros(16000, np.float32)])
    events, _ = _events(audio)
    kinds = [e.kind for e in events]
    assert kinds[0] == "start" and kinds[-1] == "end"
    assert kinds.count("start") == 1 and kinds.count("end") == 1
    start, end = events[0].sample / 16000, events[-1].sample / 16000
    assert 0.15 < start < 0.6  # 0.3 s of silence lead the file
    assert 1.5 < end - start < len(audio) / 16000


def test_a_gap_splits_two_utterances_and_a_comma_pause_does_not(wav):
    a, b = read_wav_16k(wav("o05")), read_wav_16k(wav("o07"))
    audio = np.concatenate([a, np.zeros(16000, np.float32), b, np.zeros(16000, np.float32)])
    events, _ = _events(audio, end_silence_s=0.7)
    assert [e.kind for e in events].count("end") == 2
    # c01 has comma pauses of ~0.25 s: pauses may be reported, but only one utterance
    c01 = np.concatenate([read_wav_16k(wav("c01")), np.zeros(16000, np.float32)])
    events, _ = _events(c01, end_silence_s=0.7)
    assert [e.kind for e in events].count("start") == 1


def test_chunking_does_not_change_the_result(wav):
    audio = np.concatenate([read_wav_16k(wav("o02")), np.zeros(16000, np.float32)])
    a, _ = _events(audio, chunk=160)
    b, _ = _events(audio, chunk=FRAME * 7)
    assert a == b
