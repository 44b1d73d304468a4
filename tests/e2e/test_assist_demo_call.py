"""The whole app on the packaged demo call (坐席 → 播放模拟来电): the call's audio goes
through the real speech model, the assistant listens to the live transcript and the
order fills itself; the operator reviews and presses Ctrl+Enter — one key — and the
order arrives on the embedded server with what the caller said.

Everything is real: the embedded server, the speech model, the assistant's models, the
Qt widgets. The demo call plays in real time (about half a minute)."""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import Qt

from agent_desktop.app import Workspace
from agent_desktop.config import Settings

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_the_demo_call_fills_the_order_and_one_key_submits_it(qloop, arun, qtbot,
                                                              memory_keyring):
    ws = Workspace(Settings(), interactive=False)
    arun(ws.start(), timeout=90)
    arun(ws.until_ready(), timeout=120)
    try:
        window, form = ws.window, ws.order_form
        window.resize(1366, 768)
        window.show()
        window.tabs.setCurrentWidget(form)
        assert ws.assist is not None and arun(ws.assist.wait_ready(), timeout=60)
        binding = ws.assist_binding
        ws.play_demo_call()
        qtbot.waitUntil(lambda: binding.last_draft is not None and binding.last_draft.complete,
                        timeout=120_000)
        # what the caller said, in the form, without a key pressed
        assert "13916728845" in [r.text().replace(" ", "") for r in form.phones.rows]
        assert form.district_code() == "310104"  # 徐汇区
        assert "窨井盖" in form.matter_picker.name_of(form.matter_code())
        assert form.appeal_type.currentData() == "complaint"
        assert form.content.toPlainText().startswith("来电人反映：")
        assert ws.assist.finish_seconds is not None and ws.assist.finish_seconds < 1.0

        form.content.setFocus()
        qtbot.keyClick(form.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: bool(ws.session.outbox.items())
                        and ws.session.outbox.items()[0].state == "done", timeout=20_000)
        number = ws.session.outbox.items()[0].result["number"]
        with httpx.Client(base_url=ws.embedded.url) as http:
            tok = http.post("/api/v1/auth/token", json={"username": "lead1",
                                                        "password": "lead1-demo"}).json()
            order = http.get("/api/v1/work-orders", params={"caller_phone": "13916728845"},
                             headers={"Authorization": f"Bearer {tok['access_token']}"}).json()
        items = order["items"] if isinstance(order, dict) else order
        found = next(o for o in items if o["number"] == number)
        assert found["place"]["district_code"] == "310104"
        assert found["content"].startswith("来电人反映：")
    finally:
        arun(ws.close())
