"""One data-parallel optimizer step with DistributedDataParallel.

DDP averages the gradients across ranks during backward(). A communication hook sees each
gradient bucket just before its all-reduce and adds up the squares of this rank's own
gradients, so the local gradient norm costs no extra pass and no extra communication. One
small all-reduce then averages the loss; the finite check uses the global loss and the
(identical on every rank) averaged gradient norm, so every rank skips or steps together.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import torch

from ..train_step import clip_grads_
from .context import DistContext


class LocalNormHook:
    """State of the comm hook: squared norms of this rank's gradient buckets since reset()."""

    def __init__(self, group=None):
        self.group = group
        self.squares: list[torch.Tensor] = []

    def reset(self) -> None:
        self.squares = []

    def local_norm(self, device: torch.device) -> torch.Tensor:
        if not self.squares:
            return torch.zeros((), device=device)
        return torch.stack(self.squares).sum().sqrt().to(device)


def _norm_then_allreduce(state: LocalNormHook, bucket):
    from torch.distributed.algorithms.ddp_comm_hooks import default_hooks
    state.squares.append(bucket.buffer().detach().float().pow(2).sum())  # before the average
    return default_hooks.allreduce_hook(state.group, bucket)


def wrap_ddp(model: torch.nn.Module, ctx: DistContext, device: torch.device):
    """(DistributedDataParallel(model), its LocalNormHook). DDP broadcasts rank 0's weights,
    so every rank starts from the same model even if its seed differed."""
    from torch.nn.parallel import DistributedDataParallel
    ids = [device.index] if device.type == "cuda" else None
    ddp = DistributedDataParallel(model, device_ids=ids)
    hook = LocalNormHook()
    ddp.register_comm_hook(hook, _norm_then_allreduce)
    return ddp, hook


@dataclass(frozen=True)
class DdpOutcome:
    loss: float  # global: the mean of the ranks' losses (equal batch shares)
    grad_norm: float  # of the averaged gradients, before clipping (the one-process number)
    local_loss: float
    local_grad_norm: float  # this rank's own gradients, before the all-reduce
    stepped: bool
    param_grad_norms: torch.Tensor | None


def ddp_optimizer_step(ddp, hook: LocalNormHook, optimizer: torch.optim.Optimizer,
                       compute_loss: Callable[[], torch.Tensor], world_size: int,
                       grad_clip: float = 0.0) -> DdpOutcome:
    import torch.distributed as dist
    optimizer.zero_grad(set_to_none=True)
    hook.reset()
    loss = compute_loss()
    loss.backward()  # the hook records the local norm; DDP averages the gradients
    params = [p for p in ddp.module.parameters() if p.requires_grad]
    local_norm = hook.local_norm(loss.device)
    grad_norm, norms = clip_grads_(params, grad_clip)
    total = loss.detach().reshape(()).clone()
    dist.all_reduce(total)
    values = torch.stack([total / world_size, grad_norm.to(loss.device), loss.detach().reshape(()),
                          local_norm]).tolist()  # the one host sync
    global_loss, norm_value, local_loss, local_norm_value = values
    if not (math.isfinite(global_loss) and math.isfinite(norm_value)):
        optimizer.zero_grad(set_to_none=True)
        return DdpOutcome(global_loss, norm_value, local_loss, local_norm_value, False, None)
    optimizer.step()
    return DdpOutcome(global_loss, norm_value, local_loss, local_norm_value, True, norms)
