"""Plain data the tracing engine hands to views and exports (detached, CPU, numpy).

Everything here is safe to send across threads: no tensors, no autograd objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np


class NodeKind(str, Enum):
    """What a graph node is (node attribute "kind" in every graph). Exports write .value."""

    INPUT = "input"
    PARAMETER = "parameter"
    FORWARD = "forward"
    LOSS = "loss"
    BACKWARD = "backward"
    GROUP = "group"


class InputRole(str, Enum):
    """What an input of an op is to the learner."""

    WEIGHT = "weight"  # a parameter other than a bias
    BIAS = "bias"  # a parameter named ...bias (the scalar example's b)
    ACTIVATION = "activation"  # the output of an earlier op
    DATA = "data"  # the model's input (tokens, x)
    TARGET = "target"  # what the loss compares against (y)


@dataclass(frozen=True)
class InputRef:
    """One input of an op: the name the learner knows it by and its role."""

    name: str
    role: InputRole


@dataclass(frozen=True)
class ChainFactor:
    """d(of)/d(wrt) as recorded in one backward step. of == "L": the total gradient dL/d(wrt).

    formula: the local derivative in the learner's letters where the op is known
    (sigmoid "a(1−a)", mul "x", add "1"), else None.
    """

    of: str
    wrt: str
    value: float
    formula: str | None = None

    @property
    def is_total(self) -> bool:
        """True for dL/d(wrt), the gradient of the loss itself."""
        return self.of == LOSS_NAME


@dataclass(frozen=True)
class ChainRule:
    """dL/d(wrt) as the product of local factors [dL/dY, ..., d?/d(wrt)] = value."""

    wrt: str
    factors: list[ChainFactor]
    value: float


LOSS_NAME = "L"  # the loss's name in chain factors and TraceResult.value_names


@dataclass
class TensorSummary:
    """What a view needs to show one tensor (a value or a gradient)."""

    shape: tuple[int, ...]
    dtype: str  # "float32", ...
    norm: float
    min: float
    max: float
    mean: float
    std: float
    hist_counts: np.ndarray  # (bins,) int64
    hist_edges: np.ndarray  # (bins + 1,) float64
    values: np.ndarray | None = None  # full values when numel <= the cap, else None


@dataclass
class ForwardOp:
    """One tensor operation of the forward pass, in execution order."""

    index: int  # position in execution order
    node_id: str  # id of its node in TraceResult.forward_graph, e.g. "f12"
    op: str  # "linear", "matmul", "softmax", "add", ...
    module: str  # module path that ran it, e.g. "trf_blocks.3.att.W_query"; "" = root
    input_shapes: list[tuple[int, ...]]
    output_shapes: list[tuple[int, ...]]
    dtype: str
    grad_fn: str | None  # class name of its output's grad_fn, e.g. "AddmmBackward0"
    value: TensorSummary | None = None  # summary of its (first) output
    inputs: list[InputRef] = field(default_factory=list)  # aligned with input_shapes


@dataclass
class BackwardStep:
    """One autograd node as it actually ran during loss.backward()."""

    index: int  # position in the recorded execution order
    node_id: str  # id of its node in TraceResult.backward_graph, e.g. "b7"
    name: str  # "MulBackward0", "AccumulateGrad", ...
    forward_node_id: str | None  # the forward op that created it (or the parameter for AccumulateGrad)
    module: str  # module path of that forward op
    param_name: str | None  # for AccumulateGrad: the parameter, e.g. "trf_blocks.0.att.W_query.weight"
    grad_in: list[TensorSummary | None]  # gradients arriving at the node (w.r.t. its forward outputs)
    grad_out: list[TensorSummary | None]  # gradients it sends on (w.r.t. its forward inputs)
    # chain-rule factors of this node; empty unless every gradient is a single number
    chain: list[ChainFactor] = field(default_factory=list)
    # what each grad_out slot is the gradient of (grad_fn.next_functions order); None = unknown
    inputs: list[InputRef | None] = field(default_factory=list)


@dataclass
class ParameterUpdate:
    """The optimizer step after the last backward node: old value, the change, new value.

    SGD: delta = −lr·grad. AdamW: delta = decay + step, and the parts are kept: the moments
    m and v, the bias-corrected step and the decoupled weight decay (engine/tracing/update_parts.py).
    """

    param_name: str
    old: TensorSummary
    delta: TensorSummary
    new: TensorSummary
    moment1: TensorSummary | None = None  # AdamW: m
    moment2: TensorSummary | None = None  # AdamW: v
    step: TensorSummary | None = None  # AdamW: the bias-corrected step
    decay: TensorSummary | None = None  # AdamW: −lr·λ·old


@dataclass
class TraceResult:
    """One traced training step: forward ops, the autograd graph and the recorded backprop.

    forward_graph: nodes are inputs, parameters, forward ops and the loss; edges follow the
    data (attribute "shape"). backward_graph: nodes are autograd nodes (kind "backward"),
    edges follow the gradient from loss.grad_fn down to each AccumulateGrad.
    Node attributes in both: kind, op, label, shapes, dtype, module, param_name, forward (for
    backward nodes: the forward node id), order (execution index).
    """

    scenario: str
    forward_graph: Any  # networkx.DiGraph
    backward_graph: Any  # networkx.DiGraph
    forward_ops: list[ForwardOp]
    backward_steps: list[BackwardStep]
    loss: float
    updates: list[ParameterUpdate] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    # forward-graph node id -> the name the learner knows it by (x, w, z, a, L; fc2.bias;
    # "relu (fc1)"), never an internal id
    value_names: dict[str, str] = field(default_factory=dict)
