"""The loss view's choices: smoothing, log scale, perplexity, x by step or tokens, and the
linked learning-rate / gradient-norm plot."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QWidget


class XAxis(str, Enum):
    STEPS = "optimizer step"
    TOKENS = "tokens seen"


@dataclass(frozen=True)
class LossChoices:
    smoothing: float = 0.6  # TensorBoard's default weight
    log_y: bool = False
    perplexity: bool = False
    x_axis: XAxis = XAxis.STEPS
    show_rates: bool = False  # learning rate and gradient norm on a linked plot


class LossControls(QWidget):
    changed = Signal(LossChoices)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.smoothing = QDoubleSpinBox()
        self.smoothing.setRange(0.0, 0.999)
        self.smoothing.setSingleStep(0.05)
        self.smoothing.setDecimals(3)
        self.smoothing.setValue(LossChoices.smoothing)
        self.smoothing.setToolTip("Debiased exponential moving average (0 = raw); the raw curve "
                                  "stays faint behind the smoothed one")
        self.log_y = QCheckBox("log")
        self.log_y.setToolTip("Logarithmic loss axis")
        self.perplexity = QCheckBox("perplexity")
        self.perplexity.setToolTip("Show exp(loss): how many equally likely next tokens the "
                                   "model is as unsure as")
        self.x_axis = QComboBox()
        for axis in XAxis:
            self.x_axis.addItem(axis.value, axis)
        self.rates = QCheckBox("lr && grad norm")  # && : a literal & (one would be a mnemonic)
        self.rates.setToolTip("A linked plot of the learning rate and the gradient norm")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("smoothing"))
        for w in (self.smoothing, self.log_y, self.perplexity, self.x_axis, self.rates):
            row.addWidget(w)
        self.smoothing.valueChanged.connect(self._emit)
        for box in (self.log_y, self.perplexity, self.rates):
            box.toggled.connect(self._emit)
        self.x_axis.currentIndexChanged.connect(self._emit)

    def choices(self) -> LossChoices:
        return LossChoices(smoothing=self.smoothing.value(), log_y=self.log_y.isChecked(),
                           perplexity=self.perplexity.isChecked(),
                           x_axis=XAxis(self.x_axis.currentData()), show_rates=self.rates.isChecked())

    def _emit(self, *_):
        self.changed.emit(self.choices())
