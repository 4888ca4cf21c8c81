"""One position scheme for every view: "backward 5 of 6", "forward 3 of 4", "update 1 of 1".

A StepCursor position p (engine/tracing/cursor.py) counts everything: 0 = before the
forward pass, 1..F forward ops, F+1..F+B backward nodes, F+B+1 the optimizer update. The
learner sees the phase and the place within it; the slider uses p itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..text import translate


class Phase(str, Enum):
    START = "start"
    FORWARD = "forward"
    BACKWARD = "backward"
    UPDATE = "update"


@dataclass(frozen=True)
class Position:
    phase: Phase
    index: int  # 1-based place within the phase (0 at the start)
    count: int  # items in that phase
    value: int  # the cursor position (0..total)
    total: int

    def text(self) -> str:
        if self.phase == Phase.START:
            return translate("position", "before the forward pass")
        if self.phase == Phase.FORWARD:
            template = translate("position", "forward {index} of {count}")
        elif self.phase == Phase.BACKWARD:
            template = translate("position", "backward {index} of {count}")
        else:
            template = translate("position", "update {index} of {count}")
        return template.format(index=self.index, count=self.count)


def position_of(cursor) -> Position:
    p, n_fwd, n_bwd = cursor.position, cursor.n_forward, cursor.n_backward
    if p == 0:
        return Position(Phase.START, 0, 0, 0, cursor.total)
    if p <= n_fwd:
        return Position(Phase.FORWARD, p, n_fwd, p, cursor.total)
    if p <= n_fwd + n_bwd:
        return Position(Phase.BACKWARD, p - n_fwd, n_bwd, p, cursor.total)
    return Position(Phase.UPDATE, 1, 1, p, cursor.total)
