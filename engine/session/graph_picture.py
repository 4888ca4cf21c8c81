"""What the graph view draws for a traced step: the visible graph for an expand state, the
texts on each node, and which nodes the cursor has lit. Plain data, no Qt.

Two modes: FORWARD — one graph, two directions: forward ops top to bottom, gradients flowing
back up the same nodes (each node's grad half fills in); AUTOGRAD — PyTorch's own backward
graph (AddmmBackward0, AccumulateGrad, ...).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import networkx as nx

from ..text import join_text, translate
from ..tracing.hierarchy import (collapsed_view, default_expanded, expandable_modules, group_id,
                                 group_module, is_group_id)
from ..tracing.types import NodeKind
from .explanations import explain_node, explain_op
from .formatting import fmt_number, first_shape, grad_text, shape_text, summary_scalar


class GraphMode(str, Enum):
    FORWARD = "forward"
    AUTOGRAD = "autograd"


class TraceFacts:
    """Lookups over one trace, built once: values, names, gradients, module sizes."""

    def __init__(self, trace: Any):
        self.trace = trace
        self.names: dict[str, str] = dict(getattr(trace, "value_names", {}) or {})
        self.fwd_value = _scalar_values(trace)
        self.fwd_grad: dict[str, Any] = {}  # forward node -> summary of dL/d(output)
        self.bwd_grad: dict[str, Any] = {}  # backward node -> summary of its incoming grad
        for step in trace.backward_steps:  # execution order: an op's first node gets dL/d(output)
            grad = step.grad_in[0] if step.grad_in else None
            if grad is not None:
                self.bwd_grad[step.node_id] = grad
                if step.forward_node_id:
                    self.fwd_grad.setdefault(step.forward_node_id, grad)
        self.fwd_to_bwd: dict[str, list[str]] = {}
        for node, attrs in trace.backward_graph.nodes(data=True):
            if attrs.get("forward"):
                self.fwd_to_bwd.setdefault(attrs["forward"], []).append(node)
        self.gradable = set(self.fwd_to_bwd)  # forward nodes that ever receive a gradient
        self.op_count: dict[str, int] = {}  # module path -> op nodes inside it
        for _, attrs in trace.forward_graph.nodes(data=True):
            if attrs.get("kind") in (NodeKind.FORWARD, NodeKind.LOSS):
                for module in _prefixes(attrs.get("module") or ""):
                    self.op_count[module] = self.op_count.get(module, 0) + 1
        self.expandable = (set(expandable_modules(trace.forward_graph))
                           | set(expandable_modules(trace.backward_graph)))
        self.default_expanded = frozenset(default_expanded(trace.forward_graph))

    def full_graph(self, mode: GraphMode) -> nx.DiGraph:
        return self.trace.forward_graph if mode == GraphMode.FORWARD else self.trace.backward_graph

    def collapsible_module_of(self, mode: GraphMode, node_id: str, expanded: frozenset[str]) -> str | None:
        """The innermost expanded module around `node_id` that holds more than one op."""
        graph = self.full_graph(mode)
        if node_id not in graph:
            return None
        for module in reversed(_prefixes(graph.nodes[node_id].get("module") or "")):
            if module in expanded and module in self.expandable and self.op_count.get(module, 0) > 1:
                return module
        return None


@dataclass(frozen=True)
class NodeFace:
    title: str
    detail: str
    tooltip: str
    grad_slot: bool  # forward mode: the node has a "grad" half


@dataclass
class GraphPicture:
    mode: GraphMode
    graph: nx.DiGraph  # the visible graph (collapsed groups merged)
    faces: dict[str, NodeFace]
    member_to_visible: dict[str, str]
    gradable: set[str] | None  # forward mode: nodes that ever get a gradient
    layout_graph: nx.DiGraph = field(repr=False)  # what the layout sees (parameters on top)

    def loss_node(self) -> str | None:
        return next((n for n, a in self.graph.nodes(data=True) if a.get("kind") == NodeKind.LOSS), None)

    @property
    def edge_rule(self) -> str:
        """Which end of an edge turns gradient-coloured when that node's gradient is known."""
        return "target" if self.mode == GraphMode.FORWARD else "source"


@dataclass(frozen=True)
class Highlight:
    current: str | None  # visible node under the cursor
    done: set[str]  # visible nodes whose gradient is known
    grad_texts: dict[str, str]
    dimmed: set[str]  # not computed yet


def make_picture(facts: TraceFacts, mode: GraphMode, expanded: frozenset[str]) -> GraphPicture:
    graph = collapsed_view(facts.full_graph(mode), set(expanded), group_repeats=True)
    forward = mode == GraphMode.FORWARD
    gradable = ({n for n, a in graph.nodes(data=True)
                 if a.get("kind") == NodeKind.GROUP or n in facts.gradable} if forward else None)
    faces = {}
    for node, attrs in graph.nodes(data=True):
        value = facts.fwd_value.get(node) if forward else None
        slot = forward and node in (gradable or ()) and attrs.get("kind") != NodeKind.GROUP
        faces[node] = _face(node, attrs, value, facts.names.get(node), slot)
    member_to_visible = {}
    for node, attrs in graph.nodes(data=True):
        member_to_visible[node] = node
        for member in attrs.get("members") or ():
            member_to_visible[member] = node
    layout_graph = graph if forward else _reversed_skeleton(graph)
    return GraphPicture(mode, graph, faces, member_to_visible, gradable, layout_graph)


def visible_for(facts: TraceFacts, picture: GraphPicture, node_id: str | None) -> str | None:
    """The visible node that shows `node_id` (itself, its group, or its counterpart)."""
    if node_id is None:
        return None
    if node_id in picture.member_to_visible:
        return picture.member_to_visible[node_id]
    backward = facts.trace.backward_graph
    if picture.mode == GraphMode.FORWARD and node_id in backward:
        return picture.member_to_visible.get(backward.nodes[node_id].get("forward"))
    if picture.mode == GraphMode.AUTOGRAD:
        for b in facts.fwd_to_bwd.get(node_id, ()):
            if b in picture.member_to_visible:
                return picture.member_to_visible[b]
    return None


def highlight(facts: TraceFacts, picture: GraphPicture, cursor: Any) -> Highlight:
    """What the cursor lights: its node, the nodes whose gradients are known, what is faded."""
    current = cursor.current()
    node = current[1].node_id if current is not None and current[0] != "update" else None
    done_bwd = cursor.done_backward_nodes()
    to_visible = picture.member_to_visible
    graph = picture.graph
    if picture.mode == GraphMode.FORWARD:
        backward = facts.trace.backward_graph
        known = {backward.nodes[b].get("forward") for b in done_bwd} - {None}
        done = {to_visible.get(n) for n in known} - {None}
        texts = {n: grad_text(facts.fwd_grad[n]) for n in known
                 if to_visible.get(n) == n and n in facts.fwd_grad}
        dimmed = set()
        if cursor.phase() in ("start", "forward"):  # ops not run yet are faded
            computed = {to_visible.get(n) for n in cursor.done_forward_nodes()}
            dimmed = {v for v, a in graph.nodes(data=True)
                      if a.get("kind") in (NodeKind.FORWARD, NodeKind.LOSS, NodeKind.GROUP)
                      and v not in computed}
    else:
        done = {to_visible.get(n) for n in done_bwd} - {None}
        texts = {n: grad_text(facts.bwd_grad[n]) for n in done_bwd
                 if to_visible.get(n) == n and n in facts.bwd_grad}
        dimmed = set(graph.nodes) - done  # every node is a gradient node: faded until it runs
    return Highlight(visible_for(facts, picture, node), done, texts, dimmed)


def search(facts: TraceFacts, picture: GraphPicture, query: str) -> list[str]:
    """Visible nodes whose op, label, module, parameter or learner name contains `query`
    (case-insensitive); a match hidden in a collapsed group yields the group."""
    needle = query.strip().lower()
    if not needle:
        return []
    found: list[str] = []
    for node, attrs in facts.full_graph(picture.mode).nodes(data=True):
        hay = " ".join(str(attrs.get(k) or "") for k in ("op", "label", "module", "param_name"))
        hay += " " + facts.names.get(node, "")
        if needle in hay.lower():
            visible = picture.member_to_visible.get(node)
            if visible is not None and visible not in found:
                found.append(visible)
    return found


# ---------------------------------------------------------------------------------- helpers

def _prefixes(module: str) -> list[str]:
    parts = module.split(".") if module else []
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _scalar_values(trace: Any) -> dict[str, float]:
    values = {}
    for op in trace.forward_ops:
        value = summary_scalar(op.value)
        if value is not None:
            values[op.node_id] = value
    for node, attrs in trace.forward_graph.nodes(data=True):
        value = attrs.get("value")
        if node not in values and value is not None:
            scalar = value if isinstance(value, float) else summary_scalar(value)
            if scalar is not None:
                values[node] = scalar
    return values


def _face(node: str, attrs: dict, value: float | None, name: str | None, grad_slot: bool) -> NodeFace:
    kind = attrs.get("kind")
    label = str(attrs.get("label") or attrs.get("op") or "")
    if kind == NodeKind.INPUT and name:
        label = name  # the source material's x and y
    if kind == NodeKind.GROUP:
        detail = translate("graph", "double-click to expand")
    elif value is not None and fmt_number(value) not in label:
        detail = fmt_number(value)
        if name and name != label:
            detail = f"{name}={detail}"  # "sigmoid a=0.9183"
    else:
        detail = shape_text(first_shape(attrs))
    return NodeFace(label or "?", detail, _tooltip(attrs, name), grad_slot)


def _tooltip(attrs: dict, name: str | None) -> str:
    lines = [str(attrs.get("label") or attrs.get("op") or "")]
    explanation = _explanation(attrs, name)
    if name and name != lines[0]:
        lines[0] = f"{name}: {lines[0]}"
    if attrs.get("module"):
        module_type = f" ({attrs['module_type']})" if attrs.get("module_type") else ""
        lines.append(translate("graph", "module: {module}").format(module=f"{attrs['module']}{module_type}"))
    if attrs.get("param_name"):
        lines.append(translate("graph", "parameter: {name}").format(name=attrs["param_name"]))
    shape = first_shape(attrs)
    if shape is not None:
        lines.append(translate("graph", "shape: {shape}").format(
            shape=f"{shape_text(shape)} {attrs.get('dtype') or ''}".rstrip()))
    if attrs.get("kind") == NodeKind.GROUP:
        lines.append(translate("graph", "{count} nodes inside — double-click to expand").format(
            count=len(attrs.get("members") or ())))
    if explanation:
        lines.append(explanation)
    return join_text("\n", lines)


def _explanation(attrs: dict, name: str | None) -> str:
    kind, op, module = attrs.get("kind"), str(attrs.get("op") or ""), attrs.get("module") or ""
    if kind == NodeKind.BACKWARD:
        return explain_node(op, None, module, name)
    if kind in (NodeKind.FORWARD, NodeKind.LOSS):
        return explain_op(op, module, name)
    return ""


def _reversed_skeleton(graph: nx.DiGraph) -> nx.DiGraph:
    """The graph with every edge flipped and no attributes (the layout needs only the
    structure and node sizes); graph.reverse(copy=True) would deep-copy every attribute."""
    rev = nx.DiGraph()
    rev.add_nodes_from(graph.nodes)
    rev.add_edges_from((v, u) for u, v in graph.edges)
    return rev


def group_focus(node_id: str) -> str | None:
    """The module a group node stands for (None for other nodes)."""
    return group_module(node_id) if is_group_id(node_id) else None


def group_node(module: str) -> str:
    """The visible node id of `module` shown collapsed."""
    return group_id(module)
