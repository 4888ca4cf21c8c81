"""The tensor lab: type tensor code, run it (Ctrl+Enter), see each result in the tensor widget.

A thin view: engine/learn/tensor_lab.py parses and runs the program (safely, on the CPU) and
returns plain records; this widget shows the program, the list of results, the selected one
with its shape, dtype and rank, and the refusal or error when there is one.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QListWidget, QPlainTextEdit, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from engine.learn.lab_records import SOURCE_EXAMPLES, LabRun
from gui.i18n import fill, render
from gui.views.tensor_widgets import TensorView, wrapping_label

NARROW = 720  # below this width the panes stack vertically


def _run_lab(program: str) -> LabRun:
    from engine.learn.tensor_lab import run_lab  # runs torch on the CPU; tiny programs only
    return run_lab(program)


class TensorLab(QWidget):
    def __init__(self, run_program: Callable[[str], LabRun] = _run_lab, parent: QWidget | None = None):
        super().__init__(parent)
        self._run_program = run_program
        self.last_run: LabRun | None = None
        self._dirty = False
        self.editor = QPlainTextEdit(SOURCE_EXAMPLES)
        self.editor.setFont(QFont("monospace"))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setToolTip(self.tr("Supported: torch.tensor([...]), a = ..., + - * / @, .shape .dtype .T "
                                       ".reshape() .view() .to(torch.float32) .transpose(i, j) .matmul() .sum() ..."))
        self.run_button = QPushButton(self.tr("Run  (Ctrl+Enter)"))
        self.run_button.clicked.connect(self.run)
        self.reset_button = QPushButton(self.tr("Examples"))
        self.reset_button.setToolTip(self.tr("Put the source material's examples back"))
        self.reset_button.clicked.connect(lambda: (self.editor.setPlainText(SOURCE_EXAMPLES), self.run()))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.editor, self.run)
        self.message = wrapping_label()
        self.results = QListWidget()
        self.results.currentRowChanged.connect(self._show_result)
        self.tensor_view = TensorView()
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        code = QWidget()
        code_box = QVBoxLayout(code)
        code_box.setContentsMargins(0, 0, 0, 0)
        code_box.addWidget(self.editor, 1)
        code_box.addLayout(buttons)
        code_box.addWidget(self.message)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for w in (code, self.results, self.tensor_view):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 5)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.splitter)
        self.run()

    def run(self) -> None:
        """Run the program now (it is small: the lab caps every tensor at a million elements)."""
        self.last_run = self._run_program(self.editor.toPlainText())
        self._dirty = True
        self.refresh()

    def refresh(self) -> None:
        if not self._dirty or self.last_run is None:
            return
        self._dirty = False
        run = self.last_run
        keep = self.results.currentRow()
        self.results.blockSignals(True)
        self.results.clear()
        for result in run.results:
            self.results.addItem(render(result.describe()))
        self.results.blockSignals(False)
        count = len(run.results)
        self.message.setText(render(run.problem) if run.problem else self._count_text(count))
        self.message.setStyleSheet("color: #D55E00;" if run.problem else "")
        if count:
            self.results.setCurrentRow(keep if 0 <= keep < count else count - 1)
            self._show_result(self.results.currentRow())
        else:
            self.tensor_view.set_array(None, "")

    def _count_text(self, count: int) -> str:
        if count == 1:
            return self.tr("%n result. Click it to see it.", "", count)
        return self.tr("%n results. Click one to see it.", "", count)

    def _show_result(self, row: int) -> None:
        if self.last_run is None or not 0 <= row < len(self.last_run.results):
            return
        result = self.last_run.results[row]
        if result.is_tensor:
            title = fill(self.tr("{name} (tensor)"), name=result.name)  # the name is the learner's code
            self.tensor_view.set_array(result.values, title, dtype=result.dtype)
        else:
            self.tensor_view.set_array(None, f"{result.name} = {result.text}")

    def resizeEvent(self, event) -> None:
        orientation = Qt.Orientation.Vertical if event.size().width() < NARROW else Qt.Orientation.Horizontal
        if orientation != self.splitter.orientation():
            self.splitter.setOrientation(orientation)
            along = event.size().height() if orientation == Qt.Orientation.Vertical else event.size().width()
            self.splitter.setSizes([int(along * f) for f in (0.35, 0.2, 0.45)])
        super().resizeEvent(event)

    def text(self) -> str:
        """The message, the results and the shown tensor, as plain text."""
        parts = [self.message.text()] + [self.results.item(i).text() for i in range(self.results.count())]
        return "\n".join(parts + [self.tensor_view.text()])
