"""The lead's listen / whisper / barge buttons under the calls in progress (监听、耳语、
插话、退出): each asks the server (`POST/DELETE /calls/{id}/supervision`); the operator's
softphone then calls the lead's phone and the operator sees a banner."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from agent_desktop.api.client import API, request

from .common import spawn


async def ask(http: httpx.AsyncClient, call_id: str, mode: str | None) -> dict | None:
    """Join `call_id` in `mode` (None: leave). Returns the server's answer."""
    path = f"{API}/calls/{call_id}/supervision"
    if mode is None:
        await request(http, "DELETE", path)
        return None
    return (await request(http, "POST", path, json={"mode": mode})).json()


class SupervisionBar(QWidget):
    def __init__(self, http: httpx.AsyncClient, selected_call: Callable[[], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.http = http
        self.selected_call = selected_call
        self.on_call: str | None = None  # the call this lead is on
        self.buttons: dict[str | None, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for mode, text, tip in (
                ("listen", self.tr("Listen"), self.tr("Hear the caller and the operator")),
                ("whisper", self.tr("Whisper"), self.tr("Speak to the operator only")),
                ("barge", self.tr("Barge in"), self.tr("Join the call: everyone hears you")),
                (None, self.tr("Leave"), self.tr("Hang up your line to this call"))):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(lambda _=False, m=mode: self.choose(m))
            self.buttons[mode] = button
            row.addWidget(button)
        self.status = QLabel()
        row.addWidget(self.status, 1)

    def choose(self, mode: str | None) -> None:
        call_id = self.on_call if mode is None else self.selected_call()
        if not call_id:
            self.status.setText(self.tr("Select a call first."))
            return
        spawn(ask(self.http, call_id, mode),
              done=lambda _r: self._done(call_id, mode),
              failed=lambda msg: self.status.setText(msg))

    def _done(self, call_id: str, mode: str | None) -> None:
        self.on_call = call_id if mode is not None else None
        names = {"listen": self.tr("Listening"), "whisper": self.tr("Whispering"),
                 "barge": self.tr("In the call")}
        self.status.setText(names[mode] if mode else "")
