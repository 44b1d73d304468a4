"""The softphone (软电话): SIP account and registration, calls (answer, hold, mute, DTMF,
blind and consultative transfer, three-way), headset audio, PCM taps of both call legs
for the live transcript, call recording, and the operator's agent state.

The SIP library (baresip-python) stays behind `backend.SipBackend`; everything else here
is plain asyncio and never imports Qt widgets. Start with `Softphone`.
"""

from agent_desktop.telephony.agent_state import AgentStateService
from agent_desktop.telephony.audio import (
    CALLER,
    OPERATOR,
    AudioFrame,
    AudioTaps,
    BufferAudio,
    SoundDeviceAudio,
)
from agent_desktop.telephony.models import (
    NOT_READY_REASONS,
    AgentState,
    AgentStateChanged,
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
    Transport,
)
from agent_desktop.telephony.softphone import Softphone, SoftphoneNotReady

__all__ = [
    "AgentState",
    "AgentStateChanged",
    "AgentStateService",
    "AudioFrame",
    "AudioTaps",
    "BufferAudio",
    "CALLER",
    "CallChanged",
    "CallDirection",
    "CallInfo",
    "CallState",
    "DtmfReceived",
    "NOT_READY_REASONS",
    "OPERATOR",
    "RegistrationChanged",
    "RegistrationInfo",
    "RegistrationState",
    "SipSettings",
    "Softphone",
    "SoftphoneError",
    "SoftphoneNotReady",
    "SoundDeviceAudio",
    "Transport",
]
