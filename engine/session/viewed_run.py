"""A recorded run the learner opened (or follows while another process writes it).

    viewed = ViewedRun.open(folder)            # RunError: not a run, or a newer format
    at = viewed.at(43)                         # RunAt: what each view shows at step 43
    at.describe()                              # "step 43 · stats of step 40 (nearest to 43) · ..."

Shards are read on demand (RunReader); a followed run grows through RunFollower.poll().
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..runs.follower import FollowUpdate, RunFollower
from ..runs.format import WriterState
from ..runs.reader import AtStep, RunReader, checkpoint_steps, nearest
from ..text import join_text, translate
from .rewind import Rewind, plan_rewind

HISTORY = 40  # stats shards read for the gradient-health history at a step


@dataclass(frozen=True)
class RunAt:
    """What a viewed run holds at one requested step, each part at the step it was recorded."""

    step: int
    record: object | None  # the StepRecord of the nearest logged step
    stats: AtStep | None
    attention: AtStep | None
    rewind: Rewind | None  # what Trace this step does here (None: no checkpoint before `step`)
    history: tuple = ()  # ParamStats up to the stats shown (the gradient-health history)

    def describe(self) -> str:
        if self.record is not None and self.record.step != self.step:
            parts = [translate("runs", "step {step} (loss of step {logged}, the nearest logged)").format(
                step=self.step, logged=self.record.step)]
        else:
            parts = [translate("runs", "step {step}").format(step=self.step)]
        for kind, at in (("stats", self.stats), ("attention", self.attention)):
            parts.append(_recorded_text(kind, at))
        if self.rewind is not None:
            parts.append(self.rewind.describe())
        return join_text(" · ", parts)


# What a recorded kind says at a step: (none recorded, the very step, the nearest step).
_RECORDED_TEXTS = {
    "stats": (translate("runs", "no stats recorded"), translate("runs", "stats of step {step}"),
              translate("runs", "stats of step {step} (nearest to {requested})")),
    "attention": (translate("runs", "no attention recorded"), translate("runs", "attention of step {step}"),
                  translate("runs", "attention of step {step} (nearest to {requested})")),
}


def _recorded_text(kind: str, at: AtStep | None) -> str:
    """"stats of step 40 (nearest to 43)", "no attention recorded"."""
    none, exact, nearest = _RECORDED_TEXTS[kind]
    if at is None:
        return none
    if at.exact:
        return exact.format(step=at.found)
    return nearest.format(step=at.found, requested=at.requested)


class ViewedRun:
    def __init__(self, reader: RunReader, follower: RunFollower | None = None):
        self.reader = reader
        self.follower = follower
        self.step = self.last_step or 0
        self.state = reader.data.state

    @classmethod
    def open(cls, folder: str | Path, follow: bool = False) -> "ViewedRun":
        reader = RunReader(folder)
        follower = None
        if follow:
            follower = RunFollower(folder)
            follower.poll()  # everything written so far
            reader.data.metrics = list(follower.history)
        return cls(reader, follower)

    # ---------------------------------------------------------------- facts

    @property
    def folder(self) -> Path:
        return self.reader.folder

    @property
    def manifest(self):
        return self.reader.manifest

    @property
    def metrics(self) -> list:
        return self.reader.data.metrics

    @property
    def steps(self) -> list[int]:
        return [r.step for r in self.metrics]

    @property
    def first_step(self) -> int:
        return self.metrics[0].step if self.metrics else 0

    @property
    def last_step(self) -> int:
        return self.metrics[-1].step if self.metrics else 0

    @property
    def following(self) -> bool:
        return self.follower is not None

    @property
    def title(self) -> str:
        m = self.manifest
        preset = ""
        if m.config:
            from ..config import GPTConfig
            from .spec import preset_of
            try:
                preset = f" · {preset_of(GPTConfig.from_dict(m.config))}"
            except Exception:  # noqa: BLE001 - a title never fails
                preset = ""
        return f"{self.folder.name} · {m.scenario}{preset}"

    # ---------------------------------------------------------------- reading

    def at(self, step: int) -> RunAt:
        """What each view shows at `step`: reads a few shards (any thread)."""
        step = int(step)
        steps = self.steps
        found = nearest(steps, step)
        record = self.metrics[steps.index(found)] if found is not None else None
        stats = self.reader.stats_at(step)
        history = tuple(self.stats_history(stats.found)) if stats is not None else ()
        return RunAt(step, record, stats, self.reader.attention_at(step), plan_rewind(self.reader, step),
                     history)

    def stats_history(self, step: int, limit: int = HISTORY) -> list:
        """ParamStats recorded at or before `step` (the newest `limit`), oldest first."""
        from .. import progress
        from ..runs import shards
        chosen = [s for s in self.reader.data.stats_steps if s <= step][-limit:]
        tally = progress.Tally(progress.reading("stats"), len(chosen), progress.ITEMS)
        found = []
        for s in chosen:  # a shard is a chunk: progress and cancel between two
            found.append(shards.read_stats(shards.stats_path(self.folder, s)))
            tally.add(1)
        return found

    def poll(self) -> FollowUpdate | None:
        """A followed run: what the writer added since the last poll (None when not following)."""
        if self.follower is None:
            return None
        update = self.follower.poll()
        data = self.reader.data
        if update or update.state != self.state:
            data.metrics = list(self.follower.history)
            data.stats_steps = self.follower.stats_steps
            data.attention = self.follower.attention
            data.checkpoint_steps = checkpoint_steps(self.folder)
            data.ranks = self.follower.ranks
        self.state = data.state = update.state
        return update

    def rank_rows(self, step: int | None = None) -> list:
        """Data-parallel runs: each rank at `step` (default: the chosen step); [] otherwise."""
        from .ranks_view import rank_rows
        ranks = self.follower.ranks if self.follower is not None else self.reader.data.ranks
        return rank_rows(ranks or {}, self.step if step is None else step)

    @property
    def writer_running(self) -> bool:
        return self.state == WriterState.RUNNING


class StatsWindow:
    """Recorded ParamStats up to a step, shaped like Run for the gradient-health view."""

    def __init__(self, param_stats: list):
        self.param_stats = list(param_stats)

    @property
    def latest_stats(self):
        return self.param_stats[-1] if self.param_stats else None
