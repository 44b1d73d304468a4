"""A tile layer for the map canvas: the configured XYZ tile server's images drawn under the
district areas (which become translucent), for the part of the city in view.

Tiles are Web-Mercator; each image is mapped onto the quadrilateral its corners make in the
canvas's projection (`TileSource.corners_wgs84`, so GCJ-02 tile sets land where their WGS-84
places are). At the zooms a hotline map uses the distortion inside one tile is below a
pixel. Tiles are fetched on the qasync loop when the view moves or zooms; without a running
loop (or a tile server) the map stays the offline sketch. A failing server is reported in
`last_error` and by the `failed` signal; the district areas remain.
"""

from __future__ import annotations

import asyncio
import logging
import math

from PySide6.QtCore import QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QPolygonF, QTransform
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsPixmapItem

from agent_desktop.geo.tiles import TileClient, TileError

from .map_view import MapView

log = logging.getLogger(__name__)
TILE_PIXELS = 256
MAX_TILES = 48  # per view; a wider view uses a coarser zoom
AREA_OPACITY = 0.45  # district areas over the tiles


class TileLayer(QObject):
    failed = Signal(str)  # an operator-readable message
    loaded = Signal(int)  # tiles added by the last refresh

    def __init__(self, view: MapView, client: TileClient, parent: QObject | None = None, *,
                 follow_view: bool = True) -> None:
        super().__init__(parent or view)
        self.view = view
        self.client = client
        self.last_error = ""
        self._items: dict[tuple[int, int, int], QGraphicsPixmapItem] = {}
        self._fetching: set[tuple[int, int, int]] = set()
        self._task: asyncio.Future | None = None
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._refresh_soon)
        for item in view.scene().items():
            if isinstance(item, QGraphicsPathItem):
                item.setOpacity(AREA_OPACITY)
        if follow_view:  # refresh when the view pans or zooms (off: refresh() by hand)
            for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
                bar.valueChanged.connect(self._timer.start)
                bar.rangeChanged.connect(self._timer.start)
            self._timer.start()

    # --- which tiles ------------------------------------------------------------------------

    def zoom(self) -> int:
        """The tile zoom whose pixels are closest to the screen's at the current scale."""
        v = self.view
        lon, lat = v.to_lonlat(v.mapToScene(v.viewport().rect().center()))
        a = v.mapFromScene(v.to_scene(lon, lat))
        b = v.mapFromScene(v.to_scene(lon + 0.01, lat))
        px_per_degree = max(abs(b.x() - a.x()) / 0.01, 1e-9)
        z = round(math.log2(px_per_degree * 360.0 / TILE_PIXELS))
        source = self.client.source
        return max(source.min_zoom, min(source.max_zoom, z))

    def wanted(self) -> list[tuple[int, int, int]]:
        """Tiles covering the part of the city in view, at most MAX_TILES."""
        v = self.view
        rect = v.mapToScene(v.viewport().rect()).boundingRect()
        (lon0, lat0), (lon1, lat1) = v.to_lonlat(rect.topLeft()), v.to_lonlat(rect.bottomRight())
        c_lon0, c_lat0, c_lon1, c_lat1 = v.city_map.bbox
        box = (max(min(lon0, lon1), c_lon0), max(min(lat0, lat1), c_lat0),
               min(max(lon0, lon1), c_lon1), min(max(lat0, lat1), c_lat1))
        if box[0] >= box[2] or box[1] >= box[3]:
            return []
        z = self.zoom()
        while True:
            tiles = self.client.source.tiles_for(box, z)
            if len(tiles) <= MAX_TILES or z <= self.client.source.min_zoom:
                return [(z, x, y) for x, y in tiles[:MAX_TILES]]
            z -= 1

    # --- loading ----------------------------------------------------------------------------

    def _refresh_soon(self) -> None:
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            return
        if not loop.is_running():
            return  # no qasync loop: the offline sketch only
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = asyncio.ensure_future(self.refresh())

    async def refresh(self) -> int:
        """Fetch and place the tiles in view; drop those of other zooms. Returns how many
        were added."""
        wanted = self.wanted()
        zooms = {z for z, _, _ in wanted}
        for key in [k for k in self._items if k[0] not in zooms]:
            self.view.scene().removeItem(self._items.pop(key))
        added = 0
        for key in wanted:
            if key in self._items or key in self._fetching:
                continue
            self._fetching.add(key)
            try:
                data = await self.client.fetch(*key)
            except TileError as e:
                self.last_error = str(e)
                self.failed.emit(self.last_error)
                if "unreachable" in self.last_error:
                    break  # one message, not one per tile
                continue
            finally:
                self._fetching.discard(key)
            if key not in self._items and self._place(key, data):
                added += 1
        self.loaded.emit(added)
        return added

    def _place(self, key: tuple[int, int, int], data: bytes) -> bool:
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self.last_error = f"tile {key[0]}/{key[1]}/{key[2]} is not a readable image"
            return False
        corners = [self.view.to_scene(lon, lat)
                   for lon, lat in self.client.source.corners_wgs84(*key)]
        w, h = pixmap.width(), pixmap.height()
        source = QPolygonF([QPointF(0, 0), QPointF(w, 0), QPointF(w, h), QPointF(0, h)])
        transform = QTransform.quadToQuad(source, QPolygonF(corners))
        if not isinstance(transform, QTransform):
            return False
        item = QGraphicsPixmapItem(pixmap)
        item.setTransform(transform)
        item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        item.setZValue(-1)  # under the outline (0) and the district areas (1, 2)
        self.view.scene().addItem(item)
        self._items[key] = item
        return True

    @property
    def tiles(self) -> dict[tuple[int, int, int], QGraphicsPixmapItem]:
        return dict(self._items)
