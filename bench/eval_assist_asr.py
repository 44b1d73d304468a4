"""The call assistant on recognised speech: how much of what it finds in a caller's
sentence survives real recognition errors. Prints one JSON document.

For every caller utterance packaged with the speech model (resources/speech/utterances,
8 kHz G.711 telephone audio, a TTS voice), the assistant reads (a) the reference text and
(b) what the live pipeline recognised from the audio. Per field, the share of utterances
where (b) finds what (a) finds — phone, district, street, top matter (and whether (a)'s
top matter is among (b)'s top 3), urgency. This measures robustness to recognition
errors, not accuracy (the labelled calls, bench/eval_assist_calls.py, measure that).

    .venv/bin/python bench/eval_assist_asr.py [--failures]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fields(draft) -> dict:
    return {"phone": (draft.value("caller.phones") or [None])[0],
            "district": draft.value("place.district_code"),
            "street": draft.value("place.street_code"),
            "matter": draft.matters[0].code if draft.matters else None,
            "matters3": [m.code for m in draft.matters[:3]],
            "urgency": draft.value("urgency", "normal")}


def analyse(assistant, text: str) -> dict:
    from agent_desktop.speech.transcript import Segment

    assistant.reset()
    assistant.feed(Segment("caller", 0.0, 3.0, text, True, 1.0, "u"))
    return fields(assistant.finish())


async def recognise(engine, path: Path) -> str:
    from agent_desktop.speech.cli import transcribe_files

    result = await transcribe_files(engine, {"caller": str(path)})
    return "".join(s["text"] for s in result["segments"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from agent_desktop.assist import CallAssistant
    from agent_desktop.domain.reference import load_catalog
    from agent_desktop.packaged import resource
    from agent_desktop.speech.engine import SpeechConfig, create_engine

    spec = json.loads(resource("speech", "utterances.json").read_text(encoding="utf-8"))
    engine = create_engine(SpeechConfig())
    assistant = CallAssistant.default(load_catalog())
    counts: dict[str, list[int]] = {}
    failures = []
    for u in spec["utterances"]:
        if u["speaker"] != "caller":
            continue
        heard = asyncio.run(recognise(engine, resource("speech", "utterances",
                                                       f"{u['id']}.8k-ulaw.wav")))
        clean, noisy = analyse(assistant, u["text"]), analyse(assistant, heard)
        for key in ("phone", "district", "street", "matter", "urgency"):
            if clean[key] in (None, "normal") and key != "matter":
                continue  # nothing to keep
            if clean[key] is None:
                continue
            same = noisy[key] == clean[key]
            counts.setdefault(key, [0, 0])[0] += same
            counts[key][1] += 1
            if not same:
                failures.append({"id": u["id"], "field": key, "text": u["text"],
                                 "heard": heard, "clean": clean[key], "asr": noisy[key]})
        if clean["matter"]:
            ok = clean["matter"] in noisy["matters3"]
            counts.setdefault("matter_in_top3", [0, 0])[0] += ok
            counts["matter_in_top3"][1] += 1
    out = {"benchmark": "assist on recognised speech (agreement with the reference text)",
           "utterances": sum(1 for u in spec["utterances"] if u["speaker"] == "caller"),
           "agreement": {k: {"share": round(a / n, 3), "kept": a, "of": n}
                         for k, (a, n) in counts.items()}}
    if args.failures:
        out["failures"] = failures
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
