"""RunFollower: watches a run another process (or thread) is writing, by polling.

    follower = RunFollower(folder)
    update = follower.poll()   # FollowUpdate: new steps, new stats/attention shards, writer state
    ... call poll() again from a timer; stop when update.state is not RUNNING (after one
    last poll, which returns what the writer wrote before it stopped).

It remembers how far it read metrics.jsonl (a byte offset; only whole lines are taken) and
which shards it reported, so each poll costs a stat and a read of the new bytes. No thread,
no Qt: the GUI calls poll() from a QTimer, a script from a loop.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..records import RankRecord, StepRecord
from . import shards
from .format import METRICS_FILE, RunManifest, WriterState, read_manifest, read_status, writer_state
from .metrics import MetricsTail, merge
from .ranks import RankFollower
from .shards import AttentionKey


@dataclass(frozen=True)
class FollowUpdate:
    """What appeared since the previous poll. `rewound_to`: a step was logged at or below an
    earlier one (training continued from a checkpoint): the caller drops its records from
    that step on before appending `steps`."""

    steps: list[StepRecord] = field(default_factory=list)
    stats_steps: list[int] = field(default_factory=list)
    attention: list[AttentionKey] = field(default_factory=list)
    state: WriterState = WriterState.RUNNING
    rewound_to: int | None = None
    ranks: dict[int, list[RankRecord]] = field(default_factory=dict)  # new per-rank records

    def __bool__(self) -> bool:
        return bool(self.steps or self.stats_steps or self.attention or self.ranks
                    or self.rewound_to is not None)


class RunFollower:
    def __init__(self, folder: str | Path, stale_after_s: float = 30.0):
        self.folder = Path(folder)
        self.manifest: RunManifest = read_manifest(self.folder)
        self.stale_after_s = stale_after_s
        self.history: list[StepRecord] = []  # the current timeline, as far as read
        self._tail = MetricsTail(self.folder / METRICS_FILE)
        self._stats_seen: set[int] = set()
        self._attention_seen: set[AttentionKey] = set()
        self._ranks = RankFollower(self.folder)

    @property
    def ranks(self) -> dict[int, list[RankRecord]]:
        """Every rank's records read so far (data-parallel runs), by rank."""
        return self._ranks.history

    @property
    def last_step(self) -> int | None:
        return self.history[-1].step if self.history else None

    @property
    def stats_steps(self) -> list[int]:
        """Steps of every stats shard reported so far (the current timeline), ascending."""
        return sorted(self._stats_seen)

    @property
    def attention(self) -> list[AttentionKey]:
        return sorted(self._attention_seen, key=lambda k: (k.step, k.layer))

    def state(self) -> WriterState:
        return writer_state(read_status(self.folder), self.stale_after_s)

    def poll(self) -> FollowUpdate:
        """Everything new since the last poll. The state is read first: when it says the
        writer stopped, the metrics read after it hold everything the writer wrote."""
        state = self.state()
        new = self._tail.read_new(final=state != WriterState.RUNNING)
        rewound = merge(self.history, new)
        if rewound is not None:  # the timeline from the rewind on, as it stands now
            new = [r for r in self.history if r.step >= rewound]
            self._stats_seen = {s for s in self._stats_seen if s < rewound}
            self._attention_seen = {k for k in self._attention_seen if k.step < rewound}
        last = self.last_step
        vouched = (lambda s: True) if last is None else (lambda s: s <= last)
        stats = [s for s in shards.list_stats(self.folder) if vouched(s) and s not in self._stats_seen]
        attention = [k for k in shards.list_attention(self.folder)
                     if vouched(k.step) and k not in self._attention_seen]
        self._stats_seen.update(stats)
        self._attention_seen.update(attention)
        return FollowUpdate(new, stats, attention, state, rewound, self._ranks.poll())
