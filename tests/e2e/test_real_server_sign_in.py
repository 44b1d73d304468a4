"""Signing in to a real server started separately (not the embedded one), through the
sign-in dialog, as every role: first try, after a wrong password, with a saved sign-in,
then sign-out / switching user and quitting.

The server is `agent-desktop server --demo` in its own process on 127.0.0.1. The app runs
in this process on the qasync loop (offscreen); `test_app_process_under_xvfb` runs the
whole app as its own process on a real X display and types into the dialog with xdotool.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agent_desktop.app import QUIT, SWITCH_USER, Workspace
from agent_desktop.config import Settings
from agent_desktop.ui.login_dialog import LoginDialog

pytestmark = pytest.mark.e2e

NO_SPEECH = {"speech": {"enabled": False}}  # the speech model is not what this tests
ROLES = [("operator1", "operator"), ("lead1", "lead"), ("trainer1", "trainer"),
         ("admin1", "admin")]


def _visible(qtbot, kind, timeout: int = 15_000):
    """The top-level window of `kind` once it is shown."""
    found: list = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, kind) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=timeout)
    return found[0]


def _dialog(qtbot) -> LoginDialog:
    return _visible(qtbot, LoginDialog)


def _sign_in(qtbot, dialog: LoginDialog, user: str, password: str) -> None:
    dialog.username.setText(user)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)


def _leave(qloop, qtbot, ws: Workspace, how: str) -> None:
    if how == QUIT:
        ws.window.close()  # as Ctrl+Q / Alt+F4 / the title bar do
    else:
        ws.window.sign_out_requested.emit()
    qtbot.waitUntil(ws.finished.done, timeout=10_000)
    assert ws.finished.result() == how


@pytest.mark.parametrize("user,role", ROLES)
def test_each_role_signs_in_through_the_dialog_after_a_wrong_password(
        user, role, server, qloop, qtbot, arun, memory_keyring):
    ws = Workspace(Settings(server_url=server.url, extra=NO_SPEECH))
    starting = qloop.create_task(ws.start())
    dialog = _dialog(qtbot)

    _sign_in(qtbot, dialog, user, "not-the-password")
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.submit.isEnabled(),
                    timeout=15_000)
    assert "Wrong operator ID or password" in dialog.error.text()
    assert not starting.done()

    _sign_in(qtbot, dialog, user, f"{user}-demo")
    qtbot.waitUntil(starting.done, timeout=30_000)
    starting.result()  # raises if start-up failed
    try:
        ws.window.show()
        if role == "lead":  # a team lead gets the board, not the operator workspace
            from agent_desktop.ui.board import BoardWindow

            qtbot.waitUntil(ws.ready.is_set, timeout=60_000)
            assert isinstance(ws.window, BoardWindow)
        elif role == "trainer":  # a trainer gets the trainer's view
            from agent_desktop.ui.trainer import TrainerWindow

            qtbot.waitUntil(ws.ready.is_set, timeout=60_000)
            assert isinstance(ws.window, TrainerWindow)
            assert ws.window.scenarios.table.rowCount() >= 30
        else:
            qtbot.waitUntil(ws.tools_ready.is_set, timeout=60_000)
            assert ws.window.tabs.widget(0) is ws.kb_tab
            assert ws.window.tabs.widget(1) is ws.map_tab
        qtbot.wait(1500)  # and it stays up
        assert ws.window.isVisible()
        assert ws.session.user.username == user and ws.session.user.role == role
        qtbot.waitUntil(lambda: ws.session.link.link.value == "online", timeout=10_000)
        _leave(qloop, qtbot, ws, QUIT)
    finally:
        arun(ws.close())


def test_saved_sign_in_then_sign_out_and_switch_user(server, qloop, qtbot, arun,
                                                      memory_keyring):
    first = Workspace(Settings(server_url=server.url, username="operator1", extra=NO_SPEECH))
    starting = qloop.create_task(first.start())
    _sign_in(qtbot, _dialog(qtbot), "operator1", "operator1-demo")
    qtbot.waitUntil(starting.done, timeout=30_000)
    starting.result()
    arun(first.close())  # the token is kept in the (test) keyring

    again = Workspace(Settings(server_url=server.url, username="operator1", extra=NO_SPEECH))
    arun(again.start())  # no dialog: the saved sign-in is used
    assert again.session.user.username == "operator1"
    again.window.show()
    qtbot.waitUntil(again.tools_ready.is_set, timeout=60_000)
    token = again.session.client.token.access_token
    _leave(qloop, qtbot, again, SWITCH_USER)
    arun(again.close())
    import httpx

    revoked = httpx.get(f"{server.url}/api/v1/auth/me",
                        headers={"Authorization": f"Bearer {token}"})
    assert revoked.status_code == 401  # signing out revoked the token on the server
    assert not any("operator1" in user for (_service, user) in memory_keyring.store)

    # Switching user: the dialog again, even though operator1 was configured.
    other = Workspace(Settings(server_url=server.url, username="operator1", extra=NO_SPEECH),
                      ask_sign_in=True)
    starting = qloop.create_task(other.start())
    _sign_in(qtbot, _dialog(qtbot), "lead1", "lead1-demo")
    qtbot.waitUntil(starting.done, timeout=30_000)
    starting.result()
    try:
        assert other.session.user.username == "lead1"
    finally:
        arun(other.close())


def test_quitting_with_unsent_orders_warns_and_keeps_them(server, qloop, qtbot, arun,
                                                          memory_keyring):
    from agent_desktop.api.session import WORK_ORDER

    ws = Workspace(Settings(server_url=server.url, extra=NO_SPEECH))
    starting = qloop.create_task(ws.start())
    _sign_in(qtbot, _dialog(qtbot), "operator1", "operator1-demo")
    qtbot.waitUntil(starting.done, timeout=30_000)
    starting.result()
    try:
        ws.window.show()
        server.stop()  # the server goes away; an order waits in the outbox
        ws.session.outbox.enqueue(WORK_ORDER, {"content": "waiting"}, None)
        qtbot.waitUntil(lambda: ws.session.outbox.backlog() == 1, timeout=5_000)
        ws.window.close()
        box = _message_box(qtbot)
        assert "1" in box.text() and "next start" in box.text()
        stay = [b for b in box.buttons() if b.text() == "Stay"][0]
        stay.click()
        qtbot.wait(200)
        assert not ws.finished.done() and ws.window.isVisible()
        ws.window.close()
        box = _message_box(qtbot)
        [b for b in box.buttons() if b.text() == "Quit"][0].click()
        qtbot.waitUntil(ws.finished.done, timeout=5_000)
        assert ws.finished.result() == QUIT
    finally:
        arun(ws.close())


def _message_box(qtbot):
    from PySide6.QtWidgets import QMessageBox

    return _visible(qtbot, QMessageBox, timeout=5_000)


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")),
                    reason="needs Xvfb and xdotool (scripts/system-deps.sh --test installs "
                    "them)")
def test_app_process_under_xvfb_signs_in_stays_up_and_exits_zero(server, tmp_path):
    """The whole app as the operator starts it, on a real X display: the sign-in dialog
    (typed with xdotool), the window stays up, SIGTERM ends it with exit code 0."""
    display = f":{90 + os.getpid() % 50}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    log = tmp_path / "app.log"
    app = None
    try:
        time.sleep(1.0)
        with open(log, "wb") as out:
            app = subprocess.Popen([sys.executable, "-m", "agent_desktop", "--server-url",
                                    server.url, "--lang", "en"], env=env, stdout=out, stderr=out)
        xdo = {**env}

        def wait_window(name: str, timeout: float = 60) -> str:
            end = time.monotonic() + timeout
            while time.monotonic() < end:
                r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name],
                                   env=xdo, capture_output=True, text=True)
                if r.stdout.strip():
                    return r.stdout.split()[0]
                assert app.poll() is None, log.read_text("utf-8", "replace")
                time.sleep(0.3)
            raise AssertionError(f"no window {name!r}; log:\n" + log.read_text("utf-8",
                                                                               "replace"))

        dialog = wait_window("^Sign in")
        subprocess.run(["xdotool", "windowfocus", "--sync", dialog], env=xdo, check=False)
        time.sleep(0.3)
        for args in (["key", "ctrl+a"], ["type", "operator1"], ["key", "Tab"],
                     ["type", "wrong-password"], ["key", "Return"]):
            subprocess.run(["xdotool", *args], env=xdo, check=True)
        time.sleep(2.0)
        assert app.poll() is None, log.read_text("utf-8", "replace")
        for args in (["key", "ctrl+a"], ["type", "operator1-demo"], ["key", "Return"]):
            subprocess.run(["xdotool", *args], env=xdo, check=True)
        wait_window("^12345 Hotline Agent Desktop$")
        time.sleep(5.0)  # the services behind the window come up; it must stay up
        assert app.poll() is None, log.read_text("utf-8", "replace")
        shot = tmp_path / "window.png"
        subprocess.run(["import", "-display", display, "-window", "root", str(shot)],
                       check=False)
        app.send_signal(signal.SIGTERM)
        assert app.wait(30) == 0, log.read_text("utf-8", "replace")
        text = log.read_text("utf-8", "replace")
        assert "Traceback" not in text and "Event loop stopped" not in text, text
        assert "POST" in text and "auth/token" in text
    finally:
        if app is not None and app.poll() is None:
            app.kill()
        xvfb.terminate()
        xvfb.wait(10)
