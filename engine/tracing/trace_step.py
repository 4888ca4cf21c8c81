"""One call that traces a whole training step: forward ops, autograd graph, recorded
backprop and (optionally) a preview of the optimizer update."""
from __future__ import annotations

import copy
import inspect
from typing import Any, Callable

import torch

from .backward_graph import build_backward_graph
from .forward_trace import trace_forward
from . import names as naming
from .chain import fill_chain
from .recorder import record_backward
from .summary import summarize_many
from .update_parts import adamw_parts
from .types import ParameterUpdate, TraceResult

def preview_update(model: torch.nn.Module, optimizer: torch.optim.Optimizer, *,
                   value_cap: int = 4096) -> list[ParameterUpdate]:
    """What optimizer.step() would do now, computed on clones: the model, its grads and the
    optimizer's state are left untouched."""
    names = {id(p): n for n, p in model.named_parameters()}
    originals, groups = [], []
    for group in optimizer.param_groups:
        clones = []
        for p in group["params"]:
            c = p.detach().clone().requires_grad_(p.requires_grad)
            c.grad = p.grad.detach().clone() if p.grad is not None else None
            clones.append(c)
            originals.append((p, c))
        groups.append({**{k: v for k, v in group.items() if k != "params"}, "params": clones})
    accepted = inspect.signature(type(optimizer).__init__).parameters
    shadow = type(optimizer)(groups, **{k: v for k, v in optimizer.defaults.items() if k in accepted})
    # deepcopy: load_state_dict would otherwise share (and the step mutate) the real state.
    shadow.load_state_dict(copy.deepcopy(optimizer.state_dict()))
    shadow.step()
    updates = []
    for i, (p, c) in enumerate(originals):
        if p.grad is None:
            continue
        old, new = p.detach(), c.detach()
        parts = adamw_parts(shadow, c, old)
        extra = [parts.moment1, parts.moment2, parts.step, parts.decay] if parts else []
        summaries = summarize_many([old, new - old, new, *extra], value_cap=value_cap)
        update = ParameterUpdate(param_name=names.get(id(p), f"param{i}"), old=summaries[0],
                                 delta=summaries[1], new=summaries[2])
        if parts is not None:
            update.moment1, update.moment2, update.step, update.decay = summaries[3:]
        updates.append(update)
    return updates


def trace_training_step(model: torch.nn.Module, inputs: Any, targets: Any,
                        loss_fn: Callable[[Any, Any], torch.Tensor], *,
                        optimizer: torch.optim.Optimizer | None = None, scenario: str = "",
                        value_cap: int = 4096, explicit_attention: bool = True) -> TraceResult:
    """Forward + loss + backward of one real training step, traced and recorded.

    The optimizer is NOT stepped; with one, TraceResult.updates previews its update. Grads
    are reset (set to None) before backward so they hold exactly this step's gradients,
    and stay as autograd produced them afterwards.
    """
    explicit_before = None
    if explicit_attention and hasattr(model, "attention_modules"):
        explicit_before = [att.explicit for att in model.attention_modules()]
        model.set_explicit_attention(True)  # scores -> mask -> softmax -> dropout -> context
    try:
        for p in model.parameters():
            p.grad = None
        trace = trace_forward(model, inputs, targets, loss_fn, value_cap=value_cap)
        bgraph = build_backward_graph(trace.loss, model, links=trace.links)
        steps = record_backward(trace.loss, bgraph, value_cap=value_cap)
    finally:
        if explicit_before is not None:
            for att, flag in zip(model.attention_modules(), explicit_before):
                att.explicit = flag
    value_names = _name_inputs(model, trace, bgraph, steps)
    # The GUI gets plain data: forward node ids on backward nodes, orders, no live objects.
    bgraph.graph.pop("fn", None)
    bgraph.graph["modules"] = dict(trace.graph.graph["modules"])
    updates = preview_update(model, optimizer, value_cap=value_cap) if optimizer else []
    loss_value = float(trace.loss.detach().cpu())
    return TraceResult(
        scenario=scenario, forward_graph=trace.graph, backward_graph=bgraph,
        forward_ops=trace.ops, backward_steps=steps, loss=loss_value, updates=updates,
        meta={"model": type(model).__name__, "n_forward": len(trace.ops),
              "n_backward": len(steps), "value_cap": value_cap,
              "device": str(trace.loss.device),
              # what the update step shows: "SGD" is old - lr*grad, "AdamW" scales by moments
              "optimizer": type(optimizer).__name__ if optimizer is not None else None,
              "lr": float(optimizer.param_groups[0]["lr"]) if optimizer is not None else None},
        value_names=value_names)


def _name_inputs(model: torch.nn.Module, trace, bgraph, steps) -> dict[str, str]:
    """Name every forward value, label op inputs and gradient slots, fill the chain factors;
    returns TraceResult.value_names. bgraph must still hold the live autograd nodes."""
    names = naming.value_names(model, trace.graph, trace.ops, trace.op_inputs)
    naming.fill_forward_inputs(trace.ops, trace.graph, names, trace.op_inputs)
    slots = naming.backward_slot_nodes(steps, bgraph, trace.graph, trace.op_inputs)
    naming.fill_backward_inputs(steps, trace.graph, names, slots)
    fill_chain(steps, naming.chain_names(model, names, trace.ops), slots)
    return names


def trace_scenario(scenario: Any, **kwargs: Any) -> TraceResult:
    """Trace one training step of a Scenario (engine.scenarios): its model, next batch,
    loss function and optimizer, and the RNG state that step starts from where the scenario
    pins one (a rewound step of a run: its dropout masks)."""
    inputs, targets = scenario.batch()
    getattr(scenario, "restore_step_rng", lambda: None)()
    return trace_training_step(scenario.model, inputs, targets, scenario.loss_fn,
                               optimizer=getattr(scenario, "optimizer", None),
                               scenario=getattr(scenario, "key", ""), **kwargs)
