"""The lead's board on a real server: agents and a near-deadline order show up, 督办 is
one click and lands in the order's history, an extension is approved in one click, a hot
topic arrives live and a notice goes out from it; the wallboard has no buttons."""

from __future__ import annotations

from typing import Any

import httpx

from agent_desktop.ui.board import BoardWindow
from agent_desktop.ui.board.agent_grid import state_name
from agent_desktop.domain.enums import AgentState

from .conftest import sign_in

DEPARTMENT = "310104-CONSTRUCTION"
FLOODED_UNDERPASS = "0101010202"  # 下立交积水: critical → resolve within 4 hours


def critical_order(http: httpx.Client, **place: Any) -> dict[str, Any]:
    body = {
        "appeal_type": "complaint",
        "caller": {"name": "刘先生", "gender": "male", "phones": ["13900001111"]},
        "matter_code": FLOODED_UNDERPASS, "urgency": "critical",
        "content": "下立交积水很深，车辆熄火，要求立即抽水。", "request": "立即处置",
        "place": {"district_code": "310104", "address": "徐汇区漕溪北路下立交", **place},
        "handling": "dispatch", "department_code": DEPARTMENT,
    }
    response = http.post("/api/v1/work-orders", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def make_board(model, qtbot, arun, **kwargs) -> BoardWindow:
    window = BoardWindow(model, **kwargs)
    qtbot.addWidget(window)
    window.allow_close()
    window.resize(1400, 900)
    window.show()
    arun(model.load())
    qtbot.wait(300)  # the board redraws a burst of changes once, 200 ms after its first
    return window


def test_the_board_shows_agents_and_a_near_deadline_order_and_supervises_it(
        board_model, operator_http, qtbot, arun):
    operator_http.put("/api/v1/agents/me/state",
                      json={"state": "not_ready", "reason": "小休"}).raise_for_status()
    order = critical_order(operator_http)
    window = make_board(board_model, qtbot, arun)

    rows = {r[0]: r for r in window.agents.row_texts()}
    assert rows["王小梅"][1] == state_name(AgentState.NOT_READY) and rows["王小梅"][3] == "小休"
    assert rows["王小梅"][2]  # time in state
    assert window.tiles.tiles["not_ready"].value.text() == "1"
    assert window.tiles.tiles["near_deadline"].value.text() == "1"
    top = window.deadlines.tree.topLevelItem(0)
    assert top.text(0) == board_model.department_name(DEPARTMENT) != DEPARTMENT
    assert top.child(0).text(0).startswith(order["number"])

    # One click: 督办, and the order's history has it.
    qtbot.mouseClick(window.deadlines.buttons[order["id"]]["supervise"],
                     qtbot_left_button())

    def supervised() -> bool:
        history = operator_http.get(f"/api/v1/work-orders/{order['id']}/history").json()
        return any(h["action"] == "supervise" for h in history)

    qtbot.waitUntil(supervised, timeout=10_000)
    history = operator_http.get(f"/api/v1/work-orders/{order['id']}/history").json()
    entry = next(h for h in history if h["action"] == "supervise")
    assert entry["actor"] == "lead1" and "督办" in entry["comment"]
    qtbot.waitUntil(lambda: window.deadlines.tree.topLevelItem(0).child(0).text(0)
                    != order["number"], timeout=10_000)  # marked as supervised
    assert not window.deadlines.buttons[order["id"]]["supervise"].isEnabled()

    # An agent's state change arrives live.
    operator_http.put("/api/v1/agents/me/state", json={"state": "ready"}).raise_for_status()
    qtbot.waitUntil(lambda: {r[0]: r for r in window.agents.row_texts()}["王小梅"][1]
                    == state_name(AgentState.READY), timeout=10_000)


def test_an_extension_is_approved_in_one_click(board_model, server, operator_http, qtbot, arun):
    order = critical_order(operator_http)
    with sign_in(server.url, "dept1") as dept:
        for action, body in (("sign", {}), ("request_extension",
                                            {"reason": "需协调排水泵车", "extra_working_days": 2})):
            response = dept.post(f"/api/v1/work-orders/{order['id']}/actions/{action}",
                                 json=body)
            assert response.status_code == 200, response.text
    window = make_board(board_model, qtbot, arun)
    assert window.tiles.tiles["extensions_waiting"].value.text() == "1"
    approve = window.deadlines.buttons[order["id"]]["approve"]
    qtbot.mouseClick(approve, qtbot_left_button())

    def approved() -> bool:
        history = operator_http.get(f"/api/v1/work-orders/{order['id']}/history").json()
        return any(h["action"] == "approve_extension" for h in history)

    qtbot.waitUntil(approved, timeout=10_000)


def test_a_hot_topic_arrives_live_and_a_notice_goes_out(board_model, operator_http, qtbot,
                                                        arun):
    window = make_board(board_model, qtbot, arun)
    assert window.topics.list.count() == 0 and window.topics.empty.isVisibleTo(window)
    for _ in range(5):
        critical_order(operator_http, street_code="310104003")
    qtbot.waitUntil(lambda: window.topics.list.count() == 1, timeout=10_000)
    text = window.topics.list.item(0).text()
    assert "5" in text and "下立交积水" in text
    qtbot.waitUntil(lambda: window.tiles.tiles["hot_topics"].value.text() == "1",
                    timeout=2_000)
    assert sum(window.chart.values()) >= 5

    window.topics.push.click()
    qtbot.waitUntil(lambda: window.topics.dialog is not None
                    and window.topics.dialog.isVisible(), timeout=5_000)
    dialog = window.topics.dialog
    assert "下立交积水" in dialog.notice()
    dialog.text.setPlainText("漕溪北路下立交积水已派单，排水部门正在抽水。")
    dialog.send.click()
    qtbot.waitUntil(lambda: bool(operator_http.get("/api/v1/notices").json()), timeout=10_000)
    notices = operator_http.get("/api/v1/notices").json()
    assert notices[0]["text"].startswith("漕溪北路") and notices[0]["hot_topic_id"]

    # the topic on the map: one pin in 徐汇区, its district highlighted
    qtbot.waitUntil(lambda: window.topics.map.view is not None, timeout=10_000)
    pins = window.topics.map.pins()
    assert len(pins) == 1 and "下立交积水" in pins[0][2] and "×5" in pins[0][2]
    assert window.topics.map.view.highlighted_district == "310104"
    # from the alert: its orders, linked as one event in one click
    window.topics.orders.click()
    orders = window.topics.orders_dialog
    qtbot.waitUntil(lambda: orders.table.rowCount() == 5, timeout=10_000)
    orders.link.click()
    qtbot.waitUntil(lambda: "linked" in window.topics.list.item(0).text()
                    or "合并" in window.topics.list.item(0).text(), timeout=10_000)
    first = int(board_model.topics[window.topics.selected_id()]["order_ids"][0])
    assert len(operator_http.get(f"/api/v1/work-orders/{first}").json()[
        "linked_order_ids"]) == 4


def test_the_wallboard_is_big_and_has_no_buttons(board_model, operator_http, qtbot, arun):
    critical_order(operator_http)
    window = make_board(board_model, qtbot, arun, wallboard=True)
    assert window.isFullScreen() or window.windowState() & window.windowState().WindowFullScreen
    assert window.deadlines.tree.isColumnHidden(5) and not window.topics.push.isVisibleTo(window)
    assert window.tiles.tiles["ready"].value.font().pixelSize() >= 60
    assert window.agents.view.font().pixelSize() >= 20


def qtbot_left_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


ACD_KEY = "board-acd-key"


def test_queue_tiles_follow_the_acd_live(server_factory, monkeypatch, tmp_path, qloop, qtbot,
                                         arun, memory_keyring):
    from agent_desktop.api import HotlineClient
    from agent_desktop.api.credentials import CredentialStore
    from agent_desktop.api.session import Session
    from agent_desktop.board import BoardClient, BoardModel

    monkeypatch.setenv("AGENT_DESKTOP_ACD_KEY", ACD_KEY)
    monkeypatch.setenv("AGENT_DESKTOP_ACD_DOMAIN", "hotline.test")
    monkeypatch.delenv("AGENT_DESKTOP_ACD_QUEUE_CTRL", raising=False)
    server = server_factory()
    session = Session(HotlineClient(server.url), CredentialStore(), tmp_path)
    arun(session.login("lead1", "lead1-demo"))
    session.start()
    model = BoardModel(BoardClient(session.client.http))
    session.event_received.connect(model.on_event)
    try:
        window = make_board(model, qtbot, arun)
        queue = window.tiles.queue_tiles
        assert queue["waiting"].isVisibleTo(window) and queue["waiting"].value.text() == "0"
        with sign_in(server.url, "operator1") as operator:
            operator.put("/api/v1/acd/me", json={"sip_user": "8001", "skills": []})
            operator.put("/api/v1/agents/me/state", json={"state": "not_ready", "reason": "小休"})
            routed = httpx.get(f"{server.url}/api/v1/acd/route", params={
                "call_id": "board-1", "caller": "13916728845", "key": ACD_KEY})
            assert routed.text == "sip:queue@hotline.test"
            qtbot.waitUntil(lambda: queue["waiting"].value.text() == "1", timeout=10_000)
            qtbot.waitUntil(lambda: queue["longest_wait_s"].value.text() != "0:00",
                            timeout=5_000)  # ticks between events
            operator.put("/api/v1/agents/me/state", json={"state": "ready"})  # takes it
            operator.put("/api/v1/agents/me/state", json={"state": "on_call"})
            qtbot.waitUntil(lambda: queue["waiting"].value.text() == "0", timeout=10_000)
            qtbot.waitUntil(lambda: queue["service_level"].value.text() in ("100%", "0%"),
                            timeout=10_000)
    finally:
        model.close()
        arun(session.close())


def test_without_an_acd_the_queue_tiles_are_hidden(board_model, qtbot, arun):
    window = make_board(board_model, qtbot, arun)
    assert board_model.queue is None
    assert not any(t.isVisibleTo(window) for t in window.tiles.queue_tiles.values())
