"""Softphone latency and audio timing against real peers on 127.0.0.1 (kamailio as
registrar/proxy, Debian's baresip as the citizen's phone playing band-limited noise).

Per run: the caller dials through kamailio; the softphone answers at once; then the
caller's audio is tapped for a few seconds. Prints JSON:

- invite_to_ringing_ms: the caller's dial command → the softphone's ringing event
  (INVITE through kamailio with digest auth);
- answer_to_established_ms: `answer()` → 200 OK/ACK done (state active);
- established_to_first_frame_ms: answered → first caller PCM at the transcript tap;
- invite_to_first_frame_ms: the whole chain, without the operator's reaction time;
- jitter: arrival time of each caller chunk at the tap minus its due time on the sample
  clock (ms: stdev, p95, p99, max), and chunk inter-arrival (ms: median, p99);
  the same for the operator's microphone stream.

    .venv/bin/python bench/bench_telephony.py --runs 5 --seconds 4
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent_desktop.telephony import BufferAudio, SipSettings, Softphone  # noqa: E402
from tests.telephony.peers import (  # noqa: E402
    BaresipPeer,
    Kamailio,
    free_port,
    free_port_range,
    make_wav,
)


def _jitter(arrivals: list[tuple[float, int, int]]) -> dict:
    """arrivals: (monotonic arrival, samples, rate). Lateness of each chunk against the
    sample clock: arrival time minus a straight-line fit of arrival on the chunk's end
    sample (the fit takes out the sender's clock skew, reported as `clock_skew_pct`),
    shifted so that the earliest chunk is 0."""
    if len(arrivals) < 10:
        return {}
    rate = arrivals[0][2]
    ends = np.cumsum([n for _, n, _ in arrivals]) / rate
    t = np.array([a for a, _, _ in arrivals])
    slope, intercept = np.polyfit(ends, t, 1)
    lateness = t - (intercept + slope * ends)
    lateness -= lateness.min()
    gaps = np.diff(t) * 1000
    return {
        "chunks": len(arrivals),
        "clock_skew_pct": round(float((slope - 1) * 100), 2),
        "chunk_ms_median": round(float(np.median([n / rate * 1000 for _, n, _ in arrivals])), 1),
        "lateness_ms_stdev": round(float(np.std(lateness) * 1000), 2),
        "lateness_ms_p95": round(float(np.percentile(lateness, 95) * 1000), 2),
        "lateness_ms_p99": round(float(np.percentile(lateness, 99) * 1000), 2),
        "lateness_ms_max": round(float(lateness.max() * 1000), 2),
        "interarrival_ms_median": round(float(np.median(gaps)), 2),
        "interarrival_ms_p99": round(float(np.percentile(gaps, 99)), 2),
    }


async def one_run(phone: Softphone, caller: BaresipPeer, domain: str, seconds: float) -> dict:
    arrivals: dict[str, list] = {"caller": [], "operator": []}

    def on_frame(speaker, pcm, rate, t):
        arrivals[speaker].append((time.monotonic(), len(pcm) // 2, rate))

    unsubscribe = phone.add_audio_tap(on_frame)  # on the media thread: no loop delay
    try:
        mark = caller.mark()
        t_dial = time.monotonic()
        caller.cmd("dial", f"sip:operator1@{domain}")
        while phone.current_call is None:
            await asyncio.sleep(0.001)
        t_ring = time.monotonic()
        t_answer = time.monotonic()
        await phone.answer()
        t_est = time.monotonic()
        while not arrivals["caller"]:
            await asyncio.sleep(0.001)
        t_first = arrivals["caller"][0][0]
        await asyncio.sleep(seconds)
        await phone.hangup()
        await asyncio.to_thread(caller.wait_event, "CALL_CLOSED", mark, 5)
    finally:
        unsubscribe()
    return {
        "invite_to_ringing_ms": (t_ring - t_dial) * 1000,
        "answer_to_established_ms": (t_est - t_answer) * 1000,
        "established_to_first_frame_ms": (t_first - t_est) * 1000,
        "invite_to_first_frame_ms": (t_first - t_dial - (t_answer - t_ring)) * 1000,
        "caller": _jitter(arrivals["caller"]),
        "operator": _jitter(arrivals["operator"]),
    }


async def main(args) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-telephony-"))
    caller_wav = make_wav(work / "caller.wav", 60, "whitenoise")
    op_wav = make_wav(work / "operator.wav", 60, "pinknoise")
    with wave.open(str(op_wav)) as w:
        op_pcm = w.readframes(w.getnframes())
    kam = Kamailio(work / "kamailio")
    kam.start()
    caller = BaresipPeer(work / "caller", "caller", kam.domain, caller_wav)
    caller.start()
    phone = Softphone(
        SipSettings(registrar=kam.domain, user="operator1", local_ip="127.0.0.1",
                    local_port=free_port(2), rtp_ports=free_port_range(20), wrap_up_s=0),
        password="op1secret", audio=BufferAudio(op_pcm, 8000, loop_source=True))
    runs = []
    try:
        t0 = time.monotonic()
        await phone.start()
        await phone.wait_registered(5)
        register_ms = (time.monotonic() - t0) * 1000
        for _ in range(args.runs):
            runs.append(await one_run(phone, caller, kam.domain, args.seconds))
            await asyncio.sleep(0.5)
        stats = phone.media_stats()
    finally:
        await phone.stop()
        caller.stop()
        kam.stop()

    def med(path):
        values = []
        for r in runs:
            v = r
            for key in path.split("."):
                v = v.get(key, {}) if isinstance(v, dict) else {}
            if isinstance(v, (int, float)):
                values.append(v)
        return round(statistics.median(values), 2) if values else None

    keys = ["invite_to_ringing_ms", "answer_to_established_ms",
            "established_to_first_frame_ms", "invite_to_first_frame_ms"]
    jitter_keys = ["clock_skew_pct", "lateness_ms_stdev", "lateness_ms_p95", "lateness_ms_p99",
                   "lateness_ms_max", "interarrival_ms_median", "interarrival_ms_p99",
                   "chunk_ms_median"]
    return {
        "bench": "telephony",
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count(),
                    "load_avg_1m": round(__import__("os").getloadavg()[0], 2)},
        "setup": {"runs": args.runs, "seconds_per_call": args.seconds, "codec": "PCMU/8000",
                  "path": "baresip caller -> kamailio (digest auth) -> softphone (baresip-python)"},
        "register_ms": round(register_ms, 2),
        "median": {k: med(k) for k in keys}
        | {f"caller.{k}": med(f"caller.{k}") for k in jitter_keys}
        | {f"operator.{k}": med(f"operator.{k}") for k in jitter_keys},
        "media_thread": stats,
        "runs": [{k: (round(v, 2) if isinstance(v, float) else v) for k, v in r.items()}
                 for r in runs],
    }


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--seconds", type=float, default=4.0)
    print(json.dumps(asyncio.run(main(p.parse_args())), indent=2, ensure_ascii=False))
