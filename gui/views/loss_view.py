"""Live loss curves: the loss of every optimizer step, and the train/val evaluation losses.

add_metrics() only appends to numpy buffers (cheap, called per step); refresh(), driven by
the window's 30 Hz timer, hands the buffers to curves that were created once.
"""
from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gui import palette
from engine.session.curves import EmaTracker
from gui.i18n import fill
from gui.views.empty_state import empty_state_stack
from gui.views.loss_controls import LossChoices, LossControls
from gui.views.loss_plots import LossPlots

EMPTY_TEXT = QT_TRANSLATE_NOOP("LossView", "No training yet.\nPress F5 to train, or Ctrl+Return for one optimizer step.")


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


class _Run:
    """One run's columns: what the curves are drawn from (the live run, or an earlier one)."""

    def __init__(self) -> None:
        self.step, self.step_tokens, self.lr, self.grad_norm = _Series(), _Series(), _Series(), _Series()
        self.train_loss, self.val_loss = _Series(), _Series()  # x: step
        self.eval_tokens = _Series()  # x: step, y: tokens seen at that evaluation

    def add(self, record) -> None:
        if math.isfinite(record.loss):
            self.step.append(record.step, record.loss)
            self.step_tokens.append(record.step, record.tokens_seen)
            self.grad_norm.append(record.step, record.grad_norm)
            self.lr.append(record.step, record.lr if record.lr is not None else math.nan)
        for series, value in ((self.train_loss, record.train_loss), (self.val_loss, record.val_loss)):
            if value is not None and math.isfinite(value):
                series.append(record.step, value)
                if series is self.train_loss:
                    self.eval_tokens.append(record.step, record.tokens_seen)

    def clear(self) -> None:
        for series in vars(self).values():
            series.clear()


class LossView(QWidget):
    OVERLAYS = 4  # earlier runs of the session drawn muted behind the current one

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.run = _Run()
        self.repaints = 0  # how often refresh() actually pushed data to the curves
        self._dirty = True
        self._last = None  # the newest StepRecord
        self._ema = EmaTracker(LossChoices.smoothing)
        self._smoothed = _Series()  # (step, smoothed loss), grown one point per step
        self._overlays: list[_Run] = []
        self.marker_step: int | None = None
        self.choices = LossChoices()
        self.controls = LossControls()
        self.controls.changed.connect(self.set_choices)
        self._plots = LossPlots()
        self._plots.hovered.connect(self._show_hover)
        self._summary = QLabel()
        self._summary.setTextFormat(Qt.TextFormat.RichText)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._hover = QLabel()
        # the readout takes the room left over and never widens the window (longer in Serbian)
        self._hover.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._stack, self._empty = empty_state_stack(
            QCoreApplication.translate("LossView", EMPTY_TEXT), self._plots.widget)
        top = QHBoxLayout()  # one row: the summary, the hover readout, the choices
        top.addWidget(self._summary)
        top.addWidget(self._hover, 1)
        top.addWidget(self.controls)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self._stack, 1)
        self.setMinimumHeight(140)
        self.refresh()

    # compatibility names: the newest step losses and evaluations
    step_loss = property(lambda self: self.run.step)
    train_loss = property(lambda self: self.run.train_loss)
    val_loss = property(lambda self: self.run.val_loss)

    @property
    def plot_item(self) -> pg.PlotItem:
        return self._plots.loss_plot

    def is_empty(self) -> bool:
        return self.run.step.n == 0 and self.run.train_loss.n == 0

    def add_metrics(self, record) -> None:
        """Record one StepRecord; painting waits for refresh(). Non-finite losses are skipped."""
        self.run.add(record)
        if math.isfinite(record.loss):
            self._smoothed.append(record.step, self._ema.add(record.loss))
        self._last = record
        self._dirty = True

    def set_marker(self, step: int | None, record=None) -> None:
        """A vertical line at the step a viewed run is scrubbed to (None: no line); the summary
        line then reads `record` (the StepRecord logged nearest that step)."""
        if record is not None:
            self._last = record
            self._dirty = True
        line = getattr(self, "_marker", None)
        if line is None and step is not None:
            line = self._marker = pg.InfiniteLine(angle=90, movable=False,
                                                  pen=pg.mkPen(palette.GRADIENT, width=1))
            self.plot_item.addItem(line)
        if line is not None:
            line.setVisible(step is not None)
            if step is not None:
                line.setPos(step)
        self.marker_step = step

    def set_overlays(self, runs) -> None:
        """Curves to compare with, newest last: anything with .metrics of StepRecord-like
        records (earlier runs of the session, imported TensorBoard scalars)."""
        self._overlays = []
        for run in list(runs)[-self.OVERLAYS:]:
            columns = _Run()
            for record in run.metrics:
                columns.add(record)
            self._overlays.append(columns)
        self._dirty = True

    def set_choices(self, choices: LossChoices) -> None:
        if choices.smoothing != self.choices.smoothing:
            self._resmooth(choices.smoothing)
        self.choices = choices
        self._plots.apply(choices)
        self._dirty = True

    def _resmooth(self, weight: float) -> None:
        self._ema = EmaTracker(weight)
        self._smoothed.clear()
        for x, y in zip(self.run.step.x, self.run.step.y):
            self._smoothed.append(x, self._ema.add(float(y)))

    def clear(self) -> None:
        self.run.clear()
        self._smoothed.clear()
        self._ema = EmaTracker(self.choices.smoothing)
        self._last = None
        self._hover.clear()
        self._dirty = True

    def refresh(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self.repaints += 1
        self._plots.draw(self.run, self._smoothed, self._overlays, self.choices)
        self._stack.setCurrentIndex(0 if self.is_empty() else 1)
        self._summary.setText(self._summary_html())
        self._summary.setVisible(self._last is not None)  # the dock title already says "Loss"

    def _show_hover(self, x: float) -> None:
        self._hover.setText(self._plots.readout(self.run, self._smoothed, self.choices, x))

    def summary_text(self) -> str:
        """The summary line as plain text, e.g. "step 20 · — step loss 9.6496 · ● train 9.5789"."""
        return " · ".join(text for _, text in self._summary_parts())

    def _summary_parts(self) -> list[tuple[str | None, str]]:
        """(colour or None, text) pieces; each curve's piece starts with its legend mark."""
        last = self._last
        if last is None:
            return []
        parts: list[tuple[str | None, str]] = [
            (None, fill(self.tr("step {step:,}"), step=last.step)),
            (palette.EDGE.darker(130).name(), "— " + fill(self.tr("step loss {loss:.4f}"), loss=last.loss))]
        if self.run.train_loss.n:
            parts.append((palette.PARAMETER.name(),
                          "● " + fill(self.tr("train {loss:.4f}"), loss=self.run.train_loss.last())))
        if self.run.val_loss.n:
            parts.append((palette.GRADIENT.name(),
                          "▲ " + fill(self.tr("val {loss:.4f}"), loss=self.run.val_loss.last())))
        return parts

    def _summary_html(self) -> str:
        pieces = [f"<span style='color:{color}'><b>{html.escape(text[:1])}</b>{html.escape(text[1:])}</span>"
                  if color else html.escape(text) for color, text in self._summary_parts()]
        return " &nbsp;·&nbsp; ".join(pieces)
