"""Whisper through the real headset path (sounddevice → PortAudio → the private
PulseAudio standing in for the headset): the operator speaks into `mic_in`, hears the
citizen and the whispering lead on `app_out`; the citizen never hears the lead, the lead
hears both."""

from __future__ import annotations

import asyncio

from agent_desktop.telephony import SoundDeviceAudio
from agent_desktop.telephony.supervision import LeadLine

from .peers import read_pcm
from .test_calls import peer_wait
from .test_sounddevice_pulse import pulse  # noqa: F401
from .test_supervision_audio import (  # noqa: F401
    ABSENT,
    CALLER_HZ,
    LEAD_HZ,
    OPERATOR_HZ,
    answered_call,
    citizen,
    heard_by,
    lead_phone,
    tone_shares,
    tones,
)

SOME = 0.01  # PulseAudio without real-time scheduling stalls under load: a lower bar


async def test_whisper_through_the_headset(pulse, kamailio, citizen, lead_phone,  # noqa: F811
                                           make_softphone, tones, tmp_path):
    audio = SoundDeviceAudio(input="pulse", output="pulse", latency=0.1)
    phone = await make_softphone(kamailio.domain, audio=audio)
    await phone.wait_registered(5)
    citizen_files, lead_files = set(citizen.recordings()), set(lead_phone.recordings())
    speaker_out = tmp_path / "speaker.wav"
    rec = pulse.record(speaker_out, "app_out.monitor", 8000)
    mic = pulse.play(tones["operator"], "mic_in")
    try:
        await answered_call(citizen, phone, kamailio)
        line = LeadLine(phone)
        await line.join("supervisor", "whisper")
        await asyncio.sleep(4.0)
        cmark = lead_phone.mark()
        await line.leave()
        await peer_wait(lead_phone, "CALL_CLOSED", cmark, 5)
        hmark = citizen.mark()
        await phone.hangup()
        await peer_wait(citizen, "CALL_CLOSED", hmark, 5)
    finally:
        mic.stop()
        await asyncio.sleep(0.3)
        rec.stop()
    played, rate = read_pcm(speaker_out)
    op = tone_shares(played, rate)
    lead = tone_shares(heard_by(lead_phone, lead_files))
    heard = tone_shares(heard_by(citizen, citizen_files))
    print("pulse whisper: operator", op, "lead", lead, "citizen", heard)
    assert op[CALLER_HZ] > SOME and op[LEAD_HZ] > SOME  # the operator hears both
    assert lead[CALLER_HZ] > SOME and lead[OPERATOR_HZ] > SOME  # the lead hears both
    assert heard[OPERATOR_HZ] > SOME and heard[LEAD_HZ] < ABSENT  # not the citizen
