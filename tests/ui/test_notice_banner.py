"""The operator's notice banner: a lead's notice reaches an operator's workspace over the
real server's live stream and shows until hidden."""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from agent_desktop.ui.notice_banner import NoticeBanner


def test_a_leads_notice_shows_in_the_operators_banner(session, server, qtbot):
    banner = NoticeBanner()
    qtbot.addWidget(banner)
    session.event_received.connect(banner.on_event)
    assert not banner.isVisible()
    token = httpx.post(f"{server.url}/api/v1/auth/token",
                       json={"username": "lead1", "password": "lead1-demo"}).json()
    text = "嘉松南路积水已派单，排水部门正在处置。"
    # The operator's stream must be open before the notice is sent.
    qtbot.waitUntil(lambda: session.link.link == "online", timeout=10_000)
    qtbot.wait(300)
    response = httpx.post(f"{server.url}/api/v1/notices", json={"text": text},
                          headers={"Authorization": f"Bearer {token['access_token']}"})
    assert response.status_code == 201, response.text
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert banner.text.text() == text and banner.by.text().startswith("— ")
    qtbot.mouseClick(banner.findChild(QToolButton), Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
