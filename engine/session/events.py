"""Typed events the session emits; views subscribe to the ones they show.

Each is a small frozen record. gui/session_adapter.py re-emits each type as a Qt signal of
the same name, carrying the record.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from .position import Position
from .spec import EngineState, ScenarioSpec


@dataclass(frozen=True)
class ModelRebuilding:
    """A new model generation is being built: every view drops what it showed. The run of the
    model it replaces, when it had steps, is kept in `session.runs` (and named here)."""

    spec: ScenarioSpec
    generation: int
    kept_run: Any = None  # engine.session.run.Run, or None when nothing was worth keeping


@dataclass(frozen=True)
class ModelReady:
    generation: int
    summary: Any  # engine.model_summary.ModelSummary


@dataclass(frozen=True)
class SpecChanged:
    """The chosen scenario, preset or device changed (or a change was declined): the toolbar follows."""

    spec: ScenarioSpec


@dataclass(frozen=True)
class EngineStateChanged:
    state: EngineState


@dataclass(frozen=True)
class StepAdded:
    run: Any  # engine.session.run.Run (its metrics end with `record`)
    record: Any  # engine.records.StepRecord


@dataclass(frozen=True)
class StatsAdded:
    run: Any
    stats: Any  # engine.probes.param_stats.ParamStats


@dataclass(frozen=True)
class AttentionAdded:
    run: Any
    capture: Any  # engine.probes.attention.AttentionCapture


@dataclass(frozen=True)
class GenerationFinished:
    """A generation the learner asked for: the result, or a message saying why there is none."""

    result: Any  # engine.learn.next_token.Generation, or None
    message: str = ""


@dataclass(frozen=True)
class TracingStarted:
    step: int  # the optimizer step being traced (best guess: steps so far + 1)


@dataclass(frozen=True)
class TraceChanged:
    traced: Any  # engine.session.backprop.TracedStep, or None when there is no trace


@dataclass(frozen=True)
class CursorMoved:
    position: Position
    node_id: str | None  # the node under the cursor (None at the start and the update)


@dataclass(frozen=True)
class SelectionChanged:
    node_id: str | None  # what the Inspector shows (a full-graph node id), None: the cursor's
    follow_cursor: bool


@dataclass(frozen=True)
class ExpansionChanged:
    expanded: frozenset[str]  # module paths shown open
    focus: str | None  # module to keep in view after the relayout


@dataclass(frozen=True)
class SearchChanged:
    query: str


class RebuildChoice(str, Enum):
    KEEP_TRAINING = "train on with the current model"
    REBUILD = "rebuild and keep the old run"
    CANCEL = "cancel"
    SAVE_AND_REBUILD = "save the trained weights, then rebuild"  # answer_rebuild(..., save_to=)


@dataclass(frozen=True)
class RebuildQuestion:
    """The learner asked for another model while the current run has steps: ask first.
    `unsaved`: the trained weights are not saved (engine/session/unsaved.py), so the
    question also offers to save them first."""

    current: ScenarioSpec
    proposed: ScenarioSpec
    steps: int
    unsaved: bool = False


class UnsavedChoice(str, Enum):
    SAVE = "save a checkpoint first"
    DISCARD = "discard the trained weights"
    CANCEL = "cancel"


@dataclass(frozen=True)
class UnsavedQuestion:
    """Closing while the live model has trained steps no checkpoint holds (not an event: the
    window asks `session.unsaved_question()` when it is about to close)."""

    steps: int  # the model's optimizer step now
    saved_step: int  # the step last saved or loaded (0: never)
    preset: str


@dataclass(frozen=True)
class FileTaskStarted:
    """A file action began (engine/session/file_tasks.py); progress follows if it is long."""

    task: Any  # engine.session.file_tasks.FileTask


@dataclass(frozen=True)
class FileTaskProgressed:
    task: Any
    progress: Any  # engine.progress.Progress


@dataclass(frozen=True)
class FileTaskFinished:
    task: Any
    outcome: str  # engine.session.file_tasks.Outcome: done, cancelled, failed


@dataclass(frozen=True)
class GradientCheckReady:
    """Finite differences against autograd, one entry per checked element."""

    entries: list  # engine.tracing.gradcheck.GradCheckEntry


@dataclass(frozen=True)
class Notice:
    """What just happened, in a sentence for the status bar."""

    text: str


@dataclass(frozen=True)
class ErrorRaised:
    message: str
    stopped: bool = True  # training stopped (or there is no model); False: a side job failed


@dataclass(frozen=True)
class RunOpened:
    """A recorded run is viewed (engine/session/viewed_run.py): views show it, not the live model."""

    viewed: Any  # engine.session.viewed_run.ViewedRun


@dataclass(frozen=True)
class RunScrubbed:
    """The viewed run's step changed: each view shows its values at `at` (nearest recorded)."""

    viewed: Any
    at: Any  # engine.session.viewed_run.RunAt


@dataclass(frozen=True)
class RunGrew:
    """A followed run: the writer added steps (`new_steps`) or its state changed."""

    viewed: Any
    new_steps: list  # StepRecord
    rewound_to: int | None = None
    stopped: str = ""  # why the writer stopped ("finished", "failed: ...", "vanished"), "" while running


@dataclass(frozen=True)
class RunClosed:
    """Back to the live session."""


@dataclass(frozen=True)
class OverlaysChanged:
    """Curves drawn muted behind the loss (earlier runs, imported TensorBoard scalars)."""

    overlays: list  # objects with .metrics (StepRecord-like) and .title


SessionEvent = (ModelRebuilding | ModelReady | SpecChanged | EngineStateChanged | StepAdded
                | StatsAdded | AttentionAdded | GenerationFinished | TracingStarted | TraceChanged | CursorMoved
                | SelectionChanged | ExpansionChanged | SearchChanged | RebuildQuestion
                | GradientCheckReady | Notice | ErrorRaised | RunOpened | RunScrubbed | RunGrew
                | RunClosed | OverlaysChanged | FileTaskStarted | FileTaskProgressed | FileTaskFinished)
