"""Commands to the engine loop: small records put on its queue, carried out between steps."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model_loading import ModelSource
from .spec import ScenarioSpec


@dataclass(frozen=True)
class Build:
    """Build (or rebuild) the model of `spec`; every output after it carries `generation`.
    With a `source` (saved weights, or a config that might not build) the current model stays
    until the new one is whole: a failure answers BuildRefused and changes nothing."""

    spec: ScenarioSpec
    generation: int
    source: ModelSource | None = None
    task: Any = None  # engine.session.file_tasks.FileTask: progress and cancel (with a source)


@dataclass(frozen=True)
class Run:
    """Train continuously until Pause, a break, an error or a non-finite loss."""


@dataclass(frozen=True)
class Pause:
    pass


@dataclass(frozen=True)
class StepOnce:
    """Exactly one optimizer step, then paused."""


@dataclass(frozen=True)
class TraceNext:
    """Pause (if training) and trace the step the model would take next, without stepping."""


@dataclass(frozen=True)
class CaptureAttention:
    layer: int
    heads: tuple[int, ...] | None  # None: every head
    sample: int
    text: str | None = None  # the learner's own text (None: the next training batch)
    source: str = "batch"  # "batch", "prompt" or "probe" (the fixed probe text while training)


@dataclass(frozen=True)
class SetExample:
    """Autograd basics: new values for x, y, w and b (None keeps one), then a fresh trace."""

    x: float | None = None
    y: float | None = None
    w: float | None = None
    b: float | None = None


@dataclass(frozen=True)
class CheckGradients:
    """Compare autograd's gradients with finite differences on the next batch."""


@dataclass(frozen=True)
class Generate:
    """Continue `prompt` with the current model (between steps; training state untouched)."""

    prompt: str
    settings: Any  # engine.learn.next_token.GenerationSettings
    request: int  # the session's request number, echoed in GenerationDone


@dataclass(frozen=True)
class MoveTo:
    device: str


@dataclass(frozen=True)
class SaveCheckpoint:
    """Save the current GPT model (and its AdamW state) as a checkpoint folder."""

    path: str
    task: Any = None  # engine.session.file_tasks.FileTask: progress and cancel


@dataclass(frozen=True)
class Shutdown:
    """Leave the loop (also wakes it when it waits for a command)."""


Command = (Build | Run | Pause | StepOnce | TraceNext | CaptureAttention | SetExample
           | CheckGradients | Generate | MoveTo | SaveCheckpoint | Shutdown)
