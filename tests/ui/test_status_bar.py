"""The status bar says when the server is unreachable, when it retries, and offers 立即重连."""

from __future__ import annotations

import time

from agent_desktop.api.session import Link, LinkState
from agent_desktop.ui.status_bar import StatusBar


def test_offline_shows_the_retry_countdown_and_a_reconnect_link(qtbot):
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.set_link(LinkState(Link.OFFLINE, "ConnectError", retry_at=time.monotonic() + 8))
    text = bar.link_label.text()
    assert "unreachable" in text and "retrying in" in text and "href='reconnect'" in text
    with qtbot.waitSignal(bar.reconnect_requested, timeout=1000):
        bar.link_label.linkActivated.emit("reconnect")
    qtbot.waitUntil(lambda: "retrying in 6" in bar.link_label.text()
                    or "retrying in 5" in bar.link_label.text(), timeout=4000)  # it counts
    bar.set_link(LinkState(Link.ONLINE))
    assert "connected" in bar.link_label.text() and "reconnect" not in bar.link_label.text()
