"""What the engine loop reports, from its own thread: detached CPU records only.

Every output carries the generation of the model that produced it, so the session can drop
what a replaced model said after the learner moved on.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .spec import EngineState


@dataclass(frozen=True)
class ModelBuilt:
    generation: int
    summary: Any  # engine.model_summary.ModelSummary


@dataclass(frozen=True)
class ModelMoved:
    generation: int
    summary: Any  # ModelSummary on the new device


@dataclass(frozen=True)
class StateReported:
    generation: int
    state: EngineState


@dataclass(frozen=True)
class StepTrained:
    generation: int
    record: Any  # engine.records.StepRecord


@dataclass(frozen=True)
class StatsSampled:
    generation: int
    stats: Any  # engine.probes.param_stats.ParamStats


@dataclass(frozen=True)
class AttentionCaptured:
    generation: int
    capture: Any  # engine.probes.attention.AttentionCapture


@dataclass(frozen=True)
class StepTraced:
    generation: int
    step: int  # the optimizer step this trace shows (the model had taken step - 1 steps)
    trace: Any  # engine.tracing.types.TraceResult


@dataclass(frozen=True)
class EngineFailed:
    generation: int
    message: str  # plain words, never a traceback
    stopped: bool  # True: the engine paused or lost the model; False: a side job failed


EngineOutput = (ModelBuilt | ModelMoved | StateReported | StepTrained | StatsSampled
                | AttentionCaptured | StepTraced | EngineFailed)
