"""The QA window (质检). A lead (reviewer) sees the recorded calls, opens one — its
transcript and the order taken on it beside the form, the answers the rules could give
already filled — completes the form and saves it. An operator sees their completed
evaluations and acknowledges each."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QPlainTextEdit, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from agent_desktop.api.client import ApiError
from agent_desktop.domain.clock import HOTLINE_TZ
from agent_desktop.qa.client import QaClient
from agent_desktop.ui.board.common import spawn
from agent_desktop.ui.theme import ERROR, OK

from .form_table import FormTable


def _when(value: str | None) -> str:
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(HOTLINE_TZ).strftime("%m-%d %H:%M")


class QaWindow(QWidget):
    def __init__(self, client: QaClient, *, reviewer: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.client, self.reviewer = client, reviewer
        self.setWindowTitle(self.tr("Quality evaluation") if reviewer
                            else self.tr("My evaluations"))
        self.resize(1400, 860)
        self.forms: dict[str, dict[str, Any]] = {}
        self.evaluations: list[dict[str, Any]] = []
        self.evaluation: dict[str, Any] | None = None
        self.list = QTableWidget(0, 4)
        self.list.setHorizontalHeaderLabels(
            [self.tr("Call"), self.tr("Operator"), self.tr("Utterances"), self.tr("Evaluation")]
            if reviewer else [self.tr("Call"), self.tr("Evaluated"), self.tr("Score"),
                              self.tr("Status")])
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.itemSelectionChanged.connect(self._selected)
        self.transcript = QPlainTextEdit()
        self.transcript.setReadOnly(True)
        self.order = QLabel()
        self.order.setWordWrap(True)
        self.order.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.order.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = FormTable()
        self.score = QLabel()
        self.score.setObjectName("PaneTitle")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.save = QPushButton(self.tr("Save"))
        self.complete = QPushButton(self.tr("Complete"))
        self.acknowledge = QPushButton(self.tr("Acknowledge"))
        self.agreement = QPushButton(self.tr("Agreement with the automatic answers…"))
        self.agreement.setVisible(reviewer)
        self.agreement.clicked.connect(lambda: spawn(self.show_agreement(),
                                                     failed=lambda e: self._say(e, ERROR)))
        self.agreement_table: QTableWidget | None = None
        self.save.clicked.connect(lambda: self._send(False))
        self.complete.clicked.connect(lambda: self._send(True))
        self.acknowledge.clicked.connect(self._acknowledge)
        for button in (self.save, self.complete):
            button.setVisible(reviewer)
        self.acknowledge.setVisible(not reviewer)
        for button in (self.save, self.complete, self.acknowledge):
            button.setEnabled(False)

        call = QWidget()
        call_layout = QVBoxLayout(call)
        call_layout.setContentsMargins(0, 0, 0, 0)
        call_layout.addWidget(QLabel(self.tr("Transcript")))
        call_layout.addWidget(self.transcript, 3)
        call_layout.addWidget(QLabel(self.tr("Work order")))
        call_layout.addWidget(self.order, 1)
        evaluation = QWidget()
        eval_layout = QVBoxLayout(evaluation)
        eval_layout.setContentsMargins(0, 0, 0, 0)
        eval_layout.addWidget(self.score)
        eval_layout.addWidget(self.form, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.agreement)
        buttons.addWidget(self.state, 1)
        for button in (self.save, self.complete, self.acknowledge):
            buttons.addWidget(button)
        eval_layout.addLayout(buttons)
        split = QSplitter()
        for widget, stretch in ((self.list, 3), (call, 3), (evaluation, 5)):
            split.addWidget(widget)
            split.setStretchFactor(split.count() - 1, stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    async def load(self) -> None:
        self.forms = {f["id"]: f for f in await self.client.forms()}
        self.evaluations = await self.client.evaluations()
        rows = await self.client.calls() if self.reviewer else self.evaluations
        self.list.setRowCount(len(rows))
        for row, item in enumerate(rows):
            if self.reviewer:
                done = next((e for e in self.evaluations if e["call_id"] == item["call_id"]),
                            None)
                cells = (f"{_when(item['started_at'])}  {item['call_id']}", item["operator"],
                         str(item["segments"]),
                         self._status(done) if done else self.tr("not evaluated"))
            else:
                cells = (item["call_id"], _when(item["updated_at"]), f"{item['score']:g}",
                         self._status(item))
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item["call_id"])
                self.list.setItem(row, col, cell)

    async def show_agreement(self) -> None:
        """Per auto-answered question: how often reviewers kept the automatic answer."""
        rows = await self.client.agreement()
        table = self.agreement_table = QTableWidget(len(rows), 3)
        table.setWindowFlag(Qt.WindowType.Window)
        table.setWindowTitle(self.tr("Agreement with the automatic answers"))
        table.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Reviewed"),
                                         self.tr("Kept as answered")])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        for row, r in enumerate(rows):
            rate = "—" if r["rate"] is None else f"{100 * r['rate']:.0f}%（{r['agreed']}）"
            for col, text in enumerate((r["text"], str(r["compared"]), rate)):
                table.setItem(row, col, QTableWidgetItem(text))
        table.setParent(self, Qt.WindowType.Window)
        table.resize(720, 480)
        table.show()

    def _status(self, evaluation: dict[str, Any]) -> str:
        return {"draft": self.tr("draft"), "completed": self.tr("completed"),
                "acknowledged": self.tr("acknowledged")}.get(evaluation["status"],
                                                              evaluation["status"])

    def selected_call(self) -> str | None:
        rows = self.list.selectionModel().selectedRows()
        return self.list.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def _selected(self) -> None:
        call_id = self.selected_call()
        if call_id:
            spawn(self.open_call(call_id), failed=lambda e: self._say(e, ERROR))

    async def open_call(self, call_id: str) -> None:
        """Show the call and its evaluation (a reviewer starts one if there is none)."""
        call = await self.client.call(call_id)
        speakers = {"caller": self.tr("Caller"), "operator": self.tr("Operator")}
        self.transcript.setPlainText("\n".join(
            f"[{s['start']:>5.0f}s] {speakers.get(s['speaker'], s['speaker'])}：{s['text']}"
            for s in call["segments"]))
        orders = call["orders"]
        self.order.setText("\n\n".join(
            f"{o['number']} · {o['title'] or ''}\n{o['place']['address']}\n{o['content']}\n"
            + self.tr("Request: %1").replace("%1", o.get("request") or "")
            for o in orders) or self.tr("No work order was taken on this call."))
        evaluation = next((e for e in self.evaluations if e["call_id"] == call_id), None)
        if evaluation is None and self.reviewer:
            evaluation = await self.client.start(call_id)
            self.evaluations.insert(0, evaluation)
            self._replace(evaluation)
            return
        self._show(evaluation)

    def _show(self, evaluation: dict[str, Any] | None) -> None:
        self.evaluation = evaluation
        if evaluation is None:
            self.form.setRowCount(0)
            self.score.setText("")
            return
        editable = self.reviewer and evaluation["status"] != "acknowledged"
        self.form.show_evaluation(self.forms[evaluation["form_id"]], evaluation, editable)
        self._show_score(evaluation)
        self.save.setEnabled(editable)
        self.complete.setEnabled(editable)
        self.acknowledge.setEnabled(not self.reviewer and evaluation["status"] == "completed")

    def _show_score(self, evaluation: dict[str, Any]) -> None:
        text = self.tr("Score: %1 · %2").replace("%1", f"{evaluation['score']:g}").replace(
            "%2", self._status(evaluation))
        if evaluation.get("failed_critical"):
            text += self.tr(" · failed on a critical question")
        if evaluation.get("unanswered"):
            text += self.tr(" · %n unanswered", None, len(evaluation["unanswered"]))
        self.score.setText(text)

    def _send(self, complete: bool) -> None:
        if self.evaluation is None:
            return
        spawn(self._store(self.evaluation["id"], self.form.answers(), complete),
              failed=lambda e: self._say(e, ERROR))

    async def _store(self, evaluation_id: int, answers: dict, complete: bool) -> None:
        try:
            saved = await self.client.answer(evaluation_id, answers, complete)
        except ApiError as exc:
            self._say(self.tr("Not saved: %1").replace("%1", "；".join(
                f"{e.field}" for e in exc.problem.errors or []) or str(exc)), ERROR)
            return
        self._replace(saved)
        self._say(self.tr("Completed; the operator will see it.") if complete
                  else self.tr("Saved."), OK)

    def _acknowledge(self) -> None:
        if self.evaluation is None:
            return

        async def run() -> None:
            self._replace(await self.client.acknowledge(self.evaluation["id"]))
            self._say(self.tr("Acknowledged."), OK)

        spawn(run(), failed=lambda e: self._say(e, ERROR))

    def _replace(self, evaluation: dict[str, Any]) -> None:
        self.evaluations = [evaluation if e["id"] == evaluation["id"] else e
                            for e in self.evaluations]
        self._show(evaluation)
        for row in range(self.list.rowCount()):
            if self.list.item(row, 0).data(Qt.ItemDataRole.UserRole) == evaluation["call_id"]:
                self.list.item(row, 3).setText(self._status(evaluation))

    def _say(self, text: str, colour: str) -> None:
        self.state.setText(text)
        self.state.setStyleSheet(f"color: {colour};")
