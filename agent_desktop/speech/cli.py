"""`agent-desktop transcribe`: transcribe a recorded call (WAV) from the command line.

    agent-desktop transcribe caller.wav --json
    agent-desktop transcribe caller-8k-ulaw.wav --operator mic.wav
    agent-desktop transcribe call.wav --backend openai --server-url http://127.0.0.1:8000

The file goes through the same streaming transcriber as a live call (VAD, per-speaker
utterances, biasing), only faster than real time and without partials. WAV files may be
16-bit PCM or G.711 μ-law/A-law at any sample rate.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time

SPEECH_HELP = "transcribe a recorded call (WAV) and print its final segments"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("transcribe", help=SPEECH_HELP, description=__doc__,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help="WAV file of the caller (or of the only speaker)")
    p.add_argument("--speaker", choices=["caller", "operator"], default="caller",
                   help="whose voice FILE is (default: caller)")
    p.add_argument("--operator", metavar="WAV", help="the operator's side, as a second file")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--backend", help="faster-whisper (default) or openai")
    p.add_argument("--model", help="packaged model name or CTranslate2 model folder")
    p.add_argument("--server-url", help="central ASR server (backend openai)")
    p.add_argument("--no-biasing", action="store_true",
                   help="no hotline vocabulary prompt or pinyin correction")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from .engine import SpeechConfig, create_engine

    try:
        from agent_desktop.config import load_settings

        config = SpeechConfig.from_mapping(load_settings().extra.get("speech"))
    except Exception:  # a broken config file must not stop a command-line tool
        config = SpeechConfig()
    for name in ("backend", "model", "server_url"):
        if getattr(args, name, None):
            setattr(config, name, getattr(args, name))
    if args.no_biasing:
        config.biasing = False
    try:
        engine = create_engine(config)
        result = asyncio.run(transcribe_files(
            engine, {args.speaker: args.file, **({"operator": args.operator}
                                                 if args.operator else {})},
            biasing=config.biasing))
    except (OSError, ValueError, RuntimeError) as exc:
        print(f"agent-desktop transcribe: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        labels = {"caller": "市民", "operator": "话务员"}
        for s in result["segments"]:
            print(f"[{_clock(s['start'])}–{_clock(s['end'])}] "
                  f"{labels[s['speaker']]}：{s['text']}")
    return 0


async def transcribe_files(engine, files: dict[str, str], *, biasing: bool = True) -> dict:
    """Transcribe one WAV per speaker, faster than real time; returns a JSON-able dict."""
    from .audio import read_wav
    from .stream import Transcriber

    transcriber = Transcriber(engine, biasing=biasing, partials=False)
    transcriber.start()
    started = time.monotonic()
    duration = 0.0
    try:
        await transcriber.wait_ready()
        for speaker, path in files.items():
            samples, rate = read_wav(path)
            duration = max(duration, len(samples) / rate)
            step = rate // 5  # 200 ms chunks
            for i in range(0, len(samples), step):
                transcriber.feed(speaker, samples[i:i + step].tobytes(), rate, i / rate)
        transcript = await transcriber.drain(timeout=max(60.0, duration * 4))
    finally:
        await transcriber.aclose()
    return {"files": files, "engine": engine.describe(), "duration": round(duration, 2),
            "elapsed": round(time.monotonic() - started, 2),
            "segments": [s.to_dict() for s in transcript.segments]}


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60):02d}:{seconds % 60:04.1f}"
