"""The autograd graph behind a loss, as a networkx DiGraph.

Walks from loss.grad_fn through next_functions down to every AccumulateGrad (one per
parameter). Edges u -> v mean "u sends gradient to v", the direction backprop runs.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Mapping

import networkx as nx
import torch

from .types import NodeKind


def node_name(fn: Any) -> str:
    """Class name of an autograd node: 'MulBackward0', 'AccumulateGrad', ..."""
    return type(fn).__name__


def _input_shapes(fn: Any) -> list[tuple[int, ...]]:
    """Shapes of the gradients a node receives (= its forward outputs)."""
    if node_name(fn) == "AccumulateGrad":
        return [tuple(fn.variable.shape)]
    try:
        return [tuple(m.shape) for m in fn._input_metadata]
    except (AttributeError, RuntimeError):  # custom Functions may not expose metadata
        return []


def _dtype_of(fn: Any) -> str:
    if node_name(fn) == "AccumulateGrad":
        return str(fn.variable.dtype).removeprefix("torch.")
    try:
        return str(fn._input_metadata[0].dtype).removeprefix("torch.")
    except (AttributeError, IndexError, RuntimeError):
        return ""


def walk_autograd(root: Any) -> list[Any]:
    """Every autograd node reachable from root, breadth first, each once."""
    seen = {id(root)}
    order, queue = [], deque([root])
    while queue:
        fn = queue.popleft()
        order.append(fn)
        for nxt, _ in fn.next_functions:
            if nxt is not None and id(nxt) not in seen:
                seen.add(id(nxt))
                queue.append(nxt)
    return order


def build_backward_graph(loss: torch.Tensor, model: torch.nn.Module | None = None, *,
                         links: Mapping[int, Mapping[str, Any]] | None = None) -> nx.DiGraph:
    """The autograd graph of `loss` with ids "b0", "b1", ... in breadth-first order.

    model: names the parameters (param_name on AccumulateGrad nodes).
    links: id(grad_fn) -> {"forward": forward node id, "module": path, "module_type": class}
        from the forward trace; without it "forward"/"module" stay None/"" (parameters
        still get their owning module from the model).
    graph.graph["fn"] maps node id -> the live autograd node (for hooks); drop it before
    handing the graph to another thread.
    """
    if loss.grad_fn is None:
        raise ValueError("The loss has no grad_fn: nothing that requires grad reached it.")
    param_names = {id(p): n for n, p in model.named_parameters()} if model is not None else {}
    module_types = ({n: type(m).__name__ for n, m in model.named_modules()}
                    if model is not None else {})
    links = links or {}
    fns = walk_autograd(loss.grad_fn)
    ids = {id(fn): f"b{i}" for i, fn in enumerate(fns)}
    g = nx.DiGraph()
    g.graph["fn"] = {}
    g.graph["modules"] = module_types
    for fn in fns:
        nid = ids[id(fn)]
        op = node_name(fn)
        link = links.get(id(fn), {})
        param_name = None
        module = link.get("module", "")
        module_type = link.get("module_type", "")
        if op == "AccumulateGrad":
            param_name = param_names.get(id(fn.variable))
            if param_name is not None and not link:
                module = param_name.rpartition(".")[0]
                module_type = module_types.get(module, "")
        label = f"{op} ({param_name})" if param_name else op
        g.add_node(nid, kind=NodeKind.BACKWARD, op=op, label=label, shapes=_input_shapes(fn),
                   dtype=_dtype_of(fn), module=module, module_type=module_type,
                   param_name=param_name, forward=link.get("forward"), order=None)
        g.graph["fn"][nid] = fn
    for fn in fns:
        for nxt, input_nr in fn.next_functions:
            if nxt is None:
                continue
            shapes = _input_shapes(nxt)
            shape = shapes[input_nr] if input_nr < len(shapes) else ()
            g.add_edge(ids[id(fn)], ids[id(nxt)], shape=shape)
    g.graph["root"] = ids[id(loss.grad_fn)]
    return g
