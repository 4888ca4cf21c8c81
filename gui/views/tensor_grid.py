"""The cells of one 2-D tensor slice: square, coloured on a diverging map centred on zero.

One QImage holds a pixel per cell and is drawn scaled (nearest neighbour) to square cells; on
top go the markers (NaN ✕, +∞ ▲, −∞ ▼, clipped: a black corner), the numbers when they fit,
and row/column labels (token labels when an axis is tokens). Hover shows the exact value.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QLocale, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from engine.learn.tensor_display import CellGrid, cell_text, exact_text
from gui import palette
from gui.i18n import fill

MAX_CELL = 44  # pixels; small tensors stay readable squares, never stretched
MIN_CELL = 1
PREFERRED_HEIGHT = 320  # a tall slice asks for this much and shrinks its cells
LABEL_MAX_WIDTH = 130
NAN_COLOR = (150, 150, 150)  # mid grey: no sign, no size
_LUT = palette.diverging_lut(256)


@dataclass
class CellMarkers:
    """Cells drawn with a marker, as (row, col) lists (tests read these)."""

    nan: list[tuple[int, int]] = field(default_factory=list)
    pos_inf: list[tuple[int, int]] = field(default_factory=list)
    neg_inf: list[tuple[int, int]] = field(default_factory=list)
    clipped: list[tuple[int, int]] = field(default_factory=list)
    marked: list[tuple[int, int]] = field(default_factory=list)  # e.g. zeroed by a ReLU (a ring)


def cell_colors(grid: CellGrid) -> np.ndarray:
    """(rows, cols, 3) uint8: the diverging map at each cell's scaled value, grey for NaN, the
    map's ends for ±Inf (the same as clipped cells: their markers tell them apart)."""
    index = np.round((grid.scaled + 1.0) * 0.5 * (len(_LUT) - 1)).astype(int)
    colors = _LUT[np.clip(index, 0, len(_LUT) - 1)].copy()
    colors[grid.nan] = NAN_COLOR
    colors[grid.pos_inf] = _LUT[-1]
    colors[grid.neg_inf] = _LUT[0]
    return colors


def cell_markers(grid: CellGrid) -> CellMarkers:
    def where(mask: np.ndarray) -> list[tuple[int, int]]:
        return [(int(r), int(c)) for r, c in zip(*np.nonzero(mask))]
    return CellMarkers(where(grid.nan), where(grid.pos_inf), where(grid.neg_inf), where(grid.clipped))


class TensorGrid(QWidget):
    hovered = Signal(str)  # "[r, c] = exact value" under the mouse; "" when it leaves

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.grid: CellGrid | None = None
        self.colors = np.zeros((0, 0, 3), np.uint8)
        self.markers = CellMarkers()
        self.image = QImage()
        self.row_labels: list[str] | None = None
        self.col_labels: list[str] | None = None
        self.index_prefix: tuple[int, ...] = ()  # the slice's leading indices (rank >= 3)
        self.cell_font = QFont()
        self.cell_font.setPointSizeF(max(6.5, self.cell_font.pointSizeF() * 0.8))

    # ------------------------------------------------------------------ data

    def set_grid(self, grid: CellGrid | None, row_labels: list[str] | None = None,
                 col_labels: list[str] | None = None, index_prefix: tuple[int, ...] = (),
                 marked: np.ndarray | None = None) -> None:
        self.grid, self.row_labels, self.col_labels = grid, row_labels, col_labels
        self.index_prefix = tuple(index_prefix)
        if grid is None:
            self.colors, self.markers, self.image = np.zeros((0, 0, 3), np.uint8), CellMarkers(), QImage()
        else:
            self.colors = np.ascontiguousarray(cell_colors(grid))
            self.markers = cell_markers(grid)
            if marked is not None and marked.shape == grid.shape:
                self.markers.marked = [(int(r), int(c)) for r, c in zip(*np.nonzero(marked))]
            rows, cols = grid.shape
            self.image = QImage(self.colors.data, cols, rows, cols * 3, QImage.Format.Format_RGB888).copy()
        self.updateGeometry()
        self.update()

    # ------------------------------------------------------------------ geometry

    def _margins(self) -> tuple[int, int]:
        """Left (row labels) and top (column labels) margins in pixels."""
        if self.grid is None:
            return 0, 0
        fm = QFontMetrics(self.cell_font)
        rows, cols = self.grid.shape
        labels = self.row_labels or [str(r) for r in range(rows)]
        left = min(LABEL_MAX_WIDTH, max(fm.horizontalAdvance(t) for t in labels[:512]) + 10) if rows > 1 or self.row_labels else 0
        top = fm.height() + 2 if cols > 1 or self.col_labels else 0
        return left, top

    def cell_size(self, width: int | None = None, height: int | None = None) -> int:
        if self.grid is None:
            return 0
        rows, cols = self.grid.shape
        left, top = self._margins()
        w = (self.width() if width is None else width) - left - 1
        h = (self.height() if height is None else height) - top - 1
        return int(max(MIN_CELL, min(MAX_CELL, w // max(cols, 1), h // max(rows, 1))))

    def visible_shape(self) -> tuple[int, int]:
        """Rows and columns that fit (a huge slice shows its top-left part)."""
        if self.grid is None:
            return 0, 0
        rows, cols = self.grid.shape
        left, top = self._margins()
        cell = self.cell_size()
        return (min(rows, max(1, (self.height() - top) // cell)),
                min(cols, max(1, (self.width() - left) // cell)))

    def sizeHint(self) -> QSize:
        if self.grid is None:
            return QSize(120, 24)
        rows, cols = self.grid.shape
        left, top = self._margins()
        return QSize(min(900, left + cols * MAX_CELL + 2), min(PREFERRED_HEIGHT, top + rows * MAX_CELL + 2))

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 24)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        if self.grid is None:
            return None
        left, top = self._margins()
        cell = self.cell_size()
        r, c = int((y - top) // cell), int((x - left) // cell)
        rows, cols = self.visible_shape()
        return (r, c) if 0 <= r < rows and 0 <= c < cols and x >= left and y >= top else None

    # ------------------------------------------------------------------ hover

    def hover_text(self, row: int, col: int) -> str:
        grid = self.grid
        rows, cols = grid.shape
        index = list(self.index_prefix) + ([row, col] if rows > 1 or self.index_prefix else [col])
        where = "[" + ", ".join(str(i) for i in index) + "]"
        if self.row_labels and row < len(self.row_labels):
            where += f" '{self.row_labels[row]}'"
        text = f"{where} = {exact_text(grid.values[row, col], grid.integer)}"
        if grid.clipped[row, col]:
            bound = cell_text(grid.bound, False).replace(".", QLocale().decimalPoint())
            text += " " + fill(self.tr("(beyond the colour range ±{bound})"), bound=bound)
        return text

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        cell = self.cell_at(pos.x(), pos.y())
        text = self.hover_text(*cell) if cell is not None else ""
        self.hovered.emit(text)
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()

    def leaveEvent(self, event) -> None:
        self.hovered.emit("")
        super().leaveEvent(event)

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event) -> None:
        if self.grid is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        left, top = self._margins()
        cell = self.cell_size()
        rows, cols = self.visible_shape()
        target = QRect(left, top, cols * cell, rows * cell)
        painter.drawImage(target, self.image, QRect(0, 0, cols, rows))
        if cell >= 6:
            self._paint_lines(painter, left, top, cell, rows, cols)
        self._paint_markers(painter, left, top, cell, rows, cols)
        painter.setFont(self.cell_font)
        digits = self.digits_that_fit(cell)
        if digits:
            self._paint_numbers(painter, left, top, cell, rows, cols, digits)
        self._paint_labels(painter, left, top, cell, rows, cols)
        painter.end()

    def _paint_lines(self, painter: QPainter, left: int, top: int, cell: int, rows: int, cols: int) -> None:
        painter.setPen(QPen(QColor(255, 255, 255), 1))
        for r in range(rows + 1):
            painter.drawLine(left, top + r * cell, left + cols * cell, top + r * cell)
        for c in range(cols + 1):
            painter.drawLine(left + c * cell, top, left + c * cell, top + rows * cell)

    def _paint_markers(self, painter: QPainter, left: int, top: int, cell: int, rows: int, cols: int) -> None:
        def rect(r: int, c: int) -> QRectF:
            return QRectF(left + c * cell, top + r * cell, cell, cell)
        inside = [(k, [(r, c) for r, c in v if r < rows and c < cols])
                  for k, v in vars(self.markers).items()]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for kind, cells in inside:
            for r, c in cells:
                box = rect(r, c)
                if kind == "clipped":  # a black corner: the colour is the end of the range
                    k = max(3.0, cell * 0.35)
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(QColor(palette.BLACK))
                    painter.drawPolygon(QPolygonF([box.topRight(), box.topRight() + QPointF(-k, 0),
                                                   box.topRight() + QPointF(0, k)]))
                elif kind == "marked":  # a ring: a value the learner should notice
                    painter.setPen(QPen(QColor(palette.BLACK), max(1.0, cell / 12)))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    m = cell * 0.25
                    painter.drawEllipse(box.adjusted(m, m, -m, -m))
                elif kind == "nan":
                    painter.setPen(QPen(QColor(palette.BLACK), max(1.0, cell / 14)))
                    m = cell * 0.2
                    painter.drawLine(box.adjusted(m, m, -m, -m).topLeft(), box.adjusted(m, m, -m, -m).bottomRight())
                    painter.drawLine(box.adjusted(m, m, -m, -m).topRight(), box.adjusted(m, m, -m, -m).bottomLeft())
                else:  # ▲ for +∞, ▼ for −∞, in white on the map's dark end
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(QColor(255, 255, 255))
                    m = cell * 0.22
                    b = box.adjusted(m, m, -m, -m)
                    up = kind == "pos_inf"
                    points = ([b.bottomLeft(), b.bottomRight(), QPointF(b.center().x(), b.top())] if up else
                              [b.topLeft(), b.topRight(), QPointF(b.center().x(), b.bottom())])
                    painter.drawPolygon(QPolygonF(points))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def digits_that_fit(self, cell: int | None = None) -> int:
        """Significant digits the cells show (3, else 2); 0 when numbers do not fit."""
        cell = self.cell_size() if cell is None else cell
        fm = QFontMetrics(self.cell_font)
        grid = self.grid
        if grid is None or cell < fm.height() + 2:
            return 0
        rows, cols = self.visible_shape()
        shown = grid.values[:rows, :cols].reshape(-1)[:4096]
        shown = shown[np.isfinite(shown)]
        for digits in (3, 2):
            widest = max((fm.horizontalAdvance(cell_text(v, grid.integer, digits)) for v in shown), default=0)
            if widest + 4 <= cell:
                return digits
        return 0

    def _paint_numbers(self, painter: QPainter, left: int, top: int, cell: int, rows: int, cols: int,
                       digits: int) -> None:
        grid = self.grid
        special = grid.nan | grid.pos_inf | grid.neg_inf
        for r in range(rows):
            for c in range(cols):
                if special[r, c]:
                    continue  # the marker says it
                dark = abs(grid.scaled[r, c]) > 0.6
                painter.setPen(QColor(255, 255, 255) if dark else QColor(palette.TEXT))
                painter.drawText(QRect(left + c * cell, top + r * cell, cell, cell), Qt.AlignmentFlag.AlignCenter,
                                 cell_text(grid.values[r, c], grid.integer, digits))

    def _paint_labels(self, painter: QPainter, left: int, top: int, cell: int, rows: int, cols: int) -> None:
        fm = QFontMetrics(self.cell_font)
        painter.setPen(QColor(palette.TEXT))
        step_r = max(1, -(-fm.height() // cell))  # every label when they fit, else every n-th
        if left:
            for r in range(0, rows, step_r):
                label = self.row_labels[r] if self.row_labels and r < len(self.row_labels) else str(r)
                label = fm.elidedText(label, Qt.TextElideMode.ElideRight, left - 6)
                painter.drawText(QRect(0, top + r * cell, left - 4, max(cell, fm.height())),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        if top:
            widest = fm.horizontalAdvance(str(cols - 1)) + 4
            step_c = max(1, -(-widest // cell))
            for c in range(0, cols, step_c):
                label = self.col_labels[c] if self.col_labels and c < len(self.col_labels) else str(c)
                painter.drawText(QRect(left + c * cell, 0, max(cell, widest), top),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, label)
