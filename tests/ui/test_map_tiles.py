"""The map's tile layer against a real XYZ tile server on 127.0.0.1: the tiles in view are
fetched at the zoom the view's scale asks for and drawn where their corners are, under
translucent district areas; a server that is down leaves the offline map and says why."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QGraphicsPathItem

from agent_desktop.geo import GeoService
from agent_desktop.geo.tiles import TileClient, TileSource
from agent_desktop.ui.map_tab import MapTab
from agent_desktop.ui.map_tiles import MAX_TILES, TileLayer
from agent_desktop.ui.map_view import MapView


def png_bytes() -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor("#88aa66"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


class TileServer(BaseHTTPRequestHandler):
    requests: list = []
    png = b""

    def do_GET(self):  # noqa: N802
        TileServer.requests.append(self.path)
        body = TileServer.png
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(qapp):
    TileServer.png = png_bytes()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), TileServer)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def geo():
    return GeoService.for_city("shanghai")


@pytest.fixture
def view(qtbot, geo):
    widget = MapView(geo.gazetteer.map)
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_tiles_in_view_are_fetched_and_placed_at_their_corners(view, server, arun):
    view.fit_districts(["310101"])  # 黄浦区
    layer = TileLayer(view, TileClient(TileSource(server + "/{z}/{x}/{y}.png")),
                      follow_view=False)
    TileServer.requests.clear()
    added = arun(layer.refresh())
    assert 0 < added <= MAX_TILES
    z = layer.zoom()
    assert 10 <= z <= 16  # a district's width on a 600-pixel view
    assert sorted(TileServer.requests) == sorted(f"/{k[0]}/{k[1]}/{k[2]}.png" for k in layer.tiles)
    for (tz, x, y), item in layer.tiles.items():
        assert tz == z and item.zValue() < 0
        nw = layer.client.source.corners_wgs84(tz, x, y)[0]
        placed = item.mapToScene(0, 0)
        expected = view.to_scene(*nw)
        assert abs(placed.x() - expected.x()) < 0.01 and abs(placed.y() - expected.y()) < 0.01
    # the district areas are see-through over the tiles
    areas = [i for i in view.scene().items() if isinstance(i, QGraphicsPathItem)]
    assert areas and all(i.opacity() < 1 for i in areas)
    # the same view again: nothing fetched, nothing added
    TileServer.requests.clear()
    assert arun(layer.refresh()) == 0 and TileServer.requests == []


def test_zooming_in_changes_the_tile_zoom(view, server, arun):
    view.fit_city()
    layer = TileLayer(view, TileClient(TileSource(server + "/{z}/{x}/{y}.png")),
                      follow_view=False)
    arun(layer.refresh())
    before = layer.zoom()
    view.zoom(8.0)
    assert layer.zoom() == before + 3
    arun(layer.refresh())
    assert {k[0] for k in layer.tiles} == {before + 3}  # the coarser tiles are dropped


def test_unreachable_tile_server_keeps_the_offline_map(view, arun):
    layer = TileLayer(view, TileClient(TileSource("http://127.0.0.1:9/{z}/{x}/{y}.png"),
                                       timeout=1.0), follow_view=False)
    messages = []
    layer.failed.connect(messages.append)
    assert arun(layer.refresh()) == 0
    assert layer.tiles == {} and "unreachable" in layer.last_error
    assert len(messages) == 1  # said once, not once per tile


def test_map_tab_draws_tiles_when_a_tile_server_is_configured(qtbot, server, arun):
    geo = GeoService.from_settings({"geo": {"tile_url": server + "/{z}/{x}/{y}.png"}})
    tab = MapTab(geo)
    qtbot.addWidget(tab)
    tab.resize(700, 720)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.tile_layer is not None
    TileServer.requests.clear()
    qtbot.waitUntil(lambda: len(tab.tile_layer.tiles) > 0, timeout=10_000)  # on its own
    assert len(TileServer.requests) == len(set(TileServer.requests))  # each tile once
    assert MapTab(GeoService.for_city("shanghai")).tile_layer is None
