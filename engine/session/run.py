"""A run: what one model generation produced while it trained (metrics, statistics, maps)."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..text import join_text, translate
from .spec import ScenarioSpec

if TYPE_CHECKING:
    from .model_loading import ModelSource

# Per-parameter statistics and attention maps are big: keep the newest ones.
KEEP_STATS = 200
KEEP_ATTENTION = 200  # small maps: the probe's history over a long run fits


@dataclass
class Run:
    number: int  # 1, 2, ... in the order the session started them ("run 2")
    generation: int  # the model generation that trained it
    spec: ScenarioSpec
    summary: Any = None  # engine.model_summary.ModelSummary once the model is built
    metrics: list = field(default_factory=list)  # engine.records.StepRecord, one per step
    param_stats: deque = field(default_factory=lambda: deque(maxlen=KEEP_STATS))
    attention: deque = field(default_factory=lambda: deque(maxlen=KEEP_ATTENTION))
    folder: str = ""  # where the engine records this run (engine/runs), "" when it does not

    @property
    def steps(self) -> int:
        """Optimizer steps taken (0 before the first)."""
        return int(self.metrics[-1].step) if self.metrics else 0

    @property
    def latest(self) -> Any:
        return self.metrics[-1] if self.metrics else None

    @property
    def latest_stats(self) -> Any:
        return self.param_stats[-1] if self.param_stats else None

    @property
    def latest_attention(self) -> Any:
        return self.attention[-1] if self.attention else None

    def last_eval(self) -> Any:
        """The newest step record that carries train and val losses, or None."""
        for record in reversed(self.metrics):
            if record.val_loss is not None:
                return record
        return None

    @property
    def title(self) -> str:
        parts = [translate("runs", "run {number}").format(number=self.number), self.spec.key.title]
        if self.spec.key.value == "gpt":
            parts.append(self.spec.preset)
        return join_text(" · ", parts)


@dataclass(frozen=True)
class PendingLoad:
    """A Build with a source the engine has not answered yet: the session switches to
    `generation` on its first output, or stays where it is on BuildRefused."""

    spec: ScenarioSpec
    generation: int
    keep_run: bool
    source: "ModelSource"
