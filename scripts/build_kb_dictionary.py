"""Build resources/kb/jieba_core.txt: the knowledge base's segmentation dictionary.

jieba's own dictionary (MIT, shipped in the jieba package) has 349,046 words and costs
~54 MB of memory once loaded; the workspace keeps it loaded all shift. The 60,000 most
frequent words plus every single character segment hotline text as well (measured on
tests/kb: recall@3 unchanged) for ~7 MB. The hotline's own terms come on top
(hotline_dict.txt), as before.

    python scripts/build_kb_dictionary.py [--words 60000]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import jieba

OUT = Path(__file__).resolve().parent.parent / "resources" / "kb" / "jieba_core.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--words", type=int, default=60_000)
    args = ap.parse_args()
    source = Path(jieba.__file__).with_name("dict.txt")
    rows = [line.split() for line in source.read_text(encoding="utf-8").splitlines() if line]
    rows.sort(key=lambda r: (-int(r[1]), r[0]))
    kept = rows[: args.words] + [r for r in rows[args.words:] if len(r[0]) == 1]
    OUT.write_text("".join(" ".join(r) + "\n" for r in kept), encoding="utf-8")
    print(f"{OUT}: {len(kept)} words of {len(rows)}")


if __name__ == "__main__":
    main()
