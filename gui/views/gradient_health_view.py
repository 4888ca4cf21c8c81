"""Gradient health: every parameter at once, flags in plain words, one gradient over time.

- a heat strip, components × layers (trf_blocks.N.<component>), colour = log10 of the
  gradient norm or of the update/weight ratio; parameters outside the blocks listed beside;
- flags for vanishing (< 1e-7) and exploding (> 1e4) gradient norms;
- the chosen parameter's gradient histogram over time (steps × bins).
Reads the session's run; pyqtgraph items are created once and updated with setImage.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine.session.gradient_health import (block_grid, health_flags, histogram_history)
from gui import palette
from gui.i18n import fill, render
from gui.views.empty_state import empty_state_stack

EMPTY_TEXT = QT_TRANSLATE_NOOP("GradientHealthView",
                               "No gradient statistics yet: they arrive every few training steps (press F5).")
HEALTHY_TEXT = QT_TRANSLATE_NOOP("GradientHealthView", "All gradient norms are in the healthy range (1e-7 to 1e4).")
QUANTITIES = {  # shown name -> the ParamStats field it colours by
    QT_TRANSLATE_NOOP("GradientHealthView", "gradient norm"): "grad_norm",
    QT_TRANSLATE_NOOP("GradientHealthView", "update / weight"): "update_ratio",
}


def _heat_plot(title: str) -> tuple[pg.PlotWidget, pg.ImageItem]:
    widget = pg.PlotWidget(background="w")
    plot = widget.getPlotItem()
    plot.setTitle(title, size="9pt")
    plot.invertY(True)
    plot.setMenuEnabled(False)
    image = pg.ImageItem(axisOrder="row-major")
    image.setLookupTable(pg.colormap.get("viridis").getLookupTable(nPts=256))
    plot.addItem(image)
    return widget, image


def label_step(count: int, pixels: int, line: int = 13) -> int:
    """Show every n-th label so that labels stay at least `line` pixels apart."""
    return max(1, -(-count * line // max(pixels, line)))


class GradientHealthView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.run = None
        self._dirty = False
        self.shown_grid = None  # the HeatGrid on screen
        self.shown_history = None  # the HistogramHistory on screen
        self.quantity = QComboBox()
        for shown, field in QUANTITIES.items():
            self.quantity.addItem(QCoreApplication.translate("GradientHealthView", shown), field)
        self.quantity.currentIndexChanged.connect(self.mark_dirty)
        self.parameter = QComboBox()
        self.parameter.setToolTip(self.tr("Whose gradient histogram to follow over time"))
        self.parameter.currentIndexChanged.connect(self.mark_dirty)
        self.flags = QLabel(QCoreApplication.translate("GradientHealthView", HEALTHY_TEXT))
        self.flags.setWordWrap(True)
        self.outside = QLabel()
        self.outside.setWordWrap(True)
        self.outside.setTextFormat(Qt.TextFormat.PlainText)
        self.grid_widget, self.grid_image = _heat_plot(self.tr("log10 per parameter: components × layers"))
        self.history_widget, self.history_image = _heat_plot(self.tr("gradient histogram over time"))
        self._stack, self._empty = empty_state_stack(QCoreApplication.translate("GradientHealthView", EMPTY_TEXT),
                                                     self._build_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self._stack)
        self.setMinimumHeight(160)

    def _build_page(self) -> QWidget:
        page = QWidget()
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("colour:")))
        controls.addWidget(self.quantity)
        controls.addSpacing(12)
        for w in (QLabel(self.tr("follow:")), self.parameter):
            controls.addWidget(w)
        controls.addWidget(self.flags, 1)
        plots = QHBoxLayout()
        plots.addWidget(self.grid_widget, 3)
        plots.addWidget(self.outside, 1)
        plots.addWidget(self.history_widget, 3)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(controls)
        box.addLayout(plots, 1)
        return page

    def set_run(self, run) -> None:
        """The session's current run (its param_stats grow while it trains)."""
        self.run = run
        self.parameter.blockSignals(True)
        self.parameter.clear()
        self.parameter.blockSignals(False)
        self.mark_dirty()

    def mark_dirty(self, *_) -> None:
        self._dirty = True

    def is_empty(self) -> bool:
        return self.run is None or not self.run.param_stats

    def refresh(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self._stack.setCurrentIndex(0 if self.is_empty() else 1)
        if self.is_empty():
            return
        stats = self.run.latest_stats
        self._fill_parameters(stats.names)
        self._show_grid(stats)
        self._show_flags(stats)
        self._show_history()

    def _fill_parameters(self, names: list[str]) -> None:
        if self.parameter.count() == len(names):
            return
        self.parameter.blockSignals(True)
        self.parameter.clear()
        self.parameter.addItems(names)
        # start inside the model: an embedding's gradient is mostly zeros (unused token rows)
        inner = next((i for i, n in enumerate(names) if n.startswith("trf_blocks.")), 0)
        self.parameter.setCurrentIndex(inner)
        self.parameter.blockSignals(False)

    def _show_grid(self, stats) -> None:
        values = getattr(stats, self.quantity.currentData())
        grid = block_grid(stats.names, values)
        self.shown_grid = grid
        if grid.values.size:
            finite = grid.values[np.isfinite(grid.values)]
            levels = (float(finite.min()), float(finite.max()) + 1e-9) if finite.size else (0, 1)
            self.grid_image.setImage(np.nan_to_num(grid.values, nan=levels[0]), autoLevels=False,
                                     levels=levels)
            plot = self.grid_widget.getPlotItem()
            step = label_step(len(grid.components), self.grid_widget.height() - 60)
            plot.getAxis("left").setTicks([[(i + 0.5, c) for i, c in enumerate(grid.components)
                                            if i % step == 0]])
            plot.getAxis("bottom").setTicks([[(j + 0.5, str(layer)) for j, layer in enumerate(grid.layers)]])
            plot.setLabel("bottom", fill(self.tr("layer (min {low:.1f}, max {high:.1f})"),
                                         low=float(levels[0]), high=float(levels[1])))
        self.outside.setText("\n".join([self.tr("outside the blocks (log10):"), *(
            fill("{name}: {value:.1f}", name=name, value=float(value)) for name, value in grid.outside)]))

    def _show_flags(self, stats) -> None:
        flags = health_flags(stats)
        color = palette.GRADIENT.name() if flags else palette.TEXT.name()
        self.flags.setStyleSheet(f"color: {color};")
        shown = [render(f.text()) for f in flags[:4]]
        more = len(flags) - 4
        if more > 0:
            shown.append(self.tr("… and %n more.", "", more))
        healthy = QCoreApplication.translate("GradientHealthView", HEALTHY_TEXT)
        self.flags.setText("\n".join(shown) if flags else healthy)

    def _show_history(self) -> None:
        name = self.parameter.currentText()
        history = histogram_history(list(self.run.param_stats), name) if name else None
        self.shown_history = history
        if history is None:
            return
        counts = np.log1p(history.counts.T)  # bins × steps: time runs left to right
        self.history_image.setImage(counts, autoLevels=False, levels=(0, max(float(counts.max()), 1e-9)))
        width = max(len(history.steps), 1)
        self.history_image.setRect(0, float(history.edges[0]), width,
                                   float(history.edges[-1] - history.edges[0]))
        plot = self.history_widget.getPlotItem()
        plot.invertY(False)
        plot.setLabel("bottom", fill(self.tr("recorded steps {first}–{last}"),
                                     first=int(history.steps[0]), last=int(history.steps[-1])))
        plot.setLabel("left", f"{name}.grad")
