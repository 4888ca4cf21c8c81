"""What one training step reports, the same for every scenario, the CLI and the GUI."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StepRecord:
    """One optimizer step (or one skipped for a non-finite loss: loss/grad_norm not finite)."""

    step: int  # optimizer steps done, this one included
    tokens_seen: int  # samples for the scalar and SimpleNet scenarios
    loss: float
    grad_norm: float  # total L2 norm of the gradients before clipping
    tokens_per_s: float
    lr: float | None = None  # the optimizer's learning rate, where the trainer reports it
    train_loss: float | None = None  # set on steps that ran an evaluation
    val_loss: float | None = None


@dataclass(frozen=True)
class RankRecord:
    """One process's own view of one data-parallel step (a run's ranks/rank-<r>.jsonl)."""

    rank: int
    step: int
    loss: float  # this rank's loss on its share of the global batch
    grad_norm: float  # this rank's gradient norm before the all-reduce
    step_time_s: float  # wall time of the step on this rank, waiting for the others included
    tokens_per_s: float  # this rank's tokens / step_time_s
