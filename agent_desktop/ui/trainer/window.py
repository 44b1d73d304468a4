"""The trainer's window (培训师): every trainee's practice calls with their scores, one
attempt criterion by criterion (evidence, the good answer, an override with a comment), a
trainee's progress as a chart, and the scenarios as the server keeps them, editable."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QMainWindow,
                               QPushButton, QSplitter, QStatusBar, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from agent_desktop.domain.clock import HOTLINE_TZ
from agent_desktop.training.desk import TrainerDesk
from agent_desktop.ui.closing import ClosedByWorkspace
from agent_desktop.ui.board.common import spawn

from .override_dialog import OverrideDialog
from .progress_chart import ProgressChart
from .scenarios_tab import ScenariosTab
from .tables import table as _table


class AttemptsTab(QWidget):
    message = Signal(str)

    def __init__(self, desk: TrainerDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.attempts: list[dict[str, Any]] = []
        self.trainee = QComboBox()
        self.trainee.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.trainee.currentIndexChanged.connect(lambda _i: self._show_list())
        self.list = _table([self.tr("Handed in"), self.tr("Trainee"), self.tr("Scenario"),
                            self.tr("Total")])
        self.list.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.itemSelectionChanged.connect(self._show_attempt)
        self.criteria = _table([self.tr("Criterion"), self.tr("Score"), self.tr("Evidence"),
                                self.tr("A good answer"), self.tr("Trainer's note")])
        for col in (2, 3, 4):
            self.criteria.horizontalHeader().setSectionResizeMode(
                col, QHeaderView.ResizeMode.Stretch)
        self.override = QPushButton(self.tr("Override the score…"))
        self.override.setEnabled(False)
        self.override.clicked.connect(self._override)
        self.chart = ProgressChart()
        self.dialog: OverrideDialog | None = None

        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Trainee:")))
        head.addWidget(self.trainee)
        head.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(head)
        left_layout.addWidget(self.list, 2)
        left_layout.addWidget(self.chart, 3)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.criteria, 1)
        right_layout.addWidget(self.override, alignment=Qt.AlignmentFlag.AlignRight)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    async def load(self) -> None:
        self.attempts = await self.desk.attempts()
        current = self.trainee.currentData()
        self.trainee.blockSignals(True)
        self.trainee.clear()
        self.trainee.addItem(self.tr("Everyone"), "")
        for name in sorted({a["trainee"] for a in self.attempts}):
            self.trainee.addItem(name, name)
        index = self.trainee.findData(current) if current else 0
        self.trainee.setCurrentIndex(max(0, index))
        self.trainee.blockSignals(False)
        self._show_list()

    def shown(self) -> list[dict[str, Any]]:
        who = self.trainee.currentData()
        return [a for a in self.attempts if not who or a["trainee"] == who]

    def _show_list(self) -> None:
        shown = self.shown()
        self.list.setRowCount(len(shown))
        for row, attempt in enumerate(shown):
            when = datetime.fromisoformat(attempt["created_at"]).astimezone(HOTLINE_TZ)
            for col, text in enumerate((when.strftime("%m-%d %H:%M"), attempt["trainee"],
                                        attempt["scenario_id"], f"{attempt['total']:g}")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, attempt["id"])
                self.list.setItem(row, col, item)
        who = self.trainee.currentData()
        self.chart.show_trainee(self.attempts, who or (shown[0]["trainee"] if shown else ""))
        if shown:
            self.list.selectRow(0)
        else:
            self.criteria.setRowCount(0)

    def selected(self) -> dict[str, Any] | None:
        rows = self.list.selectionModel().selectedRows()
        if not rows:
            return None
        attempt_id = self.list.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((a for a in self.attempts if a["id"] == attempt_id), None)

    def _show_attempt(self) -> None:
        attempt = self.selected()
        self.override.setEnabled(attempt is not None)
        criteria = attempt["criteria"] if attempt else []
        self.criteria.setRowCount(len(criteria))
        for row, c in enumerate(criteria):
            score = (f"{c['score']:g} / {c['max']:g}" if c.get("assessed", True)
                     else self.tr("not assessed"))
            note = ""
            if c.get("original_score") is not None:
                note = (self.tr("%1 (was %2): %3").replace("%1", c.get("override_by", ""))
                        .replace("%2", f"{c['original_score']:g}")
                        .replace("%3", c.get("override_comment", "")))
            for col, text in enumerate((c.get("label_zh") or c["name"], score,
                                        c.get("evidence", ""), c.get("expected", ""), note)):
                item = QTableWidgetItem(str(text))
                item.setToolTip(str(text))
                item.setData(Qt.ItemDataRole.UserRole, c["name"])
                self.criteria.setItem(row, col, item)
        self.criteria.resizeRowsToContents()
        if attempt is not None and self.trainee.currentData() in ("", None):
            self.chart.show_trainee(self.attempts, attempt["trainee"])

    def _override(self) -> None:
        attempt = self.selected()
        if attempt is None:
            return
        rows = self.criteria.selectionModel().selectedRows()
        current = (self.criteria.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
                   if rows else None)
        self.dialog = dialog = OverrideDialog(attempt["criteria"], current, self)

        def accepted() -> None:
            name, score, comment = dialog.values()
            spawn(self.desk.override(attempt["id"], name, score, comment), self._overridden,
                  lambda error: self.message.emit(self.tr("Not overridden: %1")
                                                  .replace("%1", error)))

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _overridden(self, attempt: dict[str, Any]) -> None:
        self.attempts = [attempt if a["id"] == attempt["id"] else a for a in self.attempts]
        selected = attempt["id"]
        self._show_list()
        for row in range(self.list.rowCount()):
            if self.list.item(row, 0).data(Qt.ItemDataRole.UserRole) == selected:
                self.list.selectRow(row)
        self.message.emit(self.tr("Score overridden; the original is kept."))


class TrainerWindow(ClosedByWorkspace, QMainWindow):
    close_requested = Signal()
    sign_out_requested = Signal()

    def __init__(self, desk: TrainerDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("12345 Hotline — Trainer"))
        self.setMinimumSize(1024, 640)
        self.attempts = AttemptsTab(desk)
        self.scenarios = ScenariosTab(desk)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.attempts, self.tr("Trainees' attempts"))
        self.tabs.addTab(self.scenarios, self.tr("Scenarios"))
        self.setCentralWidget(self.tabs)
        self.status = QStatusBar(self)
        self.user = QLabel()
        self.status.addPermanentWidget(self.user)
        self.setStatusBar(self.status)
        for tab in (self.attempts, self.scenarios):
            tab.message.connect(lambda text: self.status.showMessage(text, 8000))
        menu = self.menuBar().addMenu(self.tr("&Trainer"))
        refresh = menu.addAction(self.tr("Refresh"))
        refresh.setShortcut("F5")
        refresh.triggered.connect(lambda: spawn(self.load(), failed=lambda e: (
            self.status.showMessage(self.tr("Server: %1").replace("%1", e), 8000))))
        menu.addAction(self.tr("Sign out")).triggered.connect(self.sign_out_requested.emit)
        quit_ = menu.addAction(self.tr("Quit"))
        quit_.setShortcut("Ctrl+Q")
        quit_.triggered.connect(self.close_requested.emit)

    async def load(self) -> None:
        await self.attempts.load()
        await self.scenarios.load()

    def set_user(self, name: str, role: str) -> None:
        self.user.setText(f"{name} · {role}")


