"""Fixtures for the softphone tests: real peers on 127.0.0.1 (kamailio, baresip, SIPp,
PulseAudio), started once per test module on free ports and stopped by pid, and a
softphone factory. (`memory_keyring` comes from tests/conftest.py.)

Where a test uses `BufferAudio` instead of a headset, that is the stand-in for the
operator's headset (no sound card here): its "microphone" plays a WAV in real time and
its "speaker" keeps what it was given. The PulseAudio tests cover the real sounddevice path.
"""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest

from agent_desktop.telephony import AgentStateService, BufferAudio, Softphone, SipSettings

from .peers import BaresipPeer, Kamailio, free_port, free_port_range, make_wav

REQUIRED = ("kamailio", "baresip", "sipp", "sox")


def _missing(*names: str) -> list[str]:
    return [n for n in names if shutil.which(n) is None and not Path(f"/usr/sbin/{n}").exists()]


@pytest.fixture(scope="session")
def signals(tmp_path_factory) -> dict[str, Path]:
    """Test signals (8 kHz, 16-bit, telephone band), made once with sox."""
    if _missing("sox"):
        pytest.skip("sox is not installed (apt-get install sox)")
    d = tmp_path_factory.mktemp("signals")
    return {
        "caller": make_wav(d / "caller.wav", 40, "whitenoise"),
        "operator": make_wav(d / "operator.wav", 40, "pinknoise"),
        "supervisor": make_wav(d / "supervisor.wav", 40, "brownnoise"),
    }


def pcm_of(path: Path) -> bytes:
    with wave.open(str(path)) as w:
        return w.readframes(w.getnframes())


@pytest.fixture(scope="module")
def kamailio(tmp_path_factory):
    if _missing("kamailio"):
        pytest.skip("kamailio is not installed (apt-get install kamailio)")
    k = Kamailio(tmp_path_factory.mktemp("kamailio"))
    k.start()
    yield k
    k.stop()


@pytest.fixture(scope="module")
def caller(tmp_path_factory, kamailio, signals):
    """A citizen's phone: baresip registered as `caller`, plays signals["caller"]."""
    if _missing("baresip"):
        pytest.skip("baresip is not installed (apt-get install baresip)")
    peer = BaresipPeer(tmp_path_factory.mktemp("caller"), "caller", kamailio.domain,
                       signals["caller"])
    peer.start()
    yield peer
    peer.stop()


@pytest.fixture(scope="module")
def supervisor(tmp_path_factory, kamailio, signals):
    """A department's phone that answers by itself: baresip registered as `supervisor`."""
    if _missing("baresip"):
        pytest.skip("baresip is not installed (apt-get install baresip)")
    peer = BaresipPeer(tmp_path_factory.mktemp("supervisor"), "supervisor", kamailio.domain,
                       signals["supervisor"], answermode="auto")
    peer.start()
    yield peer
    peer.stop()


def operator_settings(registrar: str, **overrides) -> SipSettings:
    values = dict(
        registrar=registrar,
        user="operator1",
        local_ip="127.0.0.1",
        local_port=free_port(2),
        rtp_ports=free_port_range(20),
        register_timeout_s=2.0,
        reregister_interval_s=0.5,
        keepalive_s=30.0,
        expires_s=300,
        wrap_up_s=0.0,
    )
    values.update(overrides)
    return SipSettings(**values)


@pytest.fixture
async def make_softphone(signals):
    """Build softphones for operator1; every one is stopped after the test (only one
    baresip runtime may live in a process)."""
    made: list[Softphone] = []

    async def factory(registrar: str, *, password: str | None = "op1secret", audio=None,
                      start: bool = True, agent: AgentStateService | None = None,
                      **overrides) -> Softphone:
        settings = operator_settings(registrar, **overrides)
        # BufferAudio stands in for the operator's headset: its mic plays operator.wav.
        audio = audio if audio is not None else BufferAudio(pcm_of(signals["operator"]), 8000)
        phone = Softphone(settings, password=password, audio=audio, agent=agent)
        made.append(phone)
        if start:
            await phone.start()
        return phone

    yield factory
    for phone in made:
        await phone.stop()
