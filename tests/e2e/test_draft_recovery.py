"""Crash recovery of the work-order draft, with real processes.

A child process runs the real app (`agent_desktop.app.Workspace`: embedded server, main
window, offscreen) and types a work order into its form — every field, Chinese through
input-method events as a Chinese IME commits them — then keeps typing into the content,
reporting each autosave. The test kills it with SIGKILL in the middle of that typing,
starts the app again on the same data dir, and compares the form it comes up with to what
was typed: every field back, and the content at least as long as the last autosave.

This file is also the child's script: `python test_draft_recovery.py edit|restore`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from queue import Empty, Queue

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
PHONE = "13912348888"


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENT_DESKTOP_SERVER")}
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        "PYTHONUNBUFFERED": "1",
        # no system keyring in the children: sign-in stays in memory (as on a headless PC)
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    })
    return env


class Child:
    """The app as a child process; its stdout lines arrive in a queue."""

    def __init__(self, mode: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, mode], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_child_env(), cwd=ROOT)
        self.lines: Queue[str | None] = Queue()
        self.stderr: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        self.lines.put(None)

    def _read_err(self) -> None:
        assert self.proc.stderr is not None
        for raw in self.proc.stderr:
            self.stderr.append(raw.decode("utf-8", "replace"))

    def expect(self, prefix: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except Empty:
                line = ""
            if line is None or time.monotonic() > deadline:
                self.proc.kill()
                raise AssertionError(f"no {prefix!r} from the app; its stderr:\n"
                                     + "".join(self.stderr[-60:]))
            if line.startswith(prefix + " "):
                return line[len(prefix) + 1:]


def test_a_draft_killed_mid_edit_is_back_on_restart(isolated_user_dirs):
    editor = Child("edit")
    try:
        filled = json.loads(editor.expect("FILLED"))
        saved_lengths = [int(editor.expect("SAVED")) for _ in range(3)]
        os.kill(editor.proc.pid, signal.SIGKILL)  # mid-edit: it is still typing
        assert editor.proc.wait(30) == -signal.SIGKILL
    finally:
        if editor.proc.poll() is None:
            editor.proc.kill()
    assert saved_lengths == sorted(saved_lengths) and saved_lengths[-1] > len(filled["content"])

    restorer = Child("restore")
    restored = json.loads(restorer.expect("RESTORED"))
    banner = restorer.expect("BANNER")
    assert restorer.proc.wait(60) == 0, "".join(restorer.stderr[-40:])

    assert "restored" in banner
    # every field as it was typed …
    for key, value in filled.items():
        if key != "content":
            assert restored[key] == value, key
    # … and the content that kept growing until the kill: nothing autosaved is lost
    assert restored["content"].startswith(filled["content"])
    assert len(restored["content"]) >= saved_lengths[-1]
    # the fields really were filled (not two empty forms compared)
    assert filled["caller"]["name"] == "赵女士"
    assert filled["caller"]["phones"] == [PHONE, "021 6543"]  # the second one half-typed
    assert filled["caller"]["tags"] == ["老年人", "未成年人"]
    assert filled["matter_code"] == "0101010201"
    assert filled["place"]["street_code"] == "310110021" and filled["place"]["lon"] == 121.52
    assert filled["department_code"] == "310110-GOV" and filled["department_overridden"]
    assert filled["co_department_codes"] == ["310110021"]
    assert filled["call_id"] == "call-kill-1" and filled["urgency"] == "urgent"
    assert len(filled["linked_orders"]) == 1


# --- the child -----------------------------------------------------------------------------


def _run_child(mode: str) -> int:  # pragma: no cover - runs in the child process
    import asyncio
    import uuid
    from datetime import datetime, timedelta, timezone

    import qasync
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from agent_desktop.app import Workspace
    from agent_desktop.config import Settings
    from agent_desktop.domain import Place, WorkOrderIn
    from agent_desktop.ui.theme import apply_theme

    app = QApplication([sys.argv[0]])
    app.setOrganizationName("agent-desktop-test")
    apply_theme(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    def say(*parts) -> None:
        print(*parts, flush=True)

    def type_text(widget, text: str) -> None:  # as a Chinese input method commits text
        widget.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    async def until(predicate, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("condition not met")
            await asyncio.sleep(0.02)

    async def main() -> int:
        ws = Workspace(Settings(), interactive=False)
        await ws.start()
        await ws.until_ready()
        window, form = ws.window, ws.order_form
        window.resize(1366, 768)
        window.show()
        window.tabs.setCurrentWidget(form)
        await until(lambda: form.matter_picker.ready)
        if mode == "restore":
            say("RESTORED", json.dumps(form.draft_data(), ensure_ascii=False))
            say("BANNER", form.banner.text())
            await ws.close()
            return 0

        earlier = await ws.session.client.create_work_order(WorkOrderIn.model_validate({
            "appeal_type": "complaint", "caller": {"phones": [PHONE]},
            "matter_code": "0101010201", "content": "长海路门口雨后积水，无法通行，请处理。",
            "request": "尽快排水", "place": {"district_code": "310110",
                                          "street_code": "310110021"},
            "department_code": "310110-WATER"}), str(uuid.uuid4()))
        form.set_call("call-kill-1", PHONE,
                      datetime(2026, 5, 12, 9, 30, tzinfo=timezone(timedelta(hours=8))))
        form.appeal_type.setFocus()
        for _ in range(3):  # from no choice: 咨询, 求助, 投诉
            QTest.keyClick(form.appeal_type, Qt.Key.Key_Down)  # complaint
        type_text(form.caller_name, "赵女士")
        form.gender.setFocus()
        QTest.keyClick(form.gender, Qt.Key.Key_Down)
        QTest.keyClick(form.gender, Qt.Key.Key_Down)  # female
        form.phones.add_button.click()
        QTest.keyClicks(form.phones.rows[1].edit, "021 6543")  # still typing it
        form.anonymous.setFocus()
        QTest.keyClick(form.confidential, Qt.Key.Key_Space)
        QTest.keyClick(form.tags["老年人"], Qt.Key.Key_Space)
        QTest.keyClick(form.tags["未成年人"], Qt.Key.Key_Space)
        form.language.setFocus()
        QTest.keyClick(form.language, Qt.Key.Key_Down)
        form.focus_matter()
        QTest.keyClicks(form.matter, "yhdljs")
        QTest.keyClick(form.matter, Qt.Key.Key_Return)
        type_text(form.title, "长海路门口积水")
        type_text(form.content, "来电人反映长海路123弄门口雨后积水，深约20厘米。")
        type_text(form.request, "尽快排水")
        type_text(form.reported_party, "某物业管理有限公司")
        type_text(form.district.lineEdit(), "杨浦区")
        type_text(form.street.lineEdit(), "长海路街道")
        type_text(form.address, "长海路123弄")
        form.set_place(Place(district_code="310110", street_code="310110021",
                             lon=121.52, lat=31.31))  # the map tab's pin
        form.urgency.setFocus()
        QTest.keyClick(form.urgency, Qt.Key.Key_Down)
        form.department.lineEdit().clear()
        type_text(form.department.lineEdit(), "杨浦区人民政府")
        type_text(form.co_departments.box.lineEdit(), "长海路街道办事处")
        form.co_departments.add_current()
        QTest.keyClick(form.follow_up_required, Qt.Key.Key_Space)
        await until(lambda: any(e.id == earlier.id for e in form.caller_history.entries))
        form.caller_history.select(earlier.id)
        form.link_repeat()  # Ctrl+L

        store = form.drafts
        saved = asyncio.Event()

        def on_saved(key: str, _revision: int) -> None:
            draft = store.get(key)
            if draft is not None and filled_once.is_set():
                say("SAVED", len(draft.data["content"]))
            saved.set()

        filled_once = asyncio.Event()
        form.draft_saved.connect(on_saved)
        form.save_draft_now()
        await asyncio.wait_for(saved.wait(), 10)
        say("FILLED", json.dumps(form.draft_data(), ensure_ascii=False))
        filled_once.set()
        n = 0
        while True:  # the operator goes on typing until the process is killed
            n += 1
            type_text(form.content, "又" if n % 2 else "积")
            await asyncio.sleep(0.08)

    with loop:
        return loop.run_until_complete(main())


if __name__ == "__main__":
    raise SystemExit(_run_child(sys.argv[1]))
