"""Data-parallel training over several processes (torchrun), plain torch.distributed.

    ctx = DistContext.from_env()     # None outside torchrun (no RANK/WORLD_SIZE in the env)
    ctx.init(device)                 # init_process_group: gloo on CPU, nccl on CUDA
    loader = shard_loader(dataset, train_cfg, ctx)  # this rank's part of every global batch
    ddp, hook = wrap_ddp(model, ctx) # DistributedDataParallel + a comm hook that measures the
                                     # local gradient norm before the all-reduce

Each rank takes its own contiguous slice of every global batch the one-process loader would
draw (same shuffle, same seed), so the averaged gradient equals the one-process gradient up
to float rounding. Modules: context (DistContext, shard_loader), ddp_step (wrap_ddp,
LocalNormHook, ddp_optimizer_step).
"""
from __future__ import annotations

from .context import DistContext, RankSlices, shard_loader
from .ddp_step import DdpOutcome, LocalNormHook, ddp_optimizer_step, wrap_ddp

__all__ = ["DdpOutcome", "DistContext", "LocalNormHook", "RankSlices", "ddp_optimizer_step",
           "shard_loader", "wrap_ddp"]
