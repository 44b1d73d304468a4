"""The live transcript of the call: what the caller and the operator say, as they say it.

`TranscriptView(transcriber)` subscribes to a `speech.stream.Transcriber` and shows each
utterance under a coloured speaker label with its time; partial text appears grey and is
replaced by the final text when the utterance ends. It follows the newest line unless the
operator scrolled up (then a "Jump to latest" button appears), finds text, and hands a
selection to the work-order form through the `copy_to_order` signal. `transcript()` /
`save_json()` give the call's final transcript for saving with the call.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.speech.transcript import Segment, Transcript

SPEAKER_COLORS = {"caller": "#1d5fbf", "operator": "#1f8a4c"}
SPEAKER_TINTS = {"caller": "#f1f6fd", "operator": "#f0f8f3"}
PARTIAL_COLOR = "#8a94a3"
FINAL_COLOR = "#1f2933"
MUTED = "#5f6b7a"
MATCH_BG = "#ffe58a"
CURRENT_MATCH_BG = "#ffb020"

HEADER, BODY = 1, 2  # QTextBlock.userState() of the two blocks of an utterance


def _clock(seconds: float) -> str:
    seconds = max(0.0, seconds)
    return f"{int(seconds // 60):02d}:{int(seconds % 60):02d}"


class TranscriptView(QWidget):
    """Live two-speaker transcript (see the module docstring)."""

    copy_to_order = Signal(str)  # selected transcript text, for a work-order field
    segment_shown = Signal(object)  # Segment, after it is on screen (tests, assist)

    def __init__(self, transcriber=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TranscriptView")
        self._segments: dict[str, Segment] = {}  # id → latest segment (partial or final)
        self._order: list[str] = []  # ids in display order
        self._follow = True
        self._updating = False
        self._matches: list[QTextCursor] = []
        self._match_index = -1
        self._unsubscribe = []

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search transcript"))
        self.search.setAccessibleName(self.tr("Search transcript"))
        self.search.setAccessibleDescription(self.tr("Enter jumps to the next match"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self.next_match)
        self.match_label = QLabel()
        self.match_label.setObjectName("Muted")
        self.copy_button = QPushButton(self.tr("Copy to order"))
        self.copy_button.setToolTip(self.tr("Put the selected text into the work order"))
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self._copy_selection)
        self.status_label = QLabel()
        self.status_label.setObjectName("Muted")
        self.status_label.hide()

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(6)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.match_label)
        bar.addWidget(self.copy_button)

        self.text = QTextEdit()
        self.text.setObjectName("TranscriptText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Live transcript"))
        self.text.setAccessibleDescription(self.tr("What the caller and the operator say, "
                                                   "caller and operator apart"))
        self.text.setUndoRedoEnabled(False)
        self.text.setPlaceholderText(self.tr("Listening… the words of the call appear here."))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._context_menu)
        self.text.selectionChanged.connect(self._on_selection)
        self.text.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.text.viewport().installEventFilter(self)
        self.text.document().setDocumentMargin(8)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5) + 1.0)
        self.text.document().setDefaultFont(font)

        self.jump_button = QPushButton(self.tr("Jump to latest ↓"), self.text)
        self.jump_button.setObjectName("JumpToLatest")
        self.jump_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.jump_button.setStyleSheet(
            "QPushButton#JumpToLatest { background: #1d5fbf; color: white; border: none;"
            " border-radius: 12px; padding: 4px 12px; font-weight: 600; }")
        self.jump_button.clicked.connect(self.jump_to_latest)
        self.jump_button.hide()

        copy_action = QAction(self.tr("Copy to order"), self)
        copy_action.setShortcut(QKeySequence("Ctrl+Return"))
        copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy_action.triggered.connect(self._copy_selection)
        self.addAction(copy_action)
        self._copy_action = copy_action
        find_action = QAction(self.tr("Find"), self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find_action.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(find_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.text, 1)

        self.transcriber = None
        if transcriber is not None:
            self.set_transcriber(transcriber)

    # --- wiring -----------------------------------------------------------------------

    def set_transcriber(self, transcriber) -> None:
        """Show the segments of `transcriber` (a speech.stream.Transcriber)."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self.transcriber = transcriber
        self._unsubscribe = [transcriber.segment_emitted.connect(self.add_segment),
                             transcriber.error.connect(self._on_error)]
        if not getattr(transcriber, "ready", True):
            self.status_label.setText(self.tr("Loading the speech model…"))
            self.status_label.show()
            self._unsubscribe.append(transcriber.ready_changed.connect(self._on_ready))
        self.destroyed.connect(lambda *_: [u() for u in self._unsubscribe])

    def _on_ready(self, ok: bool = True) -> None:
        if ok:
            self.status_label.hide()

    def _on_error(self, message: str) -> None:
        self.status_label.setText(self.tr("Transcription problem: %1").replace("%1", message))
        self.status_label.setStyleSheet("color: #c62828;")
        self.status_label.show()

    # --- segments ---------------------------------------------------------------------

    def speaker_label(self, speaker: str) -> str:
        return self.tr("Caller") if speaker == "caller" else self.tr("Operator")

    def add_segment(self, segment: Segment) -> None:
        """Show a partial or final segment; a final replaces its utterance's partial."""
        key = segment.id or f"{segment.speaker}-{segment.start:.2f}"
        previous = self._segments.get(key)
        if previous is not None and previous.final and not segment.final:
            return  # a late partial after the final
        self._updating = True
        try:
            if not segment.text:
                if previous is not None:
                    self._remove(key)
            elif previous is None:
                self._segments[key] = segment
                self._order.append(key)
                self._append(segment)
            else:
                self._segments[key] = segment
                self._replace_body(key, segment)
        finally:
            self._updating = False
        if self._follow:
            self._scroll_to_bottom()
        else:
            self._place_jump_button()
            self.jump_button.show()
        if self.search.text():
            self._on_search(self.search.text(), keep_position=True)
        self.segment_shown.emit(segment)

    def _header_html(self, segment: Segment) -> tuple[str, QTextCharFormat, str, QTextCharFormat]:
        label_fmt = QTextCharFormat()
        label_fmt.setForeground(QColor(SPEAKER_COLORS.get(segment.speaker, MUTED)))
        label_fmt.setFontWeight(QFont.Weight.DemiBold)
        time_fmt = QTextCharFormat()
        time_fmt.setForeground(QColor(MUTED))
        time_fmt.setFontPointSize(max(7.0, self.text.document().defaultFont().pointSizeF() - 2))
        return (self.speaker_label(segment.speaker), label_fmt,
                "  " + _clock(segment.start), time_fmt)

    def _body_format(self, segment: Segment) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(FINAL_COLOR if segment.final else PARTIAL_COLOR))
        fmt.setFontItalic(not segment.final)
        return fmt

    def _block_formats(self, segment: Segment) -> tuple[QTextBlockFormat, QTextBlockFormat]:
        tint = QColor(SPEAKER_TINTS.get(segment.speaker, "#ffffff"))
        indent = 0 if segment.speaker == "caller" else 28
        header = QTextBlockFormat()
        header.setTopMargin(8)
        header.setLeftMargin(indent)
        header.setBackground(tint)
        body = QTextBlockFormat()
        body.setLeftMargin(indent)
        body.setBottomMargin(2)
        body.setBackground(tint)
        body.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return header, body

    def _append(self, segment: Segment) -> None:
        doc = self.text.document()
        cursor = QTextCursor(doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        header_fmt, body_fmt = self._block_formats(segment)
        label, label_fmt, clock, time_fmt = self._header_html(segment)
        if doc.isEmpty():
            cursor.setBlockFormat(header_fmt)
        else:
            cursor.insertBlock(header_fmt)
        cursor.block().setUserState(HEADER)
        cursor.insertText(label, label_fmt)
        cursor.insertText(clock, time_fmt)
        cursor.insertBlock(body_fmt)
        cursor.block().setUserState(BODY)
        self._insert_body(cursor, segment)

    def _insert_body(self, cursor: QTextCursor, segment: Segment) -> None:
        """The segment's text; a stretch the recogniser's text was corrected in is
        underlined and shows what was heard on hover (issue 13: the original is kept)."""
        fmt = self._body_format(segment)
        text, pos = segment.text, 0
        spans = []
        for c in segment.corrections:
            start = c.start if 0 <= c.start and text[c.start:c.end] == c.corrected \
                else text.find(c.corrected)
            if start >= pos and c.corrected:
                spans.append((start, start + len(c.corrected), c))
                pos = start + len(c.corrected)
        pos = 0
        for start, end, c in spans:
            cursor.insertText(text[pos:start], fmt)
            marked = QTextCharFormat(fmt)
            marked.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            marked.setToolTip(self.tr("Heard “%1”, corrected to “%2”")
                              .replace("%1", c.heard).replace("%2", c.corrected))
            cursor.insertText(text[start:end], marked)
            pos = end
        cursor.insertText(text[pos:], fmt)

    def correction_tip_at(self, pos) -> str:
        """The tooltip of a corrected stretch at viewport position `pos` ('' elsewhere)."""
        cursor = self.text.cursorForPosition(pos)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter,
                            QTextCursor.MoveMode.KeepAnchor)
        return cursor.charFormat().toolTip()

    def _body_block(self, key: str):
        index = self._order.index(key)
        return self.text.document().findBlockByNumber(index * 2 + 1)

    def _replace_body(self, key: str, segment: Segment) -> None:
        block = self._body_block(key)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                            QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._insert_body(cursor, segment)
        header = block.previous()
        hc = QTextCursor(header)
        hc.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        label, label_fmt, clock, time_fmt = self._header_html(segment)
        hc.insertText(label, label_fmt)
        hc.insertText(clock, time_fmt)

    def _remove(self, key: str) -> None:
        block = self._body_block(key)
        header = block.previous()
        cursor = QTextCursor(header)
        cursor.setPosition(header.position())
        end = block.position() + block.length() - 1
        if block.next().isValid():
            end += 1  # take the separator too
        elif header.previous().isValid():
            cursor.setPosition(header.position() - 1)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._order.remove(key)
        del self._segments[key]

    def clear(self) -> None:
        """Empty the view for a new call."""
        self._segments.clear()
        self._order.clear()
        self.text.clear()
        self._follow = True
        self.jump_button.hide()

    # --- scrolling --------------------------------------------------------------------

    @property
    def following(self) -> bool:
        """True while the view keeps the newest line in sight."""
        return self._follow

    def _at_bottom(self) -> bool:
        bar = self.text.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _on_scroll(self, _value: int) -> None:
        if self._updating:
            return
        self._follow = self._at_bottom()
        if self._follow:
            self.jump_button.hide()
        elif self._order:
            self._place_jump_button()
            self.jump_button.show()

    def _scroll_to_bottom(self) -> None:
        self._updating = True
        try:
            bar = self.text.verticalScrollBar()
            bar.setValue(bar.maximum())
        finally:
            self._updating = False

    def jump_to_latest(self) -> None:
        self._follow = True
        self.jump_button.hide()
        self._scroll_to_bottom()

    def _place_jump_button(self) -> None:
        self.jump_button.adjustSize()
        vp = self.text.viewport().geometry()
        self.jump_button.move(vp.x() + (vp.width() - self.jump_button.width()) // 2,
                              vp.bottom() - self.jump_button.height() - 10)
        self.jump_button.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.text.viewport() and event.type() == QEvent.Type.ToolTip:
            tip = self.correction_tip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.text.viewport())
            else:
                QToolTip.hideText()
            return True
        if obj is self.text.viewport() and event.type() == QEvent.Type.Resize:
            if self.jump_button.isVisible():
                self._place_jump_button()
            if self._follow:
                self._scroll_to_bottom()
        return super().eventFilter(obj, event)

    # --- search -----------------------------------------------------------------------

    def _on_search(self, text: str, keep_position: bool = False) -> None:
        self._matches = []
        doc = self.text.document()
        if text:
            cursor = doc.find(text, 0)
            while not cursor.isNull():
                if cursor.block().userState() == BODY:
                    self._matches.append(cursor)
                cursor = doc.find(text, cursor)
        if not keep_position or self._match_index >= len(self._matches):
            self._match_index = -1
        self._highlight()

    def next_match(self, backwards: bool = False) -> None:
        if not self._matches:
            return
        step = -1 if backwards else 1
        self._match_index = (self._match_index + step) % len(self._matches)
        self._highlight()
        cursor = QTextCursor(self._matches[self._match_index])
        cursor.clearSelection()  # the match is highlighted; a selection would hide that
        self._follow = False
        self._updating = True
        try:
            self.text.setTextCursor(cursor)
            # put the match a third of the way down, with its speaker label in sight
            bar = self.text.verticalScrollBar()
            top = self.text.cursorRect(cursor).top()
            bar.setValue(bar.value() + top - self.text.viewport().height() // 3)
        finally:
            self._updating = False
        self._on_scroll(0)

    def _highlight(self) -> None:
        selections = []
        for i, cursor in enumerate(self._matches):
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format.setBackground(QColor(CURRENT_MATCH_BG if i == self._match_index
                                            else MATCH_BG))
            selections.append(sel)
        self.text.setExtraSelections(selections)
        if self.search.text():
            current = self._match_index + 1 if self._match_index >= 0 else 0
            self.match_label.setText(f"{current}/{len(self._matches)}")
        else:
            self.match_label.clear()

    def show_evidence(self, segment_id: str, start: int, end: int) -> bool:
        """Highlight characters [start, end) of an utterance (what the assistant heard a
        field in) and scroll it into view. False if the utterance is not on screen."""
        if segment_id not in self._segments:
            return False
        block = self._body_block(segment_id)
        length = max(0, block.length() - 1)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(start, length))
        cursor.setPosition(block.position() + min(end, length), QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor
        sel.format.setBackground(QColor(CURRENT_MATCH_BG))
        self.text.setExtraSelections([sel])
        self.evidence_cursor = cursor
        self._follow = False
        bar = self.text.verticalScrollBar()
        top = self.text.cursorRect(QTextCursor(block)).top()
        bar.setValue(bar.value() + top - self.text.viewport().height() // 3)
        self._on_scroll(0)
        return True

    @property
    def match_count(self) -> int:
        return len(self._matches)

    # --- copy to the work order ---------------------------------------------------------

    def selected_text(self) -> str:
        """The selected transcript text without speaker labels and times."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return ""
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        doc = self.text.document()
        block = doc.findBlock(start)
        parts = []
        while block.isValid() and block.position() <= end:
            if block.userState() == BODY:
                b0 = block.position()
                text = block.text()
                s, e = max(0, start - b0), min(len(text), end - b0)
                if e > s:
                    parts.append(text[s:e])
            block = block.next()
        return "\n".join(p.strip() for p in parts if p.strip())

    def _on_selection(self) -> None:
        self.copy_button.setEnabled(bool(self.selected_text()))

    def _copy_selection(self) -> None:
        text = self.selected_text()
        if text:
            self.copy_to_order.emit(text)

    def _context_menu(self, pos) -> None:
        menu = self.text.createStandardContextMenu(pos)
        action = QAction(self.tr("Copy to order"), menu)
        action.setEnabled(bool(self.selected_text()))
        action.triggered.connect(self._copy_selection)
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, action)
        if first:
            menu.insertSeparator(first)
        menu.exec(self.text.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # --- saving ---------------------------------------------------------------------------

    def transcript(self, call_id: str | None = None) -> Transcript:
        """The final segments shown, for saving with the call."""
        t = Transcript(call_id=call_id,
                       engine=getattr(getattr(self.transcriber, "engine", None), "describe",
                                      lambda: "")())
        for key in self._order:
            segment = self._segments[key]
            if segment.final:
                t.add(segment)
        return t

    def to_json(self, call_id: str | None = None) -> str:
        return self.transcript(call_id).to_json()

    def save_json(self, path: str | Path, call_id: str | None = None) -> Path:
        return self.transcript(call_id).save(path)

    def plain_text(self) -> str:
        """Every utterance shown (partials too) as 'Speaker mm:ss text' lines."""
        return "\n".join(
            f"{self.speaker_label(s.speaker)} {_clock(s.start)} {s.text}"
            for s in (self._segments[k] for k in self._order))

    def document(self) -> QTextDocument:
        return self.text.document()
