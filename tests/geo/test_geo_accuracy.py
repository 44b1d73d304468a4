"""Accuracy on the labelled hotline sentences (tests/geo/data/hotline_sentences.tsv).

The sentences were written for this project by the author of the extractor, in the style
of 12345 calls; estate labels come from the official committee → street relation. Treat
the figures as a regression floor, not as accuracy on real callers.
"""

import csv
from collections import Counter
from pathlib import Path

import pytest

from agent_desktop.geo import GeoService

DATA = Path(__file__).parent / "data" / "hotline_sentences.tsv"
THRESHOLD = 0.95


def load_rows():
    with DATA.open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    return [(r[0], r[1], (r[2:3] or [""])[0], (r[3:4] or [""])[0]) for r in rows]


@pytest.fixture(scope="module")
def scores():
    geo = GeoService.for_city("shanghai")
    g = geo.gazetteer
    district_code = {d.name: d.code for d in g.districts.values()}
    street_code = {s.name: s.code for s in g.streets.values()}
    tally = Counter()
    for category, text, district, street in load_rows():
        result = geo.locate(text)
        best = result.best
        tally[category] += 1
        if district:
            tally["district_named"] += 1
            tally["district_ok"] += bool(best and best.district_code == district_code[district])
        elif best is None or category == "none":
            tally["no_district_ok"] += best is None
        if street:
            tally["street_named"] += 1
            tally["street_ok"] += bool(best and best.street_code == street_code[street])
        elif category in ("road", "district"):
            tally["unnamed_street"] += 1
            tally["no_street_guess"] += bool(best is None or best.street_code is None)
        if category == "road":
            # the road stays unresolved (no street), and nothing but its district is placed
            tally["road_unresolved"] += bool(result.unresolved) and (
                best is None if not district else best.street_code is None)
        if category == "none":
            tally["none_ok"] += best is None and not result.unresolved
    return tally


def test_labelled_set_is_large_and_covers_every_kind():
    rows = load_rows()
    kinds = Counter(r[0] for r in rows)
    assert len(rows) >= 100
    assert set(kinds) == {"street", "estate", "district", "road", "landmark", "none"}
    assert min(v for k, v in kinds.items() if k != "landmark") >= 10


def test_district_accuracy(scores):
    acc = scores["district_ok"] / scores["district_named"]
    print(f"district accuracy {acc:.3f} on {scores['district_named']} sentences")
    assert acc >= THRESHOLD


def test_street_accuracy(scores):
    acc = scores["street_ok"] / scores["street_named"]
    print(f"street/town accuracy {acc:.3f} on {scores['street_named']} sentences")
    assert acc >= THRESHOLD


def test_no_street_is_guessed_when_none_is_named(scores):
    assert scores["no_street_guess"] == scores["unnamed_street"]


def test_road_only_sentences_never_place_a_street(scores):
    assert scores["road_unresolved"] / scores["road"] >= THRESHOLD


def test_sentences_without_a_place_give_nothing(scores):
    assert scores["none_ok"] / scores["none"] >= THRESHOLD
