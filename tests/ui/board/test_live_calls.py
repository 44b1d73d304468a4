"""Monitoring by text on the board: a call an operator reports appears with its words as
they are said; a sensitive word turns it red at once; the call leaves when it ends."""

from __future__ import annotations

from agent_desktop.ui.board.live_calls import LiveCallsPanel


def test_a_lead_follows_a_live_call(board_model, arun, qtbot, operator_http):
    arun(board_model.load())
    panel = LiveCallsPanel(board_model)
    qtbot.addWidget(panel)
    panel.show()
    call = "demo-board-1"
    assert operator_http.put(f"/api/v1/calls/{call}", json={
        "state": "talking", "caller": "13916728845"}).status_code == 204
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10_000)
    assert "139****8845" in panel.list.item(0).text()  # the board masks the number
    operator_http.post(f"/api/v1/calls/{call}/segments", json={
        "speaker": "caller", "text": "我家门口的窨井盖坏了", "start": 3, "end": 6})
    qtbot.waitUntil(lambda: "窨井盖" in panel.list.item(0).text(), timeout=10_000)
    panel.list.setCurrentRow(0)
    assert "窨井盖" in panel.transcript.toPlainText()
    alerts = []
    board_model.call_alert.connect(lambda c, words: alerts.append(words))
    operator_http.post(f"/api/v1/calls/{call}/segments", json={
        "speaker": "caller", "text": "不给解决我就轻生", "start": 7, "end": 9})
    qtbot.waitUntil(lambda: alerts == [["轻生"]], timeout=10_000)
    qtbot.waitUntil(lambda: "轻生" in panel.list.item(0).text(), timeout=5_000)
    assert "轻生" in panel.transcript.toPlainText()
    operator_http.put(f"/api/v1/calls/{call}", json={"state": "ended"})
    qtbot.waitUntil(lambda: panel.list.count() == 0, timeout=10_000)
