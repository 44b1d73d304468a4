"""A non-modal banner at the top of the operator's workspace showing the lead's latest
notice (event `notice`), e.g. "嘉松南路积水已派单…", so every operator answers the next
callers the same way. It stays until its time is up or the operator closes it."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from agent_desktop.domain.models import Event


class NoticeBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NoticeBanner")
        self.setStyleSheet("QFrame#NoticeBanner { background: #fff4d6; border: 1px solid "
                           "#e0b54a; border-radius: 6px; } QLabel { color: #5a3d00; }")
        self.setAccessibleName(self.tr("Notice from the team lead"))
        self.title = QLabel(self.tr("Notice:"))
        self.title.setStyleSheet("font-weight: 700;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.by = QLabel()
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Hide this notice"))
        close.setAccessibleName(self.tr("Hide this notice"))
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.title)
        row.addWidget(self.text, 1)
        row.addWidget(self.by)
        row.addWidget(close)
        self.expiry = QTimer(self)
        self.expiry.setSingleShot(True)
        self.expiry.timeout.connect(self.hide)
        self.hide()

    def on_event(self, event: Event) -> None:
        if event.type == "notice":
            self.show_notice(event.data)

    def show_notice(self, data: dict) -> None:
        self.text.setText(str(data.get("text", "")))
        self.by.setText(f"— {data.get('by_name') or data.get('by', '')}")
        self.show()
        until = data.get("until")
        if until:
            left = (datetime.fromisoformat(until) - datetime.now(UTC)).total_seconds()
            if left <= 0:
                self.hide()
                return
            self.expiry.start(int(min(left, 86400) * 1000))
