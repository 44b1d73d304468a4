"""Loaders for the reference data shipped in `resources/`: matter catalog, departments.

File formats (UTF-8 JSON):
- `catalog/catalog.json`: `{"version": str, "nodes": [CatalogNode, …]}`, a flat list in
  tree order; leaves (level 5) carry `routing` and `time_limits`.
- `departments.json`: `{"version": str, "departments": [Department, …]}`.
"""

from __future__ import annotations

import json
from pathlib import Path

from agent_desktop.packaged import resource

from .models import Catalog, Department


def load_catalog(path: Path | None = None) -> Catalog:
    return Catalog.model_validate_json((path or resource("catalog", "catalog.json")).read_bytes())


def load_departments(path: Path | None = None) -> list[Department]:
    raw = json.loads((path or resource("departments.json")).read_bytes())
    return [Department.model_validate(d) for d in raw["departments"]]
