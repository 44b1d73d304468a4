"""Every control of the operator's window can be found by a screen reader: it has an
accessible name (buttons and check boxes may be named by their own text), and
drop-downs are announced by their label, not by the value they show."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from agent_desktop.app import Workspace
from agent_desktop.config import Settings

CONTROLS = (QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QAbstractSpinBox,
            QAbstractButton)


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox,
                                                                          QAbstractSpinBox)):
            continue  # the editor inside a combo/spin box: the box carries the name
        name = widget.accessibleName().strip()
        if isinstance(widget, QAbstractButton) and not name:
            name = widget.text().replace("&", "").strip()
        if isinstance(widget, QComboBox) and name and name == widget.currentText():
            name = ""  # announced by its value: the operator hears "咨询", not the field
        if not name:
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} "
                           f"({widget.toolTip() or getattr(widget, 'placeholderText', lambda: '')()})")
    return missing


@pytest.mark.e2e
def test_every_visible_control_of_the_workspace_has_an_accessible_name(
        qloop, arun, qtbot, memory_keyring):
    ws = Workspace(Settings(extra={"speech": {"enabled": False}}), interactive=False)
    arun(ws.start(), timeout=90)
    arun(ws.until_ready(), timeout=90)
    try:
        window = ws.window
        window.resize(1366, 768)
        window.show()
        missing = []
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            qtbot.wait(50)
            missing += [f"[{window.tabs.tabText(index)}] {m}" for m in unnamed_controls(window)]
        assert not sorted(set(missing)), "\n".join(sorted(set(missing)))
    finally:
        arun(ws.close())
