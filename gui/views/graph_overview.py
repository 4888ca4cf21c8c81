"""The far-out level of detail of the graph view: the whole graph as a few batched draws.

Below OVERVIEW_SCALE node texts are unreadable anyway, so GraphView swaps its scene of
per-node and per-edge items for a scene holding one OverviewItem (a swap: the items cost
nothing per frame while out of sight). It paints the edges as a few QPainterPaths (plus one
for the edges a gradient has crossed), every node as a plain rectangle batched by colour (one
drawRects call per kind and band), and the few marks (current, selected) on top; antialiasing
off. The batches are rebuilt lazily, only after the highlight changed. The minimap draws the
same picture, so rendering it never walks thousands of items either.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem

from engine.tracing.types import NodeKind
from gui import palette

OVERVIEW_SCALE = 0.45  # below this zoom the view draws the overview (= graph_items.TEXT_LOD)
PIXMAP_BUDGET = 4_000_000  # pixels of one cached picture (16 MB)
BAND_HEIGHT = 1500.0  # scene units per band


def _cosmetic(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCosmetic(True)
    return pen


_EDGE_PEN = _cosmetic(palette.EDGE, 1.0)
_DONE_PEN = _cosmetic(palette.GRADIENT, 2.0)
_KIND_BRUSH = {k: QBrush(palette.tint(palette.kind_color(k), 0.28)) for k in NodeKind}
_KIND_PEN = {k: _cosmetic(palette.kind_color(k), 1.0) for k in NodeKind}
_GRAD_BRUSH = QBrush(palette.tint(palette.GRADIENT, 0.35))
_DIM_BRUSH = QBrush(QColor(255, 255, 255, 166))  # over a node: ~35 % of its colour shows
_SEARCH_BRUSH = QBrush(palette.tint(palette.SEARCH, 0.3))
_CURRENT_PEN = _cosmetic(palette.CURRENT, 3.0)
_SELECTED_PEN = _cosmetic(palette.SELECTED, 2.0)


class _Band:
    """The nodes and edges of one horizontal strip: painted only when it is exposed."""

    def __init__(self):
        self.rect = QRectF()
        self.edges = QPainterPath()
        self.by_kind: dict[NodeKind, list[QRectF]] = {}


class GraphOverview:
    """Batched drawing of a scene's nodes and edges; reads their state from the items.

    Static batches (edges, node boxes by kind) are cut into horizontal bands so a partly
    visible graph paints only its visible bands. Far out the whole picture is cached as a
    pixmap per zoom level (powers of two below OVERVIEW_SCALE, within PIXMAP_BUDGET pixels),
    drawn scaled by at most 2x; the highlight (gradient-lit edges, dimmed nodes) is part of
    the picture, so it is rebuilt after a highlight change; the marks are drawn live on top."""

    def __init__(self, nodes: dict, edges: dict, scene_rect: QRectF):
        self._nodes = nodes  # node id -> NodeItem (positions, kinds, marks)
        self._edges = edges  # (u, v) -> EdgeItem
        self._scene_rect = QRectF(scene_rect)
        self._rects = {n: item.sceneBoundingRect().adjusted(6, 6, -7, -7) for n, item in nodes.items()}
        self._bands: dict[int, _Band] = {}
        for n, item in nodes.items():
            band = self._band(self._rects[n].center().y())
            band.by_kind.setdefault(item.kind, []).append(self._rects[n])
            band.rect = band.rect.united(self._rects[n])
        for edge in edges.values():
            path = edge.path()
            box = path.boundingRect()
            band = self._band(box.center().y())
            band.edges.addPath(path)
            band.rect = band.rect.united(box)
        self._dirty = True
        self._pixmaps: dict[float, QPixmap] = {}  # zoom level -> the whole picture
        self._grad: list[QRectF] = []
        self._dim: list[QRectF] = []
        self._search: list[QRectF] = []
        self._done_path = QPainterPath()
        self._current: QRectF | None = None
        self._selected: QRectF | None = None

    def _band(self, y: float) -> _Band:
        return self._bands.setdefault(int(y // BAND_HEIGHT), _Band())

    def invalidate(self) -> None:
        """The highlight changed: rebuild the batches before the next paint."""
        self._dirty = True

    def _rebuild(self) -> None:
        grad, dim, search = [], [], []
        self._current = self._selected = None
        for n, item in self._nodes.items():
            if not (item.grad_known or item.dimmed or item.search_mark or item.current
                    or item.selected_mark):
                continue
            r = self._rects[n]
            if item.grad_known and item.grad_slot:
                grad.append(r)
            if item.dimmed:
                dim.append(r)
            if item.search_mark:
                search.append(r.adjusted(-12, -12, 12, 12))
            if item.current:
                self._current = r
            if item.selected_mark:
                self._selected = r.adjusted(-4, -4, 4, 4)
        done = QPainterPath()
        for edge in self._edges.values():
            if edge.done:
                done.addPath(edge.path())
        self._grad, self._dim, self._search, self._done_path = grad, dim, search, done
        self._pixmaps.clear()
        self._dirty = False

    def paint(self, painter: QPainter, exposed: QRectF | None = None, zoom: float | None = None) -> None:
        """Paint the exposed part (None: all) for a view at `zoom` (None: never cached)."""
        if self._dirty:
            self._rebuild()
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing, False)
        level = self._level(zoom)
        if level is not None:
            painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
            pixmap = self._pixmap(level)
            painter.drawPixmap(self._scene_rect, pixmap, QRectF(pixmap.rect()))
        else:
            self._paint_picture(painter, exposed)
        painter.setBrush(Qt.NoBrush)
        for rect, pen in ((self._selected, _SELECTED_PEN), (self._current, _CURRENT_PEN)):
            if rect is not None:
                painter.setPen(pen)
                painter.drawRect(rect)
        painter.restore()

    def _level(self, zoom: float | None) -> float | None:
        """The cached zoom level for `zoom`: the power-of-two step at or above it, if its
        pixmap fits the budget."""
        if zoom is None or zoom <= 0 or zoom >= OVERVIEW_SCALE:
            return None
        level = OVERVIEW_SCALE / 2 ** math.floor(math.log2(OVERVIEW_SCALE / zoom))
        area = self._scene_rect.width() * self._scene_rect.height() * level * level
        return level if area <= PIXMAP_BUDGET else None

    def _pixmap(self, level: float) -> QPixmap:
        pixmap = self._pixmaps.get(level)
        if pixmap is None:
            rect = self._scene_rect
            pixmap = QPixmap(max(1, math.ceil(rect.width() * level)), max(1, math.ceil(rect.height() * level)))
            pixmap.fill(QColor("#FFFFFF"))
            p = QPainter(pixmap)
            p.scale(level, level)
            p.translate(-rect.topLeft())
            self._paint_picture(p, None)
            p.end()
            if len(self._pixmaps) >= 3:  # the view's level, its neighbour, the minimap's
                self._pixmaps.pop(next(iter(self._pixmaps)))
            self._pixmaps[level] = pixmap
        return pixmap

    def _paint_picture(self, painter: QPainter, exposed: QRectF | None) -> None:
        bands = [b for b in self._bands.values() if exposed is None or b.rect.intersects(exposed)]
        painter.setBrush(Qt.NoBrush)
        painter.setPen(_EDGE_PEN)
        for band in bands:
            painter.drawPath(band.edges)
        if not self._done_path.isEmpty():
            painter.setPen(_DONE_PEN)
            painter.drawPath(self._done_path)
        if self._search:
            painter.setPen(Qt.NoPen)
            painter.setBrush(_SEARCH_BRUSH)
            painter.drawRects(self._search)
        for band in bands:
            for kind, rects in band.by_kind.items():
                painter.setPen(_KIND_PEN[kind])
                painter.setBrush(_KIND_BRUSH[kind])
                painter.drawRects(rects)
        painter.setPen(Qt.NoPen)
        if self._grad:
            painter.setBrush(_GRAD_BRUSH)
            painter.drawRects(self._grad)
        if self._dim:
            painter.setBrush(_DIM_BRUSH)
            painter.drawRects(self._dim)


class OverviewItem(QGraphicsItem):
    """One scene item that paints a GraphOverview (the view shows it when zoomed far out)."""

    def __init__(self, overview: GraphOverview, rect: QRectF):
        super().__init__()
        self.overview = overview
        self._rect = QRectF(rect)
        self.setFlag(QGraphicsItem.ItemUsesExtendedStyleOption, True)  # exposedRect is set

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        zoom = option.levelOfDetailFromTransform(painter.worldTransform())
        self.overview.paint(painter, option.exposedRect, zoom)
