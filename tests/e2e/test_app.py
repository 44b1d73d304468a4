"""The whole app: its embedded server as a child process, the main window, an order
typed into the UI and found on the server; and `--self-check` as a real process."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest
from PySide6.QtWidgets import QApplication

from agent_desktop.app import Workspace
from agent_desktop.config import Settings

pytestmark = pytest.mark.e2e


def test_order_typed_in_the_app_arrives_on_its_embedded_server(qloop, arun, qtbot,
                                                              type_text, memory_keyring):
    ws = Workspace(Settings(), interactive=False)
    arun(ws.start(), timeout=90)
    arun(ws.until_ready(), timeout=90)
    try:
        assert ws.embedded.running
        window = ws.window
        window.resize(1366, 768)
        window.show()
        form = ws.order_form
        window.tabs.setCurrentWidget(form)
        form.appeal_type.setCurrentIndex(form.appeal_type.findData("help"))  # 求助
        type_text(form.request, "尽快排水")
        qtbot.keyClicks(form.phone, "13912345678")
        qtbot.waitUntil(lambda: form.matter_picker.ready, timeout=10_000)
        type_text(form.matter, "积水")  # the matter picker: type, Enter takes the top hit
        qtbot.keyClick(form.matter, "\r")
        assert "积水" in form.matter_picker.name_of(form.matter_code())
        type_text(form.district.lineEdit(), "嘉定区")  # a matter dispatched by district
        # the exact name closes the district's completion list (a popup would take the keys)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=5_000)
        type_text(form.content, "嘉定区嘉松南路辅路雨后积水，车辆无法通行（e2e）")
        qtbot.keyClick(form.content, "\r", modifier=qtbot_modifier_ctrl())
        qtbot.waitUntil(lambda: ws.session.outbox.items()
                        and ws.session.outbox.items()[0].state == "done", timeout=20_000)
        number = ws.session.outbox.items()[0].result["number"]
        assert number in form.banner.text()

        with httpx.Client(base_url=ws.embedded.url) as http:  # a second, independent client
            tok = http.post("/api/v1/auth/token", json={"username": "lead1",
                                                        "password": "lead1-demo"}).json()
            r = http.get("/api/v1/work-orders", params={"caller_phone": "13912345678"},
                         headers={"Authorization": f"Bearer {tok['access_token']}"})
        body = r.json()
        orders = body["items"] if isinstance(body, dict) else body
        assert [o["number"] for o in orders] == [number]
        assert orders[0]["content"].endswith("（e2e）")
        assert orders[0]["created_by"] == "operator1"
    finally:
        server = ws.embedded
        arun(ws.close())
    assert not server.running


def qtbot_modifier_ctrl():
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier


def test_self_check_exits_zero_and_reports_every_service():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "agent_desktop", "--self-check"], env=env,
                       capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    for name in ("server", "health", "sign-in", "catalog", "departments", "outbox",
                 "main window"):
        assert f"ok   {name}" in r.stdout
    assert "self-check passed" in r.stdout


def test_self_check_as_the_lead_opens_the_board(isolated_user_dirs):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "agent_desktop", "--self-check", "--user",
                        "lead1"], env=env, capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    for name in ("board", "sign-in", "agents", "queue", "alerts", "deadlines"):
        assert f"ok   {name}" in r.stdout
    assert "lead1 (lead)" in r.stdout


def test_self_check_as_the_trainer_opens_the_trainers_view(isolated_user_dirs):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "agent_desktop", "--self-check", "--user",
                        "trainer1"], env=env, capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    for name in ("trainer view", "sign-in", "scenarios", "attempts", "scoring"):
        assert f"ok   {name}" in r.stdout
    assert "trainer1 (trainer)" in r.stdout and "6 appeal types" in r.stdout


def test_self_check_fails_clearly_when_the_server_cannot_start(isolated_user_dirs):
    # Make the embedded server's database path unusable: a directory where the file goes.
    (isolated_user_dirs / "data" / "embedded-server.sqlite3").mkdir(parents=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "agent_desktop", "--self-check"], env=env,
                       capture_output=True, text=True, timeout=180)
    assert r.returncode != 0
    assert "self-check FAILED" in r.stdout
    assert "embedded server" in r.stdout.lower()
