"""Scrolling over the form never changes a drop-down or spin box without focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from agent_desktop.ui import wheel_guard


def wheel(widget, steps: int = -1) -> None:
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_scrolls_the_page_not_the_unfocused_combo(qtbot, qapp):
    guard = wheel_guard.install(qapp)
    try:
        area = QScrollArea()
        page = QWidget()
        layout = QVBoxLayout(page)
        combo = QComboBox()
        combo.addItems(["上海市商务委员会", "上海市民政局", "徐汇区建设和管理委员会"])
        spin = QSpinBox()
        layout.addWidget(combo)
        layout.addWidget(spin)
        for _ in range(40):
            layout.addWidget(QComboBox())
        area.setWidget(page)
        area.resize(300, 200)
        qtbot.addWidget(area)
        area.show()
        qtbot.waitExposed(area)
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # no focus by wheel

        wheel(combo)
        wheel(spin)
        assert combo.currentIndex() == 0 and spin.value() == 0
        assert area.verticalScrollBar().value() > 0  # the page scrolled instead

        combo.setFocus()  # the operator is in the field: the wheel is theirs
        qtbot.waitUntil(combo.hasFocus)
        wheel(combo)
        assert combo.currentIndex() == 1
    finally:
        qapp.removeEventFilter(guard)
