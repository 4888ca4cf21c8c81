"""Recorded backprop: run the real loss.backward() with autograd node hooks and keep, per
node, the order it ran in and the gradients it received and sent on.

Node hooks (grad_fn.register_prehook / register_hook) observe without wrapping tensors, so
in-place ops and fused kernels behave exactly as without recording (unlike module full
backward hooks). Stats are computed on the gradients' device and copied to the CPU once,
after backward. Every handle is removed afterwards.
"""
from __future__ import annotations

from typing import Any, Callable

import networkx as nx
import torch

from .summary import SummaryBatch, summarize_segments
from .types import BackwardStep, TensorSummary


def _tensor_or_none(g: Any) -> torch.Tensor | None:
    return g if isinstance(g, torch.Tensor) else None


class _GradCollector:
    """Where the gradients seen by the hooks go, until one copy at the end of backward.

    Small gradients (numel <= value_cap, values shown) are copied into one flat buffer
    per node (a copy: autograd may later add into a gradient buffer in place) and
    summarized together by segment ops. Big ones get their stats computed on the device
    right away (SummaryBatch, deduplicated when a node passes a gradient on unchanged).
    """

    def __init__(self, value_cap: int, bins: int, device: torch.device):
        self.value_cap, self.bins = value_cap, bins
        self.acc = torch.float32 if device.type == "mps" else torch.float64
        self.big = SummaryBatch(bins=bins, value_cap=value_cap, cache={}, precise=False)
        self.chunks: list[torch.Tensor] = []
        self.lengths: list[int] = []
        self.shapes: list[tuple[int, ...]] = []
        self.dtypes: list[str] = []

    def add_node(self, grads) -> list[tuple[str, int] | None]:
        slots: list[tuple[str, int] | None] = []
        small = []
        for g in grads:
            t = _tensor_or_none(g)
            if t is None:
                slots.append(None)
            elif t.numel() <= self.value_cap and not t.is_complex():
                slots.append(("small", len(self.lengths)))
                small.append(t.detach().reshape(-1))
                self.lengths.append(t.numel())
                self.shapes.append(tuple(t.shape))
                self.dtypes.append(str(t.dtype).removeprefix("torch."))
            else:
                slots.append(("big", self.big.add(t)))
        if small:
            same = all(x.dtype == small[0].dtype and x.device == small[0].device for x in small)
            chunk = torch.cat(small) if same else torch.cat([x.to(self.acc) for x in small])
            self.chunks.append(chunk.to(self.acc))  # cat copies
        return slots

    def finish(self) -> tuple[list[TensorSummary | None], list[TensorSummary]]:
        big = self.big.finish()
        small = []
        if self.chunks:
            device = self.chunks[0].device
            flat = torch.cat([c.to(device) for c in self.chunks])
            small = summarize_segments(flat, self.lengths, self.shapes, self.dtypes, bins=self.bins)
        return big, small


def record_backward(loss: torch.Tensor, graph: nx.DiGraph, *, value_cap: int = 4096,
                    bins: int = 32, retain_graph: bool = False,
                    summarize: bool = True) -> list[BackwardStep]:
    """Run loss.backward() once and return the steps in the order autograd ran them.

    graph: from build_backward_graph(loss, ...) (graph.graph["fn"] holds the live nodes).
    Sets graph node attribute "order" to the execution index. summarize=False records only
    the order (no gradient stats), the cheapest trace.
    The pre-hook of each node sees the gradients arriving (w.r.t. its forward outputs), the
    post hook those it sends on (w.r.t. its forward inputs). Stats are queued on the
    device and copied to the CPU once, after backward.
    """
    fns: dict[str, Any] = graph.graph["fn"]
    order: list[str] = []
    slots_in: dict[str, list] = {}
    slots_out: dict[str, list] = {}
    collector = _GradCollector(value_cap, bins, loss.device)
    handles = []

    def make_pre(nid: str) -> Callable:
        def pre(grad_outputs):
            order.append(nid)
            if summarize:
                slots_in[nid] = collector.add_node(grad_outputs)
        return pre

    def make_post(nid: str) -> Callable:
        def post(grad_inputs, grad_outputs):
            slots_out[nid] = collector.add_node(grad_inputs)
        return post

    try:
        for nid, fn in fns.items():
            handles.append(fn.register_prehook(make_pre(nid)))
            if summarize:
                handles.append(fn.register_hook(make_post(nid)))
        loss.backward(retain_graph=retain_graph)
    finally:
        for h in handles:
            h.remove()
    big, small = collector.finish() if summarize else ([], [])

    def resolve(slots: list) -> list[TensorSummary | None]:
        return [None if s is None else (big[s[1]] if s[0] == "big" else small[s[1]]) for s in slots]

    steps = []
    for i, nid in enumerate(order):
        data = graph.nodes[nid]
        data["order"] = i
        steps.append(BackwardStep(index=i, node_id=nid, name=data["op"],
                                  forward_node_id=data.get("forward"), module=data["module"],
                                  param_name=data.get("param_name"),
                                  grad_in=resolve(slots_in.get(nid, [])),
                                  grad_out=resolve(slots_out.get(nid, []))))
    return steps

