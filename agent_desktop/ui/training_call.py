"""A trainee's simulated call in the operator's workspace (培训 → 模拟来电练习).

`ScenarioPicker` chooses the scenario; `TrainingBar` sits between the call bar and the
transcript while the call lasts (who is calling, the caller's words when they have no
voice, a box to type what one would say when there is no headset, hang up); the trainee
fills the order exactly as on a real call and submits it with Ctrl+Enter, which hands it
to the trainer's scoring instead of the outbox; `ScoreDialog` shows the result at once,
criterion by criterion with its evidence and what a good answer was.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .labels import label
from .theme import ACCENT, ERROR, OK, WARN

def _difficulty(value: str) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {"easy": QCoreApplication.translate("Training", "Easy"),
             "medium": QCoreApplication.translate("Training", "Medium"),
             "hard": QCoreApplication.translate("Training", "Hard")}
    return names.get(value, value)


class ScenarioPicker(QDialog):
    """The scenarios a trainee may practise: [{"id", "title", "appeal_type",
    "difficulty"}]; `chosen` is the id once accepted."""

    def __init__(self, scenarios: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Practice with a simulated caller"))
        self.resize(720, 520)
        self.scenarios = scenarios
        self.chosen: str | None = None
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by title, appeal type or difficulty"))
        self.filter.textChanged.connect(self._apply_filter)
        self.table = QTableWidget(len(scenarios), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Scenario"), self.tr("Appeal type"),
                                              self.tr("Difficulty")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, s in enumerate(scenarios):
            for col, text in enumerate((s["title"], label(s["appeal_type"]),
                                        _difficulty(s["difficulty"]))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s["id"])
                self.table.setItem(row, col, item)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        if scenarios:
            self.table.selectRow(0)
        note = QLabel(self.tr("Answer as on a real call: greet, listen, ask, read the number "
                              "back, fill the order and submit with Ctrl+Enter. The order is "
                              "scored, never sent to a department."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        start = buttons.addButton(self.tr("Answer the call"),
                                  QDialogButtonBox.ButtonRole.AcceptRole)
        start.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _apply_filter(self, text: str) -> None:
        text = text.strip()
        for row in range(self.table.rowCount()):
            cells = " ".join(self.table.item(row, c).text() for c in range(3))
            self.table.setRowHidden(row, bool(text) and text not in cells)

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.table.isRowHidden(rows[0].row()):
            return
        self.chosen = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        super().accept()


class TrainingBar(QFrame):
    """Shown while a training call lasts."""

    typed = Signal(str)  # what the trainee would say, typed (no headset)
    hang_up_requested = Signal()
    abandon_requested = Signal()  # after the call: leave without handing in

    def __init__(self, title: str, persona: str, *, has_microphone: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TrainingBar")
        self.setStyleSheet(f"#TrainingBar {{ border: 2px solid {ACCENT}; border-radius: 6px; }}")
        self.heading = QLabel(self.tr("Training call — %1").replace("%1", title))
        self.heading.setStyleSheet("font-weight: bold;")
        self.persona = QLabel(persona)
        self.persona.setWordWrap(True)
        self.clock = QLabel("00:00")
        self.state = QLabel(self.tr("The caller waits for your greeting."))
        self.state.setStyleSheet(f"color: {WARN};")
        self.caller_text = QLabel()
        self.caller_text.setWordWrap(True)
        self.caller_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caller_text.hide()
        self.say = QLineEdit()
        self.say.setPlaceholderText(
            self.tr("Type what you say to the caller and press Enter") if not has_microphone
            else self.tr("Or type what you say and press Enter"))
        self.say.returnPressed.connect(self._send)
        self.hang_up = QPushButton(self.tr("Hang up"))
        self.hang_up.clicked.connect(self.hang_up_requested)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.clock)
        top.addWidget(self.hang_up)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.persona)
        layout.addWidget(self.state)
        layout.addWidget(self.caller_text)
        layout.addWidget(self.say)
        self._seconds = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)

    def _tick(self) -> None:
        self._seconds += 1
        self.clock.setText(f"{self._seconds // 60:02d}:{self._seconds % 60:02d}")

    def _send(self) -> None:
        text = self.say.text().strip()
        if text:
            self.say.clear()
            self.typed.emit(text)

    def show_line(self, text: str, has_voice: bool) -> None:
        """The caller said `text`; a line without a voice is shown as text."""
        self.state.setText(self.tr("The caller is speaking…") if has_voice
                           else self.tr("The caller says (no recorded voice for this line):"))
        self.state.setStyleSheet(f"color: {ACCENT};")
        if not has_voice:
            self.caller_text.setText(f"“{text}”")
            self.caller_text.show()

    def no_microphone(self, reason: str) -> None:
        self.say.setPlaceholderText(self.tr("No headset: type what you say to the caller "
                                            "and press Enter"))
        self.say.setToolTip(reason)
        self.say.setFocus()

    def ended(self) -> None:
        self._timer.stop()
        self.hang_up.setText(self.tr("Leave without scoring"))
        self.hang_up.clicked.disconnect()
        self.hang_up.clicked.connect(self.abandon_requested)
        self.say.setEnabled(False)
        self.state.setText(self.tr("The call has ended. Complete the order and submit it "
                                   "(Ctrl+Enter) to see your score."))
        self.state.setStyleSheet(f"color: {OK};")

    def failed(self, message: str) -> None:
        self.state.setText(message)
        self.state.setStyleSheet(f"color: {ERROR};")


class ScoreDialog(QDialog):
    """A scored attempt: {"total", "criteria": [{"name", "label_zh", "score", "max",
    "evidence", "expected", "assessed"}]}."""

    def __init__(self, title: str, result: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your score — %1").replace("%1", title))
        self.resize(900, 600)
        total = QLabel(self.tr("Total: %1 / 100").replace("%1", f"{result['total']:g}"))
        total.setStyleSheet("font-size: 20px; font-weight: bold;")
        criteria = result.get("criteria", [])
        self.table = QTableWidget(len(criteria), 4)
        self.table.setHorizontalHeaderLabels([self.tr("Criterion"), self.tr("Score"),
                                              self.tr("What you did"), self.tr("A good answer")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, c in enumerate(criteria):
            assessed = c.get("assessed", True)
            score = (f"{c['score']:g} / {c['max']:g}" if assessed
                     else self.tr("not assessed"))
            cells = (c.get("label_zh") or c.get("name", ""), score, c.get("evidence", ""),
                     c.get("expected", ""))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                item.setToolTip(str(text))
                if col == 1 and assessed and c["score"] < c["max"]:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(total)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
