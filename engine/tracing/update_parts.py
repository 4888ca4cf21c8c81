"""What an AdamW step is made of, for one parameter, from the optimizer's own state.

torch.optim.AdamW (decoupled weight decay) does, per parameter p with gradient g at step t:
    m = β1·m + (1−β1)·g            v = β2·v + (1−β2)·g²            (the moments)
    p ← p·(1 − lr·λ)                                                (weight decay, decoupled)
    p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)              (the bias-corrected step)
so new = old + decay + step, with decay = −lr·λ·old. These are computed here from the
moments the (shadow) optimizer holds after its step, not derived from new − old.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch


@dataclass
class AdamWParts:
    moment1: torch.Tensor  # m, the running mean of the gradient
    moment2: torch.Tensor  # v, the running mean of its square
    step: torch.Tensor  # −(lr/(1−β1^t))·m/(√v/√(1−β2^t)+ε)
    decay: torch.Tensor  # −lr·λ·old


def adamw_parts(optimizer: torch.optim.Optimizer, param: torch.Tensor, old: torch.Tensor
                ) -> AdamWParts | None:
    """The parts of the AdamW step `optimizer` just took for `param` (None for other optimizers)."""
    if not isinstance(optimizer, torch.optim.AdamW):
        return None
    state = optimizer.state.get(param)
    group = next(g for g in optimizer.param_groups if any(q is param for q in g["params"]))
    if not state or "exp_avg" not in state:
        return None
    beta1, beta2 = group["betas"]
    lr, eps, wd = float(group["lr"]), float(group["eps"]), float(group["weight_decay"])
    t = float(state["step"])
    m, v = state["exp_avg"].detach(), state["exp_avg_sq"].detach()
    correction1, correction2 = 1 - beta1 ** t, 1 - beta2 ** t
    step = -(lr / correction1) * m / (v.sqrt() / math.sqrt(correction2) + eps)
    return AdamWParts(moment1=m, moment2=v, step=step, decay=-lr * wd * old)
