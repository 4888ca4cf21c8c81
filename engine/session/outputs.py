"""What the engine loop reports, from its own thread: detached CPU records only.

Every output carries the generation of the model that produced it, so the session can drop
what a replaced model said after the learner moved on.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .spec import EngineState


@dataclass(frozen=True)
class _Output:
    generation: int  # the model generation that produced it


@dataclass(frozen=True)
class ModelBuilt(_Output):
    summary: Any  # engine.model_summary.ModelSummary


@dataclass(frozen=True)
class ModelMoved(_Output):
    summary: Any  # ModelSummary on the new device


@dataclass(frozen=True)
class StateReported(_Output):
    state: EngineState


@dataclass(frozen=True)
class StepTrained(_Output):
    record: Any  # engine.records.StepRecord


@dataclass(frozen=True)
class StatsSampled(_Output):
    stats: Any  # engine.probes.param_stats.ParamStats


@dataclass(frozen=True)
class AttentionCaptured(_Output):
    capture: Any  # engine.probes.attention.AttentionCapture


@dataclass(frozen=True)
class StepTraced(_Output):
    step: int  # the optimizer step this trace shows (the model had taken step - 1 steps)
    trace: Any  # engine.tracing.types.TraceResult


@dataclass(frozen=True)
class GradientsChecked(_Output):
    entries: list  # engine.tracing.gradcheck.GradCheckEntry, one per checked element


@dataclass(frozen=True)
class GenerationDone(_Output):
    request: int  # the Generate command's request number
    result: Any  # engine.learn.next_token.Generation, or None when it could not run
    message: str = ""  # why there is no result, in plain words


@dataclass(frozen=True)
class EngineFailed(_Output):
    message: str  # plain words, never a traceback
    stopped: bool  # True: the engine paused or lost the model; False: a side job failed


@dataclass(frozen=True)
class BuildRefused(_Output):
    """A Build with a source failed or was cancelled (generation: the one it would have
    been); the model of the generation before it is unchanged."""

    message: str
    cancelled: bool = False  # the learner cancelled it: nothing to report as a problem


@dataclass(frozen=True)
class RunRecording(_Output):
    """The engine records this generation's run in `folder` (engine/runs)."""

    folder: str


@dataclass(frozen=True)
class CheckpointSaved(_Output):
    path: str
    step: int = 0  # the optimizer step of the saved weights


@dataclass(frozen=True)
class FileProgressed(_Output):
    """A long file action got further (sent while it runs, not after; any generation)."""

    task: int  # engine.session.file_tasks.FileTask.number
    progress: Any  # engine.progress.Progress


@dataclass(frozen=True)
class FileTaskEnded(_Output):
    """A file action is over: done, cancelled (nothing changed) or failed (said separately)."""

    task: int
    outcome: str  # engine.session.file_tasks.Outcome


EngineOutput = (ModelBuilt | ModelMoved | StateReported | StepTrained | StatsSampled
                | AttentionCaptured | StepTraced | GradientsChecked | GenerationDone | EngineFailed
                | BuildRefused | RunRecording | CheckpointSaved | FileProgressed | FileTaskEnded)
