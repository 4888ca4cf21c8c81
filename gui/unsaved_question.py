"""Asks before trained weights that no checkpoint holds are lost (engine/session/unsaved.py).

- Closing the window: Save… / Discard / Cancel (`ask_unsaved`; `window.ask_unsaved`, which
  tests replace). Save… asks for a folder (`window.ask_save_path`), pauses, saves, and closes
  once the checkpoint is whole; a failed or cancelled save keeps the window open.
- Replacing the model (load, import, corpus, Reset, scenario, preset, config): the rebuild
  question already asks, so it is asked once, with "Save…, then rebuild" added (`ask_rebuild`).
Nothing is asked when nothing would be lost, or once the engine has stopped.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from engine.session import events as ev
from engine.session.file_tasks import Outcome
from gui.i18n import fill
from gui.rebuild_question import rebuild_box


class UnsavedBox(QMessageBox):
    """Save… / Discard / Cancel; `choices` maps each button to its answer."""

    def __init__(self, parent: QWidget | None, question: ev.UnsavedQuestion):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Save the trained weights?"))
        if question.saved_step:
            self.setText(fill(self.tr("The model has trained to step {steps:,}; the last checkpoint "
                                      "holds step {saved:,}."), steps=question.steps, saved=question.saved_step))
        else:
            steps = question.steps
            self.setText(self.tr("The model has trained %Ln steps that no checkpoint holds.", "", steps))
        self.setInformativeText(self.tr("The run's metrics are kept on disk; its weights are lost "
                                        "unless you save a checkpoint."))
        self.choices = {
            self.addButton(self.tr("Save…"), QMessageBox.ButtonRole.AcceptRole): ev.UnsavedChoice.SAVE,
            self.addButton(QMessageBox.StandardButton.Discard): ev.UnsavedChoice.DISCARD,
            self.addButton(QMessageBox.StandardButton.Cancel): ev.UnsavedChoice.CANCEL,
        }
        self.setDefaultButton(next(iter(self.choices)))
        self.setEscapeButton(self.button(QMessageBox.StandardButton.Cancel))


def ask_unsaved(parent: QWidget | None, question: ev.UnsavedQuestion) -> ev.UnsavedChoice:
    box = UnsavedBox(parent, question)
    box.exec()
    return box.choices.get(box.clickedButton(), ev.UnsavedChoice.CANCEL)


class SaveFirst(QObject):
    """The extra button and sentence of the rebuild question when the weights are unsaved
    (a QObject for its translation context)."""

    def add_to(self, box: QMessageBox, buttons: dict) -> None:
        save = box.addButton(self.tr("Save…, then rebuild"), QMessageBox.ButtonRole.ActionRole)
        buttons[save] = ev.RebuildChoice.SAVE_AND_REBUILD
        box.setInformativeText(box.informativeText() + "\n\n" + self.tr(
            "The current model's trained weights are not saved (the run's metrics are): rebuilding "
            "without saving discards them."))


def ask_rebuild(parent: QWidget | None, question: ev.RebuildQuestion) -> ev.RebuildChoice:
    """The rebuild question (gui/rebuild_question.py), offering to save unsaved weights first."""
    box, buttons = rebuild_box(parent, question)
    if question.unsaved:
        SaveFirst().add_to(box, buttons)
    box.exec()
    return buttons.get(box.clickedButton(), ev.RebuildChoice.CANCEL)


class CloseGuard(QObject):
    """Decides whether the window may close now; after Save… it closes once the save is done."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.closing_after: int | None = None  # the save task the window waits for
        window.adapter.fileTaskFinished.connect(self._on_finished)

    def may_close(self) -> bool:
        w = self.window
        if self.closing_after is not None:
            w.statusBar().showMessage(self.tr("The window closes once the checkpoint is saved."))
            return False
        question = w.session.unsaved_question()
        if question is None or w.adapter.loop.shutdown_requested:  # no engine left to save
            return True
        choice = w.ask_unsaved(w, question)
        if choice == ev.UnsavedChoice.DISCARD:
            return True
        if choice == ev.UnsavedChoice.SAVE:
            path = w.ask_save_path(w)
            task = None
            if path:
                w.session.pause()  # the saved weights are the last ones: no step after
                task = w.session.save_checkpoint(path)
            if task is not None:
                self.closing_after = task.number
                w.statusBar().showMessage(self.tr("Saving the checkpoint; the window closes when it is whole."))
                return False
        self._stays_open()
        return False

    def _stays_open(self) -> None:
        self.window.restart_requested = False  # a restart (View → Language) waited for this close

    def _on_finished(self, event: ev.FileTaskFinished) -> None:
        if event.task.number != self.closing_after:
            return
        self.closing_after = None
        if event.outcome == Outcome.DONE.value:
            self.window.close()
        else:
            self._stays_open()
            self.window.statusBar().showMessage(self.tr("Not closed: the checkpoint was not saved."))
