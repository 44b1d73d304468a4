"""`SipBackend` on baresip-python (BSD): the default SIP stack of the softphone.

baresip-python runs libre/baresip on its own thread and delivers events on the asyncio
loop that started it (under qasync: the Qt thread). Only one `baresip.Runtime` may live
in a process, so one `BaresipBackend` is started at a time; changing the account means
stop() then start(). The stack's own audio drivers are not used (`aumem`): PCM goes in
and out through `call.audio`, and `telephony.audio` moves it to sounddevice.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import socket

import baresip

from agent_desktop.telephony.backend import (
    BackendCall,
    BackendEvent,
    BackendEventKind,
    BackendListener,
    CallSetupFailed,
    MediaFormat,
    RegistrationFailed,
    ReplacesUnsupported,
    SipBackend,
    SipError,
    TransferFailed,
)
from agent_desktop.telephony.models import CallDirection, SipSettings, Transport

log = logging.getLogger(__name__)

_ids = itertools.count(1)
_SUCCESSFUL_TRANSFER = "Call transfered"  # baresip's spelling


def _status_of(exc: BaseException) -> int | None:
    return getattr(exc, "status", None)


class BaresipCall(BackendCall):
    def __init__(self, backend: BaresipBackend, call: baresip.Call,
                 direction: CallDirection, remote_uri: str) -> None:
        self.id = f"c{next(_ids)}"
        self._backend = backend
        self._call = call
        self._audio = call.audio
        self.direction = direction
        self.remote_uri = remote_uri or call.peer or ""
        self.remote_name = ""
        self.closed = False
        self.close_reason = ""
        call.on(self._on_event)
        call.on_dtmf(self._on_dtmf)

    def __repr__(self) -> str:
        return f"<BaresipCall {self.id} {self.direction} {self.remote_uri}>"

    @property
    def sip_call_id(self) -> str | None:
        return self._call.call_id

    @property
    def native(self) -> baresip.Call:
        return self._call

    def _on_event(self, ev: baresip.StackEvent) -> None:
        E = baresip.Event
        kind = {
            E.CALL_RINGING: BackendEventKind.PROGRESS,
            E.CALL_PROGRESS: BackendEventKind.PROGRESS,
            E.CALL_ESTABLISHED: BackendEventKind.ESTABLISHED,
            E.CALL_CLOSED: BackendEventKind.CLOSED,
            E.CALL_HOLD: BackendEventKind.REMOTE_HOLD,
            E.CALL_RESUME: BackendEventKind.REMOTE_RESUME,
        }.get(ev.event)
        if kind is None:
            return
        if kind is BackendEventKind.CLOSED:
            self.closed = True
            self.close_reason = ev.text or ""
        status = None
        if kind is BackendEventKind.CLOSED and ev.text:
            status, _ = baresip.errors.split_status(ev.text)
        self._backend._emit(BackendEvent(kind, self, status, ev.text or ""))

    def _on_dtmf(self, digit: baresip.DigitEvent) -> None:
        self._backend._emit(BackendEvent(BackendEventKind.DTMF, self, None, digit.digit))

    async def answer(self) -> None:
        try:
            await self._call.answer()
        except baresip.BaresipError as exc:
            raise SipError(f"answer failed: {exc}") from exc

    async def reject(self, status: int = 486) -> None:
        try:
            await self._call.reject()
        except baresip.StaleHandleError:
            pass

    async def hangup(self) -> None:
        try:
            await self._call.hangup()
        except baresip.StaleHandleError:
            pass

    async def wait_established(self, timeout: float) -> None:
        try:
            await self._call.wait_established(timeout=timeout)
        except baresip.CallFailed as exc:
            raise CallSetupFailed(str(exc), status=exc.status, reason=exc.reason) from exc

    async def hold(self) -> None:
        await self._retry_refresh(self._call.hold)

    async def resume(self) -> None:
        await self._retry_refresh(self._call.resume)

    async def _retry_refresh(self, op) -> None:
        # "a session refresh is already in flight; retry shortly" happens right after
        # answer (the stack's own re-INVITE): retry for up to ~2 s.
        for attempt in range(20):
            try:
                await op()
                return
            except baresip.StaleHandleError as exc:
                raise SipError("the call has ended") from exc
            except baresip.BaresipError as exc:
                if "in flight" not in str(exc) or attempt == 19:
                    raise SipError(str(exc)) from exc
                await asyncio.sleep(0.1)

    async def send_dtmf(self, digits: str) -> None:
        try:
            await self._call.send_dtmf(digits)
        except baresip.BaresipError as exc:
            raise SipError(f"DTMF failed: {exc}") from exc

    async def blind_transfer(self, uri: str, timeout: float = 30.0) -> None:
        try:
            await self._call.transfer(uri, timeout=timeout)
        except baresip.TransferFailed as exc:
            raise TransferFailed(str(exc), status=exc.status, reason=exc.reason) from exc
        except baresip.BaresipError as exc:
            raise TransferFailed(str(exc)) from exc

    async def attended_transfer(self, consult: BackendCall, timeout: float = 30.0) -> None:
        assert isinstance(consult, BaresipCall)
        try:
            await self._call.attended_transfer(consult.native, timeout=timeout)
        except baresip.TransferFailed as exc:
            if "Replaces" in str(exc):
                raise ReplacesUnsupported(str(exc)) from exc
            raise TransferFailed(str(exc), status=exc.status, reason=exc.reason) from exc
        except baresip.BaresipError as exc:
            raise TransferFailed(str(exc)) from exc

    # --- media (thread-safe) ---
    def media_format(self) -> MediaFormat | None:
        if self.closed:
            return None
        try:
            info = self._audio.info()
        except baresip.BaresipError:
            return None
        if not (info.rx_ready and info.tx_ready):
            return None
        return MediaFormat(info.rx_sample_rate, info.tx_sample_rate, info.tx_channels,
                           info.tx_ptime_ms or 20)

    def read_pcm(self, max_bytes: int) -> bytes:
        if self.closed:
            return b""
        try:
            return self._audio.read(max_bytes)
        except (baresip.AudioNotActive, baresip.AudioRestarted):
            return b""

    def write_pcm(self, pcm: bytes) -> int:
        if self.closed or not pcm:
            return 0
        try:
            return self._audio.write(pcm)
        except (baresip.AudioNotActive, baresip.AudioRestarted):
            return 0

    def tx_buffered(self) -> int:
        if self.closed:
            return 0
        try:
            return self._audio.info().tx_buffered
        except baresip.BaresipError:
            return 0


def _free_udp_tcp_port(host: str) -> int:
    """A port free for UDP and TCP, with the next one free for TCP too (baresip opens
    TLS on port+1)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.bind((host, 0))
            port = u.getsockname()[1]
        try:
            for p in (port, port + 1):
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                    t.bind((host, p))
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                u.bind((host, port))
            return port
        except OSError:
            continue
    raise OSError("no free SIP port found")


class BaresipBackend(SipBackend):
    def __init__(self, *, native_log_level: str = "error") -> None:
        self._runtime: baresip.Runtime | None = None
        self._ua: baresip.UserAgent | None = None
        self._listener: BackendListener | None = None
        self._settings: SipSettings | None = None
        self._aor = ""
        self._native_log_level = native_log_level
        self.local_port = 0

    @property
    def aor(self) -> str:
        return self._aor

    def _emit(self, event: BackendEvent) -> None:
        if self._listener is not None:
            self._listener(event)

    async def start(self, settings: SipSettings, password: str,
                    listener: BackendListener) -> None:
        if self._runtime is not None:
            raise SipError("backend already started")
        self._settings = settings
        self._listener = listener
        local_ip = settings.local_ip or None
        bind_ip = settings.local_ip or "0.0.0.0"
        port = settings.local_port or _free_udp_tcp_port(bind_ip)
        self.local_port = port
        extra = f"sip_listen {bind_ip}:{port}\nrtp_ports {settings.rtp_ports}\n"
        runtime = baresip.Runtime(native_log_level=self._native_log_level)
        try:
            await runtime.start(baresip.Config(
                net_interface=local_ip,
                native_log_level=self._native_log_level,
                max_concurrent_calls=3,  # customer call + consultation + one to reject
                extra_config_text=extra,
            ))
        except baresip.BaresipError as exc:
            raise SipError(f"SIP stack failed to start: {exc}") from exc
        self._runtime = runtime
        runtime.on_dead = lambda *_: self._emit(
            BackendEvent(BackendEventKind.FATAL, text="SIP stack died"))
        outbound = settings.outbound_proxy.strip() or settings.registrar_uri
        if not outbound.startswith(("sip:", "sips:")):
            outbound = f"sip:{outbound}"
        if settings.transport is not Transport.UDP and "transport=" not in outbound:
            outbound += f";transport={settings.transport}"
        domain = settings.sip_domain
        try:
            account = baresip.Account(
                user=settings.user,
                domain=domain,
                password=password or "",
                registrar=outbound,
                reg_interval=max(0, int(settings.expires_s)),
                transport=str(settings.transport),
                auth_user=(settings.auth_user or None),
                audio_codecs=("pcmu", "pcma"),
            )
            self._aor = f"sip:{settings.user}@{domain}"
            self._ua = await baresip.UserAgent.create(runtime, account,
                                                      transfer_policy="reject")
        except (ValueError, baresip.BaresipError) as exc:
            await self.stop()
            raise SipError(f"SIP account rejected: {exc}") from exc
        self._ua.on_incoming(self._on_incoming)
        self._ua.on(self._on_ua_event)

    def _on_ua_event(self, ev: baresip.StackEvent) -> None:
        E = baresip.Event
        if ev.event is E.REGISTERING:
            self._emit(BackendEvent(BackendEventKind.REGISTERING))
        elif ev.event is E.REGISTER_OK:
            self._emit(BackendEvent(BackendEventKind.REGISTERED, text=ev.text or ""))
        elif ev.event is E.REGISTER_FAIL:
            status, reason = baresip.errors.split_status(ev.text or "")
            self._emit(BackendEvent(BackendEventKind.REGISTER_FAILED, status=status,
                                    text=reason or ev.text or ""))
        elif ev.event is E.UNREGISTERING:
            self._emit(BackendEvent(BackendEventKind.UNREGISTERED))

    def _on_incoming(self, call: baresip.Call) -> None:
        bcall = BaresipCall(self, call, CallDirection.INBOUND, call.peer or "")
        self._emit(BackendEvent(BackendEventKind.INCOMING, bcall))

    async def stop(self) -> None:
        runtime, self._runtime = self._runtime, None
        ua, self._ua = self._ua, None
        if runtime is None:
            return
        if ua is not None:
            try:
                await ua.unregister(timeout=1.0)
            except Exception:  # unreachable or never registered: nothing to undo
                pass
        try:
            await runtime.close()
        except baresip.BaresipError as exc:
            log.warning("closing the SIP stack: %s", exc)

    async def register(self, timeout: float) -> None:
        if self._ua is None:
            raise RegistrationFailed("softphone is not started")
        try:
            await self._ua.register(timeout=timeout)
        except baresip.RegistrationError as exc:
            raise RegistrationFailed(str(exc), status=exc.status,
                                     reason=exc.reason or str(exc)) from exc
        except baresip.BaresipError as exc:
            raise RegistrationFailed(str(exc), reason=str(exc)) from exc

    async def unregister(self, timeout: float) -> None:
        if self._ua is None:
            return
        try:
            await self._ua.unregister(timeout=timeout)
        except baresip.BaresipError as exc:
            raise RegistrationFailed(str(exc), status=_status_of(exc)) from exc

    async def dial(self, uri: str) -> BackendCall:
        if self._ua is None:
            raise CallSetupFailed("softphone is not started")
        try:
            call = await self._ua.dial(uri)
        except (ValueError, baresip.BaresipError) as exc:
            raise CallSetupFailed(f"dial failed: {exc}") from exc
        return BaresipCall(self, call, CallDirection.OUTBOUND, uri)

