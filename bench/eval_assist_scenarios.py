"""The call assistant on the trainer's scenarios: an evaluation set written independently
of the assistant (resources/training/scenarios, by the training work, with a full expected
order per call). Prints one JSON document; never tuned on.

Each scenario becomes a call as a trainee would run it: the operator's plain questions
(written here, generic: where, more precisely, when, how, phone, name, reply wanted) and
the caller's lines for them from the scenario. The caller's words carry the facts; the
operator's questions name none.

    .venv/bin/python bench/eval_assist_scenarios.py [--failures] [--keywords-only]
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (operator question, the scenario's line key answering it)
SCRIPT = (
    ("您好，12345市民服务热线，请问有什么可以帮您？", "opening"),
    ("请问具体在什么位置？", "place_vague"),
    ("能再说得具体一点吗？哪条路、哪个小区？", "place_precise"),
    ("是什么时候发现的？", "when"),
    ("现在具体是什么情况？", "how"),
    ("请您留一个联系电话。", "phone"),
    ("请问您怎么称呼？", "name"),
    ("处理结果需要回复您吗？", "reply_wanted"),
    ("还有其他需要反映的吗？", "anything_else"),
    ("感谢您的来电，再见。", "closing"),
)


def transcript_of(scenario: dict):
    from agent_desktop.speech.transcript import Segment, Transcript

    segments, t = [], 0.0
    for i, (question, key) in enumerate(SCRIPT):
        lines = scenario["lines"].get(key) or []
        for speaker, text in (("operator", question), ("caller", lines[0] if lines else "")):
            if not text:
                continue
            length = max(1.0, len(text) / 4)
            segments.append(Segment(speaker, t, t + length, text, True, 1.0,
                                    f"{speaker[0]}{i}"))
            t += length + 0.6
    return Transcript(segments=segments, call_id=scenario["id"])


def score(scenario: dict, got: dict) -> dict[str, bool | None]:
    from agent_desktop.forms.phone import phone_key

    exp, ok = scenario["expected_order"], scenario.get("acceptable", {})
    matters = [exp["matter_code"], *ok.get("matter_codes", [])]
    ranked = [m["code"] for m in got["matters"]]
    place = exp.get("place") or {}
    appeal = [exp["appeal_type"], *ok.get("appeal_types", [])]
    districts = [place.get("district_code"), *ok.get("district_codes", [])]
    name = (exp["caller"].get("name") or "")
    text = (got.get("summary") or "") + (got.get("content") or "")
    return {
        "appeal_type": got["appeal_type"] in appeal,
        "matter_top1": bool(ranked) and ranked[0] in matters,
        "matter_top3": any(m in matters for m in ranked[:3]),
        "district": (got["place"]["district_code"] in districts
                     if place.get("district_code") else None),
        "street": (got["place"]["street_code"] == place.get("street_code")
                   if place.get("street_code") and not ok.get("street_optional") else None),
        "phone": (bool(got["caller"]["phones"]) and phone_key(got["caller"]["phones"][0])
                  == phone_key(exp["caller"]["phones"][0])) if exp["caller"].get("phones")
        else None,
        "caller_surname": (bool(got["caller"]["name"]) and got["caller"]["name"][0] == name[0])
        if name else None,
        "urgency": got["urgency"] in [exp.get("urgency", "normal"), *ok.get("urgencies", [])],
        "essentials": all(any(w in text for w in group)
                          for group in scenario["essentials"])
        if scenario.get("essentials") else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("--keywords-only", action="store_true")
    args = parser.parse_args()

    from agent_desktop.assist import CallAssistant, analyse_transcript
    from agent_desktop.domain.reference import load_catalog

    assistant = CallAssistant.default(load_catalog(), embeddings=not args.keywords_only)
    scenarios = [s for f in sorted(glob.glob(str(ROOT / "resources/training/scenarios/*.json")))
                 for s in json.loads(Path(f).read_text(encoding="utf-8"))["scenarios"]]
    totals: dict[str, list[int]] = {}
    failures = []
    for scenario in scenarios:
        got = analyse_transcript(transcript_of(scenario), assistant)
        for field, good in score(scenario, got).items():
            if good is None:
                continue
            totals.setdefault(field, [0, 0])
            totals[field][0] += bool(good)
            totals[field][1] += 1
            if not good:
                failures.append({"id": scenario["id"], "title": scenario["title"],
                                 "field": field, "appeal_type": got["appeal_type"],
                                 "matters": [m["name"] for m in got["matters"][:3]],
                                 "place": got["place"], "caller": got["caller"]["name"],
                                 "phones": got["caller"]["phones"]})
    out = {"benchmark": "assist on the trainer's scenarios (independent, never tuned on)",
           "scenarios": len(scenarios), "embeddings": not args.keywords_only,
           "accuracy": {k: {"share": round(a / n, 3), "right": a, "of": n}
                        for k, (a, n) in totals.items()}}
    if args.failures:
        out["failures"] = failures
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
