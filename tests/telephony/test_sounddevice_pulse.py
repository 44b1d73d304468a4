"""The real headset path: sounddevice → PortAudio → ALSA's pulse plugin → a private
PulseAudio whose null sinks stand in for the headset (no sound card exists here):
`mic_in` is the virtual microphone (we paplay the operator's voice into it; its monitor is
the default source) and `app_out` is the virtual speaker (we parecord its monitor)."""

from __future__ import annotations

import asyncio
import os
import shutil
import time

import numpy as np
import pytest

from agent_desktop.telephony import CallState, SoundDeviceAudio

from .peers import PulseAudio, best_correlation, read_pcm, wait_for

pytestmark = pytest.mark.skipif(
    shutil.which("pulseaudio") is None or shutil.which("parecord") is None,
    reason="PulseAudio is not installed (pulseaudio pulseaudio-utils libasound2-plugins)")


@pytest.fixture(scope="module")
def pulse(tmp_path_factory):
    pa = PulseAudio(tmp_path_factory.mktemp("pulse"))
    pa.start()
    old = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = pa.server  # the ALSA pulse plugin reads it at open
    try:
        import sounddevice as sd

        sd._terminate()  # rescan devices with the private server in place
        sd._initialize()
    except OSError as exc:
        pa.stop()
        pytest.skip(f"PortAudio unavailable: {exc}")
    yield pa
    if old is None:
        os.environ.pop("PULSE_SERVER", None)
    else:
        os.environ["PULSE_SERVER"] = old
    pa.stop()


def resample(x: np.ndarray, src: int, dst: int) -> np.ndarray:
    n = int(len(x) * dst / src)
    return np.interp(np.arange(n) * src / dst, np.arange(len(x)), x)


async def test_headset_through_pulseaudio_and_device_switch(pulse, kamailio, caller,
                                                           make_softphone, signals, tmp_path):
    audio = SoundDeviceAudio(input="pulse", output="pulse", latency=0.1)
    phone = await make_softphone(kamailio.domain, audio=audio)
    await phone.wait_registered(5)
    names = [d["name"] for d in phone.audio_devices()]
    assert "pulse" in names
    op_taps: list[tuple[float, bytes]] = []
    phone.audio_taps.subscribe(
        lambda speaker, pcm, rate, t: op_taps.append((time.monotonic(), pcm))
        if speaker == "operator" else None, threaded=True)
    speaker_out = tmp_path / "speaker.wav"
    rec = pulse.record(speaker_out, "app_out.monitor", 8000)
    caller.clear_recordings()
    mark = caller.mark()
    caller.cmd("dial", f"sip:operator1@{kamailio.domain}")
    await asyncio.to_thread(wait_for, lambda: phone.current_call, 10, 0.02, "ringing")
    await phone.answer()
    await asyncio.to_thread(caller.wait_event, "CALL_ESTABLISHED", mark, 5)
    mic = pulse.play(signals["operator"], "mic_in")  # the operator speaks
    try:
        await asyncio.sleep(3.0)
        assert audio.is_open and audio.in_rate > 0 and audio.out_rate > 0
        # switch headset in the middle of the call ("default" also routes to PulseAudio)
        old_streams = (audio._in_stream, audio._out_stream)
        phone.set_audio_devices(input="default", output="default")
        assert audio.input_device == "default" and audio.output_device == "default"
        assert audio.is_open and (audio._in_stream, audio._out_stream) != old_streams
        assert phone.current_call.state is CallState.ACTIVE
        t_switch = time.monotonic()
        await asyncio.sleep(3.0)
        await phone.hangup()
    finally:
        mic.stop()
        await asyncio.sleep(0.3)
        rec.stop()
    c_src, _ = read_pcm(signals["caller"])
    o_src, _ = read_pcm(signals["operator"])
    # Under load, PulseAudio without real-time scheduling (and the ALSA pulse plugin in
    # PortAudio) stalls for stretches, so each check looks for a quarter-second that went
    # through intact, not for continuous audio.
    # The caller's voice came out of the speaker:
    played, rate = read_pcm(speaker_out)
    assert rate == 8000 and len(played) > 3 * 8000
    corr_speaker, _ = best_correlation(c_src, played, window=2000, tries=24)
    assert corr_speaker > 0.7, corr_speaker
    # the microphone reached the operator tap (16 kHz from the headset), before and
    # after the switch ...
    o_dev = resample(o_src, 8000, audio.in_rate)

    def tap_corr(frames):
        x = np.frombuffer(b"".join(pcm for _, pcm in frames), dtype="<i2").astype(float)
        return best_correlation(o_dev, x, window=audio.in_rate // 4, tries=16)[0]

    before = tap_corr([f for f in op_taps if f[0] < t_switch])
    after = tap_corr([f for f in op_taps if f[0] > t_switch + 0.1])
    assert before > 0.7 and after > 0.7, (before, after)
    # ... and the caller
    files = await asyncio.to_thread(wait_for, lambda: caller.recordings("dec"), 5, 0.1, "rec")
    heard, _ = read_pcm(files[-1])
    corr_heard, _ = best_correlation(o_src, heard, window=2000, tries=16)
    assert corr_heard > 0.7, corr_heard


async def test_ringer_rings_on_the_chosen_device(pulse, kamailio, caller, make_softphone,
                                                 tmp_path):
    audio = SoundDeviceAudio(input="pulse", output="pulse", ringer="pulse", latency=0.1)
    phone = await make_softphone(kamailio.domain, audio=audio)
    await phone.wait_registered(5)
    out = tmp_path / "ring.wav"
    rec = pulse.record(out, "app_out.monitor", 8000)
    try:
        caller.cmd("dial", f"sip:operator1@{kamailio.domain}")
        await asyncio.to_thread(wait_for, lambda: phone.current_call, 10, 0.02, "ringing")
        await asyncio.sleep(2.5)  # the ALSA pulse plugin may take a second to start
        await phone.reject()
        await asyncio.sleep(0.3)
    finally:
        rec.stop()
    x, rate = read_pcm(out)
    assert len(x) > rate // 2
    spectrum = np.abs(np.fft.rfft(x))
    peak_hz = np.argmax(spectrum) * rate / len(x)
    assert abs(peak_hz - 450) < 10, f"ring tone at {peak_hz:.0f} Hz"
    assert audio._ring_stream is None  # stopped with the call
