"""The sign-in dialog: operator id and password against the configured server.

It does not talk to the network itself: it is given an `authenticate(username,
password)` coroutine and shows what went wrong in words the operator can act on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.api.client import ApiError, ServerUnreachable

from .theme import field_error_label

Authenticate = Callable[[str, str], Awaitable[object]]


class LoginDialog(QDialog):
    def __init__(self, server_url: str, authenticate: Authenticate, username: str = "",
                 keyring_warning: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._authenticate = authenticate
        self._task: asyncio.Task | None = None
        self.setWindowTitle(self.tr("Sign in — 12345 Hotline Agent Desktop"))
        self.setMinimumWidth(420)

        title = QLabel(self.tr("12345 Hotline Agent Desktop"))
        title.setObjectName("PaneTitle")
        title.setStyleSheet("font-size: 20px;")
        server = QLabel(self.tr("Server: %1").replace("%1", server_url))
        server.setObjectName("Muted")

        self.username = QLineEdit(username)
        self.username.setPlaceholderText(self.tr("Operator ID"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.username.setAccessibleName(self.tr("Operator ID"))
        self.password.setAccessibleName(self.tr("Password"))
        form = QFormLayout()
        form.addRow(self.tr("Operator ID"), self.username)
        form.addRow(self.tr("Password"), self.password)

        self.error = field_error_label()
        self.note = QLabel()
        self.note.setObjectName("Muted")
        self.note.setWordWrap(True)
        if keyring_warning:
            self.note.setText(self.tr("This computer has no password store: you will be "
                                      "asked to sign in at every start."))
        else:
            self.note.hide()

        self.submit = QPushButton(self.tr("Sign in"))
        self.submit.setProperty("primary", True)
        self.submit.setDefault(True)
        self.submit.clicked.connect(self._start)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(server)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addWidget(self.submit, alignment=Qt.AlignmentFlag.AlignRight)
        (self.password if username else self.username).setFocus()

    def _start(self) -> None:
        user, password = self.username.text().strip(), self.password.text()
        if not user or not password:
            self._show_error(self.tr("Enter your operator ID and password."))
            return
        self._set_busy(True)
        self._task = asyncio.get_event_loop().create_task(self._run(user, password))

    async def _run(self, user: str, password: str) -> None:
        try:
            await self._authenticate(user, password)
        except ApiError as exc:
            if exc.status in (400, 401, 422):
                self._show_error(self.tr("Wrong operator ID or password."))
            else:
                self._show_error(self.tr("The server refused the sign-in: %1")
                                 .replace("%1", exc.problem.title))
        except ServerUnreachable:
            self._show_error(self.tr("Cannot reach the server. Check the network cable or "
                                     "Wi-Fi, then try again; if it persists, call the IT desk."))
        else:
            self.accept()
            return
        finally:
            self._set_busy(False)
        self.password.selectAll()
        self.password.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.submit.setEnabled(not busy)
        self.submit.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))
        self.username.setEnabled(not busy)
        self.password.setEnabled(not busy)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
