"""The one tensor widget: every tensor in the app is shown by a TensorView.

A title, a stats line (shape, dtype, rank, mean, std, min, max, zeros, ‖·‖ and any NaN/Inf),
a slider per leading axis for rank ≥ 3, then the cells of the 2-D slice (gui/views/
tensor_grid.py) with exact numbers on hover. A TensorSummary without values (a big tensor)
shows its statistics and histogram instead. It takes a TensorSummary or a numpy array.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from engine.learn.tensor_display import (TensorStats, array_stats, as_2d, cell_grid, cell_text,
                                         clip_bound, slice_axes, summary_stats)
from engine.session.formatting import fmt_number, shape_text
from gui import palette
from gui.i18n import fill, render
from gui.views.tensor_grid import TensorGrid

PLOT_HEIGHT = 170  # the histogram of a tensor whose values were not kept
_LONG_TOKEN = 20  # longer runs without spaces get break points (a narrow dock must not scroll)
ZWSP = "\u200b"  # zero-width space: an invisible line-break opportunity
NBSP = "\u00a0"  # keeps a name and its number on one line


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
    return text.replace(ZWSP, "").replace(NBSP, " ")


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


def local_number(value: float) -> str:
    """fmt_number with the locale's decimal point (0,0123 and 1,234e-05 in Serbian): for numbers
    in prose and tables; the tensor cells keep PyTorch's notation."""
    return fmt_number(float(value)).replace(".", QLocale().decimalPoint())


def as_matrix(values: np.ndarray) -> np.ndarray:
    """2-D view for export and copy: last axis as columns, every leading axis folded into rows."""
    values = np.asarray(values)
    if values.ndim == 0:
        return values.reshape(1, 1)
    if values.ndim == 1:
        return values.reshape(1, -1)
    return values.reshape(-1, values.shape[-1])


def stats_text(stats: TensorStats) -> str:
    """shape [2, 3] · float32 · rank 2 · mean … · std … · min … · max … · zeros … · ‖·‖ …"""
    parts = [fill(QCoreApplication.translate("TensorView", "shape {shape}"), shape=shape_text(stats.shape)),
             stats.dtype, fill(QCoreApplication.translate("TensorView", "rank {rank}"), rank=stats.rank),
             fill(QCoreApplication.translate("TensorView", "mean {mean}"), mean=local_number(stats.mean)),
             fill(QCoreApplication.translate("TensorView", "std {std}"), std=local_number(stats.std)),
             fill(QCoreApplication.translate("TensorView", "min {min}"), min=local_number(stats.min)),
             fill(QCoreApplication.translate("TensorView", "max {max}"), max=local_number(stats.max))]
    if stats.zeros is not None:
        parts.append(fill(QCoreApplication.translate("TensorView", "zeros {zeros:,}"), zeros=stats.zeros))
    if stats.norm is not None:
        parts.append(f"‖·‖ {local_number(stats.norm)}")
    for name, count in (("NaN", stats.nans), ("+Inf", stats.pos_infs), ("−Inf", stats.neg_infs)):
        if count:
            parts.append(fill("{name} {count:,}", name=name, count=count))
    return "   ".join(p.replace(" ", NBSP) for p in parts)  # "min -30" never splits


class TensorView(QWidget):
    """Title, stats, sliders (rank ≥ 3), cells (or a histogram), the hovered value, a note."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = None
        self.values: np.ndarray | None = None
        self.stats_record: TensorStats | None = None
        self.labels: list[str] | None = None
        self.label_axis: int | None = None
        self.bound = 1.0
        self.title = wrapping_label(bold=True)
        self.stats = wrapping_label()
        self.sliders: list[QSlider] = []
        self.slider_labels: list[QLabel] = []
        self.slider_box = QWidget()
        QHBoxLayout(self.slider_box).setContentsMargins(0, 0, 0, 0)
        self.grid = TensorGrid()
        self.hover = wrapping_label()
        self.grid.hovered.connect(self._on_hover)
        self.note = wrapping_label()
        self.hist_plot = pg.PlotWidget(background="w", title=self.tr("histogram (log count)"))
        self.hist_plot.setMinimumHeight(PLOT_HEIGHT)
        self.hist_plot.setMaximumHeight(PLOT_HEIGHT)
        # One bin often holds nearly every value: a log count axis keeps the tails visible.
        self.hist_plot.setLogMode(x=False, y=True)
        self.hist_plot.setLabel("left", self.tr("1 + count"))
        self.hist_plot.getAxis("left").enableAutoSIPrefix(False)
        self.histogram = pg.PlotDataItem(stepMode="center", fillLevel=0,
                                         brush=pg.mkBrush(palette.tint(palette.GRADIENT, 0.6)),
                                         pen=pg.mkPen(palette.GRADIENT, width=1))
        self.hist_plot.addItem(self.histogram)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 4)
        box.setSpacing(3)
        for w in (self.title, self.stats, self.slider_box, self.grid, self.hover, self.note, self.hist_plot):
            box.addWidget(w)
        box.addStretch(0)
        self.set_summary(None)

    # ------------------------------------------------------------------ input

    def set_summary(self, summary, title: str = "", marked: np.ndarray | None = None,
                    marked_text: str = "") -> None:
        """An engine.tracing.types.TensorSummary (None: "not recorded"). `marked`: a bool mask
        of the tensor's shape whose cells get a ring, explained by `marked_text`."""
        self.summary = summary
        self.marked, self.marked_text = marked, marked_text
        if summary is None:
            self._show(None, None, title)
            self.stats.setText(self.tr("not recorded"))
            return
        values = None if summary.values is None else np.asarray(summary.values).reshape(summary.shape)
        self._show(values, summary_stats(summary), title)
        if values is None:
            self.histogram.setData(np.asarray(summary.hist_edges, float),
                                   np.asarray(summary.hist_counts, float) + 1.0)  # log axis: 0 -> 1
            self.hist_plot.show()
            self.note.setText(fill(self.tr("{count:,} values: only statistics and the histogram were kept"),
                                   count=self.stats_record.numel))
            self.note.show()

    def set_array(self, values, title: str = "", labels: list[str] | None = None,
                  label_axis: int | None = None, dtype: str | None = None) -> None:
        """A numpy array. `labels` name the positions of `label_axis` (default: the rows of
        the slice), e.g. the tokens of a (tokens, channels) activation."""
        self.summary = None
        self.marked, self.marked_text = None, ""
        values = None if values is None else np.asarray(values)
        self.labels, self.label_axis = labels, label_axis
        self._show(values, None if values is None else array_stats(values, dtype), title)

    def _show(self, values: np.ndarray | None, stats: TensorStats | None, title: str) -> None:
        self.values, self.stats_record = values, stats
        if self.summary is not None:
            self.labels, self.label_axis = None, None
        self.title.setText(breakable(render(title)))  # an engine sentence in the learner's language
        self.title.setVisible(bool(title))
        self.stats.setText(breakable(stats_text(stats)) if stats is not None else "")
        self.hist_plot.hide()
        self.note.hide()
        self.hover.setText("")
        self.bound = clip_bound(values) if values is not None else 1.0
        self._make_sliders(values.shape if values is not None else ())
        self.grid.setVisible(values is not None)
        self.hover.setVisible(values is not None)
        self._show_slice()

    # ------------------------------------------------------------------ the slice

    def _make_sliders(self, shape: tuple[int, ...]) -> None:
        axes = slice_axes(shape)
        layout = self.slider_box.layout()
        while len(self.sliders) < len(axes):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.valueChanged.connect(self._show_slice)
            label = QLabel()
            layout.addWidget(label)
            layout.addWidget(slider, 1)
            self.sliders.append(slider)
            self.slider_labels.append(label)
        for i, (slider, label) in enumerate(zip(self.sliders, self.slider_labels)):
            used = i < len(axes)
            slider.setVisible(used)
            label.setVisible(used)
            if used:
                slider.blockSignals(True)
                slider.setRange(0, shape[i] - 1)
                slider.setValue(min(slider.value(), shape[i] - 1))
                slider.blockSignals(False)
        self.slider_box.setVisible(bool(axes))

    def slice_index(self) -> tuple[int, ...]:
        shape = self.values.shape if self.values is not None else ()
        return tuple(self.sliders[i].value() for i in slice_axes(shape))

    def set_slice(self, *index: int) -> None:
        """Pick the slice (one position per leading axis), as the sliders do."""
        for slider, i in zip(self.sliders, index):
            slider.setValue(int(i))
        self._show_slice()

    def _show_slice(self, *_args) -> None:
        values = self.values
        if values is None:
            self.grid.set_grid(None)
            return
        index = self.slice_index()
        for axis, (i, label) in enumerate(zip(index, self.slider_labels)):
            label.setText(fill(self.tr("axis {axis}: {index} / {last}"), axis=axis, index=i,
                               last=values.shape[axis] - 1))
        matrix = as_2d(values, index)
        grid = cell_grid(matrix, self.bound)
        rows_axis = values.ndim - 2 if values.ndim >= 2 else None
        label_axis = self.label_axis if self.label_axis is not None else (rows_axis if values.ndim >= 2 else 0)
        rows = self.labels if self.labels and label_axis == rows_axis else None
        cols = self.labels if self.labels and label_axis == values.ndim - 1 else None
        marked = getattr(self, "marked", None)
        mask = as_2d(np.asarray(marked).reshape(values.shape), index) if marked is not None else None
        self.grid.set_grid(grid, rows, cols, index, marked=mask)
        self.note.setText(self._cells_note(grid, mask))
        self.note.show()

    def _cells_note(self, grid, mask: np.ndarray | None) -> str:
        """The colour range, the clipped and special cells, the marked ones, and the hover hint."""
        clipped = int(grid.clipped.sum())
        bound = cell_text(self.bound, False).replace(".", QLocale().decimalPoint())
        notes = [fill(self.tr("colours: blue < 0 < vermillion, range ±{bound} (|mean| + 3σ)"), bound=bound)]
        if clipped:
            notes.append(self.tr("%n clipped (black corner)", "", clipped))
        if grid.nan.any() or grid.pos_inf.any() or grid.neg_inf.any():
            notes.append("✕ NaN  ▲ +Inf  ▼ −Inf")
        if mask is not None and mask.any():
            notes.append("◯ " + (render(getattr(self, "marked_text", "")) or self.tr("marked")))
        return fill(self.tr("{notes}. Hover a cell for its exact value."), notes="; ".join(notes))

    def _on_hover(self, text: str) -> None:
        self.hover.setText(text)

    # ------------------------------------------------------------------ reading back

    def text(self) -> str:
        """Everything shown, as plain text (for tests and copy)."""
        parts = [plain(self.title.text()), plain(self.stats.text())]
        if self.values is not None and self.values.size <= 256:
            matrix = as_2d(self.values, self.slice_index())
            integer = matrix.dtype.kind in "iub"
            for row in np.asarray(matrix, dtype=np.float64):
                parts.append(" ".join(cell_text(v, integer) for v in row))
        if self.note.isVisibleTo(self):
            parts.append(plain(self.note.text()))
        return "\n".join(p for p in parts if p)
