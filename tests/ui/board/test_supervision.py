"""The lead's buttons on the board ask a real server; the operator's event stream gets
the request (a lead signed in, operator1 over HTTP)."""

from __future__ import annotations

from agent_desktop.ui.board.supervision import SupervisionBar


def test_listen_then_barge_then_leave(lead_session, qtbot, operator_http):
    call = "demo-sup-board-1"
    assert operator_http.put(f"/api/v1/calls/{call}", json={"state": "talking"}
                             ).status_code == 204
    bar = SupervisionBar(lead_session.client.http, lambda: call)
    qtbot.addWidget(bar)
    bar.buttons["listen"].click()
    qtbot.waitUntil(lambda: bar.on_call == call, timeout=10_000)
    assert bar.status.text() == "Listening"
    bar.buttons["barge"].click()
    qtbot.waitUntil(lambda: bar.status.text() == "In the call", timeout=10_000)
    bar.buttons[None].click()
    qtbot.waitUntil(lambda: bar.on_call is None, timeout=10_000)
    # nothing to leave any more; a call not in progress is refused, shown, not raised
    operator_http.put(f"/api/v1/calls/{call}", json={"state": "ended"})
    bar.buttons["listen"].click()
    qtbot.waitUntil(lambda: bar.status.text() not in ("", "Listening"), timeout=10_000)
    assert bar.on_call is None
