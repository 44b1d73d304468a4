"""The scenarios as the server keeps them: the list, one scenario as JSON to edit, "new"
(a copy of the selected one under a new id) and "save" — the server checks a scenario
like the packaged ones and every problem it names is shown."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton,
                               QSplitter, QTableWidgetItem, QVBoxLayout, QWidget)

from agent_desktop.api.client import ApiError
from agent_desktop.training.desk import TrainerDesk
from agent_desktop.ui.board.common import spawn
from agent_desktop.ui.labels import label
from agent_desktop.ui.theme import ERROR, OK

from .tables import table


class ScenariosTab(QWidget):
    message = Signal(str)

    def __init__(self, desk: TrainerDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.summaries: list[dict[str, Any]] = []
        self.is_new = False
        self.table = table([self.tr("Scenario"), self.tr("Appeal type"),
                            self.tr("Difficulty"), self.tr("Changed by")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._open_selected)
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFont("monospace"))
        self.editor.setAccessibleName(self.tr("The scenario as JSON"))
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new = QPushButton(self.tr("New from this one"))
        self.new.clicked.connect(self._new)
        self.save = QPushButton(self.tr("Save"))
        self.save.clicked.connect(self._save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problems, 1)
        buttons.addWidget(self.new)
        buttons.addWidget(self.save)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.editor, 1)
        right_layout.addLayout(buttons)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    async def load(self) -> None:
        self.summaries = await self.desk.scenarios()
        self.table.setRowCount(len(self.summaries))
        for row, s in enumerate(self.summaries):
            for col, text in enumerate((s["title"], label(s["appeal_type"]), s["difficulty"],
                                        s.get("updated_by", ""))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s["id"])
                self.table.setItem(row, col, item)
        if self.summaries and not self.table.selectionModel().selectedRows():
            self.table.blockSignals(True)
            self.table.selectRow(0)
            self.table.blockSignals(False)
            self._show(await self.desk.scenario(self.summaries[0]["id"]))

    def _open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        scenario_id = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        spawn(self.desk.scenario(scenario_id), self._show,
              lambda error: self._say(error, ERROR))

    def _show(self, data: dict[str, Any]) -> None:
        self.is_new = False
        self.editor.setPlainText(json.dumps(data, ensure_ascii=False, indent=1))
        self._say("", OK)

    def _new(self) -> None:
        try:
            data = json.loads(self.editor.toPlainText() or "{}")
        except ValueError:
            data = {}
        data["id"] = f"{data.get('id', 'scenario')}-copy"
        data["title"] = self.tr("%1 (copy)").replace("%1", data.get("title", ""))
        self.is_new = True
        self.editor.setPlainText(json.dumps(data, ensure_ascii=False, indent=1))
        self._say(self.tr("A new scenario: change its id, title and lines, then save."), OK)

    def _save(self) -> None:
        try:
            data = json.loads(self.editor.toPlainText())
        except ValueError as exc:
            self._say(self.tr("Not valid JSON: %1").replace("%1", str(exc)), ERROR)
            return
        if not isinstance(data, dict):
            self._say(self.tr("A scenario is a JSON object."), ERROR)
            return
        spawn(self._store(data, self.is_new), None, lambda e: self._say(e, ERROR))

    async def _store(self, data: dict[str, Any], new: bool) -> None:
        try:
            saved = await self.desk.save_scenario(data, new)
        except ApiError as exc:
            named = [e.message for e in exc.problem.errors or []] or [str(exc)]
            self._say(self.tr("Not saved:") + "\n" + "\n".join(named), ERROR)
            return
        self.is_new = False
        await self.load()
        self._say(self.tr("Saved: %1").replace("%1", saved["title"]), OK)
        self.message.emit(self.tr("Scenario saved."))

    def _say(self, text: str, colour: str) -> None:
        self.problems.setText(text)
        self.problems.setStyleSheet(f"color: {colour};")
