"""Live loss curves: the loss of every optimizer step, and the train/val evaluation losses.

add_metrics() only appends to numpy buffers (cheap, called per step); refresh(), driven by
the window's 30 Hz timer, hands the buffers to curves that were created once.
"""
from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui import palette
from gui.views.empty_state import empty_state_stack

EMPTY_TEXT = "No training yet.\nPress F5 to train, or Ctrl+Return for one optimizer step."


class _Series:
    """A growable (x, y) float64 buffer: amortised O(1) append, views without copies."""

    def __init__(self, capacity: int = 1024):
        self._x = np.empty(capacity)
        self._y = np.empty(capacity)
        self.n = 0

    def append(self, x: float, y: float) -> None:
        if self.n == len(self._x):
            self._x = np.resize(self._x, 2 * self.n)
            self._y = np.resize(self._y, 2 * self.n)
        self._x[self.n] = x
        self._y[self.n] = y
        self.n += 1

    def clear(self) -> None:
        self.n = 0

    @property
    def x(self) -> np.ndarray:
        return self._x[: self.n]

    @property
    def y(self) -> np.ndarray:
        return self._y[: self.n]

    def last(self) -> float | None:
        return float(self._y[self.n - 1]) if self.n else None


def _curve(plot: pg.PlotItem, color, name: str, symbol: str | None = None) -> pg.PlotDataItem:
    curve = plot.plot([], [], pen=pg.mkPen(color, width=1), name=name,
                      symbol=symbol, symbolSize=5, symbolPen=None, symbolBrush=color)
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    return curve


class _StepAxis(pg.AxisItem):
    """Optimizer steps are whole numbers: no 1.5 ticks while only a few steps are shown."""

    def tickValues(self, minVal, maxVal, size):
        levels = []
        for spacing, values in super().tickValues(minVal, maxVal, size):
            if spacing >= 1:
                levels.append((spacing, values))
            else:
                whole = [v for v in values if abs(v - round(v)) < 1e-9]
                if whole:
                    levels.append((1.0, whole))
                break
        return levels


class LossView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.step_loss = _Series()
        self.train_loss = _Series()
        self.val_loss = _Series()
        self.repaints = 0  # how often refresh() actually pushed data to the curves
        self._dirty = True
        self._last = None  # the newest StepRecord

        self._plot_widget = pg.PlotWidget(background="w", axisItems={"bottom": _StepAxis("bottom")})
        plot = self._plot_widget.getPlotItem()
        plot.setLabel("bottom", "optimizer step")
        plot.setLabel("left", "loss")
        plot.showGrid(x=True, y=True, alpha=0.2)
        for axis in ("left", "bottom"):
            plot.getAxis(axis).enableAutoSIPrefix(False)  # plain numbers: a loss of 5.9 reads 5.9
        # No in-plot legend (it covered the newest points): the summary line above the plot
        # names each curve in its colour, with its latest value.
        # The step loss is noisy, so it is drawn in a light neutral; the evaluations stand out.
        self._step_curve = _curve(plot, palette.EDGE, "step loss")
        self._train_curve = _curve(plot, palette.PARAMETER, "train loss (eval)", symbol="o")
        self._val_curve = _curve(plot, palette.GRADIENT, "val loss (eval)", symbol="t")

        self._summary = QLabel()
        self._summary.setTextFormat(Qt.TextFormat.RichText)
        self._summary.setWordWrap(True)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._stack, self._empty = empty_state_stack(EMPTY_TEXT, self._plot_widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self._summary)
        layout.addWidget(self._stack, 1)
        self.setMinimumHeight(140)
        self.refresh()

    @property
    def plot_item(self) -> pg.PlotItem:
        return self._plot_widget.getPlotItem()

    def is_empty(self) -> bool:
        return self.step_loss.n == 0 and self.train_loss.n == 0

    def add_metrics(self, metrics) -> None:
        """Record one StepRecord; painting waits for refresh(). Non-finite losses are skipped."""
        if math.isfinite(metrics.loss):
            self.step_loss.append(metrics.step, metrics.loss)
        if metrics.train_loss is not None and math.isfinite(metrics.train_loss):
            self.train_loss.append(metrics.step, metrics.train_loss)
        if metrics.val_loss is not None and math.isfinite(metrics.val_loss):
            self.val_loss.append(metrics.step, metrics.val_loss)
        self._last = metrics
        self._dirty = True

    def clear(self) -> None:
        for series in (self.step_loss, self.train_loss, self.val_loss):
            series.clear()
        self._last = None
        self._dirty = True

    def refresh(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self.repaints += 1
        self._step_curve.setData(self.step_loss.x, self.step_loss.y)
        self._train_curve.setData(self.train_loss.x, self.train_loss.y)
        self._val_curve.setData(self.val_loss.x, self.val_loss.y)
        self._stack.setCurrentIndex(0 if self.is_empty() else 1)
        self._summary.setText(self._summary_html())
        self._summary.setVisible(self._last is not None)  # the dock title already says "Loss"

    def summary_text(self) -> str:
        """The summary line as plain text, e.g. "step 20 · — step loss 9.6496 · ● train 9.5789"."""
        return " · ".join(text for _, text in self._summary_parts())

    def _summary_parts(self) -> list[tuple[str | None, str]]:
        """(colour or None, text) pieces; each curve's piece starts with its legend mark."""
        last = self._last
        if last is None:
            return []
        parts: list[tuple[str | None, str]] = [(None, f"step {last.step}"),
                                               (palette.EDGE.darker(130).name(), f"— step loss {last.loss:.4f}")]
        if self.train_loss.n:
            parts.append((palette.PARAMETER.name(), f"● train {self.train_loss.last():.4f}"))
        if self.val_loss.n:
            parts.append((palette.GRADIENT.name(), f"▲ val {self.val_loss.last():.4f}"))
        return parts

    def _summary_html(self) -> str:
        pieces = [f"<span style='color:{color}'><b>{html.escape(text[:1])}</b>{html.escape(text[1:])}</span>"
                  if color else html.escape(text) for color, text in self._summary_parts()]
        return " &nbsp;·&nbsp; ".join(pieces)
