"""Synthetic knowledge-base articles for benchmarks (not shipped, not demo content).

Each synthetic article recombines the titles, keywords and sentences of the demo corpus
with Shanghai district and street names and serial numbers, so the vocabulary and the
lengths look like a real hotline knowledge base while the corpus grows to any size.
Deterministic for a given seed.

    python scripts/gen_kb_synthetic.py 50000 > /tmp/kb50k.json   # {"articles": [...]}
    from gen_kb_synthetic import synthetic_articles               # (bench/bench_kb.py)
"""

from __future__ import annotations

import json
import random
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent_desktop.domain import KbArticle  # noqa: E402
from agent_desktop.kb.sanitize import html_to_text  # noqa: E402
from agent_desktop.kb.service import load_demo_articles  # noqa: E402

VARIANTS = ["办理指南", "常见问题", "答复口径", "政策解读", "操作流程", "注意事项", "受理要点"]


def _places() -> list[tuple[str, str]]:
    path = ROOT / "resources" / "geo" / "shanghai" / "divisions.json"
    raw = json.loads(path.read_text("utf-8"))
    districts = {d["code"]: d["name"] for d in raw["districts"]}
    return [(districts.get(s["district_code"], ""), s["name"]) for s in raw["streets"]]


def synthetic_articles(count: int, seed: int = 7) -> list[KbArticle]:
    rng = random.Random(seed)
    demo = load_demo_articles()
    sentences = [s for a in demo for s in re.split(r"(?<=[。！？])|\n", html_to_text(a.body_html))
                 if len(s) >= 8]
    places = _places()
    base = datetime(2025, 1, 1, tzinfo=timezone.utc)
    out = []
    for i in range(count):
        src = rng.choice(demo)
        district, street = rng.choice(places)
        own = [s for s in re.split(r"(?<=[。！？])|\n", html_to_text(src.body_html)) if s]
        body = rng.sample(own, k=min(len(own), rng.randint(3, 6)))
        body += rng.sample(sentences, k=rng.randint(3, 6))
        body.insert(0, f"本条适用于{district}{street}，编号{rng.randint(1000, 99999)}。")
        paragraphs = "".join(f"<p>{s}</p>" for s in body)
        out.append(KbArticle(
            id=f"syn-{i:06}",
            title=f"{district}{street}{src.title}{rng.choice(VARIANTS)}",
            body_html=paragraphs,
            keywords=rng.sample(src.keywords, k=min(len(src.keywords), rng.randint(2, 5))),
            department=src.department,
            matter_codes=src.matter_codes,
            updated_at=base + timedelta(minutes=i),
        ))
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    count = int(argv[0]) if argv else 50_000
    articles = synthetic_articles(count)
    json.dump({"articles": [a.model_dump(mode="json") for a in articles]}, sys.stdout,
              ensure_ascii=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
