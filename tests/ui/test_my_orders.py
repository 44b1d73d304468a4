"""The 我的工单 tab on the real server: sent and queued orders apart, the detail with
status, deadlines and history, search by number, times in Asia/Shanghai."""

from __future__ import annotations

from agent_desktop.api.my_orders import MyOrders
from agent_desktop.domain.clock import local
from agent_desktop.ui.my_orders import MyOrdersPanel
from tests.api.test_session import complaint


def test_panel_lists_opens_and_finds_an_order(session, server, qtbot, arun):
    leaf = next(n.code for n in session.catalog.nodes if n.is_leaf)
    item = session.submit(complaint(leaf))
    assert arun(session.outbox.drain(timeout=15))
    number = session.outbox.get(item.id).result["number"]
    orders = MyOrders(session)
    panel = MyOrdersPanel(orders)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()  # showing it fetches today's orders
    qtbot.waitUntil(lambda: panel.sent_list.count() == 1, timeout=10_000)
    row = panel.sent_list.item(0)
    assert number in row.text() and "Accepted today (1)" == panel.sent_title.text()
    created = orders.sent[0].created_at
    assert local(created).strftime("%H:%M") in row.text()  # the hotline's clock, not the PC's
    assert not panel.queued_list.isVisible()

    panel.sent_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: number in panel.detail.toPlainText(), timeout=10_000)
    text = panel.detail.toPlainText()
    assert "History" in text and "Resolve by" in text

    panel.search.setText(number)
    panel.search.returnPressed.emit()
    qtbot.waitUntil(lambda: panel.sent_title.text() == "Found (1)", timeout=10_000)

    server.stop()
    session.submit(complaint(leaf))
    qtbot.waitUntil(lambda: panel.queued_list.count() == 1, timeout=10_000)
    assert "Waiting on this PC (1)" == panel.queued_title.text()
    assert panel.queued_list.isVisible()
    orders.close()
