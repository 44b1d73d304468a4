"""A small start-up window that says what the app is doing while services come up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget


class Splash(QWidget):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("Pane")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFixedSize(420, 150)
        title = QLabel(self.tr("12345 Hotline Agent Desktop"))
        title.setObjectName("PaneTitle")
        title.setStyleSheet("font-size: 20px;")
        self.message = QLabel(self.tr("Starting…"))
        self.message.setObjectName("Muted")
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setFixedHeight(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(bar)

    def set_message(self, text: str) -> None:
        self.message.setText(text)
