"""A traced step and the learner's moves through it, debugger style.

A TracedStep belongs to one model generation and one optimizer step; it stays a valid
picture of that step while training goes on. Moves are records (CursorMove), so a move asked
for before the trace exists waits in a list and is carried out when the trace arrives.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..tracing.cursor import StepCursor
from ..tracing.hierarchy import group_of, repeated_containers
from .graph_picture import TraceFacts
from .position import Position, position_of


class Move(str, Enum):
    STEP_INTO = "step into"
    STEP_OVER = "step over"
    STEP_OUT = "step out"
    BACK = "back"
    FORWARD_OP = "forward op"
    TO_END = "run to end"
    SEEK = "seek"


@dataclass(frozen=True)
class CursorMove:
    move: Move
    target: int = 0  # for SEEK: the cursor position


@dataclass
class TracedStep:
    generation: int
    step: int  # the optimizer step it shows (the model had taken step - 1 steps)
    trace: Any  # engine.tracing.types.TraceResult
    cursor: StepCursor = field(init=False)

    def __post_init__(self) -> None:
        self.cursor = StepCursor(self.trace)
        self.facts = TraceFacts(self.trace)  # lookups every view shares
        self._repeats = repeated_containers(self.trace.forward_graph)
        self._forward_ops = {op.node_id: op for op in self.trace.forward_ops}
        self._backward_steps = {s.node_id: s for s in self.trace.backward_steps}

    @property
    def position(self) -> Position:
        return position_of(self.cursor)

    def forward_op(self, node_id: str | None) -> Any:
        return self._forward_ops.get(node_id) if node_id else None

    def backward_step(self, node_id: str | None) -> Any:
        return self._backward_steps.get(node_id) if node_id else None

    def current_node(self) -> str | None:
        """The graph node under the cursor (a forward op or an autograd node), or None."""
        current = self.cursor.current()
        if current is None or current[0] == "update":
            return None
        return current[1].node_id

    def collapsed_groups(self, expanded: frozenset[str]) -> set[str]:
        """Module paths shown as one collapsed node with this expand state (what step over finishes)."""
        groups = set()
        for step in self.trace.backward_steps:
            group = group_of(step.module or "", set(expanded), self._repeats)
            if group:
                groups.add(group)
        return groups

    def apply(self, move: CursorMove, expanded: frozenset[str]) -> None:
        cursor = self.cursor
        first_backward = min(cursor.n_forward + 1, cursor.total)
        before_backward = cursor.position < first_backward
        if move.move == Move.SEEK:
            cursor.seek(move.target)
        elif move.move == Move.BACK:
            cursor.back()
        elif move.move == Move.FORWARD_OP:
            cursor.forward()
        elif move.move == Move.TO_END:
            cursor.seek(cursor.total)
        elif before_backward:  # into, over and out all start backprop at the loss's grad_fn
            cursor.seek(first_backward)
        elif move.move == Move.STEP_INTO:
            cursor.forward()
        elif move.move == Move.STEP_OVER:
            cursor.step_over(self.collapsed_groups(expanded))
        elif move.move == Move.STEP_OUT:
            cursor.step_out()
