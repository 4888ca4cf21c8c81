"""Per parameter: gradient norms, update-to-weight ratios, histograms. set_stats() stores the
newest ParamStats; refresh() (30 Hz) pushes it into items created once. Bars are indexed by
parameter number (#); the table beside them has the long names and sorts by any column; a
row (or a bar) selects whose gradient and weight histograms are shown.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QSplitter,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from gui import palette
from gui.i18n import fill
from gui.refresh import Latest
from gui.views.empty_state import empty_state_stack
from gui.views.tensor_widgets import local_number

EMPTY_TEXT = QT_TRANSLATE_NOOP("GradientsView",
                               "Gradient statistics appear after the first optimizer step (F5 or Ctrl+Return).")
HEALTHY_RATIO = 1e-3  # the usual rule of thumb for ||update|| / ||weight|| per step
COLUMNS = ["#", QT_TRANSLATE_NOOP("GradientsView", "parameter"), QT_TRANSLATE_NOOP("GradientsView", "grad norm"),
           QT_TRANSLATE_NOOP("GradientsView", "weight norm"), QT_TRANSLATE_NOOP("GradientsView", "update/weight")]
UNDEFINED_RATIO_TIP = QT_TRANSLATE_NOOP("GradientsView",
                                        "This weight was all zeros before the step (a fresh bias or shift), "
                                        "so update/weight is undefined.")
COL_INDEX, COL_NAME, COL_GRAD, COL_WEIGHT, COL_RATIO = range(5)


class _Log10Axis(pg.AxisItem):
    """The plot holds log10(value); ticks read as plain values (1e-3, 0.2, 1, 10).

    Spanning several decades, ticks sit on powers of ten; within about one decade the
    1-2-5 steps are added so the axis never shows a single lonely tick.
    """

    def tickValues(self, minVal, maxVal, size):
        if not (math.isfinite(minVal) and math.isfinite(maxVal)) or maxVal <= minVal:
            return []
        lo, hi = math.floor(minVal), math.ceil(maxVal)
        fit = max(2.0, size / 30)  # ticks that fit at about 30 px apart
        # Steps of 1 or multiples of 3, aligned to multiples of the step: 1e-3 always gets a tick.
        step = next((k for k in (1, 3, 6, 9, 12) if (hi - lo) / k <= fit), 15)
        for k in (step, 1):
            major = [float(v) for v in range(lo, hi + 1) if v % k == 0 and minVal <= v <= maxVal]
            if len(major) >= 2:
                return [(float(k), major)]
        for mantissas in ((1, 2, 5), (1, 3), (1,)):  # within about a decade: 1-2-5 if they fit
            ticks = [d + math.log10(m) for d in range(lo - 1, hi + 1) for m in mantissas]
            ticks = [v for v in ticks if minVal <= v <= maxVal]
            if len(ticks) <= fit:
                break
        return [(0.3, ticks)]

    def tickStrings(self, values, scale, spacing):
        return [_power_text(v) for v in values]


def _power_text(v: float) -> str:
    """10**v briefly: 1e-3, 2e-5, 0.2, 5, 100, 1e6."""
    value = 10.0 ** v
    if 1e-2 <= value < 1e4:
        return f"{value:.2g}"
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


class _IndexAxis(pg.AxisItem):
    """Parameter numbers are whole: no 2.5 ticks."""

    def tickValues(self, minVal, maxVal, size):
        levels = []
        for spacing, values in super().tickValues(minVal, maxVal, size):
            whole = [v for v in values if abs(v - round(v)) < 1e-9]
            if spacing >= 1 and whole:
                levels.append((spacing, whole))
        return levels or [(1.0, [float(v) for v in range(math.ceil(minVal), math.floor(maxVal) + 1)])]


class _NumberItem(QTableWidgetItem):
    """Shows a formatted number, sorts by the number itself (1e-4 < 0.01)."""

    def __init__(self):
        super().__init__()
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value = 0.0

    def set_value(self, value: float, text: str) -> None:
        self.value = value
        self.setText(text)

    def __lt__(self, other):
        if isinstance(other, _NumberItem):
            a, b = self.value, other.value
            return (a if a == a else -math.inf) < (b if b == b else -math.inf)  # NaN first
        return super().__lt__(other)


def update_ratios(stats) -> np.ndarray:
    """stats.update_ratio as float64; NaN (shown as n/a) where a weight was exactly zero
    before the step, such as a fresh LayerNorm shift (the recorder reports those as NaN)."""
    return np.asarray(stats.update_ratio, dtype=np.float64)


def _log10(values: np.ndarray) -> np.ndarray:
    """log10 of non-negative values; 0 (or NaN/inf) becomes NaN, drawn as no bar."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log10(np.asarray(values, dtype=np.float64))
    out[~np.isfinite(out)] = np.nan
    return out


def _bar_plot(layout: pg.GraphicsLayoutWidget, row: int, col: int, title: str, color) -> tuple:
    plot = layout.addPlot(row=row, col=col,
                          axisItems={"left": _Log10Axis("left"), "bottom": _IndexAxis("bottom")})
    plot.setTitle(title, size="9pt")
    plot.showGrid(x=False, y=True, alpha=0.25)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.getAxis("left").setWidth(42)
    bars = pg.BarGraphItem(x=[], height=[], y0=0, width=0.8, pen=pg.mkPen(color.darker(130), width=1),
                           brush=palette.tint(color, 0.75))
    plot.addItem(bars)
    return plot, bars


def _hist_plot(layout: pg.GraphicsLayoutWidget, row: int, col: int, color) -> tuple:
    plot = layout.addPlot(row=row, col=col)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.getAxis("left").setWidth(42)
    for axis in ("left", "bottom"):
        plot.getAxis(axis).enableAutoSIPrefix(False)
    curve = plot.plot([0.0, 1.0], [0.0], stepMode="center", fillLevel=0,
                      pen=pg.mkPen(color, width=1), brush=palette.tint(color, 0.45))
    return plot, curve


class GradientsView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._latest = Latest()
        self.stats = None  # the ParamStats on screen
        self.selected = 0  # parameter index whose histograms are shown
        self._selected_name: str | None = None
        self.repaints = 0  # how often refresh() pushed new stats to the widgets
        self._names: list[str] = []

        self._summary = QLabel()
        self._summary.setWordWrap(True)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_table()
        self._build_plots()
        self._build_page()

    def _build_table(self) -> None:
        """One row per parameter: #, name and the three numbers, sortable by any column."""
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("GradientsView", c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideLeft)  # the tail (W_query.weight) matters most
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self._size_table_columns()
        self.table.horizontalHeaderItem(COL_RATIO).setToolTip(
            self.tr("||update|| / ||weight|| for this step; around 1e-3 is the usual healthy range"))
        header.setSortIndicator(COL_INDEX, Qt.SortOrder.AscendingOrder)  # Qt's default is descending
        self.table.setSortingEnabled(True)
        self.table.itemSelectionChanged.connect(self._on_table_selection)

    def _size_table_columns(self) -> None:
        """The # column fits three digits; number columns fit their header or -8.888e-05."""
        fm = self.table.fontMetrics()
        ratio_header = self.table.horizontalHeaderItem(COL_RATIO).text()
        number = max(fm.horizontalAdvance(t) for t in (ratio_header, "-8.888e-05")) + 28
        self.table.setColumnWidth(COL_INDEX, fm.horizontalAdvance("888") + 28)
        for col in (COL_GRAD, COL_WEIGHT, COL_RATIO):
            self.table.setColumnWidth(col, number)

    def _build_plots(self) -> None:
        """Bars (indexed by #) on the left, the selected parameter's histograms on the right."""
        self._plots = pg.GraphicsLayoutWidget()
        self._plots.setBackground("w")
        self.grad_plot, self.grad_bars = _bar_plot(self._plots, 0, 0, self.tr("gradient norm (log scale)"),
                                                   palette.GRADIENT)
        self.ratio_plot, self.ratio_bars = _bar_plot(self._plots, 1, 0, self.tr("update / weight (log; dashed: 1e-3)"),
                                                     palette.PARAMETER)
        self.ratio_plot.setXLink(self.grad_plot)
        self._add_healthy_line()
        self._add_selected_marks()
        self.grad_hist_plot, self.grad_hist_curve = _hist_plot(self._plots, 0, 1, palette.GRADIENT)
        self.weight_hist_plot, self.weight_hist_curve = _hist_plot(self._plots, 1, 1, palette.PARAMETER)
        self._plots.ci.layout.setColumnStretchFactor(0, 3)
        self._plots.ci.layout.setColumnStretchFactor(1, 2)
        self._plots.scene().sigMouseClicked.connect(self._on_plot_click)
        self._plots.scene().sigMouseMoved.connect(self._on_plot_hover)

    def _add_healthy_line(self) -> None:
        """Dashed horizontal line at the healthy update/weight ratio (1e-3)."""
        pen = pg.mkPen(palette.TEXT, width=1, style=Qt.PenStyle.DashLine)
        self._healthy_line = pg.InfiniteLine(pos=math.log10(HEALTHY_RATIO), angle=0, movable=False, pen=pen)
        self._healthy_line.setToolTip(self.tr("1e-3: the usual healthy update-to-weight ratio per step"))
        self.ratio_plot.addItem(self._healthy_line)

    def _add_selected_marks(self) -> None:
        """A dotted vertical line per bar plot at the selected parameter, hidden until one is."""
        self._selected_marks = []
        for plot in (self.grad_plot, self.ratio_plot):
            mark = pg.InfiniteLine(pos=0, angle=90, movable=False,
                                   pen=pg.mkPen(palette.CURRENT, width=1, style=Qt.PenStyle.DotLine))
            mark.setVisible(False)
            plot.addItem(mark)
            self._selected_marks.append(mark)

    def _build_page(self) -> None:
        """Summary above; plots beside the table, so a bottom dock of ~200 px still gives the
        plots its full height (the table elides names on the left: the tail matters); empty state."""
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._plots)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        self.table.setMinimumHeight(90)
        self.table.setMinimumWidth(260)
        splitter.setChildrenCollapsible(False)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self._summary)
        content_layout.addWidget(splitter, 1)
        self._stack, self._empty = empty_state_stack(QCoreApplication.translate("GradientsView", EMPTY_TEXT), content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self._stack)
        self.setMinimumHeight(160)

    # --- data in ---------------------------------------------------------------------------
    def set_stats(self, stats) -> None:
        """Store the newest ParamStats (any thread); painting waits for refresh()."""
        self._latest.set(stats)

    def clear(self) -> None:
        self._latest.clear()
        self.stats = None
        self._stack.setCurrentIndex(0)

    def is_empty(self) -> bool:
        return self.stats is None

    def refresh(self) -> None:
        stats = self._latest.take()
        if stats is None:
            return
        self.repaints += 1
        self.stats = stats
        if list(stats.names) != self._names:
            self._rebuild_rows(list(stats.names))
        self._fill_table(stats)
        self._fill_bars(stats)
        if self._selected_name in self._names:
            self.selected = self._names.index(self._selected_name)
        else:
            self.selected = 0
            self._selected_name = self._names[0] if self._names else None
        self._show_selected()
        self._summary.setText(self._summary_text(stats))
        self._stack.setCurrentIndex(1)

    # --- selection -------------------------------------------------------------------------
    def select_parameter(self, index: int) -> None:
        """Show the histograms of parameter `index` (its position in stats.names)."""
        if not 0 <= index < len(self._names):
            return
        self.selected = index
        self._selected_name = self._names[index]
        self._show_selected()

    def row_of(self, index: int) -> int:
        """Table row (after sorting) that shows parameter `index`."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, COL_INDEX).value == index:
                return row
        return -1

    # --- internals -------------------------------------------------------------------------
    def _rebuild_rows(self, names: list[str]) -> None:
        """New model: one row per parameter, items created here and then updated in place."""
        self._names = names
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            index_item = _NumberItem()
            index_item.set_value(row, str(row))
            self.table.setItem(row, COL_INDEX, index_item)
            name_item = QTableWidgetItem(name)
            name_item.setToolTip(name)
            self.table.setItem(row, COL_NAME, name_item)
            for col in (COL_GRAD, COL_WEIGHT, COL_RATIO):
                self.table.setItem(row, col, _NumberItem())
        self.table.setSortingEnabled(True)
        n = len(names)
        self.grad_plot.setXRange(-0.6, n - 0.4, padding=0)
        self.grad_plot.setLimits(xMin=-1, xMax=n)

    def _fill_table(self, stats) -> None:
        self.table.setSortingEnabled(False)  # rows must not move while cells are written
        ratios = update_ratios(stats)
        columns = ((COL_GRAD, stats.grad_norm), (COL_WEIGHT, stats.weight_norm), (COL_RATIO, ratios))
        for row in range(self.table.rowCount()):
            i = int(self.table.item(row, COL_INDEX).value)
            for col, values in columns:
                value = float(values[i])
                item = self.table.item(row, col)
                if col == COL_RATIO and value != value:
                    item.set_value(value, self.tr("n/a"))
                    item.setToolTip(QCoreApplication.translate("GradientsView", UNDEFINED_RATIO_TIP))
                else:
                    item.set_value(value, local_number(value))
        self.table.setSortingEnabled(True)  # re-sorts by the chosen column, if any

    def _fill_bars(self, stats) -> None:
        x = np.arange(len(stats.names), dtype=float)
        for plot, bars, values in ((self.grad_plot, self.grad_bars, stats.grad_norm),
                                   (self.ratio_plot, self.ratio_bars, update_ratios(stats))):
            logs = _log10(values)
            finite = logs[np.isfinite(logs)]
            lo = finite.min() - 0.3 if finite.size else -1.0
            hi = finite.max() + 0.15 if finite.size else 0.0
            if bars is self.ratio_bars:  # keep the healthy line in view
                lo = min(lo, math.log10(HEALTHY_RATIO) - 0.5)
                hi = max(hi, math.log10(HEALTHY_RATIO) + 0.5)
            heights = np.where(np.isfinite(logs), logs - lo, 0.0)
            bars.setOpts(x=x, height=heights, y0=np.full_like(x, lo))
            plot.setYRange(lo, hi, padding=0)

    def _show_selected(self) -> None:
        stats, i = self.stats, self.selected
        if stats is None or not 0 <= i < len(stats.names):
            return
        name = stats.names[i]
        self.grad_hist_curve.setData(np.asarray(stats.grad_edges[i], float), np.asarray(stats.grad_hist[i], float))
        self.weight_hist_curve.setData(np.asarray(stats.weight_edges[i], float),
                                       np.asarray(stats.weight_hist[i], float))
        sampled = bool(stats.sampled[i]) if getattr(stats, "sampled", None) is not None else False
        titles = ((self.tr("#{index} gradient (sample)"), self.tr("#{index} weights (sample)")) if sampled
                  else (self.tr("#{index} gradient"), self.tr("#{index} weights")))
        for plot, title in zip((self.grad_hist_plot, self.weight_hist_plot), titles):
            plot.setTitle(fill(title, index=i), size="9pt")
        for mark in self._selected_marks:
            mark.setPos(i)
            mark.setVisible(True)
        row = self.row_of(i)
        if row >= 0 and self.table.currentRow() != row:
            self.table.blockSignals(True)
            self.table.selectRow(row)
            self.table.blockSignals(False)
        self.grad_hist_plot.setToolTip(name)
        self.weight_hist_plot.setToolTip(name)

    def _summary_text(self, stats) -> str:
        ratios = update_ratios(stats)
        finite = np.isfinite(ratios) & (ratios > 0)
        count = len(stats.names)
        parts = [fill(self.tr("step {step}"), step=stats.step), self.tr("%n parameters", "", count)]
        if finite.any():
            lo, hi = int(np.argmin(np.where(finite, ratios, np.inf))), int(np.argmax(np.where(finite, ratios, -np.inf)))
            parts.append(fill(self.tr("update/weight from {low} (#{lo}) to {high} (#{hi})"),
                              low=local_number(ratios[lo]), lo=lo, high=local_number(ratios[hi]), hi=hi))
        return " · ".join(parts)

    def _on_table_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.select_parameter(int(self.table.item(rows[0].row(), COL_INDEX).value))

    def _index_at(self, scene_pos) -> int | None:
        for plot in (self.grad_plot, self.ratio_plot):
            if plot.sceneBoundingRect().contains(scene_pos):
                i = int(round(plot.vb.mapSceneToView(scene_pos).x()))
                return i if 0 <= i < len(self._names) else None
        return None

    def _on_plot_click(self, event) -> None:
        i = self._index_at(event.scenePos())
        if i is not None:
            self.select_parameter(i)

    def _on_plot_hover(self, scene_pos) -> None:
        i = self._index_at(scene_pos)
        stats = self.stats
        if i is None or stats is None:
            self._plots.setToolTip("")
            return
        ratio = float(update_ratios(stats)[i])
        self._plots.setToolTip(fill(self.tr("#{index} {name}\ngrad norm {grad}\nupdate/weight {ratio}"),
                                    index=i, name=stats.names[i], grad=local_number(float(stats.grad_norm[i])),
                                    ratio=local_number(ratio) if ratio == ratio else self.tr("n/a (weight was 0)")))
