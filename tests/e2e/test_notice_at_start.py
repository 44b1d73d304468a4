"""An operator who signs in after the lead pushed a notice still sees it: the workspace
asks the real server for the notices in force and shows the newest in its banner."""

from __future__ import annotations

import httpx
import pytest

from agent_desktop.app import Workspace
from agent_desktop.config import Settings

from .test_real_server_sign_in import NO_SPEECH, _dialog, _sign_in

pytestmark = pytest.mark.e2e


def test_the_notice_in_force_shows_at_sign_in(server, qloop, qtbot, arun, memory_keyring):
    token = httpx.post(f"{server.url}/api/v1/auth/token",
                       json={"username": "lead1", "password": "lead1-demo"}).json()
    text = "嘉松南路积水已派单，排水部门正在处置，请如实告知来电人。"
    httpx.post(f"{server.url}/api/v1/notices", json={"text": text},
               headers={"Authorization": f"Bearer {token['access_token']}"}).raise_for_status()
    ws = Workspace(Settings(server_url=server.url, extra=NO_SPEECH))
    starting = qloop.create_task(ws.start())
    _sign_in(qtbot, _dialog(qtbot), "operator1", "operator1-demo")
    qtbot.waitUntil(starting.done, timeout=30_000)
    starting.result()
    try:
        ws.window.show()
        qtbot.waitUntil(ws.notice_banner.isVisible, timeout=15_000)
        assert ws.notice_banner.text.text() == text
    finally:
        arun(ws.close())
