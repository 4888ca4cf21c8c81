"""Per-parameter gradient and weight statistics every N optimizer steps.

Usage around a training step:
    rec = ParamStatsRecorder(model, every=1)
    rec.before_step()   # any time before optimizer.step(): keeps a sample of the weights
    loss.backward(); (clip); optimizer.step()
    stats = rec.after_step(step)   # reads this step's gradients (still in p.grad) and weights
so a monolithic train_step() can sit between the two calls.

Norms of gradients and weights are exact (torch._foreach_norm over every element).
Histograms and the update-to-weight ratio use an evenly strided sample of up to `sample`
elements per parameter (the whole parameter when it is smaller): copying every weight
before each step would cost more than the stats are worth on a CPU. All parameters are
handled together as one padded (P, sample) matrix, on the parameters' device, and the
results are packed into one tensor: one device->CPU copy per recorded step.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from torch.nn.utils.rnn import pad_sequence

SAMPLE = 4096  # elements per parameter for histograms and the update ratio


@dataclass
class ParamStats:
    step: int
    names: list[str]
    grad_norm: np.ndarray  # (P,) exact
    weight_norm: np.ndarray  # (P,) exact, after the step
    update_norm: np.ndarray  # (P,) ||w_after - w_before|| (scaled up from the sample if sampled)
    update_ratio: np.ndarray  # (P,) ||update|| / ||w_before|| (on the sample if sampled)
    grad_hist: np.ndarray  # (P, bins) counts over the sample of each gradient
    grad_edges: np.ndarray  # (P, bins + 1)
    weight_hist: np.ndarray  # (P, bins) counts over the sample of each weight, after the step
    weight_edges: np.ndarray  # (P, bins + 1)
    sampled: np.ndarray  # (P,) bool: True where a sample stands for the whole parameter


class ParamStatsRecorder:
    def __init__(self, model: torch.nn.Module, every: int = 1, bins: int = 64,
                 sample: int = SAMPLE):
        if every < 1:
            raise ValueError(f"every must be at least 1, not {every}.")
        if sample < 1:
            raise ValueError(f"sample must be at least 1, not {sample}.")
        self.every = every
        self.bins = bins
        named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
        self.names = [n for n, _ in named]
        self.params = [p for _, p in named]
        self._steps = [max(1, math.ceil(p.numel() / sample)) for p in self.params]
        lengths = [len(range(0, p.numel(), s)) for p, s in zip(self.params, self._steps)]
        device = self.params[0].device if self.params else torch.device("cpu")
        width = max(lengths, default=1)
        self._mask = torch.arange(width, device=device)[None, :] < torch.tensor(lengths, device=device)[:, None]
        self._scale = torch.tensor([math.sqrt(p.numel() / n) for p, n in zip(self.params, lengths)],
                                   device=device)
        self._sampled = np.array([n < p.numel() for p, n in zip(self.params, lengths)])
        self._calls = 0
        self._armed = False
        self._before: torch.Tensor | None = None

    def _samples(self, tensors: list[torch.Tensor]) -> torch.Tensor:
        """(P, width) float32 matrix of evenly strided samples, zero-padded."""
        rows = [t.detach().reshape(-1)[::s] for t, s in zip(tensors, self._steps)]
        return pad_sequence([r.float() for r in rows], batch_first=True)

    def _hist(self, m: torch.Tensor) -> torch.Tensor:
        """(P, 2 + bins): [lo, hi, counts...] per row, padding left out."""
        mask, bins, n_rows = self._mask, self.bins, m.shape[0]
        inf = torch.tensor(float("inf"), device=m.device)
        lo = torch.where(mask, m, inf).amin(1)
        hi = torch.where(mask, m, -inf).amax(1)
        width = (hi - lo).clamp(min=1e-30)
        idx = ((m - lo[:, None]) * (bins / width)[:, None]).nan_to_num_(0.0).clamp_(0, bins - 1).long()
        idx = idx + torch.arange(n_rows, device=m.device)[:, None] * bins
        idx = torch.where(mask, idx, torch.full_like(idx, n_rows * bins))
        counts = torch.zeros(n_rows * bins + 1, device=m.device)
        counts.scatter_add_(0, idx.reshape(-1), torch.ones_like(m).reshape(-1))
        return torch.cat([lo[:, None], hi[:, None], counts[:-1].view(n_rows, bins)], dim=1)

    def will_record(self) -> bool:
        """Whether the next before_step/after_step pair records (every N-th, first included)."""
        return self._calls % self.every == 0

    @torch.no_grad()
    def before_step(self) -> None:
        """Call before optimizer.step() (before or after backward)."""
        self._armed = self.will_record() and bool(self.params)
        self._calls += 1
        if self._armed:
            self._before = self._samples(self.params)  # a copy: the step changes the weights

    @torch.no_grad()
    def after_step(self, step: int) -> ParamStats | None:
        """Call after optimizer.step(); returns stats on recorded steps, else None."""
        if not self._armed:
            return None
        self._armed = False
        # Gradients are read after the step: optimizer.step() leaves p.grad as it was.
        grads = [p.grad if p.grad is not None else torch.zeros_like(p) for p in self.params]
        grad_norm = torch.stack(torch._foreach_norm(grads)).float()
        grad_part = torch.cat([grad_norm[:, None], self._hist(self._samples(grads))], dim=1)
        weight_norm = torch.stack(torch._foreach_norm([p.detach() for p in self.params])).float()
        after = self._samples(self.params)
        delta = torch.linalg.vector_norm(after - self._before, dim=1)
        ratio = delta / torch.linalg.vector_norm(self._before, dim=1).clamp(min=1e-30)
        update = delta * self._scale  # a sample's norm, scaled to the whole parameter
        packed = torch.cat([grad_part, weight_norm[:, None], update[:, None],
                            ratio[:, None], self._hist(after)], dim=1).cpu().numpy().astype(np.float64)
        self._before = None
        b = self.bins
        o = 3 + b
        return ParamStats(
            step=step, names=list(self.names), grad_norm=packed[:, 0],
            weight_norm=packed[:, o], update_norm=packed[:, o + 1], update_ratio=packed[:, o + 2],
            grad_hist=packed[:, 3:3 + b].astype(np.int64), grad_edges=_edges(packed[:, 1], packed[:, 2], b),
            weight_hist=packed[:, o + 5:o + 5 + b].astype(np.int64),
            weight_edges=_edges(packed[:, o + 3], packed[:, o + 4], b), sampled=self._sampled.copy())


def _edges(lo: np.ndarray, hi: np.ndarray, bins: int) -> np.ndarray:
    same = hi <= lo
    hi = np.where(same, lo + 0.5, hi)
    lo = np.where(same, lo - 0.5, lo)
    return lo[:, None] + (hi - lo)[:, None] * np.linspace(0.0, 1.0, bins + 1)[None, :]
