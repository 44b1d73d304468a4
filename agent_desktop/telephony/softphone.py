"""The softphone service: one SIP account, its registration, the operator's calls and
their audio. Plain asyncio; widgets (ui.call_bar) only call its methods and subscribe.

```python
settings = SipSettings.from_dict(app_settings.extra.get("sip"))
phone = Softphone(settings)                # password from keyring, headset via sounddevice
phone.subscribe(print)                     # RegistrationChanged, CallChanged, DtmfReceived…
phone.audio_taps.subscribe(transcript.feed)   # (speaker, pcm, sample_rate, t)
await phone.start()                        # registers, and keeps registered
call = phone.current_call                  # CallInfo of the customer call, or None
await phone.answer(); await phone.hold(); await phone.resume()
await phone.start_consultation("8002"); await phone.complete_transfer()   # or conference()
await phone.hangup()
await phone.stop()
```

Registration: a wrong user/password (401/403) fails at once and is not retried until
`reconfigure()`; an unreachable registrar fails after `register_timeout_s` (default 5 s)
and is retried every `reregister_interval_s`; a registered phone re-REGISTERs every
`keepalive_s`, so a registrar restart or a network loss is noticed and repaired.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from agent_desktop.signals import Signal
from agent_desktop.telephony.agent_state import AgentStateService
from agent_desktop.telephony.audio import AudioIO, AudioTaps, SoundDeviceAudio, list_devices
from agent_desktop.telephony.backend import (
    BackendCall,
    BackendEvent,
    BackendEventKind,
    CallSetupFailed,
    RegistrationFailed,
    ReplacesUnsupported,
    SipBackend,
    SipError,
)
from agent_desktop.telephony.media import Leg, MediaPump
from agent_desktop.telephony.models import (
    AgentState,
    CallChanged,
    CallDirection,
    CallInfo,
    CallState,
    DtmfReceived,
    RegistrationChanged,
    RegistrationInfo,
    RegistrationState,
    SipSettings,
    SoftphoneError,
    SoftphoneEvent,
)

log = logging.getLogger(__name__)

Listener = Callable[[SoftphoneEvent], None]
AUTH_STATUSES = (401, 403, 407)


class SoftphoneNotReady(SipError):
    """The action needs a call (or a state) that is not there."""


@dataclass
class _Call:
    backend: BackendCall
    info: CallInfo
    leg: Leg | None = None
    answered_mono: float | None = None
    invite_mono: float = 0.0


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Softphone:
    """A SIP softphone for one operator. Create, `await start()`, `await stop()`."""

    def __init__(
        self,
        settings: SipSettings | dict | None = None,
        *,
        password: str | None = None,
        backend: SipBackend | None = None,
        audio: AudioIO | None = None,
        agent: AgentStateService | None = None,
    ) -> None:
        if not isinstance(settings, SipSettings):
            settings = SipSettings.from_dict(settings)
        self._settings = settings
        self._password = password
        self._backend_factory = None if backend is not None else _default_backend
        self._backend: SipBackend | None = backend
        self._backend_started = False
        self.audio = audio or SoundDeviceAudio(settings.input_device, settings.output_device,
                                              settings.ringer_device)
        self.audio_taps = AudioTaps()
        self.agent = agent or AgentStateService(wrap_up_s=settings.wrap_up_s)
        self.auto_answer = settings.auto_answer
        self.recording_enabled = settings.record_calls
        self.events = Signal()  # (SoftphoneEvent): the one observer style of the services
        self._calls: dict[str, _Call] = {}
        self._primary: str | None = None
        self._consult: str | None = None
        self._muted = False
        self._registration = RegistrationInfo(
            RegistrationState.UNREGISTERED if settings.configured
            else RegistrationState.UNCONFIGURED)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pump: MediaPump | None = None
        self._supervisor: asyncio.Task | None = None
        self._reconfigured = asyncio.Event()
        self._reg_lost = asyncio.Event()
        self._tasks: set[asyncio.Task] = set()
        self._side_calls: dict[BackendCall, Callable[[BackendEvent], None]] = {}
        self._fatal = False
        self.timings: dict[str, float] = {}
        self._ringer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="softphone-ringer")

    # --- reading -----------------------------------------------------------------------
    @property
    def settings(self) -> SipSettings:
        return self._settings

    @property
    def registration(self) -> RegistrationInfo:
        return self._registration

    @property
    def current_call(self) -> CallInfo | None:
        """The customer call (ringing, dialling, talking or held), or None."""
        rec = self._calls.get(self._primary) if self._primary else None
        return rec.info if rec and rec.info.is_live else None

    @property
    def consult_call(self) -> CallInfo | None:
        rec = self._calls.get(self._consult) if self._consult else None
        return rec.info if rec and rec.info.is_live else None

    @property
    def calls(self) -> list[CallInfo]:
        return [r.info for r in self._calls.values() if r.info.is_live]

    @property
    def muted(self) -> bool:
        return self._muted

    def call(self, call_id: str) -> CallInfo | None:
        rec = self._calls.get(call_id)
        return rec.info if rec else None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """`listener(event)` on the asyncio loop for every RegistrationChanged,
        CallChanged, DtmfReceived and SoftphoneError. Returns an unsubscribe function."""
        return self.events.connect(listener)

    def add_audio_tap(self, callback, *, threaded: bool = True,
                      speakers: tuple[str, ...] = ("caller", "operator")) -> Callable[[], None]:
        """`callback(speaker, pcm16le, sample_rate, t)` for both legs, by default on the
        media thread (the callback must be thread-safe and quick, like
        `Transcriber.feed`). Returns an unsubscribe function. See `audio_taps`."""
        return self.audio_taps.subscribe(callback, threaded=threaded, speakers=speakers)

    @staticmethod
    def audio_devices() -> list[dict[str, Any]]:
        return list_devices()

    # --- lifecycle ---------------------------------------------------------------------
    async def start(self) -> None:
        """Start the SIP stack and keep the account registered (in the background)."""
        if self._supervisor is not None:
            return
        self._loop = asyncio.get_running_loop()
        self.audio_taps.bind_loop(self._loop)
        self._reconfigured = asyncio.Event()
        self._reg_lost = asyncio.Event()
        self.agent.attach(self)
        self._pump = MediaPump(self.audio, self.audio_taps, on_error=self._media_error)
        self._pump.muted = self._muted
        self._pump.start()
        if not self._settings.configured:
            self._set_registration(RegistrationState.UNCONFIGURED)
        self._supervisor = self._loop.create_task(self._supervise(), name="sip-registration")

    async def stop(self) -> None:
        """Hang up, unregister and shut the SIP stack down."""
        sup, self._supervisor = self._supervisor, None
        if sup is not None:
            sup.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await sup
        for rec in list(self._calls.values()):
            if rec.info.is_live:
                with contextlib.suppress(Exception):
                    await rec.backend.hangup()
                self._update(rec, state=CallState.ENDED, ended_at=_now(),
                             end_reason="softphone stopped")
                self._end_media(rec)
        for task in list(self._tasks):
            task.cancel()
        await self._stop_backend(unregister=True)
        if self._pump is not None:
            await asyncio.to_thread(self._pump.stop)
            self._pump = None
        with contextlib.suppress(Exception):
            await self._ring(False)
        self.agent.detach()
        if self._registration.state is not RegistrationState.UNCONFIGURED:
            self._set_registration(RegistrationState.UNREGISTERED)

    async def reconfigure(self, settings: SipSettings | dict | None = None,
                          password: str | None = None) -> None:
        """New account settings and/or password: restart the stack and register again."""
        if settings is not None:
            if not isinstance(settings, SipSettings):
                settings = SipSettings.from_dict(settings)
            self._settings = settings
            self.auto_answer = settings.auto_answer
        if password is not None:
            self._password = password
        running = self._supervisor is not None
        if running:
            await self.stop()
            await self.start()

    async def register(self) -> RegistrationInfo:
        """Wait until the current registration attempt has an outcome; returns it."""
        while self._registration.state in (RegistrationState.UNREGISTERED,
                                           RegistrationState.REGISTERING):
            if self._supervisor is None:
                break
            await asyncio.sleep(0.02)
        return self._registration

    async def wait_registered(self, timeout: float = 10.0) -> RegistrationInfo:
        deadline = time.monotonic() + timeout
        while self._registration.state is not RegistrationState.REGISTERED:
            if time.monotonic() > deadline:
                raise TimeoutError(f"not registered: {self._registration}")
            await asyncio.sleep(0.02)
        return self._registration

    async def unregister(self) -> None:
        """Stop receiving calls (the stack stays up; `start()` again to re-register)."""
        sup, self._supervisor = self._supervisor, None
        if sup is not None:
            sup.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await sup
        if self._backend is not None and self._backend_started:
            with contextlib.suppress(SipError):
                await self._backend.unregister(timeout=self._settings.register_timeout_s)
        self._set_registration(RegistrationState.UNREGISTERED)

    # --- registration supervision --------------------------------------------------------
    def _password_now(self) -> str:
        if self._password is None:
            from agent_desktop.telephony.secrets import load_sip_password

            self._password = load_sip_password(self._settings) or ""
        return self._password

    async def _start_backend(self) -> None:
        if self._backend_started:
            return
        if self._backend is None:
            assert self._backend_factory is not None
            self._backend = self._backend_factory()
        await self._backend.start(self._settings, self._password_now(), self._on_backend_event)
        self._backend_started = True

    async def _stop_backend(self, unregister: bool = False) -> None:
        if self._backend is not None and self._backend_started:
            self._backend_started = False
            with contextlib.suppress(Exception):
                await self._backend.stop()
            if self._backend_factory is not None:
                self._backend = None

    async def _supervise(self) -> None:
        s = self._settings
        if not s.configured:
            return
        while True:
            if self._fatal:
                return
            try:
                await self._start_backend()
            except SipError as exc:
                self._set_registration(RegistrationState.FAILED, reason=str(exc))
                await self._wait_reconfigure(s.reregister_interval_s)
                continue
            if self._registration.state is not RegistrationState.REGISTERED:
                self._set_registration(RegistrationState.REGISTERING)
            self._reg_lost.clear()
            try:
                assert self._backend is not None
                await self._backend.register(timeout=s.register_timeout_s)
            except RegistrationFailed as exc:
                if exc.status in AUTH_STATUSES:
                    self._set_registration(RegistrationState.FAILED, exc.status,
                                           exc.reason or str(exc))
                    # Wrong credentials: stop the stack so it does not keep retrying them.
                    await self._stop_backend()
                    await self._wait_reconfigure(None)
                    continue
                reason = exc.reason or str(exc)
                if exc.status is None and "within" in str(exc):
                    reason = f"no answer from {s.registrar_uri} within {s.register_timeout_s:g} s"
                self._set_registration(RegistrationState.FAILED, exc.status or 408, reason)
                await self._wait_reconfigure(s.reregister_interval_s)
                continue
            self._set_registration(RegistrationState.REGISTERED)
            # Registered: re-REGISTER every keepalive_s, sooner if the stack reports loss.
            try:
                await asyncio.wait_for(self._reg_lost.wait(), s.keepalive_s)
            except TimeoutError:
                pass

    async def _wait_reconfigure(self, timeout: float | None) -> None:
        try:
            await asyncio.wait_for(self._reconfigured.wait(), timeout)
        except TimeoutError:
            pass
        self._reconfigured.clear()

    def _set_registration(self, state: RegistrationState, status: int | None = None,
                          reason: str = "") -> None:
        old = self._registration
        aor = self._backend.aor if self._backend is not None and self._backend_started else old.aor
        if not aor and self._settings.configured:
            aor = f"sip:{self._settings.user}@{self._settings.sip_domain}"
        if (old.state, old.status, old.reason, old.aor) == (state, status, reason, aor):
            return
        self._registration = RegistrationInfo(state, status, reason, aor)
        if state is not old.state:
            log.info("SIP registration: %s %s %s", state, status or "", reason)
        self._emit(RegistrationChanged(self._registration))

    # --- backend events (on the loop) ------------------------------------------------------
    def _on_backend_event(self, ev: BackendEvent) -> None:
        kind = ev.kind
        if kind is BackendEventKind.REGISTER_FAILED:
            if self._registration.state is RegistrationState.REGISTERED:
                self._set_registration(RegistrationState.FAILED, ev.status, ev.text)
                self._reg_lost.set()
            return
        if kind is BackendEventKind.REGISTERED:
            if self._registration.state is RegistrationState.FAILED and \
                    self._registration.status not in AUTH_STATUSES:
                self._set_registration(RegistrationState.REGISTERED)
            return
        if kind is BackendEventKind.FATAL:
            self._fatal = True
            self._set_registration(RegistrationState.FAILED, None,
                                   "the SIP stack stopped; restart the application")
            return
        if kind in (BackendEventKind.REGISTERING, BackendEventKind.UNREGISTERED):
            return
        if kind is BackendEventKind.INCOMING:
            assert ev.call is not None
            self._on_incoming(ev.call)
            return
        rec = self._find(ev.call)
        if rec is None:
            side = self._side_calls.get(ev.call) if ev.call is not None else None
            if side is not None:
                side(ev)
            return
        if not rec.info.sip_call_id and rec.backend.sip_call_id:
            rec.info = rec.info.evolve(sip_call_id=rec.backend.sip_call_id)
        if kind is BackendEventKind.ESTABLISHED:
            self._on_established(rec)
        elif kind is BackendEventKind.CLOSED:
            self._on_closed(rec, ev)
        elif kind is BackendEventKind.REMOTE_HOLD:
            self._update(rec, remote_on_hold=True)
        elif kind is BackendEventKind.REMOTE_RESUME:
            self._update(rec, remote_on_hold=False)
        elif kind is BackendEventKind.DTMF:
            self._emit(DtmfReceived(rec.info.call_id, ev.text))

    def _find(self, bcall: BackendCall | None) -> _Call | None:
        if bcall is None:
            return None
        for rec in self._calls.values():
            if rec.backend is bcall:
                return rec
        return None

    def _on_incoming(self, bcall: BackendCall) -> None:
        busy = self.current_call is not None or self.consult_call is not None
        info = CallInfo(
            call_id=uuid.uuid4().hex,
            direction=CallDirection.INBOUND,
            remote_uri=bcall.remote_uri,
            state=CallState.RINGING,
            started_at=_now(),
            sip_call_id=bcall.sip_call_id or "",
        )
        if busy:
            # One customer at a time: the ACD should not offer a second call; refuse it.
            log.info("busy: rejecting a second incoming call from %s", info.remote_number)
            self._spawn(bcall.reject(486), "reject")
            return
        rec = _Call(bcall, info, invite_mono=time.monotonic())
        self._calls[info.call_id] = rec
        self._primary = info.call_id
        self._emit(CallChanged(info, None))
        auto = self.auto_answer and self.agent.state in (AgentState.READY,)
        delay = self._settings.auto_answer_delay_s
        if not (auto and delay <= 0):
            self._ring(True)
        if auto:
            self._spawn(self._auto_answer(info.call_id, delay), "auto-answer")

    async def _auto_answer(self, call_id: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        rec = self._calls.get(call_id)
        if rec is not None and rec.info.state is CallState.RINGING:
            await self.answer(call_id)

    def _on_established(self, rec: _Call) -> None:
        now_mono = time.monotonic()
        if rec.answered_mono is None:
            rec.answered_mono = now_mono
        info = rec.info
        new_state = CallState.ACTIVE if info.state in (CallState.RINGING, CallState.DIALING) \
            else info.state
        self._update(rec, state=new_state, answered_at=info.answered_at or _now())
        if rec.info.call_id == self._primary:
            self._ring(False)
        if rec.leg is None and self._pump is not None:
            record_path = None
            if self.recording_enabled and rec.info.consult_for is None:
                record_path = self._recording_path(rec.info)
                self._update(rec, recording_path=str(record_path))
            rec.leg = Leg(rec.backend, rec.info.call_id, rec.answered_mono,
                          primary=rec.info.consult_for is None,
                          held=rec.info.state is CallState.HELD,
                          record_path=record_path)
            self._pump.add_leg(rec.leg)

    def _recording_path(self, info: CallInfo) -> Path:
        base = Path(self._settings.recordings_dir) if self._settings.recordings_dir else None
        if base is None:
            from agent_desktop.paths import data_dir

            base = data_dir() / "recordings"
        stamp = (info.answered_at or info.started_at).astimezone().strftime("%Y%m%d-%H%M%S")
        number = re.sub(r"[^0-9A-Za-z+]", "_", info.remote_number)[:32] or "unknown"
        return base / f"{stamp}_{number}_{info.call_id[:8]}.wav"

    def _on_closed(self, rec: _Call, ev: BackendEvent) -> None:
        if not rec.info.is_live:
            return
        text = ev.text
        if text == "Call transfered":
            reason = "transferred"
        elif rec.info.answered_at is None and rec.info.direction is CallDirection.INBOUND:
            reason = "missed" if not text else text
        else:
            reason = text or "hung up"
        self._end_media(rec)
        self._update(rec, state=CallState.ENDED, ended_at=_now(), end_reason=reason,
                     conferenced=False)
        cid = rec.info.call_id
        if cid == self._primary:
            self._ring(False)
        if cid == self._consult:
            self._consult = None
            prim = self._calls.get(self._primary) if self._primary else None
            if prim is not None and prim.info.conferenced:
                self._update(prim, conferenced=False)
                if prim.leg:
                    prim.leg.conferenced = False
        # forget ended calls after a while; keep the latest for the UI
        for old_id in [k for k, r in self._calls.items()
                       if not r.info.is_live and k not in (self._primary, cid)]:
            self._calls.pop(old_id, None)

    def _end_media(self, rec: _Call) -> None:
        if rec.leg is not None and self._pump is not None:
            self._pump.remove_leg(rec.info.call_id)
        rec.leg = None

    def _update(self, rec: _Call, **changes: Any) -> None:
        previous = rec.info.state
        new = rec.info.evolve(**changes)
        if new == rec.info:
            return
        rec.info = new
        self._emit(CallChanged(new, previous))

    def _emit(self, event: SoftphoneEvent) -> None:
        self.events.emit(event)

    def _spawn(self, coro, what: str) -> asyncio.Task:
        loop = self._loop or asyncio.get_running_loop()
        task = loop.create_task(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                exc = t.exception()
                log.warning("softphone %s failed: %s", what, exc)
                self._emit(SoftphoneError(what, str(exc) or type(exc).__name__))

        task.add_done_callback(done)
        return task

    def _ring(self, on: bool) -> asyncio.Future:
        """Start/stop the ringer on one worker thread (opening a sound device may block;
        one worker keeps start and stop in order)."""
        loop = self._loop or asyncio.get_running_loop()
        fn = self.audio.start_ringing if on else self.audio.stop_ringing
        fut = loop.run_in_executor(self._ringer, fn)
        fut.add_done_callback(lambda f: f.cancelled() or f.exception() is None or log.warning(
            "ringer: %s", f.exception()))
        return fut

    def _media_error(self, message: str) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._emit, SoftphoneError("audio", message))

    # --- calls -------------------------------------------------------------------------------
    def _rec(self, call_id: str | None, *states: CallState) -> _Call:
        cid = call_id or self._primary
        rec = self._calls.get(cid) if cid else None
        if rec is None or not rec.info.is_live:
            raise SoftphoneNotReady("no such call")
        if states and rec.info.state not in states:
            raise SoftphoneNotReady(f"the call is {rec.info.state}")
        return rec

    def target_uri(self, target: str) -> str:
        """A number, extension or SIP URI → a SIP URI in the account's domain."""
        target = target.strip()
        if target.startswith(("sip:", "sips:")):
            return target
        if "@" in target:
            return f"sip:{target}"
        number = re.sub(r"[\s\-()]", "", target)
        if not re.fullmatch(r"[0-9A-Za-z+*#._]+", number):
            raise ValueError(f"not a phone number or SIP address: {target!r}")
        return f"sip:{number}@{self._settings.sip_domain}"

    async def answer(self, call_id: str | None = None, timeout: float = 10.0) -> CallInfo:
        rec = self._rec(call_id, CallState.RINGING)
        t0 = time.monotonic()
        await rec.backend.answer()
        await rec.backend.wait_established(timeout)
        self.timings["answer_s"] = time.monotonic() - t0
        if rec.answered_mono is None:  # the event may still be queued
            self._on_established(rec)
        await self._ring(False)
        return rec.info

    async def reject(self, call_id: str | None = None) -> None:
        rec = self._rec(call_id, CallState.RINGING)
        await rec.backend.reject(486)

    async def hangup(self, call_id: str | None = None) -> None:
        """Hang up (a ringing call: reject). Hanging up a conference ends both calls."""
        rec = self._rec(call_id)
        others = []
        if rec.info.call_id == self._primary and rec.info.conferenced and self._consult:
            others = [self._calls[self._consult]]
        for r in [rec, *others]:
            if r.info.state is CallState.RINGING:
                await r.backend.reject(486)
            else:
                await r.backend.hangup()
        await self._wait_state(rec, CallState.ENDED, 5.0, raise_=False)

    async def dial(self, target: str, timeout: float = 60.0) -> CallInfo:
        """Call a citizen back. Returns once the INVITE is out (state DIALING)."""
        if self.current_call is not None:
            raise SoftphoneNotReady("already on a call")
        return await self._dial(target, consult_for=None)

    async def _dial(self, target: str, consult_for: str | None) -> CallInfo:
        if self._backend is None or not self._backend_started:
            raise SoftphoneNotReady("the softphone is not connected")
        uri = self.target_uri(target)
        bcall = await self._backend.dial(uri)
        info = CallInfo(
            call_id=uuid.uuid4().hex,
            direction=CallDirection.OUTBOUND,
            remote_uri=uri,
            state=CallState.DIALING,
            started_at=_now(),
            sip_call_id=bcall.sip_call_id or "",
            consult_for=consult_for,
        )
        rec = _Call(bcall, info, invite_mono=time.monotonic())
        self._calls[info.call_id] = rec
        if consult_for is None:
            self._primary = info.call_id
        else:
            self._consult = info.call_id
        self._emit(CallChanged(info, None))
        return info

    async def wait_answered(self, call_id: str, timeout: float = 60.0) -> CallInfo:
        rec = self._calls[call_id]
        try:
            await rec.backend.wait_established(timeout)
        except CallSetupFailed:
            await self._wait_state(rec, CallState.ENDED, 2.0, raise_=False)
            raise
        if rec.answered_mono is None:
            self._on_established(rec)
        return rec.info

    async def _wait_state(self, rec: _Call, state: CallState, timeout: float,
                          raise_: bool = True) -> None:
        deadline = time.monotonic() + timeout
        while rec.info.state is not state:
            if time.monotonic() > deadline:
                if raise_:
                    raise TimeoutError(f"call did not reach {state}")
                return
            await asyncio.sleep(0.01)

    async def hold(self, call_id: str | None = None) -> None:
        rec = self._rec(call_id, CallState.ACTIVE, CallState.HELD)
        if rec.info.state is CallState.HELD:
            return
        await rec.backend.hold()
        if rec.leg:
            rec.leg.held = True
        self._update(rec, state=CallState.HELD)

    async def resume(self, call_id: str | None = None) -> None:
        rec = self._rec(call_id, CallState.ACTIVE, CallState.HELD)
        if rec.info.state is CallState.ACTIVE:
            return
        await rec.backend.resume()
        if rec.leg:
            rec.leg.held = False
        self._update(rec, state=CallState.ACTIVE)

    def set_muted(self, muted: bool) -> None:
        """Mute the microphone towards every call (the caller hears silence)."""
        self._muted = bool(muted)
        if self._pump is not None:
            self._pump.muted = self._muted
        for rec in self._calls.values():
            if rec.info.is_live:
                self._update(rec, muted=self._muted)

    async def send_dtmf(self, digits: str, call_id: str | None = None) -> None:
        """DTMF (RFC 4733) to the call the operator is talking to."""
        if call_id is None and self._consult and self.consult_call is not None \
                and self.consult_call.state is CallState.ACTIVE:
            call_id = self._consult
        rec = self._rec(call_id, CallState.ACTIVE)
        await rec.backend.send_dtmf(digits)

    async def blind_transfer(self, target: str, call_id: str | None = None) -> None:
        """Hand the customer call to `target` without talking to it first (REFER)."""
        rec = self._rec(call_id, CallState.ACTIVE, CallState.HELD)
        uri = self.target_uri(target)
        was_active = rec.info.state is CallState.ACTIVE
        if was_active:
            await self.hold(rec.info.call_id)
        try:
            await rec.backend.blind_transfer(uri)
        except SipError:
            if was_active and rec.info.is_live:
                with contextlib.suppress(SipError):
                    await self.resume(rec.info.call_id)
            raise
        await self._wait_state(rec, CallState.ENDED, 5.0, raise_=False)

    async def start_consultation(self, target: str, timeout: float = 60.0) -> CallInfo:
        """Consult a department first (三方转接): hold the caller, call `target`.
        Then `complete_transfer()`, `conference()` or `cancel_consultation()`."""
        prim = self._rec(None, CallState.ACTIVE, CallState.HELD)
        if self.consult_call is not None:
            raise SoftphoneNotReady("already consulting")
        await self.hold(prim.info.call_id)
        info = await self._dial(target, consult_for=prim.info.call_id)
        try:
            return await self.wait_answered(info.call_id, timeout)
        except (CallSetupFailed, SipError):
            if self._consult == info.call_id:
                self._consult = None
            if prim.info.is_live and prim.info.state is CallState.HELD:
                with contextlib.suppress(SipError):
                    await self.resume(prim.info.call_id)
            raise

    async def complete_transfer(self) -> None:
        """Hand the caller over to the consulted party; the operator leaves both calls.
        Uses REFER/Replaces; when the caller's phone cannot, hangs up the consultation
        and blind-transfers the caller to the same number."""
        prim = self._rec(None, CallState.ACTIVE, CallState.HELD)
        if not self._consult:
            raise SoftphoneNotReady("no consultation call")
        cons = self._rec(self._consult, CallState.ACTIVE, CallState.HELD)
        try:
            await prim.backend.attended_transfer(cons.backend)
        except ReplacesUnsupported:
            log.info("caller cannot do attended transfer; falling back to blind transfer")
            target = cons.info.remote_uri
            await cons.backend.hangup()
            await self._wait_state(cons, CallState.ENDED, 5.0, raise_=False)
            await prim.backend.blind_transfer(target)
        await self._wait_state(prim, CallState.ENDED, 5.0, raise_=False)
        if cons.info.is_live:  # the far end replaced the dialog; make sure we are out
            await self._wait_state(cons, CallState.ENDED, 3.0, raise_=False)
            if cons.info.is_live:
                with contextlib.suppress(Exception):
                    await cons.backend.hangup()

    async def conference(self) -> None:
        """Join the caller and the consulted party with the operator (three-way)."""
        prim = self._rec(None, CallState.ACTIVE, CallState.HELD)
        if not self._consult:
            raise SoftphoneNotReady("no consultation call")
        cons = self._rec(self._consult, CallState.ACTIVE, CallState.HELD)
        await self.resume(prim.info.call_id)
        await self.resume(cons.info.call_id)
        for rec in (prim, cons):
            if rec.leg:
                rec.leg.conferenced = True
            self._update(rec, conferenced=True)

    async def cancel_consultation(self) -> None:
        """Hang up the consulted party and go back to the caller."""
        if self._consult:
            cons = self._calls.get(self._consult)
            if cons is not None and cons.info.is_live:
                await cons.backend.hangup()
                await self._wait_state(cons, CallState.ENDED, 5.0, raise_=False)
            self._consult = None
        prim = self._calls.get(self._primary) if self._primary else None
        if prim is not None and prim.info.state is CallState.HELD:
            await self.resume(prim.info.call_id)

    # --- audio --------------------------------------------------------------------------------
    def set_audio_devices(self, *, input: Any = None, output: Any = None,
                          ringer: Any = None) -> None:
        """Switch headset microphone/speaker (and the ringer), also in the middle of a call."""
        self.audio.set_devices(input=input, output=output, ringer=ringer)

    def media_stats(self) -> dict[str, Any]:
        pump = self._pump
        if pump is None:
            return {}
        return {"frames": pump.frames, "late_frames": pump.late_frames}

    def leg(self, call_id: str) -> Leg | None:
        rec = self._calls.get(call_id)
        return rec.leg if rec else None

    # --- side calls (the team lead's line, telephony/supervision.py) ----------------------
    async def dial_side_call(self, target: str,
                             listener: Callable[[BackendEvent], None]) -> BackendCall:
        """An extra outbound call that is neither the customer call nor a consultation:
        the softphone carries its media once `add_media_leg` is called and hands its
        events to `listener`."""
        if self._backend is None or not self._backend_started:
            raise SoftphoneNotReady("the softphone is not connected")
        bcall = await self._backend.dial(self.target_uri(target))
        self._side_calls[bcall] = listener
        return bcall

    def forget_side_call(self, bcall: BackendCall) -> None:
        self._side_calls.pop(bcall, None)

    def add_media_leg(self, leg: Leg) -> None:
        if self._pump is None:
            raise SoftphoneNotReady("the softphone is not started")
        self._pump.add_leg(leg)

    def remove_media_leg(self, call_id: str) -> None:
        if self._pump is not None:
            self._pump.remove_leg(call_id)


def _default_backend() -> SipBackend:
    from agent_desktop.telephony.baresip_backend import BaresipBackend

    return BaresipBackend()
