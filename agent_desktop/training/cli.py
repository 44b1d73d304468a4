"""`agent-desktop train list|show|score`: the training scenarios and the scoring of an
attempt (the order a trainee typed, and optionally the call's transcript)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    train = subparsers.add_parser("train", help="training scenarios and scoring (培训)",
                                  description="Simulated calls for trainees and their scores.")
    sub = train.add_subparsers(dest="train_command", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="the scenarios")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_list)
    show = sub.add_parser("show", help="one scenario, with its expected order")
    show.add_argument("scenario_id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=_show)
    sc = sub.add_parser("score", help="score a trainee's order (and transcript)")
    sc.add_argument("scenario_id")
    sc.add_argument("order", type=Path, help="the order as WorkOrderIn JSON")
    sc.add_argument("transcript_file", nargs="?", type=Path, help="the call's transcript JSON")
    sc.add_argument("--transcript", type=Path, help="same as the positional transcript")
    sc.add_argument("--wrap-up", type=float, help="seconds from hang-up to submit")
    sc.add_argument("--json", action="store_true")
    sc.set_defaults(func=_score)


def _get(sid: str):
    from .scenarios import load_all

    scenarios = load_all()
    if sid not in scenarios:
        print(f"no scenario {sid!r}", file=sys.stderr)
        return None
    return scenarios[sid]


def _list(args: argparse.Namespace) -> int:
    from .scenarios import load_all

    rows = [{"id": s.id, "title": s.title, "appeal_type": s.appeal_type,
             "difficulty": s.difficulty, "matter_code": s.expected_order.matter_code}
            for s in load_all().values()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            print(f"{r['id']:40} {r['appeal_type']:13} {r['difficulty']:7} {r['title']}")
    return 0


def _show(args: argparse.Namespace) -> int:
    s = _get(args.scenario_id)
    if s is None:
        return 2
    d = dict(s.raw or {})
    d["expected_order"] = s.expected_order.model_dump(mode="json")
    print(json.dumps(d, ensure_ascii=False, indent=1))
    return 0


def _score(args: argparse.Namespace) -> int:
    from .scoring import score

    s = _get(args.scenario_id)
    if s is None:
        return 2
    try:
        order = json.loads(args.order.read_text(encoding="utf-8"))
        tpath = args.transcript or args.transcript_file
        transcript = json.loads(tpath.read_text(encoding="utf-8")) if tpath else None
        result = score(s, order, transcript, args.wrap_up)
    except (OSError, ValueError) as e:
        print(f"cannot score: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        for c in result.criteria:
            mark = f"{c.score:g}/{c.max:g}" if c.assessed else "—"
            print(f"{c.label_zh:8} {mark:>7}  {c.evidence}")
        print(f"总分 {result.total}")
    return 0
