"""The QA window on a real server: a call reported as the workspace reports it is opened
by a lead beside its transcript and order, with the answers the rules could give already
filled; the lead answers the rest and completes it; the operator, in their own window,
sees it and acknowledges it."""

from __future__ import annotations

import uuid

import httpx
import pytest
from PySide6.QtCore import Qt

from agent_desktop.qa.client import QaClient
from agent_desktop.ui.qa import QaWindow


def _sign_in(url: str, user: str) -> dict:
    token = httpx.post(f"{url}/api/v1/auth/token",
                       json={"username": user, "password": f"{user}-demo"}).json()
    return {"Authorization": f"Bearer {token['access_token']}"}


@pytest.fixture
def operator_call(server):
    """A finished call of operator1 with its order, reported over HTTP."""
    headers = _sign_in(server.url, "operator1")
    call_id = f"ui-qa-{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=server.url, headers=headers, timeout=15) as http:
        http.put(f"/api/v1/calls/{call_id}", json={"state": "talking"}).raise_for_status()
        for i, (speaker, text) in enumerate((
                ("operator", "您好，12345市民服务热线，请问有什么可以帮您？"),
                ("caller", "路灯坏了好几天了。"),
                ("operator", "请问在什么地方？"),
                ("caller", "徐汇区天平路口。"),
                ("operator", "感谢您的来电，再见。"))):
            http.post(f"/api/v1/calls/{call_id}/segments", json={
                "speaker": speaker, "text": text, "start": 3 * i, "end": 3 * i + 2}
            ).raise_for_status()
        catalog = http.get("/api/v1/catalog").json()
        leaf = next(n["code"] for n in catalog["nodes"] if n["level"] == 5)
        http.post("/api/v1/work-orders", json={
            "appeal_type": "complaint", "call_id": call_id, "matter_code": leaf,
            "caller": {"name": "刘先生", "gender": "male", "phones": ["13900001111"]},
            "content": "来电人反映天平路口路灯损坏多日。", "request": "尽快修复",
            "place": {"district_code": "310104", "address": "天平路口"}, "handling": "dispatch",
            "department_code": "310104-CONSTRUCTION"}).raise_for_status()
        http.put(f"/api/v1/calls/{call_id}", json={"state": "ended"}).raise_for_status()
    return call_id


def _window(server, user: str, reviewer: bool, qtbot, arun):
    http = httpx.AsyncClient(base_url=server.url, headers=_sign_in(server.url, user),
                             timeout=15)
    window = QaWindow(QaClient(http), reviewer=reviewer)
    qtbot.addWidget(window)
    window.show()
    arun(window.load())
    return window, http


def test_a_lead_completes_a_prefilled_form_and_the_operator_acknowledges(
        server, operator_call, qtbot, arun):
    lead, lead_http = _window(server, "lead1", True, qtbot, arun)
    calls = [lead.list.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(lead.list.rowCount())]
    assert operator_call in calls
    arun(lead.open_call(operator_call))
    assert "路灯坏了好几天了" in lead.transcript.toPlainText()
    assert "天平路口" in lead.order.text()
    prefilled = lead.form.answers()
    assert prefilled["greeting"]["value"] == "yes" and prefilled["asked_where"]["value"] == "yes"
    assert prefilled["phone_confirmed"]["value"] == "no"
    assert "attitude" not in prefilled  # the reviewer's to answer

    for qid in [q["id"] for q in lead.form.questions if q["id"] not in prefilled]:
        question = next(q for q in lead.form.questions if q["id"] == qid)
        lead.form.set_answer(qid, 4 if question["kind"] == "scale" else "yes")
    lead.complete.click()
    qtbot.waitUntil(lambda: lead.evaluation["status"] == "completed", timeout=10_000)
    assert "completed" in lead.score.text() or "已完成" in lead.score.text()

    arun(lead.show_agreement())
    rows = {lead.agreement_table.item(r, 0).text(): lead.agreement_table.item(r, 1).text()
            for r in range(lead.agreement_table.rowCount())}
    assert int(rows["使用规范开头语（问候 + 报热线名称）"]) >= 1

    operator, op_http = _window(server, "operator1", False, qtbot, arun)
    mine = [operator.list.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(operator.list.rowCount())]
    assert operator_call in mine
    arun(operator.open_call(operator_call))
    assert operator.acknowledge.isEnabled() and not operator.save.isVisible()
    operator.acknowledge.click()
    qtbot.waitUntil(lambda: operator.evaluation["status"] == "acknowledged", timeout=10_000)
    arun(lead_http.aclose())
    arun(op_http.aclose())
