"""Driver for `test_gui_whole_call`: the app in a real window on an X display (Xvfb),
one whole call — a citizen (baresip) calls through kamailio, the operator clicks 接听,
the caller's words reach the transcript, the order is filled and submitted with
Ctrl+Enter, the order number appears, the operator hangs up.

Run by the test as its own process (Qt's platform is chosen once per process, and the
test suite runs offscreen): `python tests/e2e/gui_whole_call.py OUT_DIR`. Prints
`RESULT {json}` at the end. The one stand-in is the operator's headset (BufferAudio).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


async def until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


def commit_text(widget, text: str) -> None:
    """Type Chinese as an input method commits it."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


async def fill_order(ws, qtest, qt) -> None:
    """What the operator types for the caller's question about 公积金."""
    form = ws.order_form
    sections = form
    for name, text in (("phone", "13916728845"),):
        widget = getattr(sections, name)
        widget.setFocus()
        qtest.keyClick(widget, qt.Key.Key_A, qt.KeyboardModifier.ControlModifier)
        qtest.keyClicks(widget, text)  # replaces the SIP user name the softphone put there
    appeal = form.appeal_type
    index = appeal.findData("consultation")
    if index < 0:
        index = next(i for i in range(appeal.count()) if "咨询" in appeal.itemText(i))
    appeal.setCurrentIndex(index)
    await until(lambda: form.matter_picker.ready, 20, "the matter picker")
    commit_text(form.matter, "公积金提取")
    qtest.keyClick(form.matter, qt.Key.Key_Return)
    await asyncio.sleep(0.3)
    commit_text(form.content, "来电人咨询公积金提取需要准备哪些材料（GUI 冒烟测试）")


async def main(out: Path) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from agent_desktop.app import Workspace
    from agent_desktop.config import Settings
    from agent_desktop.paths import data_dir, resource
    from agent_desktop.telephony import BufferAudio, SipSettings
    from agent_desktop.telephony.secrets import store_sip_password
    from tests.telephony.peers import BaresipPeer, Kamailio, free_port, free_port_range

    kamailio = Kamailio(out / "kamailio")
    kamailio.start()
    wav = out / "citizen.wav"
    subprocess.run(["sox", str(resource("speech", "utterances", "c04.8k-ulaw.wav")), "-r",
                    "8000", "-c", "1", "-e", "signed", "-b", "16", str(wav), "pad", "0.5",
                    "30"], check=True)
    citizen = BaresipPeer(out / "citizen", "caller", kamailio.domain, wav)
    citizen.start()
    sip = {"registrar": f"sip:{kamailio.domain}", "user": "operator1",
           "local_ip": "127.0.0.1", "local_port": free_port(2),
           "rtp_ports": free_port_range(20), "register_timeout_s": 2.0, "wrap_up_s": 0.0}
    store_sip_password(SipSettings.from_dict(sip), "op1secret")
    ws = Workspace(Settings(extra={"sip": sip}), interactive=False,
                   headset=BufferAudio(b"", 16000))
    result: dict = {}
    try:
        t0 = time.monotonic()
        await ws.start()
        window, bar, form = ws.window, ws.call_bar, ws.order_form
        window.resize(1366, 768)
        window.show()
        window.raise_()
        window.activateWindow()  # shortcuts fire in the active window (no WM on Xvfb)
        result["window_shown_s"] = round(time.monotonic() - t0, 2)
        await ws.until_ready()
        await until(lambda: ws.softphone.registration.state == "registered", 20, "SIP")
        await ws.transcriber.wait_ready(timeout=60)

        citizen.cmd("dial", f"sip:operator1@{kamailio.domain}")
        await until(bar.answer_button.isEnabled, 20, "the call to ring")
        QTest.mouseClick(bar.answer_button, Qt.MouseButton.LeftButton)
        await until(lambda: ws.calls.current is not None, 10, "the answer")
        call = ws.calls.current
        await until(lambda: "公积金" in ws.transcript_view.plain_text(), 60,
                    "the caller's words in the transcript")
        result["transcript"] = ws.transcript_view.plain_text()[:200]

        window.tabs.setCurrentWidget(form)
        window.activateWindow()
        await until(window.isActiveWindow, 10, "the window to be active")
        await fill_order(ws, QTest, Qt)
        window.grab().save(str(out / "before_submit.png"))
        QTest.keyClick(form.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        outbox = ws.session.outbox
        await until(lambda: outbox.items() and outbox.items()[0].state == "done", 30,
                    "the server's order number")
        number = outbox.items()[0].result["number"]
        await until(lambda: number in form.banner.text(), 10, "the number on screen")
        result["number"] = number
        result["banner"] = form.banner.text()
        result["call_id"] = call.call_id
        await asyncio.sleep(0.5)
        window.grab().save(str(out / "window.png"))
        QTest.mouseClick(bar.hangup_button, Qt.MouseButton.LeftButton)
        saved = data_dir() / "transcripts" / f"{call.call_id}.json"
        await until(saved.exists, 30, "the saved transcript")
        result["transcript_saved"] = True
        result["platform"] = __import__("PySide6.QtGui", fromlist=["QGuiApplication"]) \
            .QGuiApplication.platformName()
    except BaseException:
        if ws.window is not None:
            ws.window.grab().save(str(out / "failure.png"))
        raise
    finally:
        await ws.close()
        citizen.stop()
        kamailio.stop()
    return result


def memory_keyring() -> None:
    """The SIP password must come from a keyring; this machine has none (stand-in)."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        store: dict = {}

        def get_password(self, service, username):
            return self.store.get((service, username))

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def delete_password(self, service, username):
            self.store.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())


def run(out: Path) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    from agent_desktop.ui.theme import apply_theme

    memory_keyring()
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("agent-desktop")
    app.setQuitOnLastWindowClosed(False)
    apply_theme(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        result = loop.run_until_complete(main(out))
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1])))
