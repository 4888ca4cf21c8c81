"""The attention view's second row: the learner's own text, and the probe that records how a
layer's attention forms while the model trains (a slider scrubs the recorded steps)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSlider, QWidget

from gui.i18n import fill

PROBE_EVERY = 10  # optimizer steps between two probe captures


class AttentionTextControls(QWidget):
    textRequested = Signal(str)  # capture on this text (all heads of the chosen layer)
    probeToggled = Signal(bool)
    probeChosen = Signal(int)  # index into the recorded probe captures

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Your own text, e.g. 'Every effort moves you' (Enter)"))
        self.text.setToolTip(self.tr("Capture every head of the chosen layer on this text"))
        self.text.returnPressed.connect(self._request)
        self.text_button = QPushButton(self.tr("On my text"))
        self.text_button.clicked.connect(self._request)
        every = PROBE_EVERY
        self.probe = QCheckBox(self.tr("probe every %n steps", "", every))
        self.probe.setToolTip(self.tr("While training, capture the chosen layer on a fixed text every "
                                      "%n steps; the slider then shows how the pattern formed", "", every))
        self.probe.toggled.connect(self.probeToggled)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setEnabled(False)
        self.slider.setToolTip(self.tr("Scrub the probe captures recorded so far"))
        self.slider.valueChanged.connect(self.probeChosen)
        self.slider_label = QLabel("")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 2)
        row.addWidget(self.text_button)
        row.addWidget(self.probe)
        row.addWidget(self.slider, 1)
        row.addWidget(self.slider_label)

    def _request(self) -> None:
        if self.text.text().strip():
            self.textRequested.emit(self.text.text())

    def show_probes(self, steps: list[int], follow_newest: bool = True) -> None:
        """The recorded probe steps; the slider jumps to the newest when it was at the end."""
        at_end = self.slider.value() >= self.slider.maximum()
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(steps) - 1))
        if follow_newest and at_end:
            self.slider.setValue(len(steps) - 1)
        self.slider.blockSignals(False)
        self.slider.setEnabled(len(steps) > 1)
        index = self.slider.value()
        self.slider_label.setText(fill(self.tr("step {step} ({index} of {count})"), step=steps[index],
                                       index=index + 1, count=len(steps)) if steps else "")
