"""Who this process is in a torchrun job, the process group, and this rank's data shard."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterator, Mapping

import torch
from torch.utils.data import BatchSampler, DataLoader, Dataset, RandomSampler

from ..errors import ConfigError, ConfigProblem


@dataclass(frozen=True)
class DistContext:
    rank: int
    world_size: int
    local_rank: int

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "DistContext | None":
        """The torchrun variables RANK, WORLD_SIZE, LOCAL_RANK; None when they are not set."""
        env = os.environ if env is None else env
        if "RANK" not in env or "WORLD_SIZE" not in env:
            return None
        try:
            rank, world = int(env["RANK"]), int(env["WORLD_SIZE"])
            local = int(env.get("LOCAL_RANK", rank))
        except ValueError:
            raise ConfigError([f"RANK/WORLD_SIZE/LOCAL_RANK must be whole numbers, not "
                               f"{env.get('RANK')!r}/{env.get('WORLD_SIZE')!r}/{env.get('LOCAL_RANK')!r}."]) from None
        if world < 1 or not 0 <= rank < world:
            raise ConfigError([f"RANK {rank} is not between 0 and WORLD_SIZE-1 ({world - 1})."])
        return cls(rank, world, local)

    def per_rank_batch(self, batch_size: int) -> int:
        """batch_size is the global batch; ConfigError unless the ranks can split it evenly."""
        if batch_size % self.world_size:
            raise ConfigError([ConfigProblem("batch_size", (
                f"batch_size {batch_size} cannot be split evenly over {self.world_size} processes; use "
                f"a batch_size divisible by {self.world_size} (it is the global batch: each process "
                f"trains on batch_size / processes windows)."))])
        return batch_size // self.world_size

    def device(self, requested: torch.device) -> torch.device:
        """On CUDA each local rank takes its own GPU."""
        if requested.type == "cuda":
            torch.cuda.set_device(self.local_rank)
            return torch.device("cuda", self.local_rank)
        return requested

    def init(self, device: torch.device) -> str:
        """init_process_group from the torchrun environment; returns the backend."""
        import torch.distributed as dist
        backend = "nccl" if device.type == "cuda" else "gloo"
        if not dist.is_initialized():
            dist.init_process_group(backend, rank=self.rank, world_size=self.world_size)
        return backend

    @staticmethod
    def shutdown() -> None:
        import torch.distributed as dist
        if dist.is_available() and dist.is_initialized():
            dist.destroy_process_group()


class RankSlices:
    """The batches of `batches` (lists of indices), each cut to this rank's contiguous slice:
    rank r of W takes items [r*b, (r+1)*b) of every global batch of W*b."""

    def __init__(self, batches: BatchSampler, ctx: DistContext):
        self.batches = batches
        self.ctx = ctx
        self.per_rank = ctx.per_rank_batch(batches.batch_size)

    def __iter__(self) -> Iterator[list[int]]:
        lo = self.ctx.rank * self.per_rank
        for batch in self.batches:
            yield batch[lo:lo + self.per_rank]

    def __len__(self) -> int:
        return len(self.batches)


def shard_loader(dataset: Dataset, batch_size: int, seed: int, ctx: DistContext) -> DataLoader:
    """This rank's train loader. The one-process loader is DataLoader(shuffle=True,
    drop_last=True, generator seeded with `seed`); this one draws the same permutation from a
    generator in the same state (the DataLoader draws its base seed from it first, as there),
    so the W ranks together see exactly the global batches one process would. (torch's
    DistributedSampler shuffles differently, which would make 1 and W processes diverge.)"""
    generator = torch.Generator().manual_seed(seed)
    batches = BatchSampler(RandomSampler(dataset, generator=generator), batch_size, drop_last=True)
    return DataLoader(dataset, batch_sampler=RankSlices(batches, ctx), num_workers=0, generator=generator)
