"""The mouse wheel scrolls the page; it never changes a field the operator is not in.

Qt gives wheel events to whatever drop-down or spin box is under the pointer, so
scrolling a long form changed 主办部门 and 紧急程度 on the way down (and the draft saved
it). Installed once on the application, this filter lets a wheel event reach a combo box
or spin box only when that control has the keyboard focus; otherwise the event goes to
the scroll area around it, which scrolls as the operator meant.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox


_GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Polish and isinstance(watched, _GUARDED):
            # Qt would give the control focus on the wheel before this filter runs.
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if event.type() != QEvent.Type.Wheel:
            return False
        if not isinstance(watched, _GUARDED) or watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)
        return True  # the control itself never sees it


def install(app: QApplication) -> WheelGuard:
    """Install the guard on the application, once (it is parented to the app)."""
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    for widget in app.allWidgets():  # controls made before the guard keep theirs too
        if isinstance(widget, _GUARDED):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return guard
