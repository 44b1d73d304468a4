"""The trainer's window on a real server: trainees' attempts handed in over HTTP appear
with their scores, an attempt opens criterion by criterion, a trainer overrides a score
with a comment, the progress chart follows the trainee, and scenarios are edited — a bad
one is refused with the server's words, a new one is saved."""

from __future__ import annotations

import json

import httpx
import pytest
from PySide6.QtCore import Qt

from agent_desktop.training.desk import TrainerDesk
from agent_desktop.training.scenarios import load_all
from agent_desktop.ui.trainer import TrainerWindow

SCENARIO = "manhole-missing-yinhang"


def _sign_in(url: str, user: str) -> httpx.Client:
    token = httpx.post(f"{url}/api/v1/auth/token",
                       json={"username": user, "password": f"{user}-demo"}).json()
    return httpx.Client(base_url=url, headers={
        "Authorization": f"Bearer {token['access_token']}"}, timeout=15)


def _hand_in(client: httpx.Client, order: dict) -> dict:
    r = client.post("/api/v1/training/attempts", json={
        "scenario_id": SCENARIO, "order": order, "transcript": [],
        "started_at": "2026-12-05T08:00:00+08:00", "ended_at": "2026-12-05T08:02:00+08:00",
        "submitted_at": "2026-12-05T08:03:00+08:00"})
    assert r.status_code == 201, r.text
    return r.json()


@pytest.fixture
def window(server, qtbot, arun):
    trainer = _sign_in(server.url, "trainer1")
    http = httpx.AsyncClient(base_url=server.url, headers=trainer.headers, timeout=15)
    w = TrainerWindow(TrainerDesk(http))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    yield w
    arun(http.aclose())
    trainer.close()


def test_attempts_scores_override_and_progress(server, window, qtbot, arun):
    operator = _sign_in(server.url, "operator1")
    good = load_all()[SCENARIO].expected_order.model_dump(mode="json")
    wrong = {**good, "matter_code": "0501010101"}
    first = _hand_in(operator, wrong)
    second = _hand_in(operator, good)
    arun(window.load())
    tab = window.attempts
    tab.trainee.setCurrentIndex(tab.trainee.findData("operator1"))
    ids = [tab.list.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(tab.list.rowCount())]
    assert first["id"] in ids and second["id"] in ids
    # the chart: the trainee's totals in the order taken, then the share per criterion
    assert tab.chart.totals[-2:] == [first["total"], second["total"]]
    assert dict(tab.chart.shares)["所属区"] == 1.0

    row = ids.index(first["id"])
    tab.list.selectRow(row)
    labels = [tab.criteria.item(r, 0).text() for r in range(tab.criteria.rowCount())]
    matter = labels.index("事项分类")
    assert tab.criteria.item(matter, 1).text().startswith("0 /")
    assert "0101020101" in tab.criteria.item(matter, 3).text()

    tab.criteria.selectRow(matter)
    tab.override.click()
    dialog = tab.dialog
    assert dialog.criterion.currentData() == "matter"
    dialog.score.setValue(7)
    dialog.comment.setPlainText("同属市政设施，给一半分")
    dialog.accept()
    qtbot.waitUntil(lambda: any(
        a["id"] == first["id"] and a["total"] > first["total"] for a in tab.attempts),
        timeout=10_000)
    tab.list.selectRow(ids.index(first["id"]))
    note = tab.criteria.item(matter, 4).text()
    assert "trainer1" in note and "同属市政设施" in note
    operator.close()


def test_scenarios_are_edited_and_bad_ones_refused_with_reasons(window, qtbot, arun):
    arun(window.load())
    tab = window.scenarios
    assert tab.table.rowCount() >= 30
    qtbot.waitUntil(lambda: tab.editor.toPlainText().startswith("{"), timeout=10_000)
    tab._new()
    data = json.loads(tab.editor.toPlainText())
    data["id"] = "window-written-1"
    data["expected_order"]["matter_code"] = "9999999999"
    tab.editor.setPlainText(json.dumps(data, ensure_ascii=False))
    tab.save.click()
    qtbot.waitUntil(lambda: "9999999999" in tab.problems.text(), timeout=10_000)
    data["expected_order"]["matter_code"] = "0101020101"
    tab.editor.setPlainText(json.dumps(data, ensure_ascii=False))
    tab.save.click()
    qtbot.waitUntil(lambda: any(s["id"] == "window-written-1" for s in tab.summaries),
                    timeout=10_000)
    tab.editor.setPlainText("{not json")
    tab.save.click()
    assert "JSON" in tab.problems.text()
