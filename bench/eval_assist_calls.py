"""The call assistant on the independent call set (bench/data/assist_calls): calls written
by hand, with labels, by authors who never read the assistant's code, its cue lists or its
tests. Prints one JSON document with per-field accuracy on the dev half and the holdout half.

The split is fixed by the call's id before anything was scored: a call is in the holdout
when the first 8 hex digits of sha1(id) are odd, in the test set when written in the third
batch (F, G, H). Tune on `dev`; `holdout` was scored once before it was looked into; `test`
is scored once at the end.

    .venv/bin/python bench/eval_assist_calls.py [--split dev|holdout|test|all] [--failures]
        [--keywords-only]
    .venv/bin/python bench/eval_assist_calls.py --build   # src/*.json → transcripts/*.json

A call's transcript is kept in the workspace's saved format (transcripts/<id>.json), so
`agent-desktop assist bench/data/assist_calls/transcripts/<id>.json --json` reads the same
file this evaluation does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / "data" / "assist_calls"
FIELDS = ("appeal_type", "matter_top1", "matter_top3", "district", "street", "phone",
          "caller_surname", "urgency", "reply_required", "reported_party", "essentials")


# The third batch, written after every change of this evaluation's first round: a test set
# scored once, at the end, never tuned on.
TEST_AUTHORS = ("F", "G", "H")


def split_of(call_id: str) -> str:
    if call_id[:1].upper() in TEST_AUTHORS:
        return "test"
    return "holdout" if int(hashlib.sha1(call_id.encode()).hexdigest()[:8], 16) % 2 else "dev"


def load_calls() -> list[dict]:
    calls = []
    for path in sorted((DATA / "src").glob("*.json")):
        for call in json.loads(path.read_text(encoding="utf-8")):
            call["author"] = path.stem
            calls.append(call)
    return calls


def build() -> int:
    """Write each call as the workspace saves a transcript: operator and caller turns in
    order, an utterance's length from its characters (4 per second), 0.6 s between."""
    from agent_desktop.speech.transcript import Segment, Transcript

    out = DATA / "transcripts"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.json"):
        old.unlink()
    calls = load_calls()
    for call in calls:
        segments, t = [], 0.0
        for i, (speaker, text) in enumerate(call["turns"]):
            length = round(max(1.0, len(text) / 4), 2)
            segments.append(Segment(speaker, t, t + length, text, True, 1.0, f"{speaker[0]}{i}"))
            t = round(t + length + 0.6, 2)
        transcript = Transcript(segments=segments, call_id=call["id"], engine="written",
                                created_at="2026-12-05T00:00:00+00:00")
        transcript.save(out / f"{call['id']}.json")
    return len(calls)


def score(labels: dict, got: dict) -> dict[str, bool | None]:
    from agent_desktop.forms.phone import phone_key

    matters = [labels["matter_code"], *labels.get("matter_codes_ok", [])]
    ranked = [m["code"] for m in got["matters"]]
    text = (got.get("summary") or "") + (got.get("content") or "")
    phones = labels.get("phones") or []
    surname = labels.get("surname") or ""
    party = labels.get("reported_party") or ""
    return {
        "appeal_type": got["appeal_type"] in [labels["appeal_type"],
                                              *labels.get("appeal_types_ok", [])],
        "matter_top1": bool(ranked) and ranked[0] in matters,
        "matter_top3": any(m in matters for m in ranked[:3]),
        "district": (got["place"]["district_code"] == labels["district_code"]
                     if labels.get("district_code") else None),
        "street": (got["place"]["street_code"] == labels["street_code"]
                   if labels.get("street_code") else None),
        "phone": (bool(got["caller"]["phones"])
                  and phone_key(got["caller"]["phones"][0]) == phone_key(phones[0])
                  if phones else None),
        "caller_surname": (bool(got["caller"]["name"]) and got["caller"]["name"][0] == surname[0]
                           if surname else None),
        "urgency": (got["urgency"] != "normal") == (labels["urgency"] != "normal"),
        "reply_required": (got.get("reply_required") is True) == labels["reply_required"],
        "reported_party": (bool(got.get("reported_party"))
                           and (party in got["reported_party"] or got["reported_party"] in party)
                           if party else None),
        "essentials": all(any(w in text for w in group) for group in labels["essentials"]),
    }


def evaluate(split: str, keywords_only: bool = False, failures: bool = False) -> dict:
    from agent_desktop.assist import CallAssistant, analyse_transcript
    from agent_desktop.domain.reference import load_catalog
    from agent_desktop.speech.transcript import Transcript

    assistant = CallAssistant.default(load_catalog(), embeddings=not keywords_only)
    calls = [c for c in load_calls()
             if split_of(c["id"]) == split or (split == "all" and split_of(c["id"]) != "test")]
    totals = {f: [0, 0] for f in FIELDS}
    missed = []
    for call in calls:
        transcript = Transcript.load(DATA / "transcripts" / f"{call['id']}.json")
        got = analyse_transcript(transcript, assistant)
        for field, good in score(call["labels"], got).items():
            if good is None:
                continue
            totals[field][0] += bool(good)
            totals[field][1] += 1
            if not good and failures:
                missed.append({"id": call["id"], "field": field,
                               "want": {k: call["labels"].get(k) for k in (
                                   "appeal_type", "matter_code", "district_code",
                                   "street_code", "phones", "surname", "urgency",
                                   "reported_party", "essentials")},
                               "got": {"appeal_type": got["appeal_type"],
                                       "matters": [(m["code"], m["name"])
                                                   for m in got["matters"][:3]],
                                       "place": got["place"], "name": got["caller"]["name"],
                                       "phones": got["caller"]["phones"],
                                       "urgency": got["urgency"],
                                       "reported_party": got["reported_party"],
                                       "summary": got["summary"]}})
    from collections import Counter

    out = {"benchmark": "assist on the independent call set", "split": split,
           "calls": len(calls), "embeddings": not keywords_only,
           "appeal_types": dict(Counter(c["labels"]["appeal_type"] for c in calls)),
           "domains": len({c["labels"]["matter_code"][:2] for c in calls}),
           "accuracy": {k: {"share": round(a / n, 3), "right": a, "of": n}
                        for k, (a, n) in totals.items() if n}}
    if failures:
        out["failures"] = missed
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "holdout", "test", "all"), default="dev",
                        help="all = dev + holdout; the test set only when asked")
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("--keywords-only", action="store_true")
    parser.add_argument("--build", action="store_true")
    args = parser.parse_args()
    if args.build:
        print(json.dumps({"built": build()}))
        return
    print(json.dumps(evaluate(args.split, args.keywords_only, args.failures),
                     ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
