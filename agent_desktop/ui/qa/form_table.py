"""One evaluation's form as a table: each question with its answer (是/否/不适用, or a
score on its scale), whether the rules answered it (with their evidence on hover), and the
reviewer's comment. Read-only for the evaluated operator."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHeaderView, QLineEdit, QSpinBox,
                               QTableWidget, QTableWidgetItem, QWidget)

ANSWER_COLUMN, AUTO_COLUMN, COMMENT_COLUMN = 2, 3, 4


class FormTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels([self.tr("Section"), self.tr("Question"),
                                        self.tr("Answer"), self.tr("Automatic"),
                                        self.tr("Comment")])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COMMENT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.questions: list[dict[str, Any]] = []

    def _answer_widget(self, question: dict[str, Any], value: Any, editable: bool) -> QWidget:
        if question["kind"] == "scale":
            box = QSpinBox()
            box.setRange(-1, int(question["max"]))
            box.setSpecialValueText(self.tr("—"))
            box.setValue(int(value) if isinstance(value, int | float) else -1)
        else:
            box = QComboBox()
            box.addItem(self.tr("—"), None)
            box.addItem(self.tr("Yes"), "yes")
            box.addItem(self.tr("No"), "no")
            box.addItem(self.tr("N/A"), "na")
            box.setCurrentIndex(max(0, box.findData(value)))
        box.setEnabled(editable)
        return box

    def show_evaluation(self, form: dict[str, Any], evaluation: dict[str, Any],
                        editable: bool) -> None:
        self.questions = form["questions"]
        answers = evaluation["answers"]
        self.setRowCount(len(self.questions))
        for row, q in enumerate(self.questions):
            a = answers.get(q["id"], {})
            text = q["text"] + (self.tr(" (critical)") if q["critical"] else "")
            for col, cell in ((0, q["section"]), (1, text)):
                item = QTableWidgetItem(cell)
                item.setData(Qt.ItemDataRole.UserRole, q["id"])
                self.setItem(row, col, item)
            self.setCellWidget(row, ANSWER_COLUMN,
                               self._answer_widget(q, a.get("value"), editable))
            auto = a.get("auto")
            marker = QTableWidgetItem(self.tr("auto: %1").replace("%1", self._said(auto))
                                      if auto is not None else "")
            if auto is not None:
                marker.setToolTip(a.get("evidence", ""))
                marker.setForeground(QColor("#1d5fbf"))
            self.setItem(row, AUTO_COLUMN, marker)
            comment = QLineEdit(a.get("comment", ""))
            comment.setReadOnly(not editable)
            self.setCellWidget(row, COMMENT_COLUMN, comment)
        self.resizeRowsToContents()

    def _said(self, value: Any) -> str:
        return {"yes": self.tr("Yes"), "no": self.tr("No"), "na": self.tr("N/A")}.get(
            value, str(value))

    def answers(self) -> dict[str, dict[str, Any]]:
        """What the reviewer set: question id → {"value", "comment"} (unanswered left out)."""
        out = {}
        for row, q in enumerate(self.questions):
            box = self.cellWidget(row, ANSWER_COLUMN)
            value = (box.value() if isinstance(box, QSpinBox) else box.currentData())
            if value is None or value == -1:
                continue
            out[q["id"]] = {"value": value,
                            "comment": self.cellWidget(row, COMMENT_COLUMN).text().strip()}
        return out

    def set_answer(self, question_id: str, value: Any) -> None:
        """For a reviewer's keyboard and the tests: answer one question."""
        row = next(i for i, q in enumerate(self.questions) if q["id"] == question_id)
        box = self.cellWidget(row, ANSWER_COLUMN)
        if isinstance(box, QSpinBox):
            box.setValue(int(value))
        else:
            box.setCurrentIndex(box.findData(value))
