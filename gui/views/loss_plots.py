"""The loss view's plots: items created once, updated with setData from the 30 Hz refresh.

Top: the raw step loss faint behind its debiased EMA, the train/val evaluations, and earlier
runs of the session muted. Below (on request): learning rate and gradient norm, x-linked.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtGui import QColor

from engine.session.curves import perplexity
from engine.session.formatting import fmt_number
from gui import palette
from gui.i18n import fill
from gui.views.loss_controls import LossChoices, XAxis


def _curve(plot: pg.PlotItem, color, symbol: str | None = None, width: float = 1.0) -> pg.PlotDataItem:
    curve = plot.plot([], [], pen=pg.mkPen(color, width=width), symbol=symbol, symbolSize=5,
                      symbolPen=None, symbolBrush=color)
    curve.setDownsampling(auto=True, method="peak")  # 100,000 points stay smooth
    curve.setClipToView(True)
    return curve


def _faint(color: QColor, alpha: int) -> QColor:
    faint = QColor(color)
    faint.setAlpha(alpha)
    return faint


class _WholeStepAxis(pg.AxisItem):
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


class LossPlots(QObject):
    hovered = Signal(float)  # x in data coordinates under the mouse

    def __init__(self, overlays: int = 4):
        super().__init__()
        self.widget = pg.GraphicsLayoutWidget()
        self.widget.setBackground("w")
        self.loss_plot = self.widget.addPlot(row=0, col=0, axisItems={"bottom": _WholeStepAxis("bottom")})
        self.rates_plot = self.widget.addPlot(row=1, col=0)
        self.rates_plot.setXLink(self.loss_plot)
        for plot in (self.loss_plot, self.rates_plot):
            plot.showGrid(x=True, y=True, alpha=0.2)
            for axis in ("left", "bottom"):
                plot.getAxis(axis).enableAutoSIPrefix(False)  # a loss of 5.9 reads 5.9
        self.overlays = [_curve(self.loss_plot, _faint(palette.EDGE, 90)) for _ in range(overlays)]
        self.raw = _curve(self.loss_plot, _faint(palette.EDGE, 70))
        self.smooth = _curve(self.loss_plot, palette.TEXT, width=1.5)
        self.train = _curve(self.loss_plot, palette.PARAMETER, symbol="o")
        self.val = _curve(self.loss_plot, palette.GRADIENT, symbol="t")
        self.lr = _curve(self.rates_plot, palette.ACTIVATION)
        self.grad_norm = _curve(self.rates_plot, palette.GRADIENT)
        self.rates_plot.setLogMode(y=True)
        self.rates_plot.setLabel("left", "lr · ‖g‖")
        self.loss_plot.scene().sigMouseMoved.connect(self._on_mouse)
        self.apply(LossChoices())

    def apply(self, choices: LossChoices) -> None:
        self.loss_plot.setLogMode(y=choices.log_y)
        self.loss_plot.setLabel("left", self.tr("perplexity") if choices.perplexity else self.tr("loss"))
        self.loss_plot.setLabel("bottom", choices.x_axis.label())
        self.rates_plot.setVisible(choices.show_rates)

    def draw(self, run, smoothed, overlays, choices: LossChoices) -> None:
        def y_of(values: np.ndarray) -> np.ndarray:
            return perplexity(values) if choices.perplexity else values

        def x_of(series, tokens=None) -> np.ndarray:
            if choices.x_axis == XAxis.TOKENS and tokens is not None:
                return tokens.y
            return series.x

        self.raw.setData(x_of(run.step, run.step_tokens), y_of(run.step.y))
        self.smooth.setData(x_of(smoothed, run.step_tokens), y_of(smoothed.y))
        self.train.setData(x_of(run.train_loss, run.eval_tokens), y_of(run.train_loss.y))
        self.val.setData(x_of(run.val_loss, run.eval_tokens), y_of(run.val_loss.y))
        for curve, earlier in zip(self.overlays, [*overlays, *[None] * len(self.overlays)]):
            if earlier is None:
                curve.setData([], [])
            else:
                curve.setData(x_of(earlier.step, earlier.step_tokens), y_of(earlier.step.y))
        lr = run.lr.y
        has_lr = lr.size and np.isfinite(lr).any()
        self.lr.setData(x_of(run.lr, run.step_tokens) if has_lr else [], lr if has_lr else [])
        self.grad_norm.setData(x_of(run.grad_norm, run.step_tokens), np.maximum(run.grad_norm.y, 1e-12))
        self._frame_first_step(x_of(run.step, run.step_tokens))

    def _frame_first_step(self, x: np.ndarray) -> None:
        """One point has no range to fit: show it from 0 with room on the right."""
        view = self.loss_plot.getViewBox()
        if x.size == 1:
            view.setXRange(0.0, max(2.0, float(x[0]) * 1.5), padding=0)
        elif x.size > 1 and not view.autoRangeEnabled()[0]:
            view.enableAutoRange(axis="x")

    def _on_mouse(self, scene_pos) -> None:
        if self.loss_plot.sceneBoundingRect().contains(scene_pos):
            self.hovered.emit(float(self.loss_plot.getViewBox().mapSceneToView(scene_pos).x()))

    def readout(self, run, smoothed, choices: LossChoices, x: float) -> str:
        """"step 120 · loss 5.91 · smoothed 6.02" for the step nearest to `x`."""
        xs = run.step_tokens.y if choices.x_axis == XAxis.TOKENS else run.step.x
        if xs.size == 0:
            return ""
        i = int(np.clip(np.searchsorted(xs, x), 0, xs.size - 1))
        if i > 0 and abs(xs[i - 1] - x) < abs(xs[i] - x):
            i -= 1
        loss, smooth = float(run.step.y[i]), float(smoothed.y[i]) if i < smoothed.n else math.nan
        what = self.tr("perplexity") if choices.perplexity else self.tr("loss")
        if choices.perplexity:
            loss, smooth = float(perplexity(np.array([loss]))[0]), float(perplexity(np.array([smooth]))[0])
        return fill(self.tr("step {step:,} · tokens {tokens:,} · {what} {loss} · smoothed {smoothed}"),
                    step=int(run.step.x[i]), tokens=int(run.step_tokens.y[i]), what=what,
                    loss=_number(loss), smoothed=_number(smooth))


def _number(value: float) -> str:
    """fmt_number's digits with the locale's decimal point (5,91 in Serbian)."""
    return fmt_number(value).replace(".", QLocale().decimalPoint())
