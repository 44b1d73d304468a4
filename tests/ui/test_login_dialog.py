"""The sign-in dialog against the real server."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from agent_desktop.api import HotlineClient
from agent_desktop.ui.login_dialog import LoginDialog


def make(qtbot, url, client):
    dialog = LoginDialog(url, client.login, username="operator1")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_wrong_password_says_so_and_keeps_the_dialog_open(server, qloop, qtbot, arun):
    client = HotlineClient(server.url)
    dialog = make(qtbot, server.url, client)
    qtbot.keyClicks(dialog.password, "not-the-password")
    dialog.submit.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert "password" in dialog.error.text().lower()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.submit.isEnabled()
    arun(client.aclose())


def test_right_password_signs_in(server, qloop, qtbot, arun):
    client = HotlineClient(server.url)
    dialog = make(qtbot, server.url, client)
    qtbot.keyClicks(dialog.password, "operator1-demo")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit.click()
    assert client.token.user.username == "operator1"
    arun(client.aclose())


def test_unreachable_server_says_what_to_do(qloop, qtbot, arun):
    client = HotlineClient("http://127.0.0.1:9", timeout=2)
    dialog = make(qtbot, "http://127.0.0.1:9", client)
    qtbot.keyClicks(dialog.password, "whatever")
    dialog.submit.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert "network" in dialog.error.text().lower()
    arun(client.aclose())


def test_empty_fields_are_refused_before_any_request(qloop, qtbot):
    calls = []

    async def authenticate(u, p):
        calls.append((u, p))

    dialog = LoginDialog("http://x", authenticate)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.submit.click()
    assert dialog.error.isVisible()
    assert calls == []
