"""Scene items of the computation graph: one NodeItem per node, one EdgeItem per edge.

Paint stays cheap: texts are prepared once, pens and brushes are shared, labels are skipped
when zoomed far out (levelOfDetailFromTransform), edges are QGraphicsPathItems painted in C++,
and edge shape labels are child items the view shows only when zoomed in.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsSimpleTextItem, QStyleOptionGraphicsItem

from engine.tracing.types import NodeKind
from gui import palette
from gui.i18n import context_tr

NODE_HEIGHT = 38.0
GRAD_SLOT_WIDTH = 74.0  # the micrograd-style "grad" half of a forward-graph node
MIN_WIDTH, MAX_WIDTH = 64.0, 260.0
TEXT_LOD = 0.45  # below this zoom node texts are not drawn
EDGE_LABEL_SCALE = 0.9  # edge shape labels are shown from this zoom on


def _font(point_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


TITLE_FONT = _font(8.5, bold=True)
DETAIL_FONT = _font(7.5)
EDGE_FONT = _font(6.5)


def node_size(title: str, detail: str, grad_slot: bool) -> tuple[float, float]:
    """Width and height that fit the texts (computed in the GUI thread, used by the layout)."""
    width = max(QFontMetricsF(TITLE_FONT).horizontalAdvance(title),
                QFontMetricsF(DETAIL_FONT).horizontalAdvance(detail)) + 16.0
    width = min(max(width, MIN_WIDTH), MAX_WIDTH)
    if grad_slot:
        width += GRAD_SLOT_WIDTH
    return width, NODE_HEIGHT


def _cosmetic(color: QColor, width: float, style=Qt.SolidLine) -> QPen:
    pen = QPen(color, width, style)
    pen.setCosmetic(True)  # same width at every zoom, and cheaper to stroke
    return pen


_NO_PEN = QPen(Qt.NoPen)
_CURRENT_PEN = _cosmetic(palette.CURRENT, 3.0)
_SELECTED_PEN = _cosmetic(palette.SELECTED, 2.0, Qt.DashLine)  # the Inspector's node
_SEARCH_BRUSH = QBrush(palette.tint(palette.SEARCH, 0.6))  # a halo behind search matches
_TEXT_PEN = QPen(palette.TEXT)
_GRAD_TEXT_PEN = QPen(palette.GRADIENT.darker(140))
_SLOT_LINE_PEN = _cosmetic(QColor("#B0B0B0"), 1.0, Qt.DashLine)
_GRAD_FILL = QBrush(palette.tint(palette.GRADIENT, 0.35))
_EMPTY_SLOT = QBrush(QColor("#FAFAFA"))
_KIND_BRUSH = {k: QBrush(palette.tint(palette.kind_color(k), 0.28)) for k in NodeKind}
_KIND_PEN = {k: _cosmetic(palette.kind_color(k), 1.2) for k in NodeKind}
_GROUP_BACK = QBrush(palette.tint(palette.GROUP, 0.55))


class NodeItem(QGraphicsItem):
    """A rounded box: title and detail on the left, the gradient half on the right."""

    tr = context_tr("NodeItem")  # a QGraphicsItem is no QObject

    def __init__(self, node_id: str, kind: NodeKind, title: str, detail: str, width: float,
                 height: float, grad_slot: bool, tooltip: str = ""):
        super().__init__()
        self.node_id = node_id
        self.kind = kind if kind in _KIND_BRUSH else NodeKind.FORWARD
        text_width = width - (GRAD_SLOT_WIDTH if grad_slot else 0.0) - 8.0
        # elided once here, not in paint(); the left end goes, so "…att.W_query.weight" stays
        self.title = QFontMetricsF(TITLE_FONT).elidedText(title, Qt.ElideLeft, text_width)
        self.detail = QFontMetricsF(DETAIL_FONT).elidedText(detail, Qt.ElideRight, text_width)
        self.full_title = title
        self._static: tuple[QStaticText, QPointF, QStaticText, QPointF] | None = None  # on first paint
        self.grad_slot = grad_slot
        self.grad_text = ""
        self.current = False
        self.selected_mark = False
        self.search_mark = False
        self.grad_known = False
        self.dimmed = False
        self._rect = QRectF(-width / 2, -height / 2, width, height)
        self._bounds = self._rect.adjusted(-6, -6, 7, 7)  # outlines, halo, group shadow
        # z stays 0: the view adds edges before nodes, so nodes draw on top without setZValue
        if tooltip:
            self.setToolTip(tooltip)

    # -- state (each setter repaints only this item) ---------------------------------------
    def set_current(self, on: bool) -> None:
        if on != self.current:
            self.current = on
            self.setZValue(1.0 if on else 0.0)  # the current node's outline stays on top
            self.update()

    def set_selected_mark(self, on: bool) -> None:
        if on != self.selected_mark:
            self.selected_mark = on
            self.update()

    def set_search_mark(self, on: bool) -> None:
        if on != self.search_mark:
            self.search_mark = on
            self.update()

    def set_grad(self, known: bool, text: str = "") -> None:
        if known != self.grad_known or text != self.grad_text:
            self.grad_known, self.grad_text = known, text
            self.update()

    def set_dimmed(self, on: bool) -> None:
        if on != self.dimmed:
            self.dimmed = on
            self.update()

    # -- QGraphicsItem -----------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        rect = self._rect
        if self.search_mark:
            painter.setPen(_NO_PEN)
            painter.setBrush(_SEARCH_BRUSH)
            painter.drawRoundedRect(rect.adjusted(-5, -5, 5, 5), 8, 8)
        if self.dimmed:
            painter.setOpacity(0.35)
        if self.kind == NodeKind.GROUP:  # a stacked look says "there is more inside"
            painter.setPen(_NO_PEN)
            painter.setBrush(_GROUP_BACK)
            painter.drawRoundedRect(rect.translated(4, 4), 5, 5)
        border = _CURRENT_PEN if self.current else _KIND_PEN[self.kind]
        body = QRectF(rect)
        slot = None
        if self.grad_slot:
            body.setWidth(rect.width() - GRAD_SLOT_WIDTH)
            slot = QRectF(body.right(), rect.top(), GRAD_SLOT_WIDTH, rect.height())
        if slot is None:  # fill and outline in one call
            painter.setPen(border)
            painter.setBrush(_KIND_BRUSH[self.kind])
            painter.drawRoundedRect(rect, 5, 5)
        else:
            painter.setPen(_NO_PEN)
            painter.setBrush(_KIND_BRUSH[self.kind])
            painter.drawRoundedRect(rect, 5, 5)
            painter.setBrush(_GRAD_FILL if self.grad_known else _EMPTY_SLOT)
            painter.drawRect(slot.adjusted(0, 0.5, -0.5, -0.5))
            painter.setPen(_SLOT_LINE_PEN)
            painter.drawLine(QPointF(body.right(), rect.top()), QPointF(body.right(), rect.bottom()))
            painter.setPen(border)
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(rect, 5, 5)
        if self.selected_mark:  # outside the cursor's outline: both stay visible
            painter.setPen(_SELECTED_PEN)
            painter.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), 7, 7)
        if lod < TEXT_LOD:
            return  # zoomed far out: boxes and colours only
        if self._static is None:
            self._static = _static_texts(body, self.title, self.detail)
        title, title_at, detail, detail_at = self._static
        painter.setPen(_TEXT_PEN)
        painter.setFont(TITLE_FONT)
        painter.drawStaticText(title_at, title)  # laid out once: ~3x cheaper than drawText
        painter.setFont(DETAIL_FONT)
        painter.drawStaticText(detail_at, detail)
        if slot is not None and self.grad_known:
            painter.setPen(_GRAD_TEXT_PEN)
            painter.drawText(slot.adjusted(2, 2, -2, -2), Qt.AlignCenter,
                             self.tr("grad") + "\n" + self.grad_text)


def _static_texts(body: QRectF, title: str, detail: str):
    """Title and detail as QStaticTexts, each centred in its half of the node's body."""
    out = []
    for text, font, top in ((title, TITLE_FONT, body.top() + 2),
                            (detail, DETAIL_FONT, body.center().y())):
        static = QStaticText(text)
        static.setTextFormat(Qt.PlainText)
        static.prepare(font=font)
        size = static.size()
        half = body.height() / 2 - 2
        out += [static, QPointF(body.center().x() - size.width() / 2, top + (half - size.height()) / 2)]
    return tuple(out)


_EDGE_PEN = _cosmetic(palette.EDGE, 1.0)
_EDGE_DONE_PEN = _cosmetic(palette.GRADIENT, 2.0)
_EDGE_LABEL_BRUSH = QBrush(QColor("#555555"))


class EdgeItem(QGraphicsPathItem):
    """A polyline along the layout's route with an arrow head; a shape label at mid-edge."""

    def __init__(self, source: str, target: str, points: list[tuple[float, float]], label: str = ""):
        super().__init__()
        self.source, self.target = source, target
        self.done = False
        self.setPath(edge_path(points))
        self.setPen(_EDGE_PEN)
        self.label_item: QGraphicsSimpleTextItem | None = None
        if label and len(points) >= 2:
            mid = _midpoint(points)
            item = QGraphicsSimpleTextItem(label, self)
            item.setFont(EDGE_FONT)
            item.setBrush(_EDGE_LABEL_BRUSH)
            item.setPos(mid[0] + 3, mid[1] - 6)
            item.setVisible(False)  # the view shows labels when zoomed in
            self.label_item = item

    def set_done(self, on: bool) -> None:
        if on != self.done:
            self.done = on
            self.setPen(_EDGE_DONE_PEN if on else _EDGE_PEN)


def _midpoint(points):
    total = [0.0]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        total.append(total[-1] + math.hypot(x1 - x0, y1 - y0))
    half = total[-1] / 2
    for i in range(1, len(points)):
        if total[i] >= half:
            seg = total[i] - total[i - 1] or 1.0
            t = (half - total[i - 1]) / seg
            (x0, y0), (x1, y1) = points[i - 1], points[i]
            return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
    return points[-1]


def edge_path(points: list[tuple[float, float]], arrow: float = 6.0) -> QPainterPath:
    path = QPainterPath()
    if not points:
        return path
    path.moveTo(*points[0])
    for x, y in points[1:]:
        path.lineTo(x, y)
    if len(points) >= 2:  # arrow head: two short strokes back from the tip
        (x0, y0), (x1, y1) = points[-2], points[-1]
        angle = math.atan2(y1 - y0, x1 - x0)
        for side in (-0.45, 0.45):
            path.moveTo(x1, y1)
            path.lineTo(x1 - arrow * math.cos(angle + side), y1 - arrow * math.sin(angle + side))
    return path


def route(layout, u, v, nodes: dict[str, NodeItem]) -> list[tuple[float, float]]:
    """The layout's polyline for u->v, clipped so it starts and ends at the node borders."""
    points = layout.edge_routes.get((u, v))
    if points is None:
        back = layout.edge_routes.get((v, u))  # laid out on the reversed graph
        points = list(reversed(back)) if back is not None else None
    if not points or len(points) < 2:
        points = [layout.positions.get(u, (0.0, 0.0)), layout.positions.get(v, (0.0, 0.0))]
    points = [tuple(p) for p in points]
    points[0] = _border_point(nodes.get(u), points[0], points[1])
    points[-1] = _border_point(nodes.get(v), points[-1], points[-2])
    return points


def _border_point(item: NodeItem | None, point, toward):
    """Move `point` (inside the node) to the node's top or bottom edge, facing `toward`."""
    if item is None:
        return point
    r = item.boundingRect().adjusted(4, 4, -6, -6).translated(item.pos())
    x, y = point
    if not r.contains(QPointF(x, y)):
        return point
    return (x, r.bottom() if toward[1] > y else r.top()) if toward[1] != y else (
        r.right() if toward[0] > x else r.left(), y)
