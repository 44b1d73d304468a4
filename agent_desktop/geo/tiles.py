"""A configured XYZ tile server: which tiles cover a place, where their corners are in
WGS-84, and fetching them (with a small cache) for the map.

The map is offline by default (district areas from `map.json`). A city that runs its own
tile server, or licenses one, configures it:

    [geo]
    tile_url = "http://tiles.example/{z}/{x}/{y}.png"
    tile_crs = "wgs84"          # or "gcj02" for tiles drawn in GCJ-02 (AMap-style)
    tile_max_zoom = 18

Tiles are Web-Mercator XYZ (x east, y south, zoom 0 = one tile). A GCJ-02 tile set draws
each place ~500 m away from its WGS-84 position, so the tile of a WGS-84 point is found
after converting the point to GCJ-02, and a tile's corners are converted back to WGS-84
before the map places the image (`TileSource.corners_wgs84`).

    source = TileSource("http://127.0.0.1:8080/{z}/{x}/{y}.png")
    client = TileClient(source)
    png = await client.fetch(12, 3430, 1673)

`TileError` carries a message an operator can act on; the map then keeps its offline areas.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

import httpx

from .crs import CoordSystem, from_wgs84, to_wgs84

MAX_LAT = 85.05112878  # Web-Mercator's limit
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF", b"GIF8")


class TileError(Exception):
    """A tile could not be had (unreachable server, no such tile, not an image)."""


@dataclass(frozen=True, slots=True)
class TileSource:
    url_template: str  # with {z}, {x}, {y}
    crs: CoordSystem = CoordSystem.WGS84
    min_zoom: int = 0
    max_zoom: int = 18
    attribution: str = ""

    def __post_init__(self) -> None:
        if not all(k in self.url_template for k in ("{z}", "{x}", "{y}")):
            raise ValueError("tile_url needs {z}, {x} and {y}")
        object.__setattr__(self, "crs", CoordSystem(self.crs))

    @classmethod
    def from_settings(cls, geo: dict) -> TileSource | None:
        url = geo.get("tile_url") if isinstance(geo, dict) else None
        if not url:
            return None
        return cls(url, CoordSystem(geo.get("tile_crs", "wgs84")),
                   int(geo.get("tile_min_zoom", 0)), int(geo.get("tile_max_zoom", 18)),
                   str(geo.get("tile_attribution", "")))

    def url(self, z: int, x: int, y: int) -> str:
        return self.url_template.format(z=z, x=x, y=y)

    def tile_of(self, lon: float, lat: float, zoom: int) -> tuple[int, int]:
        """The tile that draws the WGS-84 point (lon, lat) at `zoom`."""
        return mercator_tile(*from_wgs84(lon, lat, self.crs), zoom)

    def tiles_for(self, bbox: tuple[float, float, float, float], zoom: int
                  ) -> list[tuple[int, int]]:
        """Tiles covering a WGS-84 box (min_lon, min_lat, max_lon, max_lat), row by row."""
        min_lon, min_lat, max_lon, max_lat = bbox
        x0, y0 = self.tile_of(min_lon, max_lat, zoom)
        x1, y1 = self.tile_of(max_lon, min_lat, zoom)
        return [(x, y) for y in range(min(y0, y1), max(y0, y1) + 1)
                for x in range(min(x0, x1), max(x0, x1) + 1)]

    def corners_wgs84(self, z: int, x: int, y: int) -> tuple[tuple[float, float], ...]:
        """The tile's north-west, north-east, south-east, south-west corners in WGS-84."""
        west, north = tile_corner(x, y, z)
        east, south = tile_corner(x + 1, y + 1, z)
        return tuple(to_wgs84(lon, lat, self.crs)
                     for lon, lat in ((west, north), (east, north), (east, south), (west, south)))


def mercator_tile(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    n = 2 ** zoom
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = int((lon + 180.0) / 360.0 * n)
    rad = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(rad)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def tile_corner(x: int, y: int, zoom: int) -> tuple[float, float]:
    """(lon, lat) of the north-west corner of tile x/y, in the tile set's own CRS."""
    n = 2 ** zoom
    lon = x / n * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))
    return lon, lat


class TileClient:
    """Fetches tiles over HTTP, keeping the last `cache_size` in memory."""

    def __init__(self, source: TileSource, *, client: httpx.AsyncClient | None = None,
                 timeout: float = 5.0, cache_size: int = 512,
                 user_agent: str = "agent-desktop/0.1 (12345 hotline)") -> None:
        self.source = source
        self._client = client
        self._timeout = timeout
        self._headers = {"User-Agent": user_agent}
        self._cache: OrderedDict[tuple[int, int, int], bytes] = OrderedDict()
        self._cache_size = cache_size

    async def fetch(self, z: int, x: int, y: int) -> bytes:
        key = (z, x, y)
        if not self.source.min_zoom <= z <= self.source.max_zoom:
            raise TileError(f"zoom {z} is outside the tile server's {self.source.min_zoom}–"
                            f"{self.source.max_zoom}")
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        url = self.source.url(z, x, y)
        try:
            if self._client is not None:
                resp = await self._client.get(url, headers=self._headers, timeout=self._timeout)
            else:
                async with httpx.AsyncClient(timeout=self._timeout) as client:
                    resp = await client.get(url, headers=self._headers)
        except httpx.HTTPError as e:
            raise TileError(f"tile server unreachable ({e!s}); the map shows district "
                            "areas only") from e
        if resp.status_code == 404:
            raise TileError(f"no tile {z}/{x}/{y} on the tile server")
        if resp.status_code >= 400:
            raise TileError(f"tile server answered {resp.status_code}; check tile_url")
        data = resp.content
        if not data.startswith(IMAGE_MAGIC):
            raise TileError(f"tile server sent something that is not an image for {z}/{x}/{y}")
        self._cache[key] = data
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return data
