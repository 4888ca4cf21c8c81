"""RunReader: opens a run folder for reading, whole, at one moment.

    run = RunReader(folder)          # RunError for a folder that is not a run or a newer run
    data = run.data                  # RunData: manifest, metrics, stats/attention/checkpoint steps
    at = run.stats_at(37)            # AtStep(requested=37, found=40, value=ParamStats)
    at = run.attention_at(37, layer=0)
    at = run.checkpoint_at(37)       # the last checkpoint at or before 37 (a folder for load_checkpoint)
    at = run.checkpoint_before(37)   # the last one step 37 or an earlier step starts from (<= 36)

The checkpoint of step C holds the weights after C updates: the ones step C+1 starts from.

Reading never changes the folder, so a run still being written can be read (its last,
partial metrics line is skipped); RunFollower reads one incrementally.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from ..probes.attention import AttentionCapture
from ..probes.param_stats import ParamStats
from ..records import RankRecord, StepRecord
from . import shards
from .format import CHECKPOINTS_DIR, METRICS_FILE, RunError, RunManifest, WriterState, read_manifest, read_status, writer_state
from .metrics import read_metrics
from .ranks import read_ranks
from .shards import AttentionKey

T = TypeVar("T")
_CHECKPOINT_NAME = re.compile(r"step-(\d{8,})")


@dataclass(frozen=True)
class AtStep(Generic[T]):
    """What a run holds nearest a requested step: `found` is the step it was recorded at."""

    requested: int
    found: int
    value: T

    @property
    def exact(self) -> bool:
        return self.requested == self.found


@dataclass
class RunData:
    """Everything about a run except the shards' contents (read on demand with RunReader)."""

    folder: Path
    manifest: RunManifest
    metrics: list[StepRecord]
    stats_steps: list[int] = field(default_factory=list)
    attention: list[AttentionKey] = field(default_factory=list)
    checkpoint_steps: list[int] = field(default_factory=list)
    state: WriterState = WriterState.FINISHED
    # data-parallel runs: each rank's own records (ranks/rank-<r>.jsonl); empty otherwise
    ranks: dict[int, list[RankRecord]] = field(default_factory=dict)

    def steps(self) -> list[int]:
        return [r.step for r in self.metrics]


def checkpoint_steps(folder: Path) -> list[int]:
    """Steps with a checkpoint folder in checkpoints/, ascending."""
    d = Path(folder) / CHECKPOINTS_DIR
    found = (_CHECKPOINT_NAME.fullmatch(p.name) for p in d.iterdir() if p.is_dir()) if d.is_dir() else ()
    return sorted(int(m.group(1)) for m in found if m)


def nearest(steps: list[int], step: int) -> int | None:
    """The element of sorted `steps` nearest `step` (the earlier one on a tie), None if empty."""
    if not steps:
        return None
    i = bisect.bisect_left(steps, step)
    candidates = steps[max(i - 1, 0):i + 1]
    return min(candidates, key=lambda s: (abs(s - step), s))


def at_or_before(steps: list[int], step: int) -> int | None:
    i = bisect.bisect_right(steps, step)
    return steps[i - 1] if i else None


class RunReader:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.manifest = read_manifest(self.folder)
        self.data = self.reload()

    def reload(self) -> RunData:
        """Read the folder again (metrics, indexes, writer state)."""
        history = read_metrics(self.folder / METRICS_FILE)
        last = history[-1].step if history else None
        # Shards after the last logged step belong to an abandoned timeline or a step whose
        # metrics line a crash cut off: the index keeps what the metrics vouch for.
        keep = (lambda s: True) if last is None else (lambda s: s <= last)
        self.data = RunData(self.folder, self.manifest, history,
                            [s for s in shards.list_stats(self.folder) if keep(s)],
                            [k for k in shards.list_attention(self.folder) if keep(k.step)],
                            checkpoint_steps(self.folder), writer_state(read_status(self.folder)),
                            read_ranks(self.folder))
        return self.data

    def stats_at(self, step: int) -> AtStep[ParamStats] | None:
        """The parameter statistics recorded nearest `step`, or None when the run has none."""
        found = nearest(self.data.stats_steps, step)
        if found is None:
            return None
        return AtStep(step, found, shards.read_stats(shards.stats_path(self.folder, found)))

    def attention_at(self, step: int, layer: int | None = None) -> AtStep[AttentionCapture] | None:
        """The attention capture nearest `step` (of `layer`, or of any layer), or None."""
        keys = [k for k in self.data.attention if layer is None or k.layer == layer]
        found = nearest(sorted({k.step for k in keys}), step)
        if found is None:
            return None
        key = min((k for k in keys if k.step == found), key=lambda k: k.layer)
        return AtStep(step, found, shards.read_attention(shards.attention_path(self.folder, key)))

    def checkpoint_at(self, step: int) -> AtStep[Path] | None:
        """The last checkpoint at or before `step` (a folder engine.checkpoint.load_checkpoint
        reads), or None when there is none that early."""
        from .writer import checkpoint_dir
        found = at_or_before(self.data.checkpoint_steps, step)
        return None if found is None else AtStep(step, found, checkpoint_dir(self.folder, found))

    def checkpoint_before(self, step: int) -> AtStep[Path] | None:
        """The newest checkpoint taken before step `step`'s update (of step `step` - 1 or
        earlier): tracing from checkpoint C traces step C+1, which is `step` when C = step - 1."""
        at = self.checkpoint_at(step - 1)
        return None if at is None else AtStep(step, at.found, at.value)


def open_run(folder: str | Path) -> RunData:
    """RunReader(folder).data"""
    return RunReader(folder).data


__all__ = ["AtStep", "RunData", "RunReader", "RunError", "checkpoint_steps", "nearest", "open_run"]
