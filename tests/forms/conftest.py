"""Reference data for the form-logic tests: the shipped demo catalog and departments."""

from __future__ import annotations

import json

import pytest

from agent_desktop.domain.models import Catalog, CatalogNode, Department
from agent_desktop.domain.reference import load_catalog, load_departments
from agent_desktop.paths import resource


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def departments() -> list[Department]:
    return load_departments()


@pytest.fixture(scope="session")
def divisions() -> dict:
    return json.loads(resource("geo", "shanghai", "divisions.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def leaf(catalog: Catalog):
    """leaf("雨后道路积水") → that catalog leaf."""
    by_name = {n.name: n for n in catalog.nodes if n.is_leaf}

    def get(name: str) -> CatalogNode:
        return by_name[name]

    return get
