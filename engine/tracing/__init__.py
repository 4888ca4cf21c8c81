"""Tracing engine: one real training step seen from the inside.

trace_step.trace_training_step / trace_scenario  -> TraceResult (types.py)
forward_trace   every tensor op of the forward pass, with module paths
backward_graph  the autograd graph from the loss to every AccumulateGrad
recorder        the real backward run with node hooks: order and gradient summaries
summary         TensorSummary from a tensor (stats on the device, one copy)
cursor          StepCursor: a debugger-style position in a trace
hierarchy       collapse/expand module groups ("TransformerBlock × N")
gradcheck       finite differences vs autograd
export          JSON / GraphML / DOT
Nothing here imports Qt.
"""
from .types import (BackwardStep, ChainFactor, ChainRule, ForwardOp, InputRef, InputRole,  # noqa: F401
                    NodeKind, ParameterUpdate, TensorSummary, TraceResult)
from .trace_step import trace_scenario, trace_training_step  # noqa: F401
