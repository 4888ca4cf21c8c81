"""The names a learner knows values by, and what each input of an op is.

value_names: forward node id -> "x", "w", "z", "a", "L" in the scalar example; parameter
names ("fc2.bias"), "inputs" / "targets", the loss "L", and "<op> (<module>)" for other
ops ("relu (relu)", "linear (fc1)", "view (trf_blocks.0.att) #2"). Never an internal id
such as "f12" or "sigmoid3".
Input references (InputRef) pair such a name with a role (weight, bias, activation, data,
target), for the inputs of forward ops and the gradient slots of backward steps.
"""
from __future__ import annotations

from typing import Any

import networkx as nx
import torch

from .types import LOSS_NAME, BackwardStep, ForwardOp, InputRef, InputRole, NodeKind

# The source material's letters for the scalar example: z = x*w + b, a = sigmoid(z).
_SCALAR_DATA = {"inputs": "x", "targets": "y"}
_SCALAR_OPS = {"add": "z", "sigmoid": "a"}
_MAX_INTERNAL_DEPTH = 8  # autograd nodes one forward op may chain inside itself (TBackward0, ...)


def is_scalar_example(model: torch.nn.Module) -> bool:
    from ..models.scalar import ScalarModel

    return isinstance(model, ScalarModel)


def _source_name(data: dict, scalar: bool) -> str:
    if data.get("param_name"):
        return data["param_name"]
    label = str(data.get("label") or data.get("op"))
    if scalar and label in _SCALAR_DATA:
        return _SCALAR_DATA[label]
    if label == "constant" and data.get("module"):
        return f"constant ({data['module']})"
    return label


def _op_name(op: ForwardOp, root_type: str) -> str:
    """"linear (fc1)"; a module named after its op (nn.ReLU as "relu") is just "relu"."""
    if op.module and op.module.rpartition(".")[2] == op.op:
        return op.module
    return f"{op.op} ({op.module or root_type})"


def value_names(model: torch.nn.Module, graph: nx.DiGraph, ops: list[ForwardOp],
                op_inputs: dict[str, list[str]]) -> dict[str, str]:
    """Forward node id -> the name the learner knows its value by (see the module doc)."""
    scalar = is_scalar_example(model)
    names: dict[str, str] = {}
    for nid, data in graph.nodes(data=True):
        if data["kind"] in (NodeKind.INPUT, NodeKind.PARAMETER):
            names[nid] = _source_name(data, scalar)
    seen: dict[str, int] = {}
    root_type = type(model).__name__
    for op in ops:
        if graph.nodes[op.node_id]["kind"] == NodeKind.LOSS:
            names[op.node_id] = LOSS_NAME
        elif scalar and op.op in _SCALAR_OPS:
            names[op.node_id] = _SCALAR_OPS[op.op]
        elif scalar and op.op == "mul":
            names[op.node_id] = "·".join(names.get(i, "?") for i in op_inputs.get(op.node_id, []))
        else:
            base = _op_name(op, root_type)
            seen[base] = seen.get(base, 0) + 1
            names[op.node_id] = base if seen[base] == 1 else f"{base} #{seen[base]}"
    return names


def chain_names(model: torch.nn.Module, names: dict[str, str], ops: list[ForwardOp]) -> dict[str, str]:
    """The names chain-rule factors use: value_names, except that the scalar example's
    x·w is part of z = x·w + b (the source material has dz/dw = x, no separate factor)."""
    if not is_scalar_example(model):
        return names
    return {**names, **{op.node_id: _SCALAR_OPS["add"] for op in ops if op.op == "mul"}}


def input_role(data: dict) -> InputRole:
    """The role of a forward-graph node when it is fed into an op."""
    kind = data["kind"]
    if kind == NodeKind.PARAMETER:
        name = data.get("param_name") or ""
        last = name.rpartition(".")[2]
        return InputRole.BIAS if last == "b" or last.endswith("bias") else InputRole.WEIGHT
    if kind == NodeKind.INPUT:
        return InputRole.TARGET if str(data.get("label", "")).startswith("targets") else InputRole.DATA
    return InputRole.ACTIVATION


def input_ref(graph: nx.DiGraph, names: dict[str, str], node: str) -> InputRef:
    return InputRef(name=names[node], role=input_role(graph.nodes[node]))


def fill_forward_inputs(ops: list[ForwardOp], graph: nx.DiGraph, names: dict[str, str],
                        op_inputs: dict[str, list[str]]) -> None:
    """Set ForwardOp.inputs, aligned with input_shapes."""
    for op in ops:
        op.inputs = [input_ref(graph, names, n) for n in op_inputs.get(op.node_id, [])]


def backward_slot_nodes(steps: list[BackwardStep], bgraph: nx.DiGraph, fgraph: nx.DiGraph,
                        op_inputs: dict[str, list[str]]) -> dict[str, list[str | None]]:
    """Backward node id -> the forward node each gradient slot (next_functions order) is
    the gradient of. bgraph must still hold the live autograd nodes (graph["fn"])."""
    fns: dict[str, Any] = bgraph.graph["fn"]
    node_of_fn = {id(fn): nid for nid, fn in fns.items()}
    slots: dict[str, list[str | None]] = {}
    for step in steps:
        own = bgraph.nodes[step.node_id].get("forward")
        nexts = [nxt for nxt, _ in fns[step.node_id].next_functions]
        found = [_slot_source(nxt, own, bgraph, node_of_fn, 0) for nxt in nexts]
        slots[step.node_id] = _fill_no_grad_slots(found, nexts, own, fgraph, op_inputs)
    return slots


def _slot_source(fn: Any, own: str | None, bgraph: nx.DiGraph, node_of_fn: dict[int, str],
                 depth: int) -> str | None:
    """The forward node whose gradient flows into autograd node fn; nodes the same forward
    op created inside itself (linear's TBackward0) are followed to what they lead to."""
    if fn is None or id(fn) not in node_of_fn or depth > _MAX_INTERNAL_DEPTH:
        return None
    forward = bgraph.nodes[node_of_fn[id(fn)]].get("forward")
    if forward is not None and forward != own:
        return forward
    for nxt, _ in fn.next_functions:
        found = _slot_source(nxt, own, bgraph, node_of_fn, depth + 1)
        if found is not None:
            return found
    return None


def _fill_no_grad_slots(found: list[str | None], nexts: list[Any], own: str | None,
                        fgraph: nx.DiGraph, op_inputs: dict[str, list[str]]) -> list[str | None]:
    """Slots without a next function (the input needs no gradient: x, y) get the forward
    op's first input not named yet, data and targets first. Autograd's slot order may differ
    from the op's argument order (F.linear's AddmmBackward0: bias, input, weight)."""
    inputs = op_inputs.get(own or "", [])
    if own is None or own not in fgraph or not inputs:
        return found
    no_grad = [n for n in inputs if fgraph.nodes[n]["kind"] == NodeKind.INPUT]
    out = list(found)
    for k, nxt in enumerate(nexts):
        if nxt is None and out[k] is None:
            out[k] = next((n for n in no_grad + inputs if n not in out), None)
    return out


def fill_backward_inputs(steps: list[BackwardStep], fgraph: nx.DiGraph, names: dict[str, str],
                         slots: dict[str, list[str | None]]) -> None:
    """Set BackwardStep.inputs, aligned with grad_out."""
    for step in steps:
        nodes = slots.get(step.node_id, [])
        step.inputs = [input_ref(fgraph, names, n) if n in names else None for n in nodes]
