"""The main window's status bar: server link, outbox backlog, softphone and speech state,
and who is signed in — what an operator glances at to trust that nothing is lost."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from agent_desktop.api.session import Link, LinkState

from .theme import ERROR, MUTED, OK, WARN


def _dot(color: str) -> str:
    return f'<span style="color:{color}">●</span>'


class StatusBar(QStatusBar):
    reconnect_requested = Signal()  # the operator clicked 立即重连

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.link_label = QLabel()
        self.link_label.setAccessibleName(self.tr("Server connection"))
        self.link_label.linkActivated.connect(lambda _href: self.reconnect_requested.emit())
        self._link_state: LinkState | None = None
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(lambda: self._show_link())
        self.outbox_label = QLabel()
        self.sip_label = QLabel()
        self.speech_label = QLabel()
        self.user_label = QLabel()
        for w in (self.link_label, self.outbox_label, self.sip_label, self.speech_label):
            self.addWidget(w)
        self.addPermanentWidget(self.user_label)
        self._server = ""
        self.set_link(LinkState(Link.CONNECTING))
        self.set_backlog(0)
        self.set_sip_state(self.tr("not configured"), MUTED)
        self.set_speech_state(self.tr("off"), MUTED)

    def set_server(self, url: str, embedded: bool) -> None:
        self._server = self.tr("embedded demo server") if embedded else url

    def set_link(self, state: LinkState) -> None:
        self._link_state = state
        if state.link == Link.OFFLINE and state.retry_at is not None:
            self._countdown.start()
        else:
            self._countdown.stop()
        self._show_link()

    def _show_link(self) -> None:
        state = self._link_state
        if state.link == Link.ONLINE:
            text = _dot(OK) + " " + self.tr("Server connected")
        elif state.link == Link.OFFLINE:
            text = _dot(ERROR) + " " + self.tr("Server unreachable — orders are kept and sent "
                                               "automatically when it is back")
            if state.retry_at is not None:
                left = max(0, round(state.retry_at - time.monotonic()))
                text += " · " + self.tr("retrying in %n s", "", left)
            again = self.tr("Reconnect now")
            text += f" · <a href='reconnect'>{again}</a>"
        else:
            text = _dot(WARN) + " " + self.tr("Connecting to server…")
        self.link_label.setText(text)
        tip = self._server + (f"\n{state.detail}" if state.detail else "")
        self.link_label.setToolTip(tip)

    def set_backlog(self, pending: int, sign_in_needed: bool = False) -> None:
        color = ERROR if sign_in_needed else WARN if pending else MUTED
        text = self.tr("Outbox: %n waiting", "", pending)
        if sign_in_needed:
            text += " — " + self.tr("sign in again to send (Agent menu)")
        self.outbox_label.setText(_dot(color) + " " + text)
        self.outbox_label.setToolTip(self.tr("Work orders saved on this PC and not yet "
                                             "acknowledged by the server"))

    def set_sip_state(self, text: str, color: str = MUTED) -> None:
        self.sip_label.setText(_dot(color) + " " + self.tr("Softphone: %1").replace("%1", text))

    def set_registration(self, state: str) -> None:
        """The softphone's SIP registration (telephony.RegistrationState values)."""
        text, color = {
            "registered": (self.tr("registered"), OK),
            "registering": (self.tr("registering…"), WARN),
            "failed": (self.tr("registration failed"), ERROR),
            "unregistered": (self.tr("not registered"), ERROR),
        }.get(str(state), (self.tr("not configured"), MUTED))
        self.set_sip_state(text, color)

    def set_speech_state(self, text: str, color: str = MUTED) -> None:
        self.speech_label.setText(_dot(color) + " " + self.tr("Transcription: %1").replace("%1", text))

    def set_user(self, display_name: str, role: str) -> None:
        self.user_label.setText(f"{display_name} · {role}")
