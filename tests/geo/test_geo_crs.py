"""WGS-84 ↔ GCJ-02 ↔ BD-09 at the edges. Reference values computed with `prcoords` 1.0.2
(CC0), an independent implementation."""

import pytest

from agent_desktop.geo import crs

# (WGS-84 lon, lat) → GCJ-02, BD-09, from prcoords.wgs_gcj / wgs_bd
VECTORS = [
    ((121.4737, 31.2304), (121.47822305927693, 31.22845773757727),
     (121.484781468503, 31.234310593689997)),
    ((121.2, 31.0), (121.20445007242209, 30.997895905510628),
     (121.2108773350599, 31.004254230785016)),
    ((121.40, 31.62), (121.40468554636114, 31.618259180405822),
     (121.41121336338581, 31.624159594345354)),
]


@pytest.mark.parametrize(("wgs", "gcj", "bd"), VECTORS)
def test_forward_matches_reference(wgs, gcj, bd):
    assert crs.wgs84_to_gcj02(*wgs) == pytest.approx(gcj, abs=1e-9)
    assert crs.wgs84_to_bd09(*wgs) == pytest.approx(bd, abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj", "bd"), VECTORS)
def test_inverse_round_trips_below_a_millimetre(wgs, gcj, bd):
    assert crs.gcj02_to_wgs84(*gcj) == pytest.approx(wgs, abs=1e-8)
    assert crs.bd09_to_wgs84(*bd) == pytest.approx(wgs, abs=1e-8)
    assert crs.to_wgs84(*bd, "bd09") == pytest.approx(wgs, abs=1e-8)
    assert crs.from_wgs84(*wgs, crs.CoordSystem.GCJ02) == pytest.approx(gcj, abs=1e-9)


def test_points_outside_china_are_not_shifted():
    assert crs.wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)
    assert crs.gcj02_to_wgs84(2.35, 48.85) == (2.35, 48.85)


def test_unknown_system_is_an_error():
    with pytest.raises(ValueError):
        crs.to_wgs84(121.0, 31.0, "mercator")
