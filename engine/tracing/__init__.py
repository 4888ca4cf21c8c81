"""Tracing engine: one real training step seen from the inside.

trace_step.trace_training_step / trace_scenario  -> TraceResult (types.py)
forward_trace   every tensor op of the forward pass, with module paths
backward_graph  the autograd graph from the loss to every AccumulateGrad
recorder        the real backward run with node hooks: order and gradient summaries
names           value names the learner knows (x, w, z, a, L, fc2.bias) and input roles
chain           chain-rule factors as records; chain_rules() expands dL/dX into products
summary         TensorSummary from a tensor (stats on the device, one copy)
cursor          StepCursor: a debugger-style position in a trace
hierarchy       collapse/expand module groups ("TransformerBlock × N"), group_id helpers
gradcheck       finite differences vs autograd
export          JSON / GraphML / DOT
Graph layout lives in engine.layout, training probes (param stats, attention) in engine.probes.
Nothing here imports Qt.
"""
from .types import (BackwardStep, ChainFactor, ChainRule, ForwardOp, InputRef, InputRole,  # noqa: F401
                    NodeKind, ParameterUpdate, TensorSummary, TraceResult)
from .trace_step import trace_scenario, trace_training_step  # noqa: F401
