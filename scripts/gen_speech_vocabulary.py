"""Derive the hotline vocabulary the speech recogniser is biased with
(resources/speech/vocabulary.json) from the reference data: districts, streets/towns and
roads (resources/geo/shanghai/divisions.json), estates (gazetteer.json), matter names and
keywords (resources/catalog/catalog.json) and KB keywords (resources/kb/articles.json).

    python scripts/gen_speech_vocabulary.py

Re-run it when those files change; the output is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent_desktop.speech.bias import build_vocabulary  # noqa: E402


def main() -> int:
    vocabulary = build_vocabulary(ROOT / "resources")
    out = ROOT / "resources" / "speech" / "vocabulary.json"
    vocabulary.save(out)
    counts = ", ".join(f"{k} {len(v)}" for k, v in vocabulary.terms.items())
    print(f"{out.relative_to(ROOT)}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
