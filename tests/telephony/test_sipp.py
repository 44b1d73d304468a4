"""Scripted SIP cases with SIPp through kamailio: a caller who gives up before the operator
answers (CANCEL), and a caller whose phone holds and resumes by re-INVITE, streams RTP
from a μ-law WAV and hangs up itself."""

from __future__ import annotations

import asyncio
import time

import pytest

from agent_desktop.telephony import AgentState, CallChanged, CallState

from .peers import Sipp, best_correlation, make_ulaw_wav, read_pcm

pytestmark = pytest.mark.skipif(
    __import__("shutil").which("sipp") is None, reason="SIPp is not installed (sip-tester)")

_HEAD = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
"""

_INVITE = """
  <send retrans="500">
    <![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "Citizen" <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:13800138000@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=sipp 1 1 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [rtpstream_audio_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=sendrecv
    ]]>
  </send>
"""

CANCEL_BEFORE_ANSWER = _HEAD + """<scenario name="caller gives up while it rings">
""" + _INVITE + """
  <recv response="100" optional="true"/>
  <recv response="180"/>
  <pause milliseconds="1200"/>
  <send>
    <![CDATA[
      CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      [last_Via:]
      From: "Citizen" <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 CANCEL
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <!-- kamailio answers the CANCEL itself and relays the UA's 487: the two may arrive
       in either order, so the 200 is accepted wherever it comes -->
  <recv response="200" optional="global"/>
  <recv response="487"/>
  <send>
    <![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      [last_Via:]
      From: "Citizen" <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
</scenario>
"""


def _in_dialog(method: str, cseq: int, sdp_dir: str | None, version: int = 2) -> str:
    body = ""
    ctype = ""
    if sdp_dir:
        ctype = "Content-Type: application/sdp\n      "
        body = f"""
      v=0
      o=sipp 1 {version} IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [rtpstream_audio_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a={sdp_dir}"""
    return f"""
  <send retrans="500">
    <![CDATA[
      {method} [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      [routes]
      From: "Citizen" <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To:[$to_hdr]
      Call-ID: [call_id]
      CSeq: {cseq} {method}
      Contact: <sip:13800138000@[local_ip]:[local_port]>
      Max-Forwards: 70
      {ctype}Content-Length: [len]
{body}
    ]]>
  </send>
"""


def _ack(cseq: int) -> str:
    return f"""
  <send>
    <![CDATA[
      ACK [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      [routes]
      From: "Citizen" <sip:13800138000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To:[$to_hdr]
      Call-ID: [call_id]
      CSeq: {cseq} ACK
      Contact: <sip:13800138000@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
"""


# baresip-python refreshes the session with a re-INVITE right after answering: accept it
# (it may not come; then carry on after 1.5 s).
_ANSWER_UA_REINVITE = """
  <recv request="INVITE" timeout="1500" ontimeout="after_ua_reinvite"/>
  <send>
    <![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_Record-Route:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:13800138000@[local_ip]:[local_port]>
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=sipp 1 2 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [rtpstream_audio_port] RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=sendrecv
    ]]>
  </send>
  <recv request="ACK"/>
  <label id="after_ua_reinvite"/>
"""


def reinvite_hold_scenario(ulaw_wav: str) -> str:
    return (_HEAD + '<scenario name="caller holds and resumes by re-INVITE, then hangs up">\n'
            + _INVITE
            + """
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rrs="true">
    <action><ereg regexp=".*" search_in="hdr" header="To:" assign_to="to_hdr"/></action>
  </recv>
""" + _ack(1) + _ANSWER_UA_REINVITE + f"""
  <nop><action><exec rtp_stream="{ulaw_wav},-1,0"/></action></nop>
  <pause milliseconds="2500"/>
""" + _in_dialog("INVITE", 2, "sendonly", 3) + """
  <recv response="100" optional="true"/>
  <recv response="200"/>
""" + _ack(2) + """
  <pause milliseconds="1200"/>
""" + _in_dialog("INVITE", 3, "sendrecv", 4) + """
  <recv response="100" optional="true"/>
  <recv response="200"/>
""" + _ack(3) + """
  <pause milliseconds="1500"/>
  <nop><action><exec rtp_stream="pause"/></action></nop>
""" + _in_dialog("BYE", 4, None) + """
  <recv response="200"/>
  <Reference variables="to_hdr"/>
</scenario>
""")


async def _until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.02)


async def test_cancel_before_answer(tmp_path, kamailio, make_softphone):
    phone = await make_softphone(kamailio.domain)
    await phone.wait_registered(5)
    phone.agent.set_ready()
    events = []
    phone.subscribe(events.append)
    sipp = Sipp(tmp_path, CANCEL_BEFORE_ANSWER, kamailio.domain, name="cancel")
    sipp.start()
    try:
        await _until(lambda: phone.current_call is not None, 10, "ringing")
        call = phone.current_call
        assert call.state is CallState.RINGING and call.caller_number == "13800138000"
        assert phone.audio.ringing
        rc = await asyncio.to_thread(sipp.wait, 20)
        assert rc == 0, sipp.log_text()[-3000:] + sipp.messages()[-3000:]
    finally:
        sipp.stop()
    await _until(lambda: phone.current_call is None, 5, "the call to end")
    ended = phone.call(call.call_id)
    assert ended.state is CallState.ENDED and ended.answered_at is None
    await _until(lambda: not phone.audio.ringing, 2, "the ringer to stop")
    assert phone.agent.state is AgentState.READY  # a missed call does not start wrap-up
    assert [e.call.state for e in events if isinstance(e, CallChanged)] == [
        CallState.RINGING, CallState.ENDED]


async def test_reinvite_hold_resume_rtp_and_remote_bye(tmp_path, kamailio, make_softphone,
                                                        signals):
    ulaw = make_ulaw_wav(signals["caller"], tmp_path / "caller_ulaw.wav")
    phone = await make_softphone(kamailio.domain, auto_answer=True)
    await phone.wait_registered(5)
    phone.agent.set_ready()
    events = []
    phone.subscribe(events.append)
    caller_pcm = bytearray()
    phone.audio_taps.subscribe(
        lambda speaker, pcm, rate, t: caller_pcm.extend(pcm) if speaker == "caller" else None)
    sipp = Sipp(tmp_path, reinvite_hold_scenario(str(ulaw)), kamailio.domain, name="hold")
    sipp.start()
    try:
        rc = await asyncio.to_thread(sipp.wait, 30)
        assert rc == 0, sipp.log_text()[-3000:] + sipp.messages()[-4000:]
    finally:
        sipp.stop()
    await _until(lambda: phone.current_call is None, 5, "the remote hang-up")
    holds = [e.call.remote_on_hold for e in events if isinstance(e, CallChanged)]
    assert True in holds, "the caller's hold (a=sendonly) was not seen"
    assert holds.index(True) < len(holds) - 1 and False in holds[holds.index(True):], \
        "the caller's resume was not seen"
    ended = [e.call for e in events if isinstance(e, CallChanged)][-1]
    assert ended.state is CallState.ENDED and ended.answered_at is not None
    assert phone.agent.state is AgentState.WRAP_UP
    # SIPp's RTP (μ-law of caller.wav) reached the transcript tap
    import numpy as np

    src, _ = read_pcm(signals["caller"])
    got = np.frombuffer(bytes(caller_pcm), dtype="<i2").astype(float)
    corr, _ = best_correlation(src, got)
    assert corr > 0.95, f"r={corr:.3f}"
