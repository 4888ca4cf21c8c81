"""The engine loop's file actions: a model built from saved weights or a new corpus, and a
checkpoint save. A mixin of EngineLoop (engine_loop.py), in the engine thread.

Each runs inside its FileTask's progress reporter (engine/session/file_tasks.py): the reading,
tokenizing and writing report FileProgressed between two chunks and stop at the next one once
the task is cancelled or the loop is shut down. A cancelled build drops the half-built model
(BuildRefused with cancelled=True): the current model, config and run stay as they were. A
cancelled save leaves the folder's previous checkpoint whole (engine/checkpoint.py removes the
unfinished version folder; the pointer never moved). Every task ends with one FileTaskEnded.
"""
from __future__ import annotations

import contextlib
import logging

from .. import progress
from ..text import translate
from . import commands as cmd
from .engine_messages import problem_text
from .file_tasks import Outcome
from .outputs import BuildRefused, CheckpointSaved, EngineOutput, FileTaskEnded
from .spec import EngineState

log = logging.getLogger(__name__)


class FileCommands:
    publish = None  # set by the GUI's adapter: outputs that must not wait for the command's end

    def _publish_now(self, output: EngineOutput) -> None:
        """Progress reaches the session while the action runs (in tests: with the rest)."""
        (self.publish or self._emit)(output)

    def _reporting(self, task):
        if task is None:
            return contextlib.nullcontext()
        return progress.reporting(task.reporter(self._publish_now, stop=lambda: self.shutdown_requested))

    def _end_task(self, task, outcome: Outcome) -> None:
        if task is not None:
            self._emit(FileTaskEnded(self.generation, task.number, outcome.value))

    def _build_from(self, command: cmd.Build) -> None:
        """Build aside and load the weights; only a whole model replaces the current one."""
        from .model_loading import load_weights_into
        source, task = command.source, command.task
        try:
            with self._reporting(task):
                progress.advance(translate("progress", "Building the model"), 0, 0, progress.ITEMS)
                candidate = self._factory(command.spec)
                load_weights_into(candidate, source)
                progress.check()
        except progress.Cancelled:
            self._emit(BuildRefused(command.generation, "", cancelled=True))
            self._end_task(task, Outcome.CANCELLED)
            return
        except Exception as exc:  # noqa: BLE001 - the current model stays
            log.debug("build from %s refused", source, exc_info=exc)
            what = source.label or source.path or translate("engine", "the new model")
            self._emit(BuildRefused(command.generation, translate(
                "session", "Could not load {what}: {problem} The current model, config and run are unchanged.")
                .format(what=what, problem=problem_text(exc))))
            self._end_task(task, Outcome.FAILED)
            return
        self._running = False
        self.generation = command.generation
        self.scenario, self._recorder = candidate, None
        self.recording.close()
        self._set_state(EngineState.BUILDING)
        self._install(command)
        self._end_task(task, Outcome.DONE)

    def _save_checkpoint(self, command: cmd.SaveCheckpoint) -> None:
        from ..checkpoint import save_checkpoint
        path, task = command.path, command.task
        trainer = getattr(self.scenario, "trainer", None)
        if trainer is None:
            self._report(translate("engine", "Checkpoints hold GPT models; this scenario has none to save."),
                         stopped=False)
            self._end_task(task, Outcome.FAILED)
            return
        step = int(trainer.step_count)
        try:
            with self._reporting(task):
                save_checkpoint(path, trainer.model, trainer.gpt_cfg, optimizer=trainer.optimizer,
                                train_state={"step": step, "tokens_seen": trainer.tokens_seen})
        except progress.Cancelled:
            self._end_task(task, Outcome.CANCELLED)
            return
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, translate("engine", "saving the checkpoint to {path}").format(path=str(path)),
                       stopped=False, advice=translate("engine", "Training goes on."))
            self._end_task(task, Outcome.FAILED)
            return
        self._emit(CheckpointSaved(self.generation, path, step))
        self._end_task(task, Outcome.DONE)

