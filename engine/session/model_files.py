"""The session's File menu on the model: load or save a checkpoint, import a Hugging Face
GPT-2 folder, train on another text. A mixin of StudioSession (GUI thread).

Each reads only the folder's JSON here; the engine builds the new model aside and swaps it in
only when it is whole (engine_loop: Build with a source), so bad input — truncated JSON, a
pickle posing as a checkpoint, a checkpoint of another config, a corpus too short — keeps the
current model, config and run, and the message names the problem.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..text import message_of, translate
from . import commands as cmd
from . import events as ev
from .file_tasks import FileTask
from .model_loading import ModelSource, SourceKind, spec_of_checkpoint, spec_of_hf_folder
from .spec import ScenarioKey


class ModelFiles:
    def load_checkpoint(self, path: str | Path) -> bool:
        """A new generation from the checkpoint's config, weights, AdamW state and step (asks
        first when the live run has steps)."""
        label = translate("session", "the checkpoint {path}").format(path=str(path))
        return self._load(path, SourceKind.CHECKPOINT, spec_of_checkpoint, label)

    def import_hf_folder(self, path: str | Path) -> bool:
        """A new generation with a local Hugging Face GPT-2 folder's weights (engine/hf_import)."""
        label = translate("session", "the Hugging Face folder {path}").format(path=str(path))
        return self._load(path, SourceKind.HF, spec_of_hf_folder, label)

    def _load(self, path, kind: str, read_spec, label: str) -> bool:
        try:
            spec = read_spec(path, self.spec)
        except (UserError, OSError, ValueError) as exc:
            self.events.emit(ev.ErrorRaised(translate(
                "session", "Could not load {what}: {problem} The current model, config and run are unchanged.")
                .format(what=label, problem=_text(exc)), stopped=False))
            return False
        self.request_spec(spec, force=True, source=ModelSource(kind, str(path), label=label))
        return True

    def open_corpus(self, path: str | Path) -> bool:
        """Train the GPT on a UTF-8 text file: the train config's text_source, a rebuild (asked
        first). A corpus the model cannot train on keeps the current model."""
        try:
            train = self.spec.train_config.replace(text_source=str(path))
        except (UserError, ValueError) as exc:
            self.events.emit(ev.ErrorRaised(_text(exc), stopped=False))
            return False
        label = translate("session", "the corpus {path}").format(path=str(path))
        self.apply_configs(self.spec.gpt_config, train, source=ModelSource(SourceKind.NONE, str(path), label=label))
        return True

    def save_checkpoint(self, path: str | Path) -> FileTask | None:
        """Save the GPT model, its AdamW state and step as a checkpoint folder, in the engine
        between two steps; the task (progress, cancel) or None when refused."""
        if self.spec.key != ScenarioKey.GPT:
            self.events.emit(ev.ErrorRaised(translate("session", "Checkpoints hold GPT models; choose GPT "
                                                                 "pretraining first."), stopped=False))
            return None
        task = self.start_task(translate("session", "Saving a checkpoint to {path}").format(path=str(path)))
        self._send(cmd.SaveCheckpoint(str(path), task))
        return task


def _text(exc: BaseException) -> str:
    """The exception's message, still translatable (engine.text.message_of)."""
    return message_of(exc) or type(exc).__name__
