"""The ranks of a data-parallel run at one step: each process's own loss, its gradient norm
before the all-reduce, its step time, and which rank was slowest."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RankRow:
    rank: int
    step: int  # the step shown: the chosen one, or the rank's last when it has not reached it
    loss: float
    grad_norm: float
    step_time_s: float
    tokens_per_s: float
    slowest: bool


def rank_rows(ranks: dict, step: int) -> list[RankRow]:
    """One row per rank at `step` (each rank's newest record at or before it)."""
    chosen = {}
    for rank, records in sorted(ranks.items()):
        at = [r for r in records if r.step <= step] or records[:1]
        if at:
            chosen[rank] = at[-1]
    if not chosen:
        return []
    slowest = max(chosen.values(), key=lambda r: r.step_time_s).rank if len(chosen) > 1 else None
    return [RankRow(rank, r.step, r.loss, r.grad_norm, r.step_time_s, r.tokens_per_s, rank == slowest)
            for rank, r in chosen.items()]
