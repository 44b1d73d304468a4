"""The call queue with real SIP: callers (baresip) dial the hotline number 12345 through
kamailio, which asks the server where each call goes (http_client); the server picks the
operator idle longest or parks the call at the queue user agent (a baresip that answers
with hold audio), tells it to transfer the call when an operator becomes ready, and counts
a caller who hangs up while waiting as abandoned.

The operators' phones here are Debian's baresip, driven the way the app drives its
softphone: they register with kamailio, and their "app" reports the seat (`PUT /acd/me`)
and the agent state over the server's API. The queue UA's ctrl_tcp belongs to the server
(baresip sends its events to the newest connection), so the test watches the callers. (The app's own softphone is one per process;
two operators need two.)"""

from __future__ import annotations

import shutil
import subprocess

import httpx
import pytest

from tests.server.server_helpers import events_of, login, ok
from tests.telephony.peers import BaresipPeer, Kamailio, free_port, wait_for

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not (shutil.which("baresip") and shutil.which("sox")
                                      and shutil.which("kamailio")),
                                 reason="needs kamailio, baresip and sox "
                                        "(scripts/system-deps.sh --test)"),
              pytest.mark.skipif(not __import__("os").path.exists(
                  "/usr/lib/x86_64-linux-gnu/kamailio/modules/http_client.so"),
                  reason="needs kamailio's http_client (kamailio-utils-modules)")]

KEY = "e2e-acd-key"


def tone(path, seconds, freq):
    subprocess.run(["sox", "-n", "-r", "8000", "-c", "1", "-b", "16", str(path), "synth",
                    str(seconds), "sine", str(freq), "vol", "0.2"], check=True)
    return path


@pytest.fixture
def hotline(tmp_path, server_factory, monkeypatch):
    kport = free_port(1)
    domain = f"127.0.0.1:{kport}"
    hold = tone(tmp_path / "hold.wav", 120, 440)
    queue = BaresipPeer(tmp_path / "queue", "queue", domain, hold, answermode="auto")
    monkeypatch.setenv("AGENT_DESKTOP_ACD_KEY", KEY)
    monkeypatch.setenv("AGENT_DESKTOP_ACD_DOMAIN", domain)
    monkeypatch.setenv("AGENT_DESKTOP_ACD_QUEUE_URI", f"sip:queue@{domain}")
    monkeypatch.setenv("AGENT_DESKTOP_ACD_QUEUE_CTRL", f"127.0.0.1:{queue.ctrl_port}")
    kamailio = Kamailio(tmp_path / "kamailio", kport, acd_url="http://127.0.0.1:" +
                        str(server_port := free_port(1)), acd_key=KEY)
    kamailio.start()
    queue.start()
    server = server_factory(port=server_port)
    voice = tone(tmp_path / "voice.wav", 120, 300)
    peers = {name: BaresipPeer(tmp_path / name, name, domain, voice)
             for name in ("operator1", "operator2", "caller", "caller2")}
    for p in peers.values():
        p.start()
    yield server, kamailio, queue, peers
    for p in [*peers.values(), queue]:
        p.stop()
    kamailio.stop()


def test_ready_operator_queue_transfer_and_abandon(hotline):
    server, kamailio, queue, peers = hotline
    op1, lead = login(server.url, "operator1"), login(server.url, "lead1")
    # operator1's app: seat 'operator1', ready; lead1 takes calls on seat 'operator2'
    ok_seat = op1.put("/api/v1/acd/me", json={"sip_user": "operator1", "skills": []})
    assert ok_seat.status_code == 204
    assert lead.put("/api/v1/acd/me", json={"sip_user": "operator2"}).status_code == 204
    ok(op1.put("/api/v1/agents/me/state", json={"state": "ready"}))
    ok(lead.put("/api/v1/agents/me/state", json={"state": "not_ready", "reason": "会议"}))
    hotline_uri = f"sip:12345@{kamailio.domain}"

    with login(server.url, "lead1").stream("GET", "/api/v1/events") as board:
        # 1. a ready operator gets the call
        m = peers["operator1"].mark()
        peers["caller"].cmd("dial", hotline_uri)
        incoming = peers["operator1"].wait_event("CALL_INCOMING", m, timeout=15)
        peers["operator1"].cmd("accept")
        peers["operator1"].wait_event("CALL_ESTABLISHED", m, timeout=10)
        ok(op1.put("/api/v1/agents/me/state", json={"state": "on_call"}))

        # 2. nobody is free: the next caller waits at the queue UA, hearing hold audio
        mc = peers["caller2"].mark()
        peers["caller2"].cmd("dial", hotline_uri)
        held = peers["caller2"].wait_event("CALL_ESTABLISHED", mc, timeout=15)
        assert held["peeruri"].startswith("sip:12345@")  # answered by the queue UA
        picture = ok(lead.get("/api/v1/queue"))
        assert len(picture["waiting"]) == 1 and picture["waiting"][0]["caller"] == "caller2"

        # 3. the lead becomes ready: the queue UA transfers the caller to them
        m2 = peers["operator2"].mark()
        ok(lead.put("/api/v1/agents/me/state", json={"state": "ready"}))
        peers["operator2"].wait_event("CALL_INCOMING", m2, timeout=20)
        peers["operator2"].cmd("accept")
        peers["operator2"].wait_event("CALL_ESTABLISHED", m2, timeout=10)
        ok(lead.put("/api/v1/agents/me/state", json={"state": "on_call"}))

        # 4. a third caller waits and hangs up: abandoned
        peers["caller"].cmd("hangup")
        ok(op1.put("/api/v1/agents/me/state", json={"state": "wrap_up"}))
        mc = peers["caller"].mark()
        peers["caller"].cmd("dial", hotline_uri)
        peers["caller"].wait_event("CALL_ESTABLISHED", mc, timeout=15)
        wait_for(lambda: ok(lead.get("/api/v1/queue"))["waiting"], 10, what="queued")
        peers["caller"].cmd("hangup")
        types = []
        for e in events_of(board):
            if e.type.startswith("queue."):
                types.append((e.type, e.data.get("username")))
            if e.type == "queue.abandoned":
                break

    assert ("queue.routed", "operator1") in types
    assert ("queue.transferred", "lead1") in types
    assert ("queue.answered", "lead1") in types
    picture = wait_for(lambda: (p := ok(lead.get("/api/v1/queue")))["abandoned_today"] and p,
                       10, what="abandoned counted")
    assert picture["offered_today"] == 3 and picture["answered_today"] == 2
    assert picture["waiting"] == [] and picture["abandon_rate"] == pytest.approx(1 / 3, 0.01)
    assert incoming.get("peeruri", "").startswith("sip:caller@")
