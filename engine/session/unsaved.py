"""Trained weights nobody saved yet, and the rebuild question that guards them. A mixin of
StudioSession (engine/session/session.py).

The run's metrics go to disk while the model trains (run_recording.py); its weights do not.
`weights_dirty` says whether the live GPT model has trained steps that no checkpoint holds: a
trained step sets it, a save (CheckpointSaved) or a load (a new generation) clears it. The
small scenarios have no checkpoints, so they are never dirty.

Every action that replaces the model goes through request_spec(), which asks the rebuild
question when the run has steps; with unsaved weights the question also offers "save, then
rebuild" (RebuildChoice.SAVE_AND_REBUILD): the model is saved first and replaced only once the
save is whole (a cancelled or failed save replaces nothing). Closing the window asks the GUI's
own question (`unsaved_question()`), so nothing is asked twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..text import translate
from . import events as ev
from . import outputs as out
from .file_tasks import FileTask, Outcome
from .model_loading import ModelSource
from .spec import ScenarioKey, ScenarioSpec


@dataclass(frozen=True)
class RebuildAfterSave:
    """A rebuild the learner asked for once the save `task` ends whole."""

    task: int
    spec: ScenarioSpec
    source: ModelSource | None


class UnsavedWeights:
    saved_step: int  # the step last saved in this generation (0: none; a load starts clean)
    rebuild_after_save: RebuildAfterSave | None

    @property
    def weights_dirty(self) -> bool:
        """The live GPT model has trained steps since it was built, loaded or last saved."""
        return (self.spec.key == ScenarioKey.GPT and bool(self.run.metrics)
                and self.run.steps > self.saved_step)

    def unsaved_question(self) -> ev.UnsavedQuestion | None:
        """What to ask before closing, or None when nothing would be lost."""
        if not self.weights_dirty:
            return None
        return ev.UnsavedQuestion(self.run.steps, self.saved_step, self.spec.preset)

    def answer_rebuild(self, choice: ev.RebuildChoice, save_to: str | Path | None = None) -> None:
        """The learner's answer to RebuildQuestion; SAVE_AND_REBUILD saves to `save_to` first."""
        spec, self.pending_rebuild = self.pending_rebuild, None
        source, self.pending_source = self.pending_source, None
        if spec is None:
            return
        if choice == ev.RebuildChoice.SAVE_AND_REBUILD:
            self._save_then_rebuild(spec, source, save_to)
            return
        if choice == ev.RebuildChoice.REBUILD:
            self._rebuild(spec, keep_run=True, source=source)
            return
        self.events.emit(ev.SpecChanged(self.spec))  # the toolbar goes back to the model in use
        if choice == ev.RebuildChoice.KEEP_TRAINING:
            self.run_training()
            self._notice(translate("session", "Kept the current model; training goes on from step {step}.")
                         .format(step=self.run.steps))
        else:
            self._notice(translate("session", "Cancelled: the current model and its {steps:,} steps stay.")
                         .format(steps=self.run.steps))

    def _save_then_rebuild(self, spec: ScenarioSpec, source: ModelSource | None, save_to) -> None:
        self.pause()  # the saved weights are the ones replaced: no step in between
        task = self.save_checkpoint(save_to) if save_to else None
        if task is None:  # no folder chosen, or refused (the message is out): nothing is replaced
            self.events.emit(ev.SpecChanged(self.spec))
            self._notice(translate("session", "The model was not replaced: its weights were "
                                                     "not saved."))
            return
        self.rebuild_after_save = RebuildAfterSave(task.number, spec, source)

    def _task_ended(self, task: FileTask, outcome: Outcome) -> None:
        pending = self.rebuild_after_save
        if pending is None or pending.task != task.number:
            return
        self.rebuild_after_save = None
        if outcome == Outcome.DONE:
            self._rebuild(pending.spec, keep_run=True, source=pending.source)
            return
        self.events.emit(ev.SpecChanged(self.spec))
        self._notice(translate("session", "The model was not replaced: its weights were not "
                                                 "saved."))

    def _on_saved(self, output: out.CheckpointSaved) -> None:
        self.saved_step = max(self.saved_step, int(output.step))
        self._notice(translate("session", "Saved a checkpoint of step {step} to {path}.").format(
            step=int(output.step), path=str(output.path)))
