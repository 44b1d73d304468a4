"""The whole app on a real call: a citizen's phone (baresip) calls through kamailio, the
app's call bar rings, the operator clicks 接听, the caller's Mandarin words appear in
the app's live transcript, the work order gets the call id and number, and at hang-up
the transcript is saved with the call.

The one stand-in: the operator's headset (no sound card here) is `BufferAudio`, a
silent microphone and a speaker that keeps what it gets. The SIP peers, the embedded
server, the speech model and the Qt widgets are all real.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from agent_desktop.app import Workspace
from agent_desktop.config import Settings
from agent_desktop.paths import data_dir, resource
from agent_desktop.telephony import BufferAudio, SipSettings
from agent_desktop.telephony.secrets import store_sip_password
from tests.telephony.peers import BaresipPeer, Kamailio, free_port, free_port_range

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not (shutil.which("baresip") and shutil.which("sox")),
                                 reason="needs baresip and sox (scripts/system-deps.sh --test)")]


@pytest.fixture
def peers(tmp_path):
    kamailio = Kamailio(tmp_path / "kamailio")
    kamailio.start()
    wav = tmp_path / "citizen.wav"  # 0.5 s silence, a sentence about 公积金, then silence
    subprocess.run(["sox", str(resource("speech", "utterances", "c04.8k-ulaw.wav")), "-r",
                    "8000", "-c", "1", "-e", "signed", "-b", "16", str(wav), "pad", "0.5", "30"],
                   check=True)
    citizen = BaresipPeer(tmp_path / "citizen", "caller", kamailio.domain, wav)
    citizen.start()
    yield kamailio, citizen
    citizen.stop()
    kamailio.stop()


def test_a_call_rings_the_app_and_the_callers_words_reach_its_transcript(
        peers, qloop, arun, qtbot, memory_keyring):
    kamailio, citizen = peers
    sip = {"registrar": f"sip:{kamailio.domain}", "user": "operator1",
           "local_ip": "127.0.0.1", "local_port": free_port(2),
           "rtp_ports": free_port_range(20), "register_timeout_s": 2.0, "wrap_up_s": 0.0}
    store_sip_password(SipSettings.from_dict(sip), "op1secret")
    settings = Settings()
    settings.extra = {"sip": sip}
    ws = Workspace(settings, interactive=False, headset=BufferAudio(b"", 16000))
    arun(ws.start(), timeout=90)
    arun(ws.until_ready(), timeout=90)
    try:
        ws.window.show()
        bar, form = ws.call_bar, ws.order_form
        qtbot.waitUntil(lambda: ws.softphone.registration.state == "registered",
                        timeout=15_000)
        arun(ws.transcriber.wait_ready(timeout=60), timeout=70)

        citizen.cmd("dial", f"sip:operator1@{kamailio.domain}")
        qtbot.waitUntil(lambda: bar.answer_button.isEnabled(), timeout=15_000)
        call = ws.softphone.current_call
        assert call.caller_number and call.caller_number in bar.number_label.text()
        bar.answer_button.click()
        qtbot.waitUntil(lambda: form.call_id.text() == call.call_id, timeout=10_000)
        qtbot.waitUntil(lambda: "公积金" in ws.transcript_view.plain_text(), timeout=40_000)
        qtbot.waitUntil(lambda: any(s.speaker == "caller" and "公积金" in s.text
                                    for s in ws.transcriber.transcript().segments),
                        timeout=30_000)  # the final segment follows the partials

        bar.hangup_button.click()
        saved = data_dir() / "transcripts" / f"{call.call_id}.json"
        qtbot.waitUntil(saved.exists, timeout=20_000)
        body = json.loads(saved.read_text(encoding="utf-8"))
        assert body["call_id"] == call.call_id
        assert any("公积金" in seg["text"] for seg in body["segments"])
    finally:
        arun(ws.close(), timeout=60)
