"""Privacy by role, wherever data leaves the server: the event stream filters exactly as
REST does, a confidential caller is hidden from the department, trainers read no
citizens' data, the public Open311 feed carries no personal data, and logs mask phones.
Each test is one leak that was found from outside (issue 11)."""

from __future__ import annotations

import logging
import threading
from typing import Any

import httpx

from agent_desktop.domain.models import Event
from agent_desktop.server.policy import public_text

from .server_helpers import DEPT1_DEPARTMENT, act, login, ok, order, read_events


def collect(client: httpx.Client, after: int, stop_when, timeout: float = 10.0) -> list[Event]:
    """Events of `client`'s stream after `after` until `stop_when(events)` or `timeout`."""
    events: list[Event] = []
    done = threading.Event()

    def run() -> None:
        try:
            with client.stream("GET", "/api/v1/events", params={"after": after},
                               timeout=httpx.Timeout(timeout, read=timeout)) as stream:
                for fields in read_events(stream):
                    if "data" in fields:
                        events.append(Event.model_validate_json(fields["data"]))
                    if stop_when(events) or done.is_set():
                        return
        except httpx.ReadTimeout:
            return

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout + 2)
    done.set()
    return events


def latest_event_id(client: httpx.Client) -> int:
    """The id to start after: the newest event the lead sees right now."""
    seen = collect(client, 0, lambda _e: False, timeout=2.0)
    return max((e.id for e in seen), default=0)


def test_a_department_receives_only_its_own_orders_on_the_stream(users: Any, leaf_code: str):
    lead, operator = users["lead1"], users["operator1"]
    start = latest_event_id(lead)
    mine = ok(operator.post("/api/v1/work-orders", json=order(leaf_code)))
    ok(act(operator, mine["id"], "dispatch", {"department_code": DEPT1_DEPARTMENT}))
    other_department = next(d["code"] for d in ok(operator.get("/api/v1/departments"))
                            if d["code"] != DEPT1_DEPARTMENT)
    theirs = ok(operator.post("/api/v1/work-orders", json=order(leaf_code)))
    ok(act(operator, theirs["id"], "dispatch", {"department_code": other_department}))
    marker = ok(operator.post("/api/v1/work-orders", json=order(leaf_code)))
    ok(act(operator, marker["id"], "dispatch", {"department_code": DEPT1_DEPARTMENT}))

    def saw_marker(events: list[Event]) -> bool:
        return any(e.data.get("id") == marker["id"] for e in events)

    seen = collect(users["dept1"], start, saw_marker)
    ids = {e.data.get("id") for e in seen}
    assert mine["id"] in ids and marker["id"] in ids
    assert theirs["id"] not in ids  # REST says 403 for it; so does the stream
    assert all(e.data.get("department_code") == DEPT1_DEPARTMENT
               for e in seen if e.type.startswith("work_order."))
    assert all(not e.type.startswith("agent.") for e in seen)
    everything = collect(lead, start, lambda evs: any(e.data.get("id") == marker["id"]
                                                      for e in evs))
    assert theirs["id"] in {e.data.get("id") for e in everything}  # the lead sees all


def test_a_confidential_caller_is_hidden_from_the_department(users: Any, leaf_code: str):
    operator, dept = users["operator1"], users["dept1"]
    body = order(leaf_code)
    body["caller"] = {**body["caller"], "name": "周女士", "confidential": True}
    created = ok(operator.post("/api/v1/work-orders", json=body))
    start = created["id"]  # any id before the dispatch event will do for the stream check
    dispatched = ok(act(operator, created["id"], "dispatch",
                        {"department_code": DEPT1_DEPARTMENT}))
    assert dispatched["caller"]["name"] == "周女士"  # the centre sees the caller
    seen_by_dept = ok(dept.get(f"/api/v1/work-orders/{created['id']}"))
    assert seen_by_dept["caller"]["name"] == "保密" and seen_by_dept["caller"]["phones"] == []
    listed = ok(dept.get("/api/v1/work-orders", params={"limit": 200}))
    row = next(o for o in listed if o["id"] == created["id"])
    assert row["caller"]["phones"] == [] and row["caller"]["name"] == "保密"
    signed = ok(act(dept, created["id"], "sign"))
    assert signed["caller"]["phones"] == []
    del start


def test_a_trainer_reads_no_citizens_orders(users: Any, leaf_code: str):
    operator, trainer = users["operator1"], users["trainer1"]
    created = ok(operator.post("/api/v1/work-orders", json=order(leaf_code)))
    assert trainer.get("/api/v1/work-orders").status_code == 403
    assert trainer.get(f"/api/v1/work-orders/{created['id']}").status_code == 403
    assert trainer.get(f"/api/v1/work-orders/{created['id']}/history").status_code == 403
    phone = created["caller"]["phones"][0]
    assert trainer.get("/api/v1/work-orders/repeat-check",
                       params={"phone": phone}).status_code == 403
    seen = collect(trainer, created["id"] - 1 if created["id"] > 1 else 0,
                   lambda _e: False, timeout=2.0)
    assert not [e for e in seen if e.type.startswith("work_order.")]


def test_the_public_feed_carries_no_personal_data(users: Any, leaf_code: str, live: Any):
    operator, dept = users["operator1"], users["dept1"]
    body = order(leaf_code, content="我是王建国，身份证310104198001011234，电话13912345678，"
                                     "漕溪北路88号门口积水严重。")
    body["caller"] = {**body["caller"], "name": "王建国"}
    body["place"] = {"district_code": "310104", "address": "漕溪北路88号3号楼502室",
                     "lat": 31.1934567, "lon": 121.4367891}
    created = ok(operator.post("/api/v1/work-orders", json=body))
    ok(act(operator, created["id"], "dispatch", {"department_code": DEPT1_DEPARTMENT}))
    ok(act(dept, created["id"], "sign"))
    ok(act(dept, created["id"], "reply", {"text": "已处理，联系人张工 13800001111"}))
    with httpx.Client(base_url=live.url, timeout=15) as public:
        requests = ok(public.get(f"/open311/v2/requests/{created['number']}.json"))
    request = requests[0]
    text = str(request)
    for secret in ("310104198001011234", "13912345678", "王建国", "13800001111", "张工",
                   "502", "3号楼"):
        assert secret not in text, secret
    assert "积水" in request["description"] and "漕溪北路" in request["address"]
    assert request["lat"] == round(31.1934567, 3)


def test_public_text_removes_ids_phones_and_names():
    text = public_text("陈先生说他电话是021-64321234转12，手机139 1765 2804，"
                       "身份证号31010419800101123X，陈建华很着急", names=["陈建华"])
    assert "64321234" not in text and "2804" not in text and "123X" not in text
    assert "陈建华" not in text and "陈先生" not in text and "很着急" in text


def test_phone_numbers_never_reach_the_log(live: Any, leaf_code: str, caplog):
    from agent_desktop.forms.phone import mask_phones
    from agent_desktop.server.serving import _REDACT_TOKENS

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1,
                               '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET",
                                "/api/v1/work-orders/repeat-check?phone=13917652804",
                                "1.1", 200), None)
    _REDACT_TOKENS.filter(record)
    assert "139****2804" in record.getMessage() and "13917652804" not in record.getMessage()
    assert mask_phones("021-64321234") == "021-****1234"
    # And in the real server's log file: a repeat check by phone leaves no full number.
    with login(live.url, "operator1") as client:
        client.get("/api/v1/work-orders/repeat-check", params={"phone": "13917652804"})
    log = live.log()
    assert "repeat-check" in log and "139****2804" in log  # the line is there, masked
    assert "13917652804" not in log
