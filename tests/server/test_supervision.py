"""The lead asks to listen, whisper or barge on a real server: only leads and admins may,
only a call in progress, only the call's operator (and leads) hear of it; the rest is 4xx."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from agent_desktop.domain.enums import Role
from agent_desktop.domain.models import Event, User
from agent_desktop.server.policy import visible_event
from .conftest import SignedIn
from .server_helpers import events_of


@pytest.fixture(scope="module")
def users(session_server_factory):
    clients = SignedIn(session_server_factory().url)
    yield clients
    for client in clients.values():
        client.close()


def test_a_lead_supervises_and_only_the_operator_is_told(users: Any):
    operator, lead, admin = users["operator1"], users["lead1"], users["admin1"]
    call = "sup-live-1"
    url = f"/api/v1/calls/{call}/supervision"
    assert lead.post(url, json={"mode": "listen"}).status_code == 404  # not in progress
    assert operator.put(f"/api/v1/calls/{call}", json={"state": "talking",
                                                       "caller": "13916728845"}
                        ).status_code == 204
    with operator.stream("GET", "/api/v1/events") as desk:
        r = lead.post(url, json={"mode": "listen"})
        assert r.status_code == 202, r.text
        body = r.json()
        assert body["operator"] == "operator1" and body["lead"] == "lead1"
        assert body["sip_user"] == "lead1" and body["mode"] == "listen"
        # the same lead changes the mode, with the desk phone's SIP user
        r = lead.post(url, json={"mode": "whisper", "sip_user": "supervisor"})
        assert r.status_code == 202 and r.json()["sip_user"] == "supervisor"
        # another lead (here the admin) cannot take over the line
        assert admin.post(url, json={"mode": "barge"}).status_code == 409
        assert lead.delete(url).status_code == 204
        seen = []
        for e in events_of(desk):
            if e.type.startswith("supervision."):
                seen.append(e)
            if e.type == "supervision.ended":
                break
    assert [(e.type, e.data.get("mode")) for e in seen] == [
        ("supervision.started", "listen"), ("supervision.started", "whisper"),
        ("supervision.ended", None)]
    assert lead.delete(url).status_code == 404  # nobody on the line any more
    operator.put(f"/api/v1/calls/{call}", json={"state": "ended"})
    assert lead.post(url, json={"mode": "barge"}).status_code == 404


def test_roles_and_bad_input_are_4xx(users: Any):
    operator, lead = users["operator1"], users["lead1"]
    call = "sup-live-2"
    assert operator.put(f"/api/v1/calls/{call}", json={"state": "talking"}).status_code == 204
    url = f"/api/v1/calls/{call}/supervision"
    for name in ("operator1", "trainer1", "dept1"):
        assert users[name].post(url, json={"mode": "listen"}).status_code == 403
        assert users[name].delete(url).status_code == 403
    assert lead.post(url, json={"mode": "shout"}).status_code == 422
    assert lead.post(url, json={"mode": "listen", "sip_user": "sip:x@evil.example"}
                     ).status_code == 422
    assert lead.post(url, json=[]).status_code in (400, 422)
    assert lead.post(url, content=b"{", headers={"Content-Type": "application/json"}
                     ).status_code in (400, 422)
    assert lead.post("/api/v1/calls/bad%20id/supervision", json={"mode": "listen"}
                     ).status_code in (404, 422)
    assert lead.delete(url).status_code == 404
    operator.put(f"/api/v1/calls/{call}", json={"state": "ended"})


def test_other_operators_do_not_hear_of_it():
    """Only the call's operator and leads receive supervision of operator1's call."""
    ev = Event(id=1, type="supervision.started", at=datetime.now(UTC),
               data={"call_id": "c", "operator": "operator1", "lead": "lead1"})
    mk = lambda name, role: User(username=name, display_name=name, role=role)  # noqa: E731
    assert visible_event(mk("operator1", Role.OPERATOR), ev) is ev
    assert visible_event(mk("operator2", Role.OPERATOR), ev) is None
    assert visible_event(mk("dept1", Role.DEPARTMENT), ev) is None
    assert visible_event(mk("trainer1", Role.TRAINER), ev) is None
    assert visible_event(mk("lead2", Role.LEAD), ev) is ev
