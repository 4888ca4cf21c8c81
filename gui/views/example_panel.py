"""Autograd basics, by hand: edit x, y, w and b and see every number change; check autograd's
gradients against finite differences.

A thin view: the spin boxes show the traced step's values (in the learner's names) and send
edits to the session, which has the engine set them and trace the step again.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from engine.session import events as ev
from engine.session.formatting import fmt_number
from engine.session.session import StudioSession
from engine.session.spec import ScenarioKey

# name -> (range, tooltip); y is a probability for binary cross-entropy
EXAMPLE_FIELDS = {
    "x": ((-100.0, 100.0), QT_TRANSLATE_NOOP("ExamplePanel", "the input")),
    "w": ((-100.0, 100.0), QT_TRANSLATE_NOOP("ExamplePanel", "the weight (a parameter)")),
    "b": ((-100.0, 100.0), QT_TRANSLATE_NOOP("ExamplePanel", "the bias (a parameter)")),
    "y": ((0.0, 1.0), QT_TRANSLATE_NOOP("ExamplePanel", "the target: a probability between 0 and 1")),
}
OTHER_SCENARIO_TEXT = QT_TRANSLATE_NOOP(
    "ExamplePanel", "x, y, w and b belong to Autograd basics. The numeric check works here "
    "too: it compares autograd with finite differences for every parameter.")


class ExamplePanel(QWidget):
    def __init__(self, session: StudioSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.boxes: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout()
        for name, ((low, high), tip) in EXAMPLE_FIELDS.items():
            box = QDoubleSpinBox()
            box.setRange(low, high)
            box.setDecimals(4)
            box.setSingleStep(0.1)
            box.setToolTip(self.tr("{name}: {tip}. Enter (or leaving the box) re-traces the step.").format(
                name=name, tip=QCoreApplication.translate("ExamplePanel", tip)))
            box.setKeyboardTracking(False)  # one edit when the learner is done typing
            box.valueChanged.connect(lambda value, n=name: self._edited(n, value))
            form.addRow(f"{name} =", box)
            self.boxes[name] = box
        self.note = QLabel(QCoreApplication.translate("ExamplePanel", OTHER_SCENARIO_TEXT))
        self.note.setWordWrap(True)
        self.check_button = QPushButton(self.tr("Check with finite differences"))
        self.check_button.setToolTip(self.tr("For each parameter: autograd's gradient, the numeric one "
                                             "(L(p+ε) − L(p−ε)) / 2ε, and their difference"))
        self.check_button.clicked.connect(session.check_gradients)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("parameter"), self.tr("autograd"), self.tr("numeric"),
                                              self.tr("difference")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addLayout(form)
        top.addWidget(self.note, 1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.check_button)
        box.addWidget(self.table, 1)
        self._syncing = False
        self.show_scenario(session.spec.key)

    def connect_session(self, adapter) -> None:
        adapter.specChanged.connect(lambda e: self.show_scenario(e.spec.key))
        adapter.traceChanged.connect(self._on_trace)
        adapter.gradientCheckReady.connect(self.show_check)
        adapter.modelRebuilding.connect(lambda e: self.table.setRowCount(0))

    def show_scenario(self, key: ScenarioKey) -> None:
        scalar = key == ScenarioKey.SCALAR
        for box in self.boxes.values():
            box.setEnabled(scalar)
        self.note.setVisible(not scalar)
        self.check_button.setEnabled(key != ScenarioKey.GPT)
        self.check_button.setToolTip("" if key != ScenarioKey.GPT else
                                     self.tr("Too slow for a GPT: try Autograd basics or the small net"))

    def _on_trace(self, event: ev.TraceChanged) -> None:
        """Show the traced values (the engine's, after any edit) in the boxes."""
        traced = event.traced
        if traced is None or self.session.spec.key != ScenarioKey.SCALAR:
            return
        by_name = {name: node for node, name in traced.facts.names.items()}
        self._syncing = True
        for name, box in self.boxes.items():
            value = traced.facts.fwd_value.get(by_name.get(name, ""))
            if value is not None:
                box.setValue(value)
        self._syncing = False

    def _edited(self, name: str, value: float) -> None:
        if not self._syncing:
            self.session.set_example(**{name: value})

    def show_check(self, event: ev.GradientCheckReady) -> None:
        self.table.setRowCount(len(event.entries))
        for row, entry in enumerate(event.entries):
            where = "" if not entry.index else f"[{', '.join(map(str, entry.index))}]"
            cells = (f"{entry.param_name}{where}", fmt_number(entry.autograd),
                     fmt_number(entry.numeric), f"{entry.abs_error:.1e}")
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
