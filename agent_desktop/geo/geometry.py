"""Small planar geometry on lon/lat rings: point-in-polygon, bounding boxes, clipping.

Pure Python so that the geo package has no native dependency. Rings are lists of
(lon, lat) tuples, not closed (the last vertex is not repeated); a polygon is a list of
rings (outer first, then holes); a multipolygon is a list of polygons. At the scale of a
city, treating degrees as planar coordinates is good enough for containment tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Point = tuple[float, float]
Ring = Sequence[Point]
Polygon = Sequence[Ring]
MultiPolygon = Sequence[Polygon]
BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def point_in_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Even-odd ray casting. Points exactly on an edge may fall either way."""
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat):
            x_cross = xi + (lat - yi) * (xj - xi) / (yj - yi)
            if lon < x_cross:
                inside = not inside
        j = i
    return inside


def point_in_polygon(lon: float, lat: float, polygon: Polygon) -> bool:
    if not polygon or not point_in_ring(lon, lat, polygon[0]):
        return False
    return not any(point_in_ring(lon, lat, hole) for hole in polygon[1:])


def point_in_multipolygon(lon: float, lat: float, multi: MultiPolygon) -> bool:
    return any(point_in_polygon(lon, lat, poly) for poly in multi)


def bbox_of(points: Iterable[Point]) -> BBox:
    xs, ys = [], []
    for x, y in points:
        xs.append(x)
        ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def multipolygon_bbox(multi: MultiPolygon) -> BBox:
    return bbox_of(p for poly in multi for p in poly[0])


def in_bbox(lon: float, lat: float, box: BBox) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def ring_area(ring: Ring) -> float:
    """Signed shoelace area in square degrees (positive when counter-clockwise)."""
    s = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2.0


def ring_centroid(ring: Ring) -> Point:
    a = ring_area(ring)
    if abs(a) < 1e-15:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = cy = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        f = x1 * y2 - x2 * y1
        cx += (x1 + x2) * f
        cy += (y1 + y2) * f
    return cx / (6 * a), cy / (6 * a)


def clip_ring_halfplane(ring: Ring, a: float, b: float, c: float) -> list[Point]:
    """Keep the part of `ring` where a*x + b*y <= c (Sutherland–Hodgman, one edge).

    Works for non-convex rings; where the ring leaves and re-enters the half-plane the
    result joins the pieces along the clip line (zero-width bridges), which is harmless
    for drawing and containment.
    """
    out: list[Point] = []
    n = len(ring)
    if n == 0:
        return out
    prev = ring[-1]
    prev_in = a * prev[0] + b * prev[1] <= c
    for cur in ring:
        cur_in = a * cur[0] + b * cur[1] <= c
        if cur_in != prev_in:
            d_prev = a * prev[0] + b * prev[1] - c
            d_cur = a * cur[0] + b * cur[1] - c
            t = d_prev / (d_prev - d_cur)
            out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
        if cur_in:
            out.append(cur)
        prev, prev_in = cur, cur_in
    return out


def voronoi_clip(ring: Ring, seed: Point, others: Iterable[Point]) -> list[Point]:
    """The part of `ring` closer to `seed` than to any of `others` (its Voronoi cell)."""
    sx, sy = seed
    cell = list(ring)
    for ox, oy in others:
        if (ox, oy) == (sx, sy):
            continue
        # |p - s|^2 <= |p - o|^2  <=>  2(o - s)·p <= |o|^2 - |s|^2
        a, b = 2 * (ox - sx), 2 * (oy - sy)
        c = ox * ox + oy * oy - sx * sx - sy * sy
        cell = clip_ring_halfplane(cell, a, b, c)
        if len(cell) < 3:
            return []
    return cell
