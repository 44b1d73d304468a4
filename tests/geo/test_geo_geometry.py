from agent_desktop.geo.geometry import (
    point_in_multipolygon,
    point_in_polygon,
    ring_area,
    ring_centroid,
    voronoi_clip,
)

SQUARE = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)]
HOLE = [(0.5, 0.5), (1.5, 0.5), (1.5, 1.5), (0.5, 1.5)]


def test_point_in_polygon_with_hole():
    assert point_in_polygon(0.25, 0.25, [SQUARE, HOLE])
    assert not point_in_polygon(1.0, 1.0, [SQUARE, HOLE])
    assert not point_in_polygon(3.0, 1.0, [SQUARE])
    assert point_in_multipolygon(1.0, 1.0, [[HOLE], [SQUARE]])


def test_area_and_centroid():
    assert ring_area(SQUARE) == 4.0
    assert ring_centroid(SQUARE) == (1.0, 1.0)


def test_voronoi_cell_is_the_half_nearer_its_seed():
    cell = voronoi_clip(SQUARE, (0.5, 1.0), [(1.5, 1.0)])
    assert abs(ring_area(cell)) == 2.0
    assert point_in_polygon(0.9, 1.0, [cell])
    assert not point_in_polygon(1.1, 1.0, [cell])
