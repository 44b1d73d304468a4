"""The call bar: the operator's desk phone on screen.

A strip (~100 px high) with the call state in colour, the caller's number, the call timer,
the agent state and the SIP registration, above a row of large buttons with hotkeys:
answer, hang up / reject, hold, mute, transfer (blind, consult, hand over, three-way),
DTMF keypad, and a number field with dial-out. It only adapts the `Softphone` service
(agent_desktop.telephony): it calls its async methods and listens to its events.

```python
bar = CallBar(softphone)            # or CallBar() when no softphone is configured
bar.incoming_call.connect(tray.show_incoming)     # e.g. a tray notice
```

The call's lifecycle (answered, ended, wrap-up) is not derived here: `agent_desktop.calls`
owns it and the rest of the workspace subscribes there.
"""

from __future__ import annotations

import asyncio
import logging

import shiboken6
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from agent_desktop.telephony.models import (
    AgentState,
    AgentStateChanged,
    CallChanged,
    CallDirection,
    CallInfo,
    CallState,
    RegistrationChanged,
    RegistrationState,
    SoftphoneError,
)

if TYPE_CHECKING:
    from agent_desktop.telephony.softphone import Softphone

log = logging.getLogger(__name__)

DEFAULT_HOTKEYS: dict[str, str] = {
    "answer": "F9",
    "hangup": "F10",
    "hold": "F11",
    "mute": "F12",
    "transfer": "Ctrl+Shift+T",
    "dial": "Ctrl+Shift+D",
}

# Display states of the bar (the pill on the left) and their colours.
STATE_COLOURS: dict[str, str] = {
    "unconfigured": "#9e9e9e",
    "idle": "#757575",
    "ready": "#2e7d32",
    "not_ready": "#616161",
    "ringing": "#ef6c00",
    "dialing": "#f9a825",
    "on_call": "#1565c0",
    "on_hold": "#6a1b9a",
    "consulting": "#4527a0",
    "three_way": "#283593",
    "wrap_up": "#00838f",
}

REGISTRATION_COLOURS: dict[RegistrationState, str] = {
    RegistrationState.UNCONFIGURED: "#9e9e9e",
    RegistrationState.UNREGISTERED: "#9e9e9e",
    RegistrationState.REGISTERING: "#f9a825",
    RegistrationState.REGISTERED: "#2e7d32",
    RegistrationState.FAILED: "#c62828",
}

_BUTTON_STYLE = """
QPushButton {
    font-size: 13px; font-weight: 600; padding: 4px 6px; border-radius: 6px;
    border: 1px solid #b0b0b0; background: #f5f5f5; color: #212121;
}
QPushButton:hover { background: #e8e8e8; }
QPushButton:disabled { color: #a0a0a0; background: #f0f0f0; border-color: #d6d6d6; }
QPushButton:checked { background: #ffe082; border-color: #f9a825; }
QPushButton::menu-indicator { image: none; width: 0px; }
QPushButton#answerButton:enabled { background: #2e7d32; color: white; border-color: #1b5e20; }
QPushButton#answerButton:enabled:hover { background: #388e3c; }
QPushButton#hangupButton:enabled { background: #c62828; color: white; border-color: #8e0000; }
QPushButton#hangupButton:enabled:hover { background: #d32f2f; }
"""


class CallBar(QWidget):
    """Call controls and call state for one softphone (or a placeholder without one)."""

    incoming_call = Signal(object)  # CallInfo of a ringing inbound call
    _event = Signal(object)  # softphone/agent events, queued onto the Qt thread

    def __init__(
        self,
        softphone: Softphone | None = None,
        parent: QWidget | None = None,
        *,
        hotkeys: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callBar")
        self._softphone: Softphone | None = None
        self._unsubscribe: list[Any] = []
        self._tasks: set[asyncio.Task] = set()
        self._call: CallInfo | None = None  # the customer call shown
        self._consult: CallInfo | None = None
        self._wrap_up_since: datetime | None = None
        self._hotkeys = {**DEFAULT_HOTKEYS, **(hotkeys or {})}
        self._build()
        self._event.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self.set_softphone(softphone)

    # --- construction -----------------------------------------------------------------
    def _build(self) -> None:
        self.setStyleSheet(_BUTTON_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 6, 4)
        outer.setSpacing(4)

        # Row 1: state pill, caller number, timer … agent state, registration.
        top = QHBoxLayout()
        top.setSpacing(8)
        self.state_label = QLabel()
        self.state_label.setObjectName("callStateLabel")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label.setMinimumWidth(96)
        self.state_label.setFixedHeight(26)
        self.number_label = QLabel()
        self.number_label.setObjectName("callerNumberLabel")
        self.number_label.setStyleSheet("font-size: 17px; font-weight: 700;")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.timer_label = QLabel("")
        self.timer_label.setObjectName("callTimerLabel")
        self.timer_label.setStyleSheet(
            "font-size: 15px; font-family: monospace; color: #424242;")
        self.info_label = QLabel("")
        self.info_label.setObjectName("callInfoLabel")
        self.info_label.setStyleSheet("color: #c62828;")
        self.info_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.agent_combo = QComboBox()
        self.agent_combo.setObjectName("agentStateCombo")
        self.agent_combo.setToolTip(self.tr("Agent state"))
        self.agent_combo.setAccessibleName(self.tr("Agent state"))
        self.agent_combo.setAccessibleDescription(self.tr("Ready, not ready (with the reason) "
                                                          "or the end of wrap-up"))
        self.agent_combo.setPlaceholderText(self.tr("End wrap-up…"))
        self._agent_choices: list[tuple[AgentState, str]] = [
            (AgentState.READY, ""),
            (AgentState.NOT_READY, "break"),
            (AgentState.NOT_READY, "meal"),
            (AgentState.NOT_READY, "meeting"),
            (AgentState.NOT_READY, "training"),
            (AgentState.NOT_READY, "other"),
        ]
        for state, reason in self._agent_choices:
            self.agent_combo.addItem(self._agent_text(state, reason))
        self.agent_combo.activated.connect(self._on_agent_choice)
        self.registration_label = QLabel()
        self.registration_label.setObjectName("registrationLabel")
        top.addWidget(self.state_label)
        top.addWidget(self.number_label)
        top.addWidget(self.timer_label)
        top.addWidget(self.info_label, 1)
        top.addWidget(self.agent_combo)
        top.addWidget(self.registration_label)
        outer.addLayout(top)

        # Row 2: the large buttons, then the number field and dial-out.
        row = QHBoxLayout()
        row.setSpacing(4)
        self.answer_button = self._button("answerButton", self.tr("Answer"), "answer")
        self.hangup_button = self._button("hangupButton", self.tr("Hang up"), "hangup")
        self.hold_button = self._button("holdButton", self.tr("Hold"), "hold", checkable=True)
        self.mute_button = self._button("muteButton", self.tr("Mute"), "mute", checkable=True)
        self.transfer_button = self._button("transferButton", self.tr("Transfer") + " ▾", "")
        self.transfer_menu = QMenu(self.transfer_button)
        self.blind_action = self.transfer_menu.addAction(self.tr("Blind transfer to number"))
        self.consult_action = self.transfer_menu.addAction(self.tr("Consult number first"))
        self.transfer_menu.addSeparator()
        self.complete_action = self.transfer_menu.addAction(
            self.tr("Hand over to consulted party"))
        self.conference_action = self.transfer_menu.addAction(self.tr("Three-way conference"))
        self.cancel_consult_action = self.transfer_menu.addAction(
            self.tr("End consultation, back to caller"))
        self.transfer_button.setMenu(self.transfer_menu)
        self.blind_action.triggered.connect(self._on_blind_transfer)
        self.consult_action.triggered.connect(self._on_consult)
        self.complete_action.triggered.connect(self._on_complete_transfer)
        self.conference_action.triggered.connect(self._on_conference)
        self.cancel_consult_action.triggered.connect(self._on_cancel_consult)

        self.keypad_button = self._button("keypadButton", self.tr("Keypad") + " ▾", "")
        self.keypad_button.setToolTip(self.tr("Send DTMF digits"))
        self.keypad_button.setMenu(self._build_keypad_menu())

        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("numberEdit")
        self.number_edit.setPlaceholderText(self.tr("Number"))
        self.number_edit.setToolTip(self.tr("Number to dial, or to transfer or consult"))
        self.number_edit.setAccessibleName(self.tr("Number"))
        self.number_edit.setAccessibleDescription(self.number_edit.toolTip())
        self.number_edit.setClearButtonEnabled(True)
        self.number_edit.setMinimumWidth(64)
        self.number_edit.returnPressed.connect(self._on_number_return)
        self.dial_button = self._button("dialButton", self.tr("Dial"), "dial")

        for b in (self.answer_button, self.hangup_button, self.hold_button, self.mute_button,
                  self.transfer_button, self.keypad_button, self.dial_button):
            b.setMinimumHeight(44)
            # Never narrower than the label: a cut 接听 is worse than a tighter layout.
            b.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.number_edit.setMinimumHeight(44)
        self.number_edit.setStyleSheet("font-size: 15px;")
        for b in (self.answer_button, self.hangup_button):
            b.setMinimumWidth(64)
        row.addWidget(self.answer_button)
        row.addWidget(self.hangup_button)
        row.addWidget(self.hold_button)
        row.addWidget(self.mute_button)
        row.addWidget(self.transfer_button)
        row.addWidget(self.keypad_button)
        row.addSpacing(4)
        row.addWidget(self.number_edit, 1)
        row.addWidget(self.dial_button)
        outer.addLayout(row)
        # On a narrow pane (1280×720 at 125 %) the number field and 外呼 move to a line of
        # their own instead of squeezing the call buttons.
        self._row, self._dial_row = row, QHBoxLayout()
        self._dial_row.setSpacing(4)
        outer.addLayout(self._dial_row)

        self.answer_button.clicked.connect(self._on_answer)
        self.hangup_button.clicked.connect(self._on_hangup)
        self.hold_button.clicked.connect(self._on_hold)
        self.mute_button.clicked.connect(self._on_mute)
        self.dial_button.clicked.connect(self._on_dial)

        self._shortcuts: dict[str, QShortcut] = {}
        for name, slot in (("answer", self._on_answer), ("hangup", self._on_hangup),
                           ("hold", self._hotkey_hold), ("mute", self._hotkey_mute),
                           ("transfer", self._hotkey_transfer), ("dial", self._hotkey_dial)):
            seq = self._hotkeys.get(name)
            if not seq:
                continue
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)
            self._shortcuts[name] = sc
        self._add_hotkey_tooltips()

    def _button(self, name: str, text: str, hotkey: str, checkable: bool = False) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setCheckable(checkable)
        b.setAutoDefault(False)
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return b

    def _add_hotkey_tooltips(self) -> None:
        pairs = {
            "answer": (self.answer_button, self.tr("Answer the ringing call")),
            "hangup": (self.hangup_button, self.tr("Hang up, or reject a ringing call")),
            "hold": (self.hold_button, self.tr("Hold / resume")),
            "mute": (self.mute_button, self.tr("Mute / unmute the microphone")),
            "transfer": (self.transfer_button, self.tr("Transfer the call")),
            "dial": (self.dial_button, self.tr("Call the number")),
        }
        for name, (widget, text) in pairs.items():
            seq = self._hotkeys.get(name)
            native = (QKeySequence(seq).toString(QKeySequence.SequenceFormat.NativeText)
                      if seq else "")
            widget.setToolTip(f"{text} ({native})" if native else text)

    def _build_keypad_menu(self) -> QMenu:
        menu = QMenu(self)
        pad = QWidget(menu)
        grid = QGridLayout(pad)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setSpacing(4)
        self.keypad_buttons: dict[str, QPushButton] = {}
        for i, digit in enumerate("123456789*0#"):
            b = QPushButton(digit)
            b.setFixedSize(QSize(44, 36))
            b.setAutoDefault(False)
            b.clicked.connect(lambda _=False, d=digit: self._send_dtmf(d))
            grid.addWidget(b, i // 3, i % 3)
            self.keypad_buttons[digit] = b
        action = QWidgetAction(menu)
        action.setDefaultWidget(pad)
        menu.addAction(action)
        return menu

    # --- public --------------------------------------------------------------------------
    @property
    def softphone(self) -> Softphone | None:
        return self._softphone

    def set_softphone(self, softphone: Softphone | None) -> None:
        """Attach (or detach, with None) the softphone this bar controls."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self._softphone = softphone
        self._call = self._consult = None
        if softphone is not None:
            self._unsubscribe.append(softphone.subscribe(self._event.emit))
            agent = getattr(softphone, "agent", None)
            if agent is not None:
                self._unsubscribe.append(agent.subscribe(self._event.emit))
            self._call = softphone.current_call
            self._consult = softphone.consult_call
        self._refresh()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        tall = 160 if self.dial_on_own_line else 110
        return QSize(max(hint.width(), 560), min(max(hint.height(), 90), tall))

    @property
    def dial_on_own_line(self) -> bool:
        return self._dial_row.indexOf(self.number_edit) >= 0

    def _call_buttons_width(self) -> int:
        buttons = (self.answer_button, self.hangup_button, self.hold_button, self.mute_button,
                   self.transfer_button, self.keypad_button)
        return sum(max(b.sizeHint().width(), b.minimumWidth()) for b in buttons) \
            + 4 * len(buttons) + 16

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        # As narrow as the call buttons allow (the number field can move below them).
        self.setMinimumWidth(self._call_buttons_width())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        needed = (self._call_buttons_width() + self.dial_button.sizeHint().width()
                  + self.number_edit.minimumWidth() + 12)
        narrow = event.size().width() < needed
        if narrow != self.dial_on_own_line:
            source, target = (self._row, self._dial_row) if narrow else (self._dial_row,
                                                                         self._row)
            for widget, stretch in ((self.number_edit, 1), (self.dial_button, 0)):
                source.removeWidget(widget)
                target.addWidget(widget, stretch)
            self.updateGeometry()

    # --- events from the softphone ---------------------------------------------------------
    @Slot(object)
    def _on_event(self, event: object) -> None:
        sp = self._softphone
        if sp is None:
            return
        if isinstance(event, CallChanged):
            call = event.call
            if call.consult_for is not None:
                self._consult = sp.consult_call
            else:
                self._call = call if call.is_live else (sp.current_call or call)
                if event.previous is None and call.state is CallState.RINGING:
                    self._notify_incoming(call)
                if call.is_live:
                    self.info_label.clear()
        elif isinstance(event, AgentStateChanged):
            if event.state is AgentState.WRAP_UP:
                self._wrap_up_since = datetime.now(timezone.utc)
            else:
                self._wrap_up_since = None
        elif isinstance(event, SoftphoneError):
            self._show_error(event.message)
        elif isinstance(event, RegistrationChanged):
            pass
        self._refresh()

    def _notify_incoming(self, call: CallInfo) -> None:
        self.incoming_call.emit(call)
        window = self.window()
        if window is not None and not window.isActiveWindow():
            QApplication.alert(window, 0)  # flash the taskbar entry until focused

    # --- display -----------------------------------------------------------------------------
    def _display_state(self) -> tuple[str, str]:
        """(key into STATE_COLOURS, label text)."""
        sp = self._softphone
        if sp is None or sp.registration.state is RegistrationState.UNCONFIGURED:
            return "unconfigured", self.tr("Softphone not configured")
        call = self._call
        if call is not None and call.is_live:
            if call.state is CallState.RINGING:
                return "ringing", self.tr("Ringing")
            if call.state is CallState.DIALING:
                return "dialing", self.tr("Dialling")
            consult = self._consult if self._consult is not None and self._consult.is_live \
                else None
            if consult is not None and consult.conferenced:
                return "three_way", self.tr("Three-way")
            if consult is not None:
                return "consulting", self.tr("Consulting")
            if call.state is CallState.HELD:
                return "on_hold", self.tr("On hold")
            return "on_call", self.tr("On call")
        agent = getattr(sp, "agent", None)
        if agent is not None:
            if agent.state is AgentState.WRAP_UP:
                return "wrap_up", self.tr("Wrap-up")
            if agent.state is AgentState.READY:
                return "ready", self.tr("Ready")
            if agent.state is AgentState.NOT_READY:
                return "not_ready", self.tr("Not ready")
        return "idle", self.tr("Idle")

    def _refresh(self) -> None:
        sp = self._softphone
        key, text = self._display_state()
        self.display_state = key
        colour = STATE_COLOURS[key]
        self.state_label.setText(text)
        self.state_label.setStyleSheet(
            f"background: {colour}; color: white; border-radius: 13px; padding: 0 10px;"
            " font-weight: 700; font-size: 13px;")

        call = self._call if (self._call is not None) else None
        if call is not None and (call.is_live or key == "wrap_up"):
            number = call.caller_number or self.tr("Unknown number")
            arrow = "←" if call.direction is CallDirection.INBOUND else "→"
            self.number_label.setText(f"{arrow} {number}")
            if self._consult is not None and self._consult.is_live:
                self.number_label.setText(
                    f"{arrow} {number}  +  {self._consult.remote_number}")
        else:
            self.number_label.setText("")
        self._tick()

        reg = sp.registration if sp is not None else None
        self._show_registration(reg)

        configured = sp is not None and reg is not None and \
            reg.state is not RegistrationState.UNCONFIGURED
        live = call is not None and call.is_live
        ringing = live and call.state is CallState.RINGING and \
            call.direction is CallDirection.INBOUND
        talking = live and call.state in (CallState.ACTIVE, CallState.HELD)
        consulting = self._consult is not None and self._consult.is_live
        self.answer_button.setEnabled(configured and ringing)
        self.hangup_button.setEnabled(configured and (live or consulting))
        self.hangup_button.setText(self.tr("Reject") if ringing else self.tr("Hang up"))
        # while consulting, the caller's hold is part of the transfer: use the menu
        self.hold_button.setEnabled(configured and talking and not consulting)
        self.hold_button.setChecked(bool(talking and call.state is CallState.HELD))
        self.hold_button.setText(self.tr("Resume") if self.hold_button.isChecked()
                                 else self.tr("Hold"))
        self.mute_button.setEnabled(configured and talking)
        self.mute_button.setChecked(bool(sp is not None and getattr(sp, "muted", False)))
        self.mute_button.setText(self.tr("Unmute") if self.mute_button.isChecked()
                                 else self.tr("Mute"))
        self.transfer_button.setEnabled(configured and talking)
        self.blind_action.setEnabled(talking and not consulting)
        self.consult_action.setEnabled(talking and not consulting)
        self.complete_action.setEnabled(consulting)
        self.conference_action.setEnabled(consulting and not self._consult.conferenced)
        self.cancel_consult_action.setEnabled(consulting)
        self.keypad_button.setEnabled(configured and talking)
        registered = reg is not None and reg.state is RegistrationState.REGISTERED
        self.dial_button.setEnabled(registered and not live)
        self.number_edit.setEnabled(configured)

        agent = getattr(sp, "agent", None) if sp is not None else None
        # The operator picks ready / not ready here; during a call the pill says it all,
        # and in wrap-up picking "Ready" ends wrap-up early.
        self.agent_combo.setVisible(agent is not None and agent.state is not AgentState.ON_CALL)
        if agent is not None:
            index = -1
            for i, (state, reason) in enumerate(self._agent_choices):
                if agent.state is state and (state is not AgentState.NOT_READY
                                             or agent.reason == reason):
                    index = i
                    break
            self.agent_combo.setCurrentIndex(index)

    def _show_registration(self, reg) -> None:
        if reg is None:
            self.registration_label.setText("")
            self.registration_label.setToolTip("")
            return
        texts = {
            RegistrationState.UNCONFIGURED: self.tr("No SIP account"),
            RegistrationState.UNREGISTERED: self.tr("Not registered"),
            RegistrationState.REGISTERING: self.tr("Registering…"),
            RegistrationState.REGISTERED: self.tr("Registered"),
            RegistrationState.FAILED: self.tr("Registration failed"),
        }
        colour = REGISTRATION_COLOURS[reg.state]
        self.registration_label.setText(
            f"<span style='color:{colour}; font-size:15px'>●</span> {texts[reg.state]}")
        tip = reg.aor
        if reg.state is RegistrationState.FAILED:
            if reg.auth_failed:
                detail = self.tr("Wrong SIP user name or password")
            else:
                detail = self.tr("SIP server not reachable")
            tip = f"{detail}: {reg.status or ''} {reg.reason}".strip()
        self.registration_label.setToolTip(tip)

    @Slot()
    def _tick(self) -> None:
        call = self._call
        text = ""
        if call is not None and call.is_live:
            if call.answered_at is not None:
                text = _fmt_duration(call.duration_s)
            else:
                text = _fmt_duration(
                    (datetime.now(timezone.utc) - call.started_at).total_seconds())
        elif self._wrap_up_since is not None and self.display_state == "wrap_up":
            text = _fmt_duration((datetime.now(timezone.utc) - self._wrap_up_since).total_seconds())
        self.timer_label.setText(text)

    def _show_error(self, message: str) -> None:
        self.info_label.setText(message)
        self.info_label.setToolTip(message)

    def _agent_text(self, state: AgentState, reason: str) -> str:
        if state is AgentState.READY:
            return self.tr("Ready")
        reasons = {
            "break": self.tr("Not ready: break"),
            "meal": self.tr("Not ready: meal"),
            "meeting": self.tr("Not ready: meeting"),
            "training": self.tr("Not ready: training"),
            "other": self.tr("Not ready: other"),
        }
        return reasons.get(reason, self.tr("Not ready"))

    # --- actions ---------------------------------------------------------------------------
    def _spawn(self, coro, action: str) -> None:
        try:
            loop = asyncio.get_event_loop()
            task = loop.create_task(coro)
        except RuntimeError as exc:  # no loop: the app runs without qasync
            coro.close()
            self._show_error(str(exc))
            return
        self._tasks.add(task)

        def done(t: asyncio.Task) -> None:
            self._tasks.discard(t)
            if t.cancelled() or not shiboken6.isValid(self.state_label):
                return  # the bar is gone (the app is closing)
            exc = t.exception()
            if exc is not None:
                log.warning("call bar action %s failed: %s", action, exc)
                self._show_error(self.tr("%1 failed: %2").replace("%1", action).replace(
                    "%2", str(exc) or type(exc).__name__))
            self._refresh()

        task.add_done_callback(done)

    def _target_number(self) -> str | None:
        number = self.number_edit.text().strip()
        if not number:
            self._show_error(self.tr("Enter a number first"))
            self.number_edit.setFocus()
            return None
        return number

    @Slot()
    def _on_answer(self) -> None:
        sp, call = self._softphone, self._call
        if sp and call and call.state is CallState.RINGING:
            self._spawn(sp.answer(call.call_id), self.tr("Answer"))

    @Slot()
    def _on_hangup(self) -> None:
        sp, call = self._softphone, self._call
        if sp is None:
            return
        if self._consult is not None and self._consult.is_live and not self._consult.conferenced:
            self._spawn(sp.cancel_consultation(), self.tr("Hang up"))
            return
        if call is None or not call.is_live:
            return
        if call.state is CallState.RINGING:
            self._spawn(sp.reject(call.call_id), self.tr("Reject"))
        else:
            self._spawn(sp.hangup(call.call_id), self.tr("Hang up"))

    @Slot()
    def _on_hold(self) -> None:
        sp, call = self._softphone, self._call
        if sp is None or call is None or call.state not in (CallState.ACTIVE, CallState.HELD):
            self.hold_button.setChecked(False)
            return
        if call.state is CallState.HELD:
            self._spawn(sp.resume(call.call_id), self.tr("Resume"))
        else:
            self._spawn(sp.hold(call.call_id), self.tr("Hold"))

    @Slot()
    def _hotkey_hold(self) -> None:
        if self.hold_button.isEnabled():
            self._on_hold()

    @Slot()
    def _on_mute(self) -> None:
        sp = self._softphone
        if sp is not None:
            sp.set_muted(not sp.muted)
        self._refresh()

    @Slot()
    def _hotkey_mute(self) -> None:
        if self.mute_button.isEnabled():
            self._on_mute()

    @Slot()
    def _hotkey_transfer(self) -> None:
        if self.transfer_button.isEnabled():
            self.transfer_button.showMenu()

    @Slot()
    def _hotkey_dial(self) -> None:
        self.number_edit.setFocus()
        self.number_edit.selectAll()

    @Slot()
    def _on_dial(self) -> None:
        sp = self._softphone
        if sp is None or (self._call is not None and self._call.is_live):
            return
        number = self._target_number()
        if number:
            self._spawn(sp.dial(number), self.tr("Dial"))

    @Slot()
    def _on_number_return(self) -> None:
        if self.dial_button.isEnabled():
            self._on_dial()

    @Slot()
    def _on_blind_transfer(self) -> None:
        sp = self._softphone
        number = self._target_number() if sp else None
        if sp and number:
            self._spawn(sp.blind_transfer(number), self.tr("Transfer"))

    @Slot()
    def _on_consult(self) -> None:
        sp = self._softphone
        number = self._target_number() if sp else None
        if sp and number:
            self._spawn(sp.start_consultation(number), self.tr("Consult"))

    @Slot()
    def _on_complete_transfer(self) -> None:
        if self._softphone:
            self._spawn(self._softphone.complete_transfer(), self.tr("Transfer"))

    @Slot()
    def _on_conference(self) -> None:
        if self._softphone:
            self._spawn(self._softphone.conference(), self.tr("Three-way conference"))

    @Slot()
    def _on_cancel_consult(self) -> None:
        if self._softphone:
            self._spawn(self._softphone.cancel_consultation(), self.tr("End consultation"))

    def _send_dtmf(self, digit: str) -> None:
        if self._softphone and self._call and self._call.state is CallState.ACTIVE:
            self._spawn(self._softphone.send_dtmf(digit), self.tr("Keypad"))

    @Slot(int)
    def _on_agent_choice(self, index: int) -> None:
        sp = self._softphone
        agent = getattr(sp, "agent", None) if sp is not None else None
        if agent is None:
            return
        state, reason = self._agent_choices[index]
        if state is AgentState.READY:
            agent.set_ready()
        else:
            agent.set_not_ready(reason)
        self._refresh()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.set_softphone(None)
        super().closeEvent(event)


def _fmt_duration(seconds: float) -> str:
    seconds = int(max(0, seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


__all__ = ["CallBar", "DEFAULT_HOTKEYS", "STATE_COLOURS"]
