"""A trainer's score for one criterion of an attempt, with the comment that says why."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QPlainTextEdit, QWidget)


class OverrideDialog(QDialog):
    def __init__(self, criteria: list[dict[str, Any]], current: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Override a score"))
        self.criteria = {c["name"]: c for c in criteria}
        self.criterion = QComboBox()
        for c in criteria:
            self.criterion.addItem(f"{c.get('label_zh') or c['name']}（{c['score']:g}/"
                                   f"{c['max']:g}）", c["name"])
        self.score = QDoubleSpinBox()
        self.score.setDecimals(1)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("Why (the trainee sees it)"))
        self.comment.setMaximumHeight(90)
        self.criterion.currentIndexChanged.connect(lambda _i: self._criterion_changed())
        if current is not None:
            self.criterion.setCurrentIndex(max(0, self.criterion.findData(current)))
        self._criterion_changed()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.comment.textChanged.connect(self._allow)
        self._allow()
        form = QFormLayout(self)
        form.addRow(self.tr("Criterion"), self.criterion)
        form.addRow(self.tr("Score"), self.score)
        form.addRow(self.tr("Comment"), self.comment)
        form.addRow(self.buttons)

    def _criterion_changed(self) -> None:
        c = self.criteria[self.criterion.currentData()]
        self.score.setRange(0.0, float(c["max"]))
        self.score.setValue(float(c["score"]))

    def _allow(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.comment.toPlainText().strip()))

    def values(self) -> tuple[str, float, str]:
        return (self.criterion.currentData(), self.score.value(),
                self.comment.toPlainText().strip())
