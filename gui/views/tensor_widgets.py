"""Shows one TensorSummary: exact numbers for small tensors, heatmap + histogram for large ones.

The pyqtgraph items are created once per TensorView and updated with setImage / setData.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from gui import palette
from engine.session.formatting import fmt_number, shape_text

TABLE_MAX_NUMEL = 64  # up to this many elements every number is shown
TABLE_MAX_COLS = 16
PLOT_HEIGHT = 170  # per plot; heatmap above histogram, so both get the dock's full width
_LONG_TOKEN = 20  # longer runs without spaces get break points (a narrow dock must not scroll)
ZWSP = "\u200b"  # zero-width space: an invisible line-break opportunity


def breakable(text: str) -> str:
    """`text` with invisible break points after . _ / , in long tokens such as
    "trf_blocks.3.att.W_query.weight", so word-wrapped labels fit a narrow dock."""
    def split(token: str) -> str:
        if len(token) <= _LONG_TOKEN:
            return token
        for ch in "._/,":
            token = token.replace(ch, ch + ZWSP)
        return token
    return "\n".join(" ".join(split(t) for t in line.split(" ")) for line in text.split("\n"))


def plain(text: str) -> str:
    """A label's text without the invisible break points."""
    return text.replace(ZWSP, "")


def wrapping_label(bold: bool = False) -> QLabel:
    """Plain-text QLabel that word-wraps and never asks for more width than the dock has."""
    label = QLabel()
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    label.setMinimumWidth(40)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def as_matrix(values: np.ndarray) -> np.ndarray:
    """2-D view for display: last axis as columns, every leading axis folded into rows."""
    values = np.asarray(values)
    if values.ndim == 0:
        return values.reshape(1, 1)
    if values.ndim == 1:
        return values.reshape(1, -1)
    return values.reshape(-1, values.shape[-1])


def stats_text(summary) -> str:
    return (f"{shape_text(summary.shape)} {summary.dtype}   ‖·‖ {fmt_number(summary.norm)}   "
            f"min {fmt_number(summary.min)}   max {fmt_number(summary.max)}   "
            f"mean {fmt_number(summary.mean)}   std {fmt_number(summary.std)}")


class TensorView(QWidget):
    """Title, stats line, then a value table (small) or heatmap + histogram (large)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = None
        self.title = wrapping_label(bold=True)
        self.stats = wrapping_label()
        self.note = wrapping_label()
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setDefaultSectionSize(64)
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        self.plots.setMinimumHeight(PLOT_HEIGHT)
        heat_box = self.plots.addPlot(row=0, col=0, title="values")
        heat_box.invertY(True)  # row 0 at the top, like the table
        heat_box.setAspectLocked(False)
        self.heatmap = pg.ImageItem(axisOrder="row-major")
        self.heatmap.setLookupTable(palette.diverging_lut())
        heat_box.addItem(self.heatmap)
        self.heat_box = heat_box
        # One bin often holds nearly every value (e.g. a gradient that is 0 almost everywhere):
        # a log count axis keeps the tails visible. Counts + 1, so empty bins sit on the axis.
        hist_box = self.plots.addPlot(row=1, col=0, title="histogram (log count)")
        hist_box.setLogMode(x=False, y=True)
        hist_box.setLabel("left", "1 + count")
        hist_box.getAxis("left").enableAutoSIPrefix(False)
        self.histogram = pg.PlotDataItem(stepMode="center", fillLevel=0,
                                         brush=pg.mkBrush(palette.tint(palette.GRADIENT, 0.6)),
                                         pen=pg.mkPen(palette.GRADIENT, width=1))
        hist_box.addItem(self.histogram)
        self.hist_box = hist_box
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 4)
        for w in (self.title, self.stats, self.note, self.table, self.plots):
            box.addWidget(w)
        self.set_summary(None)

    def set_summary(self, summary, title: str = "") -> None:
        self.summary = summary
        self.title.setText(breakable(title))
        if summary is None:
            self.stats.setText("not recorded")
            for w in (self.note, self.table, self.plots):
                w.hide()
            return
        self.stats.setText(breakable(stats_text(summary)))
        values = summary.values
        numel = int(np.prod(summary.shape)) if len(summary.shape) else 1
        if values is not None and numel <= TABLE_MAX_NUMEL:
            self._show_table(as_matrix(values))
            self.plots.hide()
            self.note.hide()
            return
        self.table.hide()
        self.plots.show()
        self.histogram.setData(np.asarray(summary.hist_edges, float),
                               np.asarray(summary.hist_counts, float) + 1.0)  # log axis: 0 -> 1
        if values is not None:
            matrix = np.nan_to_num(as_matrix(values).astype(np.float32), nan=0.0, posinf=0.0, neginf=0.0)
            bound = float(np.max(np.abs(matrix))) if matrix.size else 0.0
            bound = bound or 1.0
            self.heatmap.setImage(matrix, autoLevels=False, levels=(-bound, bound))  # 0 is white
            self.heat_box.show()
            self.plots.setFixedHeight(2 * PLOT_HEIGHT)
            self.note.setText(f"heatmap: {matrix.shape[0]} rows × {matrix.shape[1]} columns, "
                              f"blue < 0 < vermillion, ±{fmt_number(bound)}")
        else:
            self.heat_box.hide()
            self.plots.setFixedHeight(PLOT_HEIGHT)
            self.note.setText(f"{numel:,} values: only statistics and the histogram were kept")
        self.note.show()

    def _show_table(self, matrix: np.ndarray) -> None:
        rows, cols = matrix.shape
        if cols > TABLE_MAX_COLS and rows == 1:  # a long vector wraps into rows
            flat = matrix.reshape(-1)
            cols = TABLE_MAX_COLS
            rows = -(-flat.size // cols)
            matrix = np.full(rows * cols, np.nan)
            matrix[:flat.size] = flat
            matrix = matrix.reshape(rows, cols)
        self.table.setRowCount(rows)
        self.table.setColumnCount(cols)
        for r in range(rows):
            for c in range(cols):
                v = matrix[r, c]
                item = QTableWidgetItem("" if np.isnan(v) else fmt_number(float(v)))
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if v < 0:  # the same sign colours as the heatmap
                    item.setForeground(palette.PARAMETER)
                elif v > 0:
                    item.setForeground(palette.GRADIENT.darker(120))
                self.table.setItem(r, c, item)
        self.table.setFixedHeight(min(24 + 21 * rows, 200))
        self.table.show()

    def text(self) -> str:
        """Everything shown, as plain text (for tests and copy)."""
        parts = [plain(self.title.text()), plain(self.stats.text())]
        if self.table.isVisibleTo(self):
            for r in range(self.table.rowCount()):
                parts.append(" ".join(self.table.item(r, c).text() if self.table.item(r, c) else ""
                                      for c in range(self.table.columnCount())))
        if self.note.isVisibleTo(self):
            parts.append(plain(self.note.text()))
        return "\n".join(p for p in parts if p)
