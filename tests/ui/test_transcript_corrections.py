"""The transcript shows a corrected stretch underlined, with what was heard on hover."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPoint  # noqa: E402
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QToolTip  # noqa: E402

from agent_desktop.speech.transcript import Segment, SpanCorrection  # noqa: E402
from agent_desktop.ui.transcript_view import TranscriptView  # noqa: E402


def _point_of(view: TranscriptView, block_number: int, column: int) -> QPoint:
    """The viewport position of a character (its middle)."""
    cursor = QTextCursor(view.document().findBlockByNumber(block_number))
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=column)
    left = view.text.cursorRect(cursor)
    cursor.movePosition(QTextCursor.MoveOperation.Right)
    right = view.text.cursorRect(cursor)
    return QPoint((left.x() + right.x()) // 2, left.center().y())


def test_a_corrected_stretch_shows_what_was_heard_on_hover(qtbot, qloop):
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(520, 300)
    view.show()
    qtbot.waitExposed(view)
    fix = SpanCorrection(3, 6, "新乔镇", "新桥镇", "sounds like the street term 新桥镇")
    view.add_segment(Segment("caller", 0.0, 3.0, "松江区新桥镇的路灯坏了。", True, 0.8, "c1",
                             corrections=(fix,)))
    body = view.document().findBlockByNumber(1)
    assert body.text() == "松江区新桥镇的路灯坏了。"  # the corrected text is what is read
    formats = {}
    it = body.begin()
    while not it.atEnd():
        frag = it.fragment()
        formats[frag.text()] = frag.charFormat()
        it += 1
    assert formats["新桥镇"].underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert "新乔镇" in formats["新桥镇"].toolTip() and "新桥镇" in formats["新桥镇"].toolTip()
    assert formats["松江区"].toolTip() == ""

    on_fix, off_fix = _point_of(view, 1, 4), _point_of(view, 1, 8)
    assert "新乔镇" in view.correction_tip_at(on_fix)
    assert view.correction_tip_at(off_fix) == ""
    # a real hover: Qt's tooltip event over the stretch shows both
    viewport = view.text.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, on_fix, viewport.mapToGlobal(on_fix))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "新乔镇" in QToolTip.text() and "新桥镇" in QToolTip.text()


def test_a_replaced_final_keeps_its_correction_marks(qtbot, qloop):
    view = TranscriptView()
    qtbot.addWidget(view)
    view.add_segment(Segment("caller", 0.0, 1.0, "小区门口的应景盖", False, 0.5, "c1"))
    view.add_segment(Segment("caller", 0.0, 2.0, "小区门口的窨井盖坏了。", True, 0.8, "c1",
                             corrections=(("应景盖", "窨井盖"),)))  # an old-style pair
    body = view.document().findBlockByNumber(1)
    assert body.text() == "小区门口的窨井盖坏了。"
    it = body.begin()
    tips = []
    while not it.atEnd():
        tips.append((it.fragment().text(), it.fragment().charFormat().toolTip()))
        it += 1
    assert [t for t, tip in tips if tip] == ["窨井盖"]
