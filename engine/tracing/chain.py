"""The chain rule as records: local factors per backward step, expanded into products.

Only traces where every gradient is a single number (the scalar example) get factors.
For a backward node whose forward output is Y and whose inputs are X_k:
  ChainFactor(of=Y, wrt=X_k) = grad_out_k / grad_in   the local derivative dY/dX_k
  ChainFactor(of="L", wrt=X_k) = grad_out_k             the total gradient dL/dX_k
AccumulateGrad(w) holds ChainFactor(of="L", wrt="w", value=w.grad).
chain_rules() expands each dL/dX into dL/dY · ... · d?/dX from factors recorded so far, e.g.
dL/dw = dL/da · da/dz · dz/dw = (-1.0889)(0.0750)(1.1) = -0.0898.
"""
from __future__ import annotations

from .types import LOSS_NAME, BackwardStep, ChainFactor, ChainRule, TensorSummary

_MAX_DEPTH = 16  # local factors one chain may multiply
ACCUMULATE_GRAD = "AccumulateGrad"


def _single(s: TensorSummary | None) -> float | None:
    if s is None or s.values is None or s.values.size != 1:
        return None
    return float(s.values.reshape(-1)[0])


def local_formula(op: str, k: int, out: str, ins: list[str | None]) -> str | None:
    """d(out)/d(ins[k]) of backward node `op` in the learner's letters, where known."""
    other = ins[1 - k] if len(ins) == 2 and k < 2 else None
    if op.startswith("Sigmoid"):
        return f"{out}(1−{out})"
    if op.startswith("Tanh"):
        return f"1−{out}²"
    if op.startswith("Mul"):
        return other
    if op.startswith("Add") and not op.startswith("Addmm"):
        return "1"
    if op.startswith("Sub"):
        return "1" if k == 0 else "−1"
    if op.startswith("BinaryCrossEntropy") and k == 0 and len(ins) == 2:
        a, y = ins
        return f"−({y}/{a}) + (1−{y})/(1−{a})"
    if op.startswith("Addmm") and len(ins) == 3:  # bias + input @ weight.T
        return ("1", ins[2], ins[1])[k] if k < 3 else None
    return None


def step_factors(step: BackwardStep, out: str | None, ins: list[str | None]) -> list[ChainFactor]:
    """The chain factors of one backward step; out/ins: chain names of its forward output
    and of the value behind each gradient slot. Empty unless every gradient is a scalar."""
    g_in = [_single(s) for s in step.grad_in]
    if not g_in or None in g_in:
        return []
    if any(s is not None and _single(s) is None for s in step.grad_out):
        return []
    if step.name == ACCUMULATE_GRAD:
        return [ChainFactor(of=LOSS_NAME, wrt=out, value=g_in[0])] if out else []
    if out is None:
        return []
    factors: list[ChainFactor] = []
    for k, x in enumerate(ins):
        g_out = _single(step.grad_out[k]) if k < len(step.grad_out) else None
        if g_out is None or x is None or x == out:  # z = (x·w) + b: both parts are "z"
            continue
        formula = local_formula(step.name, k, out, ins)
        if out == LOSS_NAME:
            factors.append(ChainFactor(of=LOSS_NAME, wrt=x, value=g_out, formula=formula))
            continue
        if g_in[0] != 0:
            factors.append(ChainFactor(of=out, wrt=x, value=g_out / g_in[0], formula=formula))
        factors.append(ChainFactor(of=LOSS_NAME, wrt=x, value=g_out))
    return factors


def fill_chain(steps: list[BackwardStep], names: dict[str, str],
               slots: dict[str, list[str | None]]) -> None:
    """Set BackwardStep.chain for every step. names: forward node id -> chain name;
    slots: backward node id -> forward node behind each gradient slot."""
    for step in steps:
        out = names.get(step.forward_node_id or "")
        if step.name == ACCUMULATE_GRAD:
            out = out or step.param_name
        ins = [names.get(n) if n is not None else None for n in slots.get(step.node_id, [])]
        step.chain = step_factors(step, out, ins)


def chain_rules(steps: list[BackwardStep], index: int) -> list[ChainRule]:
    """One ChainRule per total factor dL/dX of steps[index], expanded through the local
    factors recorded by steps[0..index]; a rule with one factor could not be expanded."""
    known: dict[tuple[str, str], ChainFactor] = {}
    for step in steps[:index + 1]:
        known.update({(f.of, f.wrt): f for f in step.chain})
    rules = []
    for factor in steps[index].chain:
        if not factor.is_total:
            continue
        path = _expand(factor.wrt, known, depth=0)
        rules.append(ChainRule(wrt=factor.wrt, factors=path if len(path) > 1 else [factor],
                               value=factor.value))
    return rules


def _expand(var: str, known: dict[tuple[str, str], ChainFactor], depth: int) -> list[ChainFactor]:
    """dL/d<var> as a product of local factors: [dL/dY, ..., d?/d<var>]."""
    if depth < _MAX_DEPTH:
        for (of, wrt), factor in known.items():
            if wrt == var and of != LOSS_NAME:
                return _expand(of, known, depth + 1) + [factor]
    total = known.get((LOSS_NAME, var))
    return [total] if total is not None else []


def derivative_text(factor: ChainFactor) -> str:
    """"da/dz" for ChainFactor(of="a", wrt="z")."""
    return f"d{factor.of}/d{factor.wrt}"
