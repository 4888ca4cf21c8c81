"""A position in one traced training step, moved with a debugger's habits.

Positions: 0 = before anything; 1..F = forward op i-1 done; F+1..F+B = backward step
(i-F-1) done; F+B+1 = the optimizer update shown. total = F+B+1.
"""
from __future__ import annotations

from typing import Iterable

from .types import NodeKind, TraceResult


def _inside(module: str, group: str) -> bool:
    return group == "" or module == group or module.startswith(group + ".")


class StepCursor:
    def __init__(self, trace: TraceResult):
        self.trace = trace
        self._steps: list[tuple[str, object]] = (
            [("forward", op) for op in trace.forward_ops]
            + [("backward", step) for step in trace.backward_steps]
            + [("update", list(trace.updates))])
        self.n_forward = len(trace.forward_ops)
        self.n_backward = len(trace.backward_steps)
        self.total = len(self._steps)
        self.position = 0
        graph = trace.forward_graph
        self._sources = {n for n, d in graph.nodes(data=True) if d.get("kind") in (NodeKind.INPUT, NodeKind.PARAMETER)}

    # ------------------------------------------------------------------ moving
    def seek(self, i: int) -> int:
        self.position = max(0, min(int(i), self.total))
        return self.position

    def forward(self) -> int:  # "step into": the next op / autograd node
        return self.seek(self.position + 1)

    def back(self) -> int:
        return self.seek(self.position - 1)

    def step_over(self, groups: Iterable[str] = ()) -> int:
        """One step; when it lands inside one of `groups` (module paths shown collapsed,
        e.g. "trf_blocks.2"), run on to the last step of that group in this phase."""
        if self.position >= self.total:
            return self.position
        self.forward()
        module = self._module_at(self.position)
        if module is None:
            return self.position
        inside = [g for g in groups if g and _inside(module, g)]
        if inside:
            self._run_while_inside(min(inside, key=len))  # the outermost collapsed group
        return self.position

    def step_out(self) -> int:
        """Finish the module the current step ran in: stop at its last step in this phase
        (or one step on, when already at it)."""
        module = self._module_at(self.position)
        if module is None:
            return self.forward()
        before = self.position
        self._run_while_inside(module)
        if self.position == before:
            self.forward()
        return self.position

    def _run_while_inside(self, group: str) -> None:
        phase = self.phase()
        while self.position < self.total:
            nxt = self.position + 1
            if self._phase_at(nxt) != phase:
                break
            module = self._module_at(nxt)
            if module is None or not _inside(module, group):
                break
            self.position = nxt

    # ------------------------------------------------------------------ reading
    def current(self) -> tuple[str, object] | None:
        return self._steps[self.position - 1] if self.position > 0 else None

    def _phase_at(self, position: int) -> str:
        if position == 0:
            return "start"
        return self._steps[position - 1][0]

    def phase(self) -> str:
        return self._phase_at(self.position)

    def _module_at(self, position: int) -> str | None:
        if position == 0 or position > self.total:
            return None
        kind, item = self._steps[position - 1]
        return None if kind == "update" else item.module

    def done_forward_nodes(self) -> set[str]:
        """Forward graph nodes whose values are known: inputs and parameters always, ops
        once run."""
        done = set(self._sources)
        done.update(op.node_id for op in self.trace.forward_ops[:min(self.position, self.n_forward)])
        return done

    def done_backward_nodes(self) -> set[str]:
        """Autograd nodes that have run (their gradients are known)."""
        k = max(0, min(self.position - self.n_forward, self.n_backward))
        return {s.node_id for s in self.trace.backward_steps[:k]}
