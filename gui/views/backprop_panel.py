"""Step-through backprop controls: trace, step into / over / out, back, forward op, run to
end, and a slider over the traced step.

A thin view of the session: buttons call the session's moves; the slider and the label show
the session's position ("backward 5 of 6") and which optimizer step the trace shows.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QSlider, QToolButton, QWidget

from engine.session import events as ev
from engine.session.session import StudioSession
from gui.i18n import fill, render

NO_TRACE_TEXT = QT_TRANSLATE_NOOP("BackpropPanel", "no trace — F11 traces the next step")

# (button name, text, tooltip, shortcut shown in the tooltip; the menus own the shortcuts)
BUTTONS = (
    ("trace", QT_TRANSLATE_NOOP("BackpropPanel", "⟳ Trace"),
     QT_TRANSLATE_NOOP("BackpropPanel", "Record the next training step (pauses training)"), "Ctrl+T"),
    ("step_out", QT_TRANSLATE_NOOP("BackpropPanel", "⤒ Step out"),
     QT_TRANSLATE_NOOP("BackpropPanel", "Leave the current module"), "Shift+F11"),
    ("step_over", QT_TRANSLATE_NOOP("BackpropPanel", "↷ Step over"),
     QT_TRANSLATE_NOOP("BackpropPanel", "Finish the current collapsed group or module"), "F10"),
    ("step_into", QT_TRANSLATE_NOOP("BackpropPanel", "↓ Step into"),
     QT_TRANSLATE_NOOP("BackpropPanel", "The next autograd node"), "F11"),
    ("step_back", QT_TRANSLATE_NOOP("BackpropPanel", "◀ Back"),
     QT_TRANSLATE_NOOP("BackpropPanel", "Return to the previous node"), "Backspace, Alt+Left"),
    ("forward_op", QT_TRANSLATE_NOOP("BackpropPanel", "▶ Forward op"),
     QT_TRANSLATE_NOOP("BackpropPanel", "Run the next forward op (before backprop)"), ""),
    ("run_to_end", QT_TRANSLATE_NOOP("BackpropPanel", "» Run to end"),
     QT_TRANSLATE_NOOP("BackpropPanel", "Run backprop to the end and show the optimizer update"), ""),
)


class BackpropPanel(QWidget):
    def __init__(self, session: StudioSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.buttons: dict[str, QToolButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        actions = {"trace": session.trace_now, "step_out": session.step_out,
                   "step_over": session.step_over, "step_into": session.step_into,
                   "step_back": session.step_back, "forward_op": session.forward_op,
                   "run_to_end": session.run_to_end}
        for name, text, tip, key in BUTTONS:
            button = QToolButton()
            button.setText(QCoreApplication.translate("BackpropPanel", text))
            tip = QCoreApplication.translate("BackpropPanel", tip)
            button.setToolTip(f"{tip} ({key})" if key else tip)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(actions[name])
            row.addWidget(button)
            self.buttons[name] = button
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(self.tr("Scrub through the traced step: forward ops, backward nodes, the update"))
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._on_slider)
        row.addWidget(self.slider, 1)
        self.position_label = QLabel(self._no_trace_text())
        self.position_label.setMinimumWidth(220)
        row.addWidget(self.position_label)
        # one row of controls: the dock never grows taller and takes height from the graph
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    # -- session events ---------------------------------------------------------------------
    def on_rebuilding(self, _event: ev.ModelRebuilding) -> None:
        self._set_slider(0, 0, enabled=False)
        self.position_label.setText(self._no_trace_text())

    def on_tracing(self, event: ev.TracingStarted) -> None:
        self.position_label.setText(fill(self.tr("tracing step {step}…"), step=event.step))

    def on_trace(self, event: ev.TraceChanged) -> None:
        traced = event.traced
        if traced is None:
            self.on_rebuilding(None)
            return
        self._set_slider(traced.cursor.total, traced.cursor.position, enabled=True)
        self.refresh_label()

    def on_cursor(self, event: ev.CursorMoved) -> None:
        self._set_slider(event.position.total, event.position.value, enabled=True)
        self.refresh_label()

    def refresh_label(self) -> None:
        """"backward 5 of 6 · step 21", plus how far the model has moved on since."""
        session = self.session
        if session.traced is None:
            self.position_label.setText(self._no_trace_text())
            return
        self.position_label.setText(f"{render(session.traced.position.text())} · {render(session.trace_label())}")

    def position_text(self) -> str:
        return self.position_label.text()

    # -- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _no_trace_text() -> str:
        return QCoreApplication.translate("BackpropPanel", NO_TRACE_TEXT)

    def _set_slider(self, total: int, value: int, enabled: bool) -> None:
        self.slider.blockSignals(True)
        self.slider.setRange(0, total)
        self.slider.setValue(value)
        self.slider.blockSignals(False)
        self.slider.setEnabled(enabled)

    def _on_slider(self, value: int) -> None:
        self.session.seek(value)
