"""A small dialog to push a short notice to every operator's screen (e.g. from a hot
topic: "嘉松南路积水已派单…"), so the next callers get a consistent answer."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout,
                               QWidget)

MAX_CHARS = 200


class NoticeDialog(QDialog):
    def __init__(self, draft: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Push a notice to all operators"))
        self.text = QPlainTextEdit(draft)
        self.text.setAccessibleName(self.tr("Notice text"))
        self.text.setMinimumHeight(90)
        self.count = QLabel()
        self.count.setObjectName("Muted")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send = self.buttons.addButton(self.tr("Push"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Every operator sees this at the top of the "
                                        "workspace. Say what is known and what to tell callers.")))
        layout.addWidget(self.text)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._count)
        self._count()
        self.resize(460, 240)

    def notice(self) -> str:
        return self.text.toPlainText().strip()

    def _count(self) -> None:
        n = len(self.notice())
        self.count.setText(self.tr("%1 / %2 characters").replace("%1", str(n))
                           .replace("%2", str(MAX_CHARS)))
        self.send.setEnabled(0 < n <= MAX_CHARS)
