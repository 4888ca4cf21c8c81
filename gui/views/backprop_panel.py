"""Step-through backprop controls: step into / over / out, back, forward, run to end, scrub.

Holds a StepCursor over the latest trace and emits cursorChanged after every move. Without
a trace (or with a stale one, after an optimizer step) a step request emits needTrace and the
step runs once, when set_trace delivers the new trace.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QSlider, QToolButton, QWidget

# Key sequences for the main window's menu actions (the panel's tooltips show them; the
# menus own the shortcuts, so no key is bound twice).
SHORTCUTS = {
    "step_into": "F11",
    "step_over": "F10",
    "step_out": "Shift+F11",
    "step_back": "Backspace",
    "forward_step": "",
    "run_to_end": "",
}


class BackpropPanel(QWidget):
    cursorChanged = Signal(object)  # the StepCursor (read it in the GUI thread only)
    needTrace = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cursor = None
        self.trace = None
        self.stale = False
        self.pending: str | None = None  # the step to perform once a trace arrives
        self.groups_provider: Callable[[], object] = lambda: set()  # collapsed modules for step over

        self.buttons: dict[str, QToolButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        specs = [
            ("step_out", "⤒ Step out", "Leave the current module"),
            ("step_over", "↷ Step over", "Finish the current collapsed group or module"),
            ("step_into", "↓ Step into", "The next autograd node"),
            ("step_back", "◀ Back", "Return to the previous node (also Alt+Left)"),
            ("forward_step", "▶ Forward op", "Run the next forward op (before backprop)"),
            ("run_to_end", "» Run to end", "Run backprop to the end and show the optimizer update"),
        ]
        for name, text, tip in specs:
            button = QToolButton()
            button.setText(text)
            key = SHORTCUTS.get(name)
            button.setToolTip(f"{tip} ({key})" if key else tip)
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            button.clicked.connect(getattr(self, name))
            row.addWidget(button)
            self.buttons[name] = button
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setToolTip("Scrub through the recorded forward ops, backward nodes and the update")
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._on_slider)
        row.addWidget(self.slider, 1)
        self.position_label = QLabel("no trace — F11 traces one step")
        self.position_label.setMinimumWidth(170)
        row.addWidget(self.position_label)
        # one row of controls: the dock never grows taller and takes height from the graph
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    # -- trace ------------------------------------------------------------------------------
    def set_trace(self, trace) -> None:
        """A new trace: a fresh cursor at the start, then any step that was waiting for it."""
        from engine.tracing.cursor import StepCursor

        self.trace = trace
        self.cursor = StepCursor(trace)
        self.stale = False
        self.slider.blockSignals(True)
        self.slider.setRange(0, self.cursor.total)
        self.slider.setValue(self.cursor.position)
        self.slider.blockSignals(False)
        self.slider.setEnabled(True)
        pending, self.pending = self.pending, None
        if pending is not None:
            getattr(self, pending)()  # emits cursorChanged itself
        else:
            self._changed()

    def clear(self) -> None:
        """No trace (another model was built); the next step asks for one."""
        self.trace = None
        self.cursor = None
        self.stale = False
        self.pending = None
        self.slider.blockSignals(True)
        self.slider.setRange(0, 0)
        self.slider.blockSignals(False)
        self.slider.setEnabled(False)
        self.position_label.setText(self._position_text())

    def mark_stale(self) -> None:
        """The model moved on (an optimizer step): the next step asks for a new trace."""
        self.stale = True
        self.position_label.setText(self._position_text() + "  (stale)")

    def forward_count(self) -> int:
        return len(self.trace.forward_ops) if self.trace is not None else 0

    # -- steps ------------------------------------------------------------------------------
    def _ready(self, action: str) -> bool:
        if self.cursor is not None and not self.stale:
            return True
        first = self.pending is None
        self.pending = action
        self.position_label.setText("tracing one step…")
        if first:
            self.needTrace.emit()
        return False

    def step_into(self) -> None:
        """The next autograd node; from the forward phase, the first one (the loss's grad_fn)."""
        if not self._ready("step_into"):
            return
        first_backward = self.forward_count() + 1
        if self.cursor.position < first_backward:
            self.cursor.seek(min(first_backward, self.cursor.total))
        else:
            self.cursor.forward()
        self._changed()

    def step_over(self) -> None:
        if not self._ready("step_over"):
            return
        if self.cursor.position <= self.forward_count():
            self.cursor.seek(min(self.forward_count() + 1, self.cursor.total))
        else:
            self.cursor.step_over(self.groups_provider())
        self._changed()

    def step_out(self) -> None:
        if not self._ready("step_out"):
            return
        if self.cursor.position <= self.forward_count():
            self.cursor.seek(min(self.forward_count() + 1, self.cursor.total))
        else:
            self.cursor.step_out()
        self._changed()

    def step_back(self) -> None:
        if not self._ready("step_back"):
            return
        self.cursor.back()
        self._changed()

    def forward_step(self) -> None:
        if not self._ready("forward_step"):
            return
        self.cursor.forward()
        self._changed()

    def run_to_end(self) -> None:
        if not self._ready("run_to_end"):
            return
        self.cursor.seek(self.cursor.total)
        self._changed()

    def seek(self, position: int) -> None:
        """Jump to a cursor position (the slider does the same); needs a trace."""
        if self.cursor is None:
            return
        self.cursor.seek(position)
        self._changed()

    # -- display ----------------------------------------------------------------------------
    def _on_slider(self, value: int) -> None:
        if self.cursor is not None and value != self.cursor.position:
            self.cursor.seek(value)
            self._changed()

    def _position_text(self) -> str:
        if self.cursor is None:
            return "no trace — F11 traces one step"
        return f"{self.cursor.position} / {self.cursor.total}  {self.cursor.phase()}"

    def _changed(self) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self.cursor.position)
        self.slider.blockSignals(False)
        self.position_label.setText(self._position_text())
        self.cursorChanged.emit(self.cursor)
