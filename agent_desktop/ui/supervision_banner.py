"""A banner at the top of the operator's workspace while a team lead is on the line:
"班长正在监听 / 耳语 / 插话" (listen, whisper, barge), so the operator always knows who
hears them. Fed by LeadLine.changed (telephony/supervision.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from agent_desktop.telephony.supervision import LeadLineState, SupervisionMode


class SupervisionBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SupervisionBanner")
        self.setStyleSheet("QFrame#SupervisionBanner { background: #e3efff; border: 1px solid "
                           "#4a7fd0; border-radius: 6px; } QLabel { color: #0d2f66; "
                           "font-weight: 700; }")
        self.setAccessibleName(self.tr("A team lead is on the line"))
        self.text = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        self.hide()

    def texts(self) -> dict[SupervisionMode, str]:
        return {SupervisionMode.LISTEN: self.tr("The team lead is listening to this call"),
                SupervisionMode.WHISPER: self.tr("The team lead is whispering to you "
                                                 "(the caller cannot hear)"),
                SupervisionMode.BARGE: self.tr("The team lead has joined the call")}

    def show_state(self, state: LeadLineState) -> None:
        if state.mode is None:
            self.hide()
            return
        text = self.texts()[state.mode]
        if state.lead:
            text += f" — {state.lead}"
        if not state.connected:
            text += " " + self.tr("(connecting…)")
        self.text.setText(text)
        self.show()


def wire_lead_line(window, session, softphone):
    """Put the banner above the workspace's tabs and let the server's `supervision.*`
    events for this operator drive the softphone's lead line. Returns the binding."""
    from agent_desktop.calls.supervision import SupervisionBinding
    from agent_desktop.telephony.supervision import LeadLine

    banner = SupervisionBanner()
    window.tabs.parentWidget().layout().insertWidget(0, banner)
    line = LeadLine(softphone)
    line.changed.connect(banner.show_state)
    binding = SupervisionBinding(line, username=session.user.username if session.user else "")
    session.event_received.connect(binding.on_event)
    binding.banner = banner
    return binding
