"""The core of one optimizer step, shared by the GPT trainer and the small scenarios:
zero the grads, forward + loss, backward, gradient norms (and clipping), one host sync,
a finite check, and the optimizer step."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import torch


@dataclass(frozen=True)
class StepOutcome:
    loss: float
    grad_norm: float  # total L2 norm of the gradients before clipping
    stepped: bool  # False: the loss or the gradient norm was not finite, nothing changed
    # (P,) norm of each trainable parameter's gradient as left in p.grad (after clipping), on
    # the device; None when the step was skipped (the gradients were dropped)
    param_grad_norms: torch.Tensor | None


def param_grad_norms(params: list[torch.Tensor]) -> torch.Tensor:
    """(P,) L2 norm of each parameter's gradient (0 where it has none), on their device, no host sync."""
    have = [i for i, p in enumerate(params) if p.grad is not None]
    if not have:
        return torch.zeros(len(params), device=params[0].device if params else None)
    norms = torch.stack(torch._foreach_norm([params[i].grad for i in have]))
    if len(have) < len(params):
        norms = norms.new_zeros(len(params)).index_copy_(0, torch.tensor(have, device=norms.device), norms)
    return norms


def clip_grads_(params: list[torch.Tensor], max_norm: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Clip gradients in place exactly as torch.nn.utils.clip_grad_norm_ does (max_norm <= 0: no
    clipping), computing each parameter's gradient norm once so the statistics can reuse it.

    Returns (total norm before clipping, (P,) norm of each gradient as left in p.grad, i.e.
    after clipping), both on the gradients' device.
    """
    norms = param_grad_norms(params)
    total = torch.linalg.vector_norm(norms)
    if max_norm > 0:
        coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)  # as clip_grad_norm_: no branch, no sync
        grads = [p.grad for p in params if p.grad is not None]
        if grads:
            torch._foreach_mul_(grads, coef)
        norms = norms * coef
    return total, norms


def optimizer_step(model: torch.nn.Module, optimizer: torch.optim.Optimizer,
                   compute_loss: Callable[[], torch.Tensor], grad_clip: float = 0.0) -> StepOutcome:
    """One optimizer step on the loss compute_loss() returns; a non-finite loss or gradient
    norm drops the gradients and skips the update."""
    optimizer.zero_grad(set_to_none=True)
    loss = compute_loss()
    loss.backward()
    params = [p for p in model.parameters() if p.requires_grad]
    grad_norm, norms = clip_grads_(params, grad_clip)
    # The one host sync of the step: loss and grad norm travel together.
    loss_value, norm_value = torch.stack([loss.detach().reshape(()), grad_norm.to(loss.device)]).tolist()
    if not (math.isfinite(loss_value) and math.isfinite(norm_value)):
        optimizer.zero_grad(set_to_none=True)
        return StepOutcome(loss_value, norm_value, stepped=False, param_grad_norms=None)
    optimizer.step()
    return StepOutcome(loss_value, norm_value, stepped=True, param_grad_norms=norms)
