"""Build resources/geo/<city>/landmarks.json and roads.json from the hand-written
landmarks.txt and roads.txt: every district and street name is checked against
divisions.json and replaced by its official code (agent_desktop.geo.curated).

Nothing is fetched: run it after editing either table, and commit the output.

    python scripts/build_geo_curated.py [--city-dir resources/geo/shanghai]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent_desktop.geo.curated import main  # noqa: E402

if __name__ == "__main__":
    main()
