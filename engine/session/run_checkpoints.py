"""Checkpoints in the app's recorded runs, under a byte budget, so "Trace this step" works on them.

Before step N trains, the engine loop's recording saves the weights it starts from (the
checkpoint of step N-1, engine/runs/writer.py) when N is the run's first step or a multiple
of CHECKPOINT_EVERY. The run's checkpoints stay within a byte budget: to make room, the
oldest one after the first goes, so a run keeps its first step and its newest checkpoints.
A model whose first and newest checkpoint would not fit together gets none ("small models
only"). Writes happen in the engine thread, between steps; each checkpoint folder is written
under a hidden name and renamed into place, so a crash leaves only whole ones.
"""
from __future__ import annotations

import logging
from pathlib import Path

import torch

log = logging.getLogger(__name__)

# A nano checkpoint (weights and AdamW's two moments, float32) is about 164 MB; its first one,
# before any update, has no moments yet (about 55 MB). 512 MiB holds that first one and the
# two newest for nano (six for micro), and is a quarter of the 2 GB runs-folder cap
# (run_recording.MAX_BYTES), so the cap still holds several traceable runs. gpt2-124m's ~1.5 GB
# checkpoints do not fit: its runs have none.
CHECKPOINT_BUDGET = 512 * 1024 ** 2
# Every 50th step: on a 2-core CPU nano trains a few steps a second, so a checkpoint every
# 10-20 s, each ~0.3 s to write (measured: tests/benchmarks/run_checkpoints.py).
CHECKPOINT_EVERY = 50
SLACK = 64 * 1024  # JSON files and safetensors headers beside the tensors


def tensor_bytes(tensors) -> int:
    return sum(t.numel() * t.element_size() for t in tensors if isinstance(t, torch.Tensor))


def checkpoint_estimate(trainer, with_moments: bool = False) -> int:
    """Bytes a checkpoint of `trainer` takes now: its weights and its optimizer's state
    tensors (with_moments: as if AdamW's two moments existed for every trainable parameter)."""
    model = tensor_bytes(trainer.model.state_dict().values())
    state = [v for s in trainer.optimizer.state.values() for v in s.values()]
    moments = 2 * tensor_bytes(p for p in trainer.model.parameters() if p.requires_grad)
    return model + (max(moments, tensor_bytes(state)) if with_moments else tensor_bytes(state)) + SLACK


class RunCheckpoints:
    """The checkpoints of one recorded run: which steps get one, and the budget."""

    def __init__(self, budget: int = CHECKPOINT_BUDGET, every: int = CHECKPOINT_EVERY):
        self.budget = max(0, int(budget))
        self.every = max(1, int(every))
        self.sizes: dict[int, int] = {}  # checkpoint step -> bytes on disk
        self.first: int | None = None
        self.too_big = False  # the model's checkpoints do not fit the budget: none are taken
        self._started = False

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def due(self, next_step: int) -> bool:
        """Does step `next_step` get the checkpoint of the weights it starts from?"""
        return not self.too_big and (not self._started or next_step % self.every == 0)

    def before_step(self, writer, trainer) -> None:
        """Engine thread, before `trainer`'s next step: save the checkpoint it starts from
        when due, within the budget. OSError/UserError propagate (the recording stops)."""
        next_step = trainer.step_count + 1
        if not self.due(next_step):
            return
        self._started = True
        step = trainer.step_count
        if step in self.sizes:
            return
        if 2 * checkpoint_estimate(trainer, with_moments=True) > self.budget:
            self.too_big = True
            log.info("no run checkpoints: one takes %d bytes, the budget is %d",
                     checkpoint_estimate(trainer, True), self.budget)
            return
        need = checkpoint_estimate(trainer)
        self._make_room(writer, need)
        if self.total + need > self.budget:
            return
        path = writer.save_checkpoint(trainer)
        self.sizes[step] = _folder_bytes(path)
        if self.first is None:
            self.first = step
        self._make_room(writer, 0, keep_first=False)  # an estimate that fell short

    def _make_room(self, writer, need: int, keep_first: bool = True) -> None:
        """Remove the oldest checkpoints after the first until `need` more bytes fit."""
        while self.sizes and self.total + need > self.budget:
            victims = [s for s in sorted(self.sizes) if s != self.first]
            victims += [self.first] if not keep_first and self.first in self.sizes else []
            if not victims:
                return
            writer.remove_checkpoint(victims[0])
            del self.sizes[victims[0]]
            if victims[0] == self.first:
                self.first = None


def _folder_bytes(path: Path) -> int:
    from ..runs.storage import folder_bytes
    return folder_bytes(Path(path))
