"""Calls through a real kamailio with a real baresip caller (plays a WAV, records what it
hears) and a baresip "department" phone that answers by itself.

The operator's headset is `BufferAudio` here (no sound card): its microphone plays
operator.wav, so "the operator's voice" is a known signal; test_sounddevice_pulse.py runs
the same audio through PortAudio and PulseAudio.
"""

from __future__ import annotations

import asyncio
import time

import numpy as np
import pytest

from agent_desktop.telephony import (
    AgentState,
    BufferAudio,
    CallChanged,
    CallDirection,
    CallState,
    DtmfReceived,
    RegistrationState,
)

from .peers import best_correlation, read_pcm, wait_for


async def until(predicate, timeout: float = 10.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def peer_wait(peer, typ, since, timeout=10.0, **match):
    return asyncio.to_thread(peer.wait_event, typ, since, timeout, **match)


class Taps:
    """Collects both legs from the audio taps, with the arrival times."""

    def __init__(self, phone):
        self.pcm = {"caller": bytearray(), "operator": bytearray(), "third_party": bytearray()}
        self.rates = {}
        self.first = {}
        phone.audio_taps.subscribe(self.on_frame,
                                   speakers=("caller", "operator", "third_party"))

    def on_frame(self, speaker, pcm, rate, t):
        self.pcm.setdefault(speaker, bytearray()).extend(pcm)
        self.rates[speaker] = rate
        self.first.setdefault(speaker, time.monotonic())

    def array(self, speaker):
        return np.frombuffer(bytes(self.pcm[speaker]), dtype="<i2").astype(np.float64)

    def seconds(self, speaker):
        return len(self.pcm[speaker]) / 2 / self.rates.get(speaker, 8000)


@pytest.fixture
async def phone(kamailio, make_softphone):
    p = await make_softphone(kamailio.domain)
    await p.wait_registered(5)
    p.agent.set_ready()
    return p


@pytest.fixture(autouse=True)
def clean_peers(request):
    """Leave the module's baresip peers without calls after each test."""
    yield
    for name in ("caller", "supervisor"):
        if name in request.fixturenames:
            peer = request.getfixturevalue(name)
            if peer.alive():
                for _ in range(3):
                    peer.cmd("hangup")
    time.sleep(0.2)


async def ring_from(caller, phone, kamailio):
    mark = caller.mark()
    caller.cmd("dial", f"sip:operator1@{kamailio.domain}")
    call = await until(lambda: phone.current_call, 10, "an incoming call")
    assert call.state is CallState.RINGING
    return call, mark


async def test_answer_audio_both_ways_dtmf_and_caller_hangs_up(kamailio, caller, phone, signals):
    events = []
    phone.subscribe(events.append)
    taps = Taps(phone)
    caller.clear_recordings()
    call, mark = await ring_from(caller, phone, kamailio)
    assert call.direction is CallDirection.INBOUND
    assert call.caller_number == "caller"
    assert call.sip_call_id
    assert phone.audio.ringing  # the ringer rings (BufferAudio records it)

    info = await phone.answer()
    assert info.state is CallState.ACTIVE and info.answered_at is not None
    assert phone.agent.state is AgentState.ON_CALL
    assert not phone.audio.ringing
    await peer_wait(caller, "CALL_ESTABLISHED", mark)

    await asyncio.sleep(3.0)
    # DTMF both ways
    dmark = caller.mark()
    await phone.send_dtmf("12#")
    for digit in "12#":
        await peer_wait(caller, "CALL_DTMF_START", dmark, 5, param=digit)
    caller.cmd("sndcode", "5")
    await until(lambda: any(isinstance(e, DtmfReceived) and e.digit == "5" for e in events),
                5, "DTMF 5 from the caller")

    # the caller hangs up
    caller.cmd("hangup")
    await until(lambda: phone.current_call is None, 5, "the call to end")
    ended = [e.call for e in events if isinstance(e, CallChanged)
             and e.call.state is CallState.ENDED]
    assert ended and ended[-1].call_id == call.call_id and ended[-1].duration_s > 2.5
    assert phone.agent.state is AgentState.WRAP_UP  # wrap_up_s=0: until the operator is ready

    # the caller's voice reached the transcript tap ...
    assert taps.rates["caller"] == 8000
    assert taps.seconds("caller") > 2.5
    src, _ = read_pcm(signals["caller"])
    corr, lag = best_correlation(src, taps.array("caller"))
    assert corr > 0.95, f"caller audio at the tap does not match the source (r={corr:.3f})"
    # ... so did the operator's (the headset mic), as its own stream
    op_src, _ = read_pcm(signals["operator"])
    corr_op, _ = best_correlation(op_src, taps.array("operator"))
    assert corr_op > 0.99
    # ... and the operator's voice reached the caller (baresip's recording of what it heard)
    rec = await asyncio.to_thread(wait_for, lambda: caller.recordings("dec"), 5, 0.1, "rec")
    heard, rate = read_pcm(rec[-1])
    assert rate == 8000
    corr_heard, _ = best_correlation(op_src, heard)
    assert corr_heard > 0.9, f"the caller did not hear the operator (r={corr_heard:.3f})"


async def test_hold_resume_and_operator_hangs_up(kamailio, caller, phone):
    taps = Taps(phone)
    call, mark = await ring_from(caller, phone, kamailio)
    await phone.answer()
    await peer_wait(caller, "CALL_ESTABLISHED", mark)
    await asyncio.sleep(1.0)
    hmark = caller.mark()
    await phone.hold()
    assert phone.current_call.state is CallState.HELD
    await peer_wait(caller, "CALL_REMOTE_SDP", hmark, 5, param="offer")
    await asyncio.sleep(0.3)
    n_held = len(taps.pcm["caller"])
    await asyncio.sleep(1.0)
    assert len(taps.pcm["caller"]) == n_held, "no caller audio reaches the tap while held"
    await phone.resume()
    assert phone.current_call.state is CallState.ACTIVE
    await asyncio.sleep(1.0)
    assert len(taps.pcm["caller"]) > n_held + 8000, "audio flows again after resume"
    cmark = caller.mark()
    await phone.hangup()
    await peer_wait(caller, "CALL_CLOSED", cmark, 5)
    assert phone.current_call is None


async def test_mute_sends_silence(kamailio, caller, phone):
    taps = Taps(phone)
    call, mark = await ring_from(caller, phone, kamailio)
    await phone.answer()
    await asyncio.sleep(0.8)
    phone.set_muted(True)
    assert phone.current_call.muted
    await asyncio.sleep(0.3)
    n = len(taps.pcm["operator"])
    await asyncio.sleep(1.0)
    assert len(taps.pcm["operator"]) == n, "a muted operator is not transcribed"
    phone.set_muted(False)
    await asyncio.sleep(0.5)
    assert len(taps.pcm["operator"]) > n
    await phone.hangup()


async def test_reject(kamailio, caller, phone):
    call, mark = await ring_from(caller, phone, kamailio)
    await phone.reject()
    ev = await peer_wait(caller, "CALL_CLOSED", mark, 5)
    assert "486" in ev.get("param", "")
    await until(lambda: phone.current_call is None, 5, "the call to end")
    assert phone.agent.state is AgentState.READY  # never talked: no wrap-up


async def test_auto_answer(kamailio, caller, make_softphone):
    phone = await make_softphone(kamailio.domain, auto_answer=True)
    await phone.wait_registered(5)
    phone.agent.set_ready()
    mark = caller.mark()
    t0 = time.monotonic()
    caller.cmd("dial", f"sip:operator1@{kamailio.domain}")
    await peer_wait(caller, "CALL_ESTABLISHED", mark, 5)
    assert time.monotonic() - t0 < 2.0
    assert phone.current_call.state is CallState.ACTIVE
    await phone.hangup()
    # not ready: no auto-answer
    phone.agent.set_not_ready("break")
    call, mark = await ring_from(caller, phone, kamailio)
    await asyncio.sleep(0.5)
    assert phone.current_call.state is CallState.RINGING
    await phone.reject()


async def test_outbound_call_back_to_citizen(kamailio, caller, phone, signals):
    taps = Taps(phone)
    mark = caller.mark()
    info = await phone.dial("caller")
    assert info.direction is CallDirection.OUTBOUND and info.state is CallState.DIALING
    await peer_wait(caller, "CALL_INCOMING", mark, 5)
    caller.cmd("accept")
    await phone.wait_answered(info.call_id, 5)
    assert phone.current_call.state is CallState.ACTIVE
    await asyncio.sleep(2.0)
    src, _ = read_pcm(signals["caller"])
    corr, _ = best_correlation(src, taps.array("caller"))
    assert corr > 0.95
    cmark = caller.mark()
    await phone.hangup()
    await peer_wait(caller, "CALL_CLOSED", cmark, 5)


async def test_blind_transfer(kamailio, caller, supervisor, phone):
    call, mark = await ring_from(caller, phone, kamailio)
    await phone.answer()
    await asyncio.sleep(0.5)
    smark = supervisor.mark()
    await phone.blind_transfer("supervisor")
    ev = await peer_wait(supervisor, "CALL_ESTABLISHED", smark, 10)
    assert "caller" in ev.get("peeruri", "")
    ended = phone.call(call.call_id)
    assert ended.state is CallState.ENDED and ended.end_reason == "transferred"


async def test_consult_then_hand_over(kamailio, caller, supervisor, phone, signals):
    taps = Taps(phone)
    call, mark = await ring_from(caller, phone, kamailio)
    await phone.answer()
    await asyncio.sleep(0.5)
    consult = await phone.start_consultation("supervisor")
    assert consult.state is CallState.ACTIVE and consult.consult_for == call.call_id
    assert phone.current_call.state is CallState.HELD  # the caller waits on hold
    await asyncio.sleep(1.5)
    # the department's voice is tapped as its own stream
    sup_src, _ = read_pcm(signals["supervisor"])
    corr, _ = best_correlation(sup_src, taps.array("third_party"))
    assert corr > 0.95
    xmark = supervisor.mark()
    await phone.complete_transfer()
    assert phone.current_call is None and phone.consult_call is None
    # the caller now talks to the department directly
    ev = await peer_wait(supervisor, "CALL_ESTABLISHED", xmark, 10)
    assert "caller" in ev.get("peeruri", "")
    assert phone.call(call.call_id).end_reason == "transferred"


async def test_consult_three_way_and_cancel(kamailio, caller, supervisor, make_softphone,
                                            signals):
    # A silent microphone: whatever the caller hears in the conference is the department.
    phone = await make_softphone(kamailio.domain, audio=BufferAudio(b"", 8000))
    await phone.wait_registered(5)
    phone.agent.set_ready()
    caller.clear_recordings()
    call, mark = await ring_from(caller, phone, kamailio)
    await phone.answer()
    await asyncio.sleep(0.5)
    await phone.start_consultation("supervisor")
    await phone.cancel_consultation()  # back to the caller
    assert phone.consult_call is None
    assert phone.current_call.state is CallState.ACTIVE
    await phone.start_consultation("supervisor")
    await phone.conference()
    assert phone.current_call.conferenced and phone.consult_call.conferenced
    assert phone.current_call.state is CallState.ACTIVE
    await asyncio.sleep(3.0)
    # the department hears the caller through the operator's mix (the operator's mic is
    # silent; baresip's own recording of the caller breaks after the hold, the
    # department's call was never held)
    smark = supervisor.mark()
    cmark = caller.mark()
    await phone.hangup()  # the operator leaves: both calls end
    await peer_wait(caller, "CALL_CLOSED", cmark, 5)
    await peer_wait(supervisor, "CALL_CLOSED", smark, 5)
    await until(lambda: phone.consult_call is None, 5, "the consultation to end")
    rec = await asyncio.to_thread(wait_for, lambda: supervisor.recordings("dec"), 5, 0.1, "rec")
    heard, _ = read_pcm(rec[-1])
    c_src, _ = read_pcm(signals["caller"])
    corr, _ = best_correlation(c_src, heard[-3 * 8000:])
    assert corr > 0.9, f"the department did not hear the caller (r={corr:.3f}, {rec})"


async def test_recording_to_wav(kamailio, caller, make_softphone, tmp_path, signals):
    phone = await make_softphone(kamailio.domain, record_calls=True,
                                 recordings_dir=str(tmp_path / "rec"))
    await phone.wait_registered(5)
    call, mark = await ring_from(caller, phone, kamailio)
    await phone.answer()
    await asyncio.sleep(2.5)
    await phone.hangup()
    path = phone.call(call.call_id).recording_path
    assert path and path.endswith(".wav")
    stereo, rate = read_pcm(tmp_path / "rec" / path.split("/")[-1])
    assert rate == 8000 and stereo.shape[1] == 2 and len(stereo) > 2 * 8000
    c_src, _ = read_pcm(signals["caller"])
    o_src, _ = read_pcm(signals["operator"])
    # half-second windows: under CPU load a frame may miss and be recorded as silence
    assert best_correlation(c_src, stereo[:, 0], 4000, 8)[0] > 0.95  # left: the caller
    assert best_correlation(o_src, stereo[:, 1], 4000, 8)[0] > 0.95  # right: the operator


async def test_registered_phone_shows_in_events(phone):
    assert phone.registration.state is RegistrationState.REGISTERED
