"""Record every tensor operation of one forward pass (model + loss) as a graph.

A TorchFunctionMode sees each torch function / Tensor method call (F.linear, matmul,
softmax, view, masked_fill, layer_norm, cross_entropy, ...). Global module forward hooks
keep a stack of module paths so each op knows which module ran it. Each op's output
grad_fn, plus any autograd nodes it created inside (F.linear -> AddmmBackward0 + TBackward0),
is linked to the op so the backward graph can point back at the forward graph.
Every hook is removed when tracing ends.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable

import networkx as nx
import torch
from torch.overrides import TorchFunctionMode
from torch.utils._pytree import tree_flatten

from .summary import summarize_many
from .types import ForwardOp, NodeKind

LOSS_MODULE = "loss"  # module path given to ops run by the loss function

# Tensor dunder methods -> the op name a reader expects.
_DUNDER = {"add": "add", "radd": "add", "iadd": "add", "sub": "sub", "rsub": "rsub",
           "isub": "sub", "mul": "mul", "rmul": "mul", "imul": "mul", "truediv": "div",
           "rtruediv": "rdiv", "itruediv": "div", "matmul": "matmul", "rmatmul": "matmul",
           "pow": "pow", "rpow": "rpow", "neg": "neg", "getitem": "getitem",
           "setitem": "setitem", "and": "and", "or": "or", "invert": "invert",
           "floordiv": "floordiv", "mod": "mod", "eq": "eq", "lt": "lt", "gt": "gt"}
# Calls that only read metadata or would reenter tracing; never graph nodes.
_SKIP_PROPERTIES = {"__get__", "grad", "data", "_base", "grad_fn", "shape", "dtype", "device"}
_SKIP = {"__set__", "dim", "size", "numel", "is_floating_point", "is_complex",
         "element_size", "stride", "storage_offset", "data_ptr", "is_contiguous",
         "requires_grad_", "retain_grad", "register_hook", "__repr__", "__format__",
         "__len__", "__iter__", "__bool__", "__index__", "__int__", "__float__", "item",
         "tolist", "backward", "__reduce_ex__", "__deepcopy__", "_is_view", "untyped_storage",
         "__hash__", "__contains__"}


def op_name(func: Any) -> str:
    name = getattr(func, "__name__", None) or str(func)
    if name.startswith("__") and name.endswith("__"):
        core = name[2:-2]
        return _DUNDER.get(core, core)
    return name


def _dtype(t: torch.Tensor) -> str:
    return str(t.dtype).removeprefix("torch.")


@dataclass
class ForwardTrace:
    graph: nx.DiGraph
    ops: list[ForwardOp]
    output: Any  # the model's output
    loss: torch.Tensor
    links: dict[int, dict[str, Any]]  # id(grad_fn) -> {"forward", "module", "module_type"}
    grad_fns: list[Any] = field(default_factory=list)  # keeps linked nodes alive (stable ids)
    tensors: dict[str, torch.Tensor] = field(default_factory=dict)  # node id -> its (first) output
    op_inputs: dict[str, list[str]] = field(default_factory=dict)  # op node id -> its input nodes, in order


class _Tracer(TorchFunctionMode):
    def __init__(self, model: torch.nn.Module, record_values: bool, value_cap: int):
        super().__init__()
        self.model = model
        self.record_values = record_values
        self.value_cap = value_cap
        self.graph = nx.DiGraph()
        self.ops: list[ForwardOp] = []
        self.module_stack: list[tuple[str, str]] = [("", type(model).__name__)]
        self.module_paths = {id(m): n for n, m in model.named_modules()}
        self.module_types = {n: type(m).__name__ for n, m in model.named_modules()}
        self.param_owner = {}
        for name, p in model.named_parameters():
            self.param_owner[id(p)] = name
        self.buffer_names = {id(b): n for n, b in model.named_buffers()}
        # id(tensor) -> (tensor, node id). Strong refs keep ids from being reused mid-trace.
        self.producer: dict[int, tuple[torch.Tensor, str]] = {}
        self.links: dict[int, dict[str, Any]] = {}
        self.grad_fns: list[Any] = []
        self.tensors: dict[str, torch.Tensor] = {}
        self.op_inputs: dict[str, list[str]] = {}
        self._n_sources = 0
        self.loss_stage = False
        self.loss_label = "loss"

    # ---------------------------------------------------------------- module path stack
    def pre_hook(self, module, args):
        path = self.module_paths.get(id(module))
        if path is None:  # a module outside the model, e.g. one built inside forward()
            parent = self.module_stack[-1][0]
            path = f"{parent}.{type(module).__name__}" if parent else type(module).__name__
        self.module_stack.append((path, type(module).__name__))
        self.module_types.setdefault(path, type(module).__name__)

    def post_hook(self, module, args, output):
        if len(self.module_stack) > 1:
            self.module_stack.pop()

    # ---------------------------------------------------------------- graph sources
    def add_source(self, t: torch.Tensor, kind: NodeKind, label: str, module: str = "",
                   param_name: str | None = None) -> str:
        nid = f"{'p' if kind == NodeKind.PARAMETER else 'i'}{self._n_sources}"
        self._n_sources += 1
        self.graph.add_node(nid, kind=kind, op=kind.value, label=label, shapes=[tuple(t.shape)],
                            dtype=_dtype(t), module=module,
                            module_type=self.module_types.get(module, ""),
                            param_name=param_name, order=None)
        self.producer[id(t)] = (t, nid)
        self.tensors[nid] = t
        return nid

    def node_of(self, t: torch.Tensor) -> str:
        hit = self.producer.get(id(t))
        if hit is not None and hit[0] is t:
            return hit[1]
        if id(t) in self.param_owner:
            name = self.param_owner[id(t)]
            return self.add_source(t, NodeKind.PARAMETER, name, name.rpartition(".")[0], name)
        if id(t) in self.buffer_names:
            name = self.buffer_names[id(t)]
            return self.add_source(t, NodeKind.INPUT, name, name.rpartition(".")[0])
        return self.add_source(t, NodeKind.INPUT, "constant", self.module_stack[-1][0])

    # ---------------------------------------------------------------- the op hook
    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        name = getattr(func, "__name__", "")
        if name == "__get__":  # a property: x.T and x.mT are ops, x.grad and x.data are not
            name = getattr(getattr(func, "__self__", None), "__name__", "__get__")
            if name in _SKIP_PROPERTIES:
                return out
        elif name in _SKIP:
            return out
        outs = [t for t in tree_flatten(out)[0] if isinstance(t, torch.Tensor)]
        if not outs:
            return out
        ins = [t for t in tree_flatten((args, kwargs))[0] if isinstance(t, torch.Tensor)]
        self.record(name if name in ("T", "mT", "H", "mH") else op_name(func), ins, outs)
        return out

    def record(self, op: str, ins: list[torch.Tensor], outs: list[torch.Tensor]) -> None:
        in_nodes = [self.node_of(t) for t in ins]
        index = len(self.ops)
        nid = f"f{index}"
        module, module_type = self.module_stack[-1]
        first = outs[0]
        grad_fn = first.grad_fn
        self.graph.add_node(nid, kind=NodeKind.LOSS if self.loss_stage else NodeKind.FORWARD, op=op, label=op,
                            shapes=[tuple(t.shape) for t in outs],
                            input_shapes=[tuple(t.shape) for t in ins], dtype=_dtype(first),
                            module=module, module_type=module_type, param_name=None,
                            grad_fn=type(grad_fn).__name__ if grad_fn is not None else None,
                            order=index)
        # "arg": the input's position in the op's arguments (the first one, if used twice)
        for arg, (t, src) in enumerate(zip(ins, in_nodes)):
            if not self.graph.has_edge(src, nid):
                self.graph.add_edge(src, nid, shape=tuple(t.shape), arg=arg)
        self.op_inputs[nid] = in_nodes
        for t in outs:
            self.producer[id(t)] = (t, nid)
        self.tensors[nid] = first
        self.ops.append(ForwardOp(index=index, node_id=nid, op=op, module=module,
                                  input_shapes=[tuple(t.shape) for t in ins],
                                  output_shapes=[tuple(t.shape) for t in outs],
                                  dtype=_dtype(first),
                                  grad_fn=type(grad_fn).__name__ if grad_fn is not None else None))
        link = {"forward": nid, "module": module, "module_type": module_type}
        for t in outs:
            self._link_new_nodes(t.grad_fn, link)

    def _link_new_nodes(self, root: Any, link: dict[str, Any]) -> None:
        """Claim every autograd node reachable from root that no earlier op created."""
        if root is None or id(root) in self.links:
            return
        stack = [root]
        self.links[id(root)] = link
        self.grad_fns.append(root)
        while stack:
            fn = stack.pop()
            for nxt, _ in fn.next_functions:
                if nxt is None or id(nxt) in self.links:
                    continue
                if type(nxt).__name__ == "AccumulateGrad":
                    self._link_param(nxt)
                    continue
                self.links[id(nxt)] = link
                self.grad_fns.append(nxt)
                stack.append(nxt)

    def _link_param(self, acc: Any) -> None:
        var = acc.variable
        nid = self.node_of(var)
        data = self.graph.nodes[nid]
        self.links[id(acc)] = {"forward": nid, "module": data["module"],
                               "module_type": data["module_type"]}
        self.grad_fns.append(acc)


@contextmanager
def _module_hooks(tracer: _Tracer):
    handles = [torch.nn.modules.module.register_module_forward_pre_hook(tracer.pre_hook),
               torch.nn.modules.module.register_module_forward_hook(tracer.post_hook)]
    try:
        yield
    finally:
        for h in handles:
            h.remove()


def trace_forward(model: torch.nn.Module, inputs: Any, targets: Any,
                  loss_fn: Callable[[Any, Any], torch.Tensor], *, record_values: bool = True,
                  value_cap: int = 4096) -> ForwardTrace:
    """Run model(inputs) and loss_fn(output, targets) once, recording every op.

    inputs/targets: a tensor (or a tuple/list of tensors for several model inputs).
    """
    tracer = _Tracer(model, record_values, value_cap)
    for i, t in enumerate(tree_flatten(inputs)[0]):
        if isinstance(t, torch.Tensor):
            tracer.add_source(t, NodeKind.INPUT, "inputs" if i == 0 else f"inputs[{i}]")
    for i, t in enumerate(tree_flatten(targets)[0]):
        if isinstance(t, torch.Tensor):
            tracer.add_source(t, NodeKind.INPUT, "targets" if i == 0 else f"targets[{i}]")
    if isinstance(loss_fn, torch.nn.Module):
        for name, m in loss_fn.named_modules():
            path = f"{LOSS_MODULE}.{name}" if name else LOSS_MODULE
            tracer.module_paths[id(m)] = path
            tracer.module_types[path] = type(m).__name__
    with _module_hooks(tracer), tracer:
        output = model(*inputs) if isinstance(inputs, (tuple, list)) else model(inputs)
        tracer.loss_stage = True
        loss_name = getattr(loss_fn, "__name__", None) or type(loss_fn).__name__
        loss_name = "loss" if loss_name.startswith("<") else loss_name  # lambdas
        tracer.module_stack.append((LOSS_MODULE, loss_name))
        tracer.module_types[LOSS_MODULE] = loss_name
        loss = loss_fn(output, targets)
        tracer.module_stack.pop()
    if not isinstance(loss, torch.Tensor) or loss.numel() != 1:
        raise ValueError("loss_fn must return a tensor with one element.")
    # Ops of the loss function other than the last are ordinary forward ops; the node
    # that produced the loss is the LOSS node.
    loss_node = tracer.producer.get(id(loss), (None, None))[1]
    for op in tracer.ops:
        if tracer.graph.nodes[op.node_id]["kind"] == NodeKind.LOSS and op.node_id != loss_node:
            tracer.graph.nodes[op.node_id]["kind"] = NodeKind.FORWARD
    graph = tracer.graph
    graph.graph["modules"] = dict(tracer.module_types)
    graph.graph["loss_node"] = loss_node
    if record_values:
        # Every op output and every source in one batch: one device->CPU copy.
        sources = [n for n, d in graph.nodes(data=True) if d["kind"] in (NodeKind.INPUT, NodeKind.PARAMETER)]
        ids = [op.node_id for op in tracer.ops] + sources
        summaries = summarize_many([tracer.tensors[i] for i in ids], value_cap=value_cap,
                                   finite_only=True)
        for op, s in zip(tracer.ops, summaries):
            op.value = s
        for nid, s in zip(sources, summaries[len(tracer.ops):]):
            graph.nodes[nid]["value"] = s
    return ForwardTrace(graph=graph, ops=tracer.ops, output=output, loss=loss,
                        links=tracer.links, grad_fns=tracer.grad_fns, tensors=tracer.tensors,
                        op_inputs=tracer.op_inputs)
