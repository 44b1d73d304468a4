"""`agent-desktop assist TRANSCRIPT.json [--json]`: what the assistant drafts from a saved
call (the format of the app's transcripts/<call id>.json)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("assist", help="draft a work order from a saved call transcript")
    p.add_argument("transcript", type=Path, help="a transcripts/<call id>.json file")
    p.add_argument("--json", action="store_true", help="print one JSON object (default: text)")
    p.add_argument("--keywords-only", action="store_true",
                   help="match matters by the catalog's words only (no embedding model)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from agent_desktop.domain.reference import load_catalog
    from agent_desktop.speech.transcript import Transcript

    from .assistant import CallAssistant, analyse_transcript

    try:
        transcript = Transcript.load(args.transcript)
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"agent-desktop assist: cannot read {args.transcript}: {e}", file=sys.stderr)
        return 2
    catalog = load_catalog()
    assistant = CallAssistant.default(catalog, embeddings=not args.keywords_only)
    result = analyse_transcript(transcript, assistant)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    names = {"appeal_type": "诉求类型", "urgency": "紧急程度", "title": "标题",
             "request": "诉求", "summary": "摘要", "content": "内容", "reported_party": "被反映对象"}
    for key, label in names.items():
        print(f"{label}：{result.get(key) or ''}")
    print("事项：" + "；".join(f"{m['name']}（{m['code']}，{m['score']:.2f}）"
                             for m in result["matters"]))
    print(f"地点：{result['place']}")
    print(f"来电人：{result['caller']['name']} {' '.join(result['caller']['phones'])}")
    for alert in result["alerts"]:
        print(f"提醒：{alert}")
    return 0
