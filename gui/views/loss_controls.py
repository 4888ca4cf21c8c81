"""The loss view's choices: smoothing, log scale, perplexity, x by step or tokens, and the
linked learning-rate / gradient-norm plot."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QWidget


class XAxis(str, Enum):
    STEPS = QT_TRANSLATE_NOOP("LossControls", "optimizer step")  # also the x axis's label
    TOKENS = QT_TRANSLATE_NOOP("LossControls", "tokens seen")

    def label(self) -> str:
        """What the learner reads: the axis label and the combo's item."""
        return QCoreApplication.translate("LossControls", self.value)


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
        self.smoothing.setToolTip(self.tr("Debiased exponential moving average (0 = raw); the raw curve "
                                          "stays faint behind the smoothed one"))
        self.log_y = QCheckBox(self.tr("log"))
        self.log_y.setToolTip(self.tr("Logarithmic loss axis"))
        self.perplexity = QCheckBox(self.tr("perplexity"))
        self.perplexity.setToolTip(self.tr("Show exp(loss): how many equally likely next tokens the "
                                           "model is as unsure as"))
        self.x_axis = QComboBox()
        for axis in XAxis:
            self.x_axis.addItem(axis.label(), axis)
        # && : a literal & (one would be a mnemonic)
        self.rates = QCheckBox(self.tr("lr && grad norm"))
        self.rates.setToolTip(self.tr("A linked plot of the learning rate and the gradient norm"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("smoothing")))
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
