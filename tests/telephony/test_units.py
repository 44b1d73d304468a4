"""The softphone's plain parts without a SIP peer: settings, numbers, the agent-state
service and its server payload, PCM helpers, taps and the call recorder."""

from __future__ import annotations

import asyncio
import threading
import wave

import numpy as np
import pytest

from agent_desktop.telephony import (
    AgentState,
    AgentStateService,
    AudioTaps,
    CallChanged,
    CallDirection,
    CallInfo,
    CallState,
    SipSettings,
    Softphone,
    Transport,
)
from agent_desktop.telephony.audio import (
    AudioFrame,
    CallRecorder,
    PcmFifo,
    Resampler,
    mix,
    ring_tone,
)
from agent_desktop.telephony.models import number_from_uri


def test_settings_from_config_section():
    s = SipSettings.from_dict({
        "registrar": "sip:pbx.example.gov.cn:5080;transport=tcp", "user": "8001",
        "transport": "TCP", "auto_answer": "yes", "register_timeout_s": "3",
        "expires_s": "120", "unknown_key": 1,
    })
    assert s.transport is Transport.TCP and s.auto_answer is True
    assert s.register_timeout_s == 3.0 and s.expires_s == 120
    assert s.registrar_host == "pbx.example.gov.cn"
    assert s.sip_domain == "pbx.example.gov.cn:5080"
    assert s.auth_username == "8001" and s.configured
    assert SipSettings.from_dict(s.to_dict()) == s
    assert not SipSettings().configured


@pytest.mark.parametrize("uri,number", [
    ('"Zhang San" <sip:13800138000@pbx;user=phone>', "13800138000"),
    ("sip:02112345@10.0.0.1:5060", "02112345"),
    ("<sips:8001@pbx.example>", "8001"),
    ("tel:+8613800138000", "+8613800138000"),
])
def test_number_from_uri(uri, number):
    assert number_from_uri(uri) == number


def test_target_uri():
    phone = Softphone(SipSettings(registrar="127.0.0.1:5090", user="8001"), password="x")
    assert phone.target_uri("138 0013-8000") == "sip:13800138000@127.0.0.1:5090"
    assert phone.target_uri("8002@other.example") == "sip:8002@other.example"
    assert phone.target_uri("sip:x@y") == "sip:x@y"
    with pytest.raises(ValueError):
        phone.target_uri("not a number!")


def _call(state: CallState, consult_for=None) -> CallChanged:
    from datetime import datetime, timezone

    info = CallInfo("c1" if consult_for is None else "c2", CallDirection.INBOUND,
                    "sip:1@x", state, datetime.now(timezone.utc), consult_for=consult_for)
    return CallChanged(info, None)


async def test_agent_state_follows_calls_and_reports():
    reported = []
    agent = AgentStateService(reported.append, wrap_up_s=0.2)
    agent.set_ready()
    agent._on_softphone_event(_call(CallState.RINGING))
    assert agent.state is AgentState.READY  # ringing is not yet a call
    agent._on_softphone_event(_call(CallState.ACTIVE))
    agent._on_softphone_event(_call(CallState.ACTIVE, consult_for="c1"))  # ignored
    assert agent.state is AgentState.ON_CALL and agent.call_id == "c1"
    agent.set_not_ready("break")  # ignored during a call
    assert agent.state is AgentState.ON_CALL
    agent._on_softphone_event(_call(CallState.ENDED))
    assert agent.state is AgentState.WRAP_UP
    await asyncio.sleep(0.35)
    assert agent.state is AgentState.READY  # wrap-up timed out
    await asyncio.sleep(0.05)
    assert reported[-1]["state"] == "ready"  # reports coalesce: the newest state wins
    assert agent.payload() == {"state": "ready", "reason": ""}
    agent.set_not_ready("meal")
    await asyncio.sleep(0.05)
    assert reported[-1]["state"] == "not_ready" and reported[-1]["reason"] == "meal"
    with pytest.raises(ValueError):
        agent.set_not_ready("nap")
    await agent.aclose()


async def test_agent_state_report_retries_and_newest_wins():
    calls = []
    fail = {"n": 2}

    async def report(payload):
        calls.append(payload)
        if fail["n"] > 0:
            fail["n"] -= 1
            raise ConnectionError("server down")

    agent = AgentStateService(report, retry_max_s=0.05)
    agent.set_ready()
    await asyncio.sleep(0.01)
    agent.set_not_ready("meeting")  # changes while the first report is failing
    for _ in range(300):
        if agent.last_reported and agent.last_reported["reason"] == "meeting":
            break
        await asyncio.sleep(0.01)
    assert agent.last_reported["state"] == "not_ready"
    assert agent.last_report_error == ""
    assert len(calls) >= 3
    await agent.aclose()


def test_pcm_fifo_caps_and_pops():
    f = PcmFifo(10)
    f.push(b"0123456789AB")
    assert len(f) == 10 and f.dropped == 2
    assert f.pop_exact(12) is None
    assert f.pop(3) == b"23"  # even byte counts only
    assert f.pop_exact(4) == b"4567"


def test_resampler_keeps_telephone_band():
    rng = np.random.default_rng(7)
    x = rng.normal(0, 3000, 16000)
    spec = np.fft.rfft(x)
    freqs = np.fft.rfftfreq(len(x), 1 / 8000)
    spec[(freqs < 300) | (freqs > 3400)] = 0
    x = np.fft.irfft(spec, len(x))
    pcm = x.astype("<i2").tobytes()
    up, down = Resampler(8000, 16000), Resampler(16000, 8000)
    out = b"".join(down.process(up.process(pcm[i:i + 320])) for i in range(0, len(pcm), 320))
    y = np.frombuffer(out, dtype="<i2").astype(float)
    assert abs(len(y) - len(x)) < 80
    lag = int(np.argmax([np.dot(x[2000:6000], y[2000 + k:6000 + k]) for k in range(64)]))
    r = np.corrcoef(x[2000:6000], y[2000 + lag:6000 + lag])[0, 1]
    assert r > 0.999


def test_mix_clips_and_pads():
    a = np.array([30000, 1, 2], dtype="<i2").tobytes()
    b = np.array([30000, 1], dtype="<i2").tobytes()
    assert np.frombuffer(mix(a, b), dtype="<i2").tolist() == [32767, 2, 2]
    assert mix(a) == a and mix() == b""


def test_ring_tone_cadence():
    pcm = np.frombuffer(ring_tone(8000, 5.0), dtype="<i2")
    assert np.abs(pcm[:8000]).max() > 5000 and np.abs(pcm[8000:]).max() == 0


def test_call_recorder_aligns_legs(tmp_path):
    rec = CallRecorder(tmp_path / "r.wav", 8000)
    rec.add("caller", b"\x01\x00" * 160)
    rec.add("operator", b"\x02\x00" * 100)
    rec.close()
    with wave.open(str(tmp_path / "r.wav")) as w:
        assert w.getnchannels() == 2 and w.getnframes() == 160
        frames = np.frombuffer(w.readframes(160), dtype="<i2").reshape(-1, 2)
    assert frames[0].tolist() == [1, 2] and frames[-1].tolist() == [1, 0]


async def test_taps_deliver_on_loop_and_thread_and_filter_speakers():
    taps = AudioTaps(asyncio.get_running_loop())
    on_loop, on_thread, third = [], [], []
    loop_thread = threading.get_ident()
    taps.subscribe(lambda s, p, r, t: on_loop.append((s, threading.get_ident())))
    taps.subscribe(lambda s, p, r, t: on_thread.append(s), threaded=True)
    taps.subscribe(lambda s, p, r, t: third.append(s), threaded=True,
                   speakers=("third_party",))

    def media_thread():
        for speaker in ("caller", "operator", "third_party"):
            taps.publish(AudioFrame(speaker, b"\x00\x00" * 160, 8000, 0.0, "c1", 0.0))

    t = threading.Thread(target=media_thread)
    t.start()
    t.join()
    await asyncio.sleep(0.05)
    assert on_thread == ["caller", "operator"] and third == ["third_party"]
    assert [s for s, _ in on_loop] == ["caller", "operator"]
    assert all(tid == loop_thread for _, tid in on_loop)


async def test_tap_frames_async_iterator():
    taps = AudioTaps(asyncio.get_running_loop())
    got = []

    async def consume():
        async for frame in taps.frames():
            got.append(frame)
            if len(got) == 2:
                return

    task = asyncio.create_task(consume())
    await asyncio.sleep(0)
    for speaker in ("caller", "operator"):
        taps.publish(AudioFrame(speaker, b"\x00\x00", 8000, 0.0, "c1", 0.0))
    await asyncio.wait_for(task, 1)
    assert [f.speaker for f in got] == ["caller", "operator"] and got[0].duration_s > 0
