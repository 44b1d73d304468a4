"""The call bar against the real `Softphone` service, with an in-memory SIP backend
(the real SIP stack is exercised in tests/telephony/). The bar is driven as an operator
would: clicks, hotkeys, the number field."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QVBoxLayout, QWidget  # noqa: E402

from agent_desktop.telephony import (  # noqa: E402
    AgentState,
    BufferAudio,
    CallDirection,
    CallState,
    RegistrationState,
    SipSettings,
    Softphone,
)
from agent_desktop.telephony.backend import (  # noqa: E402
    BackendCall,
    BackendEvent,
    BackendEventKind,
    RegistrationFailed,
    SipBackend,
)
from agent_desktop.calls import CallPhase, CallService  # noqa: E402
from agent_desktop.ui.call_bar import STATE_COLOURS, CallBar  # noqa: E402


class FakeCall(BackendCall):
    def __init__(self, backend, direction, uri):
        self.id = f"fake{len(backend.calls)}"
        self.backend = backend
        self.direction = direction
        self.remote_uri = uri
        self.actions: list[str] = []

    @property
    def sip_call_id(self):
        return f"{self.id}@fake"

    def _emit(self, kind, text=""):
        self.backend.listener(BackendEvent(kind, self, None, text))

    async def answer(self):
        self.actions.append("answer")
        self._emit(BackendEventKind.ESTABLISHED)

    async def reject(self, status=486):
        self.actions.append("reject")
        self._emit(BackendEventKind.CLOSED, "Rejected by user")

    async def hangup(self):
        self.actions.append("hangup")
        self._emit(BackendEventKind.CLOSED, "")

    async def wait_established(self, timeout):
        return None

    async def hold(self):
        self.actions.append("hold")

    async def resume(self):
        self.actions.append("resume")

    async def send_dtmf(self, digits):
        self.actions.append(f"dtmf:{digits}")

    async def blind_transfer(self, uri, timeout=30.0):
        self.actions.append(f"transfer:{uri}")
        self._emit(BackendEventKind.CLOSED, "Call transfered")

    async def attended_transfer(self, consult, timeout=30.0):
        self.actions.append(f"attended:{consult.remote_uri}")
        self._emit(BackendEventKind.CLOSED, "Call transfered")
        consult._emit(BackendEventKind.CLOSED, "")

    def media_format(self):
        return None

    def read_pcm(self, max_bytes):
        return b""

    def write_pcm(self, pcm):
        return 0

    def tx_buffered(self):
        return 0


class FakeBackend(SipBackend):
    """An in-memory SIP stack: registers at once (or refuses), rings on demand."""

    def __init__(self, refuse: int | None = None):
        self.refuse = refuse
        self.calls: list[FakeCall] = []
        self.listener = None

    @property
    def aor(self):
        return "sip:8001@pbx.test"

    async def start(self, settings, password, listener):
        self.listener = listener

    async def stop(self):
        pass

    async def register(self, timeout):
        if self.refuse:
            raise RegistrationFailed("refused", status=self.refuse, reason="Forbidden")

    async def unregister(self, timeout):
        pass

    async def dial(self, uri):
        call = FakeCall(self, CallDirection.OUTBOUND, uri)
        self.calls.append(call)
        return call

    def ring(self, number: str) -> FakeCall:
        call = FakeCall(self, CallDirection.INBOUND, f"sip:{number}@pbx.test")
        self.calls.append(call)
        self.listener(BackendEvent(BackendEventKind.INCOMING, call))
        return call




def run(qtbot, loop, coro, timeout=3000):
    task = loop.create_task(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


@pytest.fixture
def phone(qloop, qtbot):
    backend = FakeBackend()
    sp = Softphone(SipSettings(registrar="pbx.test", user="8001", wrap_up_s=0),
                   password="x", backend=backend, audio=BufferAudio())
    run(qtbot, qloop, sp.start())
    qtbot.waitUntil(lambda: sp.registration.state is RegistrationState.REGISTERED)
    sp.fake = backend
    yield sp
    run(qtbot, qloop, sp.stop())


def test_without_softphone_is_a_placeholder(qtbot):
    bar = CallBar()
    qtbot.addWidget(bar)
    bar.resize(660, bar.sizeHint().height())
    assert bar.state_label.text() == "Softphone not configured"
    assert bar.display_state == "unconfigured"
    for b in (bar.answer_button, bar.hangup_button, bar.hold_button, bar.mute_button,
              bar.transfer_button, bar.dial_button):
        assert not b.isEnabled()
    assert not bar.agent_combo.isVisible()
    assert 90 <= bar.sizeHint().height() <= 110


def test_incoming_answer_hold_mute_hangup_wrap_up(qtbot, qloop, phone):
    bar = CallBar(phone)
    qtbot.addWidget(bar)
    bar.show()
    assert "Registered" in bar.registration_label.text()
    phone.agent.set_ready()
    qtbot.waitUntil(lambda: bar.display_state == "ready")

    with qtbot.waitSignal(bar.incoming_call) as incoming:
        fake_call = phone.fake.ring("13800138000")
    assert incoming.args[0].caller_number == "13800138000"
    qtbot.waitUntil(lambda: bar.display_state == "ringing")
    assert "13800138000" in bar.number_label.text()
    assert bar.answer_button.isEnabled() and bar.hangup_button.text() == "Reject"

    calls = lifecycle(phone)
    qtbot.mouseClick(bar.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(calls.answered_calls), timeout=3000)
    info = calls.answered_calls[0]
    assert info.call_id and info.caller_number == "13800138000"
    assert info.answered_at is not None and info.sip_call_id == "fake0@fake"
    qtbot.waitUntil(lambda: bar.display_state == "on_call")
    assert bar.timer_label.text().startswith("00:0")
    assert phone.agent.state is AgentState.ON_CALL
    assert not bar.agent_combo.isVisible()

    qtbot.mouseClick(bar.hold_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.display_state == "on_hold")
    assert bar.hold_button.text() == "Resume" and "hold" in fake_call.actions
    qtbot.mouseClick(bar.hold_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.display_state == "on_call")

    qtbot.mouseClick(bar.mute_button, Qt.MouseButton.LeftButton)
    assert phone.muted and bar.mute_button.text() == "Unmute"
    qtbot.mouseClick(bar.mute_button, Qt.MouseButton.LeftButton)
    assert not phone.muted

    qtbot.keyClick(bar, Qt.Key.Key_F10)  # the hang-up hotkey
    qtbot.waitUntil(lambda: bool(calls.ended_calls), timeout=3000)
    assert calls.ended_calls[0].call_id == info.call_id
    assert calls.ended_calls[0].ended_at is not None
    assert calls.phase is CallPhase.WRAP_UP
    qtbot.waitUntil(lambda: bar.display_state == "wrap_up")
    assert bar.state_label.text() == "Wrap-up"
    assert bar.agent_combo.isVisible() and bar.agent_combo.currentIndex() == -1
    # the operator is ready again: wrap-up ends
    bar.agent_combo.activated.emit(0)
    qtbot.waitUntil(lambda: bar.display_state == "ready")
    assert phone.agent.state is AgentState.READY


def test_answer_hotkey_reject_and_not_ready(qtbot, qloop, phone):
    bar = CallBar(phone)
    qtbot.addWidget(bar)
    bar.show()
    bar.agent_combo.activated.emit(2)  # not ready: meal
    assert phone.agent.state is AgentState.NOT_READY and phone.agent.reason == "meal"
    fake_call = phone.fake.ring("02112345")
    qtbot.waitUntil(lambda: bar.display_state == "ringing")
    qtbot.mouseClick(bar.hangup_button, Qt.MouseButton.LeftButton)  # reject
    qtbot.waitUntil(lambda: "reject" in fake_call.actions)
    qtbot.waitUntil(lambda: bar.display_state == "not_ready")
    fake_call = phone.fake.ring("02112345")
    qtbot.waitUntil(lambda: bar.display_state == "ringing")
    qtbot.keyClick(bar, Qt.Key.Key_F9)  # the answer hotkey
    qtbot.waitUntil(lambda: bar.display_state == "on_call")
    assert fake_call.actions == ["answer"]


def test_dial_out_dtmf_and_blind_transfer(qtbot, qloop, phone):
    bar = CallBar(phone)
    qtbot.addWidget(bar)
    bar.show()
    qtbot.mouseClick(bar.dial_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.info_label.text() == "Enter a number first")
    bar.number_edit.setText("13900001111")
    qtbot.mouseClick(bar.dial_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.display_state == "dialing")
    out_call = phone.fake.calls[-1]
    assert out_call.remote_uri == "sip:13900001111@pbx.test"
    assert "→ 13900001111" in bar.number_label.text()
    calls = lifecycle(phone)
    out_call._emit(BackendEventKind.ESTABLISHED)  # the citizen picks up
    qtbot.waitUntil(lambda: bar.display_state == "on_call")
    bar.keypad_buttons["5"].click()
    qtbot.waitUntil(lambda: "dtmf:5" in out_call.actions)
    bar.number_edit.setText("8002")
    bar.blind_action.trigger()
    qtbot.waitUntil(lambda: bool(calls.ended_calls), timeout=3000)
    assert calls.ended_calls[0].end_reason == "transferred"
    assert "hold" in out_call.actions and "transfer:sip:8002@pbx.test" in out_call.actions


def test_consult_then_hand_over(qtbot, qloop, phone):
    bar = CallBar(phone)
    qtbot.addWidget(bar)
    bar.show()
    caller = phone.fake.ring("13800138000")
    qtbot.waitUntil(lambda: bar.display_state == "ringing")
    bar.answer_button.click()
    qtbot.waitUntil(lambda: bar.display_state == "on_call")
    assert bar.consult_action.isEnabled() and not bar.complete_action.isEnabled()
    bar.number_edit.setText("8002")
    bar.consult_action.trigger()
    qtbot.waitUntil(lambda: phone.consult_call is not None)
    consult = phone.fake.calls[-1]
    consult._emit(BackendEventKind.ESTABLISHED)
    qtbot.waitUntil(lambda: bar.complete_action.isEnabled())
    assert "+  8002" in bar.number_label.text()
    assert bar.conference_action.isEnabled() and bar.cancel_consult_action.isEnabled()
    bar.complete_action.trigger()
    qtbot.waitUntil(lambda: "attended:sip:8002@pbx.test" in caller.actions, timeout=3000)
    assert "attended:sip:8002@pbx.test" in caller.actions
    qtbot.waitUntil(lambda: bar.display_state == "wrap_up")


def test_registration_failure_is_shown(qtbot, qloop):
    sp = Softphone(SipSettings(registrar="pbx.test", user="8001"), password="bad",
                   backend=FakeBackend(refuse=403), audio=BufferAudio())
    bar = CallBar(sp)
    qtbot.addWidget(bar)
    run(qtbot, qloop, sp.start())
    qtbot.waitUntil(lambda: "Registration failed" in bar.registration_label.text())
    assert "Wrong SIP user name or password" in bar.registration_label.toolTip()
    run(qtbot, qloop, sp.stop())


def test_renders_at_660px(qtbot, qloop, phone, tmp_path):
    """Render the states side by side and save a PNG (looked at by hand; set
    CALL_BAR_PNG to keep it)."""
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    bars = [CallBar(), CallBar(phone)]
    for b in bars:
        layout.addWidget(b)
    qtbot.addWidget(host)
    phone.agent.set_ready()
    phone.fake.ring("13800138000")
    qtbot.waitUntil(lambda: bars[1].display_state == "ringing")
    host.setFixedWidth(660)
    host.adjustSize()
    host.show()
    for b in bars:
        assert b.width() == 660 and b.height() <= 110
        # nothing is cut off: every button gets at least its minimum size
        for button in (b.answer_button, b.hangup_button, b.transfer_button, b.dial_button):
            assert button.width() >= button.minimumSizeHint().width()
    path = os.environ.get("CALL_BAR_PNG") or str(tmp_path / "call_bar.png")
    assert host.grab().save(path)
    assert STATE_COLOURS["ringing"] in bars[1].state_label.styleSheet()


def lifecycle(phone) -> CallService:
    """The call lifecycle service fed by the softphone, as the app wires it; records
    what it announced."""
    calls = CallService()
    calls.answered_calls, calls.ended_calls = [], []
    calls.answered.connect(calls.answered_calls.append)
    calls.ended.connect(calls.ended_calls.append)
    phone.subscribe(calls.on_softphone_event)
    return calls


def test_a_narrow_bar_moves_the_number_field_to_its_own_line(qtbot):
    bar = CallBar()
    qtbot.addWidget(bar)
    bar.resize(700, bar.sizeHint().height())
    bar.show()
    qtbot.waitExposed(bar)
    assert not bar.dial_on_own_line
    bar.resize(380, 160)
    qtbot.waitUntil(lambda: bar.dial_on_own_line)
    buttons = (bar.answer_button, bar.hangup_button, bar.keypad_button)
    # labels are never cut: the bar stays as wide as its call buttons need
    qtbot.waitUntil(lambda: all(b.width() >= b.sizeHint().width() for b in buttons))
    assert bar.width() <= 520
    bar.resize(700, 110)
    qtbot.waitUntil(lambda: not bar.dial_on_own_line)
