"""Plain data of the softphone: SIP account settings, registration and call snapshots,
agent states, and the events the softphone emits.

Everything here is immutable and free of any SIP library: widgets, the work-order form
and the server client read these types, never a backend's objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from enum import StrEnum
from typing import Any

from agent_desktop.domain.enums import AgentState  # noqa: F401 - re-exported


class Transport(StrEnum):
    UDP = "udp"
    TCP = "tcp"
    TLS = "tls"


class RegistrationState(StrEnum):
    UNCONFIGURED = "unconfigured"  # no account settings
    UNREGISTERED = "unregistered"
    REGISTERING = "registering"
    REGISTERED = "registered"
    FAILED = "failed"  # wrong credentials, unreachable registrar…; retried unless auth


class CallDirection(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class CallState(StrEnum):
    RINGING = "ringing"  # inbound, not answered yet
    DIALING = "dialing"  # outbound, not answered yet
    ACTIVE = "active"  # talking
    HELD = "held"  # we put the call on hold
    ENDED = "ended"


# Reasons an operator gives for "not ready" (stable identifiers; the UI translates them).
NOT_READY_REASONS: tuple[str, ...] = ("break", "meal", "meeting", "training", "other")


@dataclass(frozen=True)
class SipSettings:
    """The non-secret SIP account settings, `Settings.extra["sip"]` in config.toml.

    ```toml
    [sip]
    registrar = "sip:pbx.example.gov.cn"   # also accepts host[:port]
    user = "8001"
    auth_user = ""          # defaults to user
    domain = ""             # defaults to the registrar's host
    transport = "udp"       # udp | tcp | tls
    outbound_proxy = ""     # e.g. "sip:sbc.example.gov.cn:5060"
    display_name = ""
    auto_answer = false
    auto_answer_delay_s = 0.0
    register_timeout_s = 5.0
    reregister_interval_s = 10.0   # retry period while the registrar is unreachable
    keepalive_s = 30.0      # re-REGISTER this often to notice a registrar restart
    expires_s = 300
    local_port = 0          # 0: pick a free port
    rtp_ports = "10000-20000"
    input_device = ""       # sounddevice names; "" = system default
    output_device = ""
    ringer_device = ""
    record_calls = false
    recordings_dir = ""     # default: <data dir>/recordings
    wrap_up_s = 30.0        # 0: wrap-up ends only when the operator says ready
    skills = ""             # for the hotline's queue, e.g. "外语,为企服务"
    ```
    The password lives in keyring (service "agent-desktop-sip", user = auth user).
    """

    registrar: str = ""
    user: str = ""
    auth_user: str = ""
    domain: str = ""
    transport: Transport = Transport.UDP
    outbound_proxy: str = ""
    display_name: str = ""
    auto_answer: bool = False
    auto_answer_delay_s: float = 0.0
    register_timeout_s: float = 5.0
    reregister_interval_s: float = 10.0
    keepalive_s: float = 30.0
    expires_s: int = 300
    local_ip: str = ""
    local_port: int = 0
    rtp_ports: str = "10000-20000"
    input_device: str = ""
    output_device: str = ""
    ringer_device: str = ""
    record_calls: bool = False
    recordings_dir: str = ""
    wrap_up_s: float = 30.0
    skills: str = ""

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.replace("，", ",").split(",") if s.strip()]

    @property
    def configured(self) -> bool:
        return bool(self.registrar and self.user)

    @property
    def registrar_uri(self) -> str:
        reg = self.registrar.strip()
        return reg if reg.startswith(("sip:", "sips:")) else f"sip:{reg}"

    @property
    def registrar_host(self) -> str:
        m = re.match(r"^sips?:(?:[^@]*@)?(\[[^\]]+\]|[^:;>]+)", self.registrar_uri)
        return m.group(1) if m else ""

    @property
    def registrar_hostport(self) -> str:
        """`sip:pbx.example:5080;transport=tcp` → `pbx.example:5080`."""
        rest = self.registrar_uri.split(":", 1)[1]
        return rest.split("@", 1)[-1].split(";", 1)[0].strip("<>")

    @property
    def sip_domain(self) -> str:
        """The domain of the account's AOR: `domain`, else the registrar's host[:port]."""
        return self.domain or self.registrar_hostport

    @property
    def auth_username(self) -> str:
        return self.auth_user or self.user

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> SipSettings:
        """Build from `Settings.extra["sip"]`; unknown keys are ignored, types coerced."""
        data = dict(data or {})
        kwargs: dict[str, Any] = {}
        for name, f in cls.__dataclass_fields__.items():
            if name not in data:
                continue
            value = data[name]
            default = f.default
            if isinstance(default, Transport):
                value = Transport(str(value).lower())
            elif isinstance(default, bool):
                value = value if isinstance(value, bool) else str(value).lower() in (
                    "1", "true", "yes", "on")
            elif isinstance(default, int):
                value = int(value)
            elif isinstance(default, float):
                value = float(value)
            else:
                value = str(value)
            kwargs[name] = value
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        return {
            name: (str(getattr(self, name)) if isinstance(getattr(self, name), StrEnum)
                   else getattr(self, name))
            for name in self.__dataclass_fields__
        }


@dataclass(frozen=True)
class RegistrationInfo:
    state: RegistrationState = RegistrationState.UNCONFIGURED
    status: int | None = None  # SIP status of the last failure (401, 403, 408…)
    reason: str = ""  # human-readable reason of the last failure
    aor: str = ""  # sip:user@domain
    since: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def auth_failed(self) -> bool:
        return self.state is RegistrationState.FAILED and self.status in (401, 403, 407)


_NUMBER_RE = re.compile(r"^(?:\"?([^\"<]*)\"?\s*)?<?sips?:([^@;>]+)@")


def number_from_uri(uri: str) -> str:
    """`"Zhang" <sip:13800138000@pbx;user=phone>` → `13800138000`."""
    m = _NUMBER_RE.match(uri.strip())
    if m:
        return m.group(2)
    uri = uri.strip().strip("<>")
    for prefix in ("sip:", "sips:", "tel:"):
        if uri.startswith(prefix):
            uri = uri[len(prefix):]
    return uri.split("@", 1)[0].split(";", 1)[0]


@dataclass(frozen=True)
class CallInfo:
    """A snapshot of one call. A new snapshot is emitted on every change.

    The work-order form takes `call_id`, `caller_number` and `answered_at` (or
    `started_at`); `sip_call_id` correlates with the PBX/ACD records.
    """

    call_id: str  # a local unique id (uuid4 hex), stable for the life of the call
    direction: CallDirection
    remote_uri: str
    state: CallState
    started_at: datetime  # when it began ringing / was dialled (UTC)
    remote_name: str = ""
    sip_call_id: str = ""  # the SIP Call-ID, when known (inbound: at once)
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    muted: bool = False
    remote_on_hold: bool = False
    end_reason: str = ""
    consult_for: str | None = None  # call_id of the customer call this one consults for
    conferenced: bool = False  # joined with another call in a local three-way conference
    recording_path: str | None = None

    @property
    def remote_number(self) -> str:
        return number_from_uri(self.remote_uri)

    @property
    def caller_number(self) -> str:
        """The citizen's number: the remote party of an inbound or outbound call."""
        return self.remote_number

    @property
    def is_live(self) -> bool:
        return self.state is not CallState.ENDED

    @property
    def on_hold(self) -> bool:
        return self.state is CallState.HELD

    @property
    def duration_s(self) -> float:
        if self.answered_at is None:
            return 0.0
        end = self.ended_at or datetime.now(timezone.utc)
        return max(0.0, (end - self.answered_at).total_seconds())

    def evolve(self, **changes: Any) -> CallInfo:
        return replace(self, **changes)


# --- events --------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationChanged:
    registration: RegistrationInfo


@dataclass(frozen=True)
class CallChanged:
    call: CallInfo
    previous: CallState | None  # None when the call is new


@dataclass(frozen=True)
class DtmfReceived:
    call_id: str
    digit: str


@dataclass(frozen=True)
class AgentStateChanged:
    state: AgentState
    reason: str = ""
    call_id: str | None = None


@dataclass(frozen=True)
class SoftphoneError:
    """An operation failed in the background (e.g. a re-INVITE was refused)."""

    action: str
    message: str


SoftphoneEvent = RegistrationChanged | CallChanged | DtmfReceived | SoftphoneError
