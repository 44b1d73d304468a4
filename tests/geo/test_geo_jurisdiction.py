"""Candidate → jurisdiction → the Place the work-order form receives."""

import pytest

from agent_desktop.domain.models import Place
from agent_desktop.geo import GeoService


@pytest.fixture(scope="module")
def geo() -> GeoService:
    return GeoService.for_city("shanghai")


def test_street_candidate_gives_street_office(geo):
    result = geo.locate("杨浦区长海路街道这边路灯坏了")
    choice = geo.choose(result.best, address=result.address)
    assert isinstance(choice.place, Place)
    assert (choice.place.district_code, choice.place.street_code) == ("310110", "310110021")
    assert choice.place.address == "杨浦区长海路街道"
    assert choice.place.lon is None  # no surveyed point for a street
    j = choice.jurisdiction
    assert (j.district_name, j.street_name, j.street_kind) == ("杨浦区", "长海路街道", "街道")
    assert (j.office_code, j.office_level) == ("310110021", "street")


def test_district_candidate_gives_district_office_and_no_fake_point(geo):
    choice = geo.choose(geo.locate("我是杨浦区的").best)
    assert choice.jurisdiction.office_code == "310110"
    assert choice.jurisdiction.office_level == "district"
    assert choice.place.lon is None and choice.place.lat is None


def test_map_click_gives_district_by_point_in_polygon(geo):
    shape = geo.gazetteer.map.districts["310110"]
    cand = geo.at_point(*shape.anchor)
    assert cand.district_code == "310110" and cand.source == "map"
    choice = geo.choose(cand)
    assert (choice.place.lon, choice.place.lat) == shape.anchor  # the clicked point is real
    assert choice.jurisdiction.approximate
    assert geo.at_point(120.0, 30.0) is None  # outside the city
