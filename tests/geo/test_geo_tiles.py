"""The configured XYZ tile server, against a real HTTP server on 127.0.0.1 serving tiles."""

import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from agent_desktop.geo.crs import wgs84_to_gcj02
from agent_desktop.geo.tiles import TileClient, TileError, TileSource, mercator_tile, tile_corner

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32  # enough of a PNG for the client's check
PEOPLE_SQUARE = (121.4737, 31.2304)  # WGS-84


class Tiles(BaseHTTPRequestHandler):
    requests: list = []

    def do_GET(self):  # noqa: N802 - http.server's name
        Tiles.requests.append(self.path)
        parts = self.path.strip("/").removesuffix(".png").split("/")
        if self.path.startswith("/broken/"):
            body, status, kind = b"<html>oops</html>", 200, "text/html"
        elif len(parts) == 3 and parts[0] == "12":
            body, status, kind = PNG, 200, "image/png"
        else:
            body, status, kind = b"", 404, "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_tile_math_round_trips():
    assert mercator_tile(0.0, 0.0, 0) == (0, 0)
    x, y = mercator_tile(*PEOPLE_SQUARE, 12)
    assert (x, y) == (3430, 1673)
    west, north = tile_corner(x, y, 12)
    east, south = tile_corner(x + 1, y + 1, 12)
    assert west <= PEOPLE_SQUARE[0] < east and south < PEOPLE_SQUARE[1] <= north
    assert math.isclose(east - west, 360 / 4096)


def test_gcj02_tiles_are_found_and_placed_in_gcj02():
    wgs = TileSource("http://t/{z}/{x}/{y}.png")
    gcj = TileSource("http://t/{z}/{x}/{y}.png", crs="gcj02")
    z = 18  # ~150 m tiles: the ~500 m GCJ-02 shift moves the point to another tile
    assert gcj.tile_of(*PEOPLE_SQUARE, z) == mercator_tile(*wgs84_to_gcj02(*PEOPLE_SQUARE), z)
    assert gcj.tile_of(*PEOPLE_SQUARE, z) != wgs.tile_of(*PEOPLE_SQUARE, z)
    # the corners of the GCJ-02 tile, back in WGS-84, enclose the WGS-84 point
    x, y = gcj.tile_of(*PEOPLE_SQUARE, z)
    nw, _ne, se, _sw = gcj.corners_wgs84(z, x, y)
    assert nw[0] <= PEOPLE_SQUARE[0] <= se[0] and se[1] <= PEOPLE_SQUARE[1] <= nw[1]


def test_tiles_for_a_box_cover_it():
    source = TileSource("http://t/{z}/{x}/{y}.png")
    tiles = source.tiles_for((121.40, 31.20, 121.50, 31.26), 12)
    assert (3430, 1673) in tiles
    assert len(tiles) == len(set(tiles)) >= 2


def test_settings_configure_a_tile_server():
    assert TileSource.from_settings({}) is None
    source = TileSource.from_settings({"tile_url": "http://gis/{z}/{x}/{y}.png",
                                       "tile_crs": "gcj02", "tile_max_zoom": 17})
    assert source.crs == "gcj02" and source.max_zoom == 17
    with pytest.raises(ValueError):
        TileSource("http://gis/tiles.png")


async def test_fetch_from_a_real_tile_server_and_cache(server):
    client = TileClient(TileSource(server + "/{z}/{x}/{y}.png"))
    Tiles.requests.clear()
    assert await client.fetch(12, 3430, 1673) == PNG
    assert await client.fetch(12, 3430, 1673) == PNG
    assert Tiles.requests == ["/12/3430/1673.png"]  # the second came from the cache


async def test_fetch_failures_say_what_to_do(server):
    client = TileClient(TileSource(server + "/{z}/{x}/{y}.png", max_zoom=16))
    with pytest.raises(TileError, match="no tile"):
        await client.fetch(13, 1, 1)
    with pytest.raises(TileError, match="outside"):
        await client.fetch(17, 1, 1)
    broken = TileClient(TileSource(server + "/broken/{z}/{x}/{y}.png"))
    with pytest.raises(TileError, match="not an image"):
        await broken.fetch(12, 1, 1)
    down = TileClient(TileSource("http://127.0.0.1:9/{z}/{x}/{y}.png"), timeout=1.0)
    with pytest.raises(TileError, match="unreachable"):
        await down.fetch(12, 1, 1)
