"""The lead on the operator's line (listen, whisper, barge) with real SIP peers: a baresip
caller and a baresip lead phone (answers by itself) registered with kamailio, the app's
softphone as the operator. Every party speaks its own tone — caller 500 Hz, operator
800 Hz (the headset stand-in's microphone), lead 1250 Hz — and what each one heard
(baresip's recordings, the operator's speaker) is checked for the others' tones."""

from __future__ import annotations

import asyncio
import subprocess
import wave

import numpy as np
import pytest

from agent_desktop.telephony import BufferAudio, CallState
from agent_desktop.telephony.supervision import LeadLine

from .conftest import _missing
from .peers import BaresipPeer, read_pcm, wait_for
from .test_calls import peer_wait, until

CALLER_HZ, OPERATOR_HZ, LEAD_HZ = 500, 800, 1250
PRESENT, ABSENT = 0.03, 0.003  # share of the signal's power in the tone's band


def tone(path, freq, seconds=90):
    if not path.exists():
        subprocess.run(["sox", "-n", "-r", "8000", "-c", "1", "-b", "16", str(path), "synth",
                        str(seconds), "sine", str(freq), "vol", "0.25"], check=True)
    return path


def tone_shares(pcm: np.ndarray, rate: int = 8000) -> dict[int, float]:
    """Share of the power of `pcm` within ±15 Hz of each party's tone."""
    pcm = np.asarray(pcm, dtype=np.float64)
    if pcm.ndim > 1:
        pcm = pcm[:, 0]
    if len(pcm) < rate // 2 or not np.any(pcm):
        return {CALLER_HZ: 0.0, OPERATOR_HZ: 0.0, LEAD_HZ: 0.0}
    spec = np.abs(np.fft.rfft(pcm * np.hanning(len(pcm)))) ** 2
    freqs = np.fft.rfftfreq(len(pcm), 1 / rate)
    total = spec.sum()
    return {f: float(spec[(freqs > f - 15) & (freqs < f + 15)].sum() / total)
            for f in (CALLER_HZ, OPERATOR_HZ, LEAD_HZ)}


@pytest.fixture(scope="module")
def tones(tmp_path_factory):
    if _missing("sox", "baresip"):
        pytest.skip("needs sox and baresip (scripts/system-deps.sh --test)")
    d = tmp_path_factory.mktemp("tones")
    return {"caller": tone(d / "caller.wav", CALLER_HZ),
            "operator": tone(d / "operator.wav", OPERATOR_HZ),
            "lead": tone(d / "lead.wav", LEAD_HZ)}


@pytest.fixture(scope="module")
def citizen(tmp_path_factory, kamailio, tones):
    peer = BaresipPeer(tmp_path_factory.mktemp("citizen"), "caller", kamailio.domain,
                       tones["caller"])
    peer.start()
    yield peer
    peer.stop()


@pytest.fixture(scope="module")
def lead_phone(tmp_path_factory, kamailio, tones):
    """The lead's desk phone: SIP user `supervisor`, answers by itself."""
    peer = BaresipPeer(tmp_path_factory.mktemp("lead"), "supervisor", kamailio.domain,
                       tones["lead"], answermode="auto")
    peer.start()
    yield peer
    peer.stop()


@pytest.fixture
async def operator(kamailio, make_softphone, tones):
    with wave.open(str(tones["operator"])) as w:
        mic = w.readframes(w.getnframes())
    phone = await make_softphone(kamailio.domain, audio=BufferAudio(mic, 8000))
    await phone.wait_registered(5)
    phone.agent.set_ready()
    yield phone


async def answered_call(citizen, phone, kamailio):
    mark = citizen.mark()
    citizen.cmd("dial", f"sip:operator1@{kamailio.domain}")
    await until(lambda: phone.current_call, 10, "the citizen's call")
    await phone.answer()
    await peer_wait(citizen, "CALL_ESTABLISHED", mark)
    return mark


def heard_by(peer, since_files: set) -> np.ndarray:
    """What `peer` heard on its newest call (baresip's decoded-audio recording)."""
    recs = wait_for(lambda: [p for p in peer.recordings("dec") if p not in since_files],
                    5, 0.1, f"{peer.user}'s recording")
    pcm, rate = read_pcm(recs[-1])
    assert rate == 8000
    return pcm


def speaker_between(phone, start: int, end: int) -> np.ndarray:
    return np.frombuffer(bytes(phone.audio.played[start:end]), dtype="<i2")


@pytest.mark.parametrize("mode", ["listen", "whisper", "barge"])
async def test_who_hears_whom(mode, kamailio, citizen, lead_phone, operator):
    citizen_files, lead_files = set(citizen.recordings()), set(lead_phone.recordings())
    await answered_call(citizen, operator, kamailio)
    line = LeadLine(operator)
    states = []
    line.changed.connect(states.append)
    lmark = lead_phone.mark()
    state = await line.join("supervisor", mode, lead_name="班长")
    assert state.connected and state.mode == mode and state.lead == "班长"
    ev = await peer_wait(lead_phone, "CALL_ESTABLISHED", lmark)
    assert "operator1" in ev.get("peeruri", "")  # the operator's phone called the lead
    await asyncio.sleep(0.6)
    start = len(operator.audio.played)
    await asyncio.sleep(3.0)
    end = len(operator.audio.played)
    cmark = lead_phone.mark()
    await line.leave()
    await peer_wait(lead_phone, "CALL_CLOSED", cmark, 5)
    assert not line.active and states[-1].mode is None
    assert operator.current_call.state is CallState.ACTIVE  # the citizen's call goes on
    await asyncio.sleep(0.5)
    after = len(operator.audio.played)
    await asyncio.sleep(1.0)
    hmark = citizen.mark()
    await operator.hangup()
    await peer_wait(citizen, "CALL_CLOSED", hmark, 5)

    lead = tone_shares(heard_by(lead_phone, lead_files))
    citizen_heard = tone_shares(heard_by(citizen, citizen_files))
    op_heard = tone_shares(speaker_between(operator, start, end))
    op_after = tone_shares(speaker_between(operator, after, len(operator.audio.played)))
    print(mode, "lead", lead, "citizen", citizen_heard, "operator", op_heard, op_after)

    # the lead hears both parties in every mode
    assert lead[CALLER_HZ] > PRESENT and lead[OPERATOR_HZ] > PRESENT
    assert citizen_heard[OPERATOR_HZ] > PRESENT and op_heard[CALLER_HZ] > PRESENT
    if mode == "listen":  # nobody hears the lead
        assert op_heard[LEAD_HZ] < ABSENT and citizen_heard[LEAD_HZ] < ABSENT
    elif mode == "whisper":  # the operator does, the citizen does not
        assert op_heard[LEAD_HZ] > PRESENT and citizen_heard[LEAD_HZ] < ABSENT
    else:  # barge: everyone hears everyone
        assert op_heard[LEAD_HZ] > PRESENT and citizen_heard[LEAD_HZ] > PRESENT
        assert lead[CALLER_HZ] > PRESENT
    assert op_after[LEAD_HZ] < ABSENT  # the lead has left


async def test_mode_changes_on_one_call_and_the_line_ends_with_the_call(
        kamailio, citizen, lead_phone, operator):
    await answered_call(citizen, operator, kamailio)
    line = LeadLine(operator)
    lmark = lead_phone.mark()
    await line.join("supervisor", "listen")
    phases = {}
    for mode in ("listen", "whisper", "barge"):
        if mode != "listen":
            line.set_mode(mode)
            assert line.state.mode == mode and line.state.connected
        await asyncio.sleep(0.5)
        start = len(operator.audio.played)
        await asyncio.sleep(1.5)
        phases[mode] = tone_shares(speaker_between(operator, start,
                                                   len(operator.audio.played)))
    # one SIP call for all three modes
    established = [e for e in lead_phone.events[lmark:] if e.get("type") == "CALL_ESTABLISHED"]
    assert len(established) == 1
    assert phases["listen"][LEAD_HZ] < ABSENT
    assert phases["whisper"][LEAD_HZ] > PRESENT and phases["barge"][LEAD_HZ] > PRESENT
    # asking again while the lead is on the line only changes the mode
    await line.join("supervisor", "listen")
    assert line.state.mode == "listen"
    # the citizen hangs up: the lead's line ends too
    cmark = lead_phone.mark()
    citizen.cmd("hangup")
    await peer_wait(lead_phone, "CALL_CLOSED", cmark, 5)
    await until(lambda: not line.active, 5, "the lead's line to end")


async def test_no_call_no_supervision_and_unreachable_lead(kamailio, citizen, operator):
    from agent_desktop.telephony import SoftphoneNotReady
    from agent_desktop.telephony.backend import SipError

    line = LeadLine(operator, answer_timeout_s=5)
    with pytest.raises(SoftphoneNotReady):
        await line.join("supervisor", "listen")
    with pytest.raises(ValueError):
        await line.join("sip:evil@example.com", "listen")
    await answered_call(citizen, operator, kamailio)
    with pytest.raises(SipError):  # nobody registered as operator2: 404 from kamailio
        await line.join("operator2", "listen")
    assert not line.active and line.state.error
    assert operator.current_call.state is CallState.ACTIVE
    await operator.hangup()


async def test_the_servers_events_bring_the_lead_on_and_off_the_line(
        kamailio, citizen, lead_phone, operator):
    from datetime import UTC, datetime

    from agent_desktop.calls.supervision import SupervisionBinding
    from agent_desktop.domain.models import Event

    def event(type_, **data):
        return Event(id=1, type=type_, at=datetime.now(UTC), data=data)

    binding = SupervisionBinding(LeadLine(operator), username="operator1")
    await answered_call(citizen, operator, kamailio)
    # another operator's call: nothing happens
    binding.on_event(event("supervision.started", call_id="x", operator="operator2",
                           lead="lead1", sip_user="supervisor", mode="listen"))
    await binding.drain()
    assert not binding.line.active
    lmark = lead_phone.mark()
    binding.on_event(event("supervision.started", call_id="x", operator="operator1",
                           lead="lead1", lead_name="王班长", sip_user="supervisor",
                           mode="listen"))
    await binding.drain()
    await peer_wait(lead_phone, "CALL_ESTABLISHED", lmark)
    assert binding.line.state.mode == "listen" and binding.line.state.lead == "王班长"
    binding.on_event(event("supervision.started", call_id="x", operator="operator1",
                           lead="lead1", sip_user="supervisor", mode="barge"))
    await binding.drain()
    assert binding.line.state.mode == "barge"
    cmark = lead_phone.mark()
    binding.on_event(event("supervision.ended", call_id="x", operator="operator1"))
    await binding.drain()
    await peer_wait(lead_phone, "CALL_CLOSED", cmark, 5)
    assert not binding.line.active
    await operator.hangup()
