"""Asks before a rebuild would end a run that has steps: nothing is discarded silently."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from engine.session.events import RebuildChoice, RebuildQuestion


def describe(spec) -> str:
    text = spec.key.title
    return f"{text} ({spec.preset})" if spec.key.value == "gpt" else text


def rebuild_box(parent: QWidget | None, question: RebuildQuestion) -> tuple[QMessageBox, dict]:
    """The question as a message box and its buttons (button -> choice)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Build a new model?")
    box.setText(f"The current model has trained {question.steps:,} steps.")
    box.setInformativeText(
        f"Switching to {describe(question.proposed)} builds a new model. The current run is kept "
        f"in the session for comparison, or you can keep training {describe(question.current)}.")
    buttons = {
        box.addButton("Rebuild, keep the old run", QMessageBox.ButtonRole.AcceptRole):
            RebuildChoice.REBUILD,
        box.addButton("Train on with the current model", QMessageBox.ButtonRole.RejectRole):
            RebuildChoice.KEEP_TRAINING,
        box.addButton(QMessageBox.StandardButton.Cancel): RebuildChoice.CANCEL,
    }
    box.setDefaultButton(next(iter(buttons)))
    box.setEscapeButton(box.button(QMessageBox.StandardButton.Cancel))
    return box, buttons


def ask_rebuild(parent: QWidget | None, question: RebuildQuestion) -> RebuildChoice:
    box, buttons = rebuild_box(parent, question)
    box.exec()
    return buttons.get(box.clickedButton(), RebuildChoice.CANCEL)
