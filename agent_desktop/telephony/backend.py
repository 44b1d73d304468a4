"""The one interface between the softphone and a SIP library.

`Softphone` speaks only to `SipBackend` / `BackendCall`; `baresip_backend.BaresipBackend`
implements them on baresip-python. A second backend (e.g. PJSUA2 for Windows) implements
the same few methods and events; nothing else in the app changes.

Contract:
- async methods run on the asyncio loop; events are delivered on that loop through the
  listener given to `SipBackend.start`.
- PCM methods of `BackendCall` (`media_format`, `read_pcm`, `write_pcm`, `tx_buffered`)
  are thread-safe and never block: the media thread calls them every few milliseconds.
  PCM is signed 16-bit little-endian, mono or interleaved, at the negotiated rate.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from agent_desktop.telephony.models import CallDirection, SipSettings


class BackendEventKind(StrEnum):
    REGISTERING = "registering"
    REGISTERED = "registered"
    REGISTER_FAILED = "register_failed"  # status/text say why (also for refresh failures)
    UNREGISTERED = "unregistered"
    INCOMING = "incoming"  # a new inbound call, `call` set
    PROGRESS = "progress"  # outbound call rings at the far end
    ESTABLISHED = "established"
    CLOSED = "closed"  # text: reason ("Rejected by user", "Call transfered", …)
    REMOTE_HOLD = "remote_hold"
    REMOTE_RESUME = "remote_resume"
    DTMF = "dtmf"  # digit in `text`
    FATAL = "fatal"  # the SIP stack died; the backend must be restarted


@dataclass(frozen=True)
class BackendEvent:
    kind: BackendEventKind
    call: BackendCall | None = None
    status: int | None = None
    text: str = ""


@dataclass(frozen=True)
class MediaFormat:
    rx_rate: int
    tx_rate: int
    channels: int = 1
    ptime_ms: int = 20


class SipError(Exception):
    """A SIP operation failed. `status` is the SIP status code when there is one."""

    def __init__(self, message: str, *, status: int | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason


class RegistrationFailed(SipError):
    pass


class CallSetupFailed(SipError):
    pass


class TransferFailed(SipError):
    pass


class ReplacesUnsupported(TransferFailed):
    """The far end cannot take an attended transfer (no Replaces support)."""


class BackendCall(ABC):
    """One SIP dialog as the backend sees it."""

    id: str  # stable local id
    direction: CallDirection
    remote_uri: str
    remote_name: str = ""

    @property
    @abstractmethod
    def sip_call_id(self) -> str | None: ...

    @abstractmethod
    async def answer(self) -> None: ...

    @abstractmethod
    async def reject(self, status: int = 486) -> None: ...

    @abstractmethod
    async def hangup(self) -> None: ...

    @abstractmethod
    async def wait_established(self, timeout: float) -> None:
        """Raise CallSetupFailed if the call closes or times out first."""

    @abstractmethod
    async def hold(self) -> None: ...

    @abstractmethod
    async def resume(self) -> None: ...

    @abstractmethod
    async def send_dtmf(self, digits: str) -> None: ...

    @abstractmethod
    async def blind_transfer(self, uri: str, timeout: float = 30.0) -> None:
        """REFER the far end to `uri`; returns once the far end reports success."""

    @abstractmethod
    async def attended_transfer(self, consult: BackendCall, timeout: float = 30.0) -> None:
        """REFER with Replaces: connect this call's peer to `consult`'s peer."""

    # --- media: thread-safe, non-blocking ---
    @abstractmethod
    def media_format(self) -> MediaFormat | None:
        """None while there is no media (not answered, closed, renegotiating)."""

    @abstractmethod
    def read_pcm(self, max_bytes: int) -> bytes:
        """Received PCM since the last read (b"" when none or no media)."""

    @abstractmethod
    def write_pcm(self, pcm: bytes) -> int:
        """Queue PCM to send; returns bytes taken (0 without media)."""

    @abstractmethod
    def tx_buffered(self) -> int:
        """Bytes written and not yet sent (0 without media)."""


BackendListener = Callable[[BackendEvent], None]


class SipBackend(ABC):
    """A SIP user agent for one account."""

    @abstractmethod
    async def start(self, settings: SipSettings, password: str,
                    listener: BackendListener) -> None:
        """Bring the stack up for this account (not registered yet)."""

    @abstractmethod
    async def stop(self) -> None:
        """Hang up everything and shut the stack down. Safe to call twice."""

    @abstractmethod
    async def register(self, timeout: float) -> None:
        """Register (or refresh) and await the outcome; RegistrationFailed otherwise."""

    @abstractmethod
    async def unregister(self, timeout: float) -> None: ...

    @abstractmethod
    async def dial(self, uri: str) -> BackendCall:
        """Send an INVITE; returns at once, the outcome arrives as events."""

    @property
    @abstractmethod
    def aor(self) -> str: ...
