"""The offline map canvas: a QGraphicsView drawing the city's district areas, labels,
street markers and pins from the geo package's `CityMap` (DESIGN §4: no tile server).

Coordinates: scene x/y are an equirectangular projection of WGS-84 lon/lat around the
city's centre (x east, y south). Pins and labels ignore the view's zoom so they stay
legible; the wheel zooms around the cursor, a drag pans, a click without a drag emits
`point_clicked(lon, lat)`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from agent_desktop.geo.gazetteer import CityMap

CJK_FAMILIES = ["Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei"]
SCALE = 1000.0  # scene units per degree of latitude
# Soft, distinguishable fills for 16 districts (light enough for dark labels on top).
PALETTE = ["#dbe9f6", "#e3f1dc", "#fbe7d3", "#efe0f3", "#fdf3c8", "#d8f0ee", "#f6dde1",
           "#e6e6f8", "#e9f3d0", "#f9e2cb", "#d9ecf2", "#f1e4d8", "#e0efe4", "#f4e0ee",
           "#e8ecd8", "#dde6f3"]
PIN_COLOURS = {"candidate": "#1f6fd1", "best": "#d14a1f", "order": "#1a9c4a", "dropped": "#8a2be2"}


def cjk_font(point_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


class Pin(QGraphicsItem):
    """A round marker of constant screen size, with an optional number inside.

    `approximate` pins are hollow and dashed: they stand for a district, not a surveyed point.
    """

    RADIUS = 9.0

    def __init__(self, colour: str, text: str = "", approximate: bool = False) -> None:
        super().__init__()
        self.colour = QColor(colour)
        self.text = text
        self.approximate = approximate
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(20)

    def boundingRect(self) -> QRectF:  # noqa: N802
        r = self.RADIUS + 2
        return QRectF(-r, -2 * r - 6, 2 * r, 2 * r + 8)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.RADIUS
        centre = QPointF(0, -r - 5)
        path = QPainterPath()
        path.moveTo(0, 0)
        path.lineTo(-r * 0.55, -5 - r * 0.4)
        path.lineTo(r * 0.55, -5 - r * 0.4)
        path.closeSubpath()
        path.addEllipse(centre, r, r)
        path = path.simplified()
        if self.approximate:
            pen = QPen(self.colour, 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(QColor(255, 255, 255, 220))
        else:
            painter.setPen(QPen(QColor("white"), 1.5))
            painter.setBrush(self.colour)
        painter.drawPath(path)
        if self.text:
            painter.setPen(self.colour if self.approximate else QColor("white"))
            painter.setFont(cjk_font(8, bold=True))
            painter.drawText(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r),
                             Qt.AlignmentFlag.AlignCenter, self.text)


class MapView(QGraphicsView):
    point_clicked = Signal(float, float)  # lon, lat (WGS-84) of a click without a drag

    def __init__(self, city_map: CityMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.city_map = city_map
        min_lon, min_lat, max_lon, max_lat = city_map.bbox
        self._lon0 = (min_lon + max_lon) / 2
        self._lat0 = (min_lat + max_lat) / 2
        self._k = math.cos(math.radians(self._lat0))
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setBackgroundBrush(QColor("#eef3f7"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(240, 200)
        self._district_items: dict[str, QGraphicsPathItem] = {}
        self._district_brush: dict[str, QBrush] = {}
        self._label_items: dict[str, QGraphicsSimpleTextItem] = {}
        self._pins: list[Pin] = []
        self._order_pin: Pin | None = None
        self._dropped_pin: Pin | None = None
        self._highlighted: str | None = None
        self._press_pos = None
        self.approximate_note = ""  # drawn in a corner when the district areas are a sketch
        self._draw_base()

    # --- projection -----------------------------------------------------------------------

    def to_scene(self, lon: float, lat: float) -> QPointF:
        return QPointF((lon - self._lon0) * self._k * SCALE, -(lat - self._lat0) * SCALE)

    def to_lonlat(self, p: QPointF) -> tuple[float, float]:
        return p.x() / (self._k * SCALE) + self._lon0, -p.y() / SCALE + self._lat0

    def _path(self, multipolygon) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for poly in multipolygon:
            for ring in poly:
                path.addPolygon(QPolygonF([self.to_scene(x, y) for x, y in ring]))
                path.closeSubpath()
        return path

    # --- drawing --------------------------------------------------------------------------

    def _draw_base(self) -> None:
        scene = self.scene()
        outline = scene.addPath(self._path(self.city_map.outline),
                                QPen(QColor("#7d8b99"), 1.2), QBrush(QColor("#f7f7f2")))
        outline.setZValue(0)
        border = QPen(QColor("#8796a8"), 0.8,
                      Qt.PenStyle.DashLine if self.city_map.approximate else Qt.PenStyle.SolidLine)
        border.setCosmetic(True)
        for i, (code, shape) in enumerate(sorted(self.city_map.districts.items())):
            path = self._path(shape.polygons).simplified()  # merges a district's cells
            brush = QBrush(QColor(PALETTE[i % len(PALETTE)]))
            item = scene.addPath(path, border, brush)
            item.setZValue(1)
            item.setToolTip(shape.name)
            self._district_items[code] = item
            self._district_brush[code] = brush
            label = QGraphicsSimpleTextItem(shape.name)
            label.setFont(cjk_font(9, bold=True))
            label.setBrush(QColor("#33404d"))
            label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            rect = label.boundingRect()
            label.setPos(self.to_scene(*shape.label))
            # text centred under its point (device units), so a pin standing on the point
            # does not cover it
            label.setTransform(label.transform().translate(-rect.width() / 2, 1))
            label.setZValue(10)
            label.setData(0, abs(path.boundingRect().width() * path.boundingRect().height()))
            scene.addItem(label)
            self._label_items[code] = label
        pen = QPen(QColor("#5b6b7b"), 1)
        for street in self.city_map.streets:
            p = self.to_scene(*street.point)
            dot = QGraphicsEllipseItem(-3, -3, 6, 6)
            dot.setPos(p)
            dot.setPen(pen)
            dot.setBrush(QColor("#ffffff"))
            dot.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            dot.setZValue(5)
            scene.addItem(dot)
        margin = 20
        self.setSceneRect(scene.itemsBoundingRect().adjusted(-margin, -margin, margin, margin))

    def highlight_district(self, code: str | None) -> None:
        if self._highlighted and self._highlighted in self._district_items:
            self._district_items[self._highlighted].setBrush(self._district_brush[self._highlighted])
            self._district_items[self._highlighted].setZValue(1)
        self._highlighted = code if code in self._district_items else None
        if self._highlighted:
            item = self._district_items[self._highlighted]
            item.setBrush(QColor("#ffd27a"))
            item.setZValue(2)
        self.update_labels()

    def update_labels(self) -> None:
        """Hide labels that would overlap a more important one at the current zoom: the
        highlighted district first, then larger districts."""
        order = sorted(self._label_items.items(),
                       key=lambda kv: (kv[0] != self._highlighted, -kv[1].data(0)))
        placed = []
        for _code, label in order:
            origin = self.mapFromScene(label.pos())
            rect = label.boundingRect()
            box = QRectF(origin.x() - rect.width() / 2, origin.y() + 1, rect.width(),
                         rect.height()).adjusted(-2, -1, 2, 1)
            visible = not any(box.intersects(other) for other in placed)
            label.setVisible(visible)
            if visible:
                placed.append(box)

    def visible_labels(self) -> list[str]:
        return [label.text() for label in self._label_items.values() if label.isVisible()]

    @property
    def highlighted_district(self) -> str | None:
        return self._highlighted

    def set_pins(self, pins: list[tuple[float, float, str, bool, bool]]) -> None:
        """Replace the candidate pins: (lon, lat, text, approximate, is_best) each."""
        for pin in self._pins:
            self.scene().removeItem(pin)
        self._pins = []
        for lon, lat, text, approximate, best in pins:
            pin = Pin(PIN_COLOURS["best" if best else "candidate"], text, approximate)
            pin.setPos(self.to_scene(lon, lat))
            pin.setZValue(21 if best else 20)
            self.scene().addItem(pin)
            self._pins.append(pin)

    @property
    def pins(self) -> list[Pin]:
        return list(self._pins)

    def _set_single(self, attr: str, colour: str, lonlat, text: str) -> Pin | None:
        old = getattr(self, attr)
        if old is not None:
            self.scene().removeItem(old)
        pin = None
        if lonlat is not None:
            pin = Pin(colour, text)
            pin.setPos(self.to_scene(*lonlat))
            pin.setZValue(22)
            self.scene().addItem(pin)
        setattr(self, attr, pin)
        return pin

    def set_order_pin(self, lonlat: tuple[float, float] | None, text: str = "") -> Pin | None:
        return self._set_single("_order_pin", PIN_COLOURS["order"], lonlat, text)

    def set_dropped_pin(self, lonlat: tuple[float, float] | None) -> Pin | None:
        return self._set_single("_dropped_pin", PIN_COLOURS["dropped"], lonlat, "+")

    @property
    def order_pin(self) -> Pin | None:
        return self._order_pin

    @property
    def dropped_pin(self) -> Pin | None:
        return self._dropped_pin

    # --- navigation -----------------------------------------------------------------------

    def fit_city(self) -> None:
        self.resetTransform()
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.update_labels()

    def fit_districts(self, codes: list[str]) -> None:
        rect = QRectF()
        for code in codes:
            item = self._district_items.get(code)
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        if rect.isNull():
            return
        pad = max(rect.width(), rect.height()) * 0.25
        self.resetTransform()
        self.fitInView(rect.adjusted(-pad, -pad, pad, pad), Qt.AspectRatioMode.KeepAspectRatio)
        self.update_labels()

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        fit = self._fit_scale()
        new = max(fit * 0.8, min(current * factor, fit * 60))
        self.scale(new / current, new / current)
        self.update_labels()

    def _fit_scale(self) -> float:
        r = self.sceneRect()
        vp = self.viewport().rect()
        if r.width() <= 0 or r.height() <= 0:
            return 1.0
        return min(vp.width() / r.width(), vp.height() / r.height())

    def zoom_level(self) -> float:
        return self.transform().m11()

    def wheelEvent(self, event) -> None:  # noqa: N802
        self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom(0.8)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._press_pos is not None:
            moved = (event.position().toPoint() - self._press_pos).manhattanLength()
            self._press_pos = None
            if moved <= 4:
                lon, lat = self.to_lonlat(self.mapToScene(event.position().toPoint()))
                self.point_clicked.emit(lon, lat)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        if not self.approximate_note:
            return
        painter.save()
        painter.resetTransform()
        painter.setFont(cjk_font(8))
        vp = self.viewport().rect()
        metrics = painter.fontMetrics()
        w = metrics.horizontalAdvance(self.approximate_note) + 12
        h = metrics.height() + 6
        box = QRectF(vp.width() - w - 6, vp.height() - h - 6, w, h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 210))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QColor("#5b6b7b"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.approximate_note)
        painter.restore()
