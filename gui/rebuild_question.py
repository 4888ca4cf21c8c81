"""Asks before a rebuild would end a run that has steps: nothing is discarded silently."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from engine.session.events import RebuildChoice, RebuildQuestion
from gui.i18n import render


def describe(spec) -> str:
    text = render(spec.key.title)
    return f"{text} ({spec.preset})" if spec.key.value == "gpt" else text


class RebuildBox(QMessageBox):
    """The question with its three answers; `choices` maps each button to its answer."""

    def __init__(self, parent: QWidget | None, question: RebuildQuestion):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Build a new model?"))
        steps = question.steps
        self.setText(self.tr("The current model has trained %Ln steps.", "", steps))
        self.setInformativeText(self.tr(
            "Switching to {proposed} builds a new model. The current run is kept in the session "
            "for comparison, or you can keep training {current}.").format(
                proposed=describe(question.proposed), current=describe(question.current)))
        self.choices = {
            self.addButton(self.tr("Rebuild, keep the old run"), QMessageBox.ButtonRole.AcceptRole):
                RebuildChoice.REBUILD,
            self.addButton(self.tr("Train on with the current model"),
                           QMessageBox.ButtonRole.RejectRole): RebuildChoice.KEEP_TRAINING,
            self.addButton(QMessageBox.StandardButton.Cancel): RebuildChoice.CANCEL,
        }
        self.setDefaultButton(next(iter(self.choices)))
        self.setEscapeButton(self.button(QMessageBox.StandardButton.Cancel))


def rebuild_box(parent: QWidget | None, question: RebuildQuestion) -> tuple[QMessageBox, dict]:
    """The question as a message box and its buttons (button -> choice)."""
    box = RebuildBox(parent, question)
    return box, box.choices


def ask_rebuild(parent: QWidget | None, question: RebuildQuestion) -> RebuildChoice:
    box, buttons = rebuild_box(parent, question)
    box.exec()
    return buttons.get(box.clickedButton(), RebuildChoice.CANCEL)
