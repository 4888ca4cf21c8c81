"""TensorSummary from a tensor: stats and histogram computed on the tensor's device,
packed into one flat tensor and moved to the CPU in a single transfer."""
from __future__ import annotations

import dataclasses
import weakref
from typing import Sequence

import numpy as np
import torch

from .types import TensorSummary

DEFAULT_BINS = 32


HIST_SAMPLE = 1 << 16  # histograms of bigger tensors use an evenly strided sample of this size


def _float_view(t: torch.Tensor) -> torch.Tensor:
    """t flattened, as float, without a copy when possible.

    Stats do not depend on element order, so a transposed/permuted dense tensor is read in
    memory order (no copy; reductions over non-contiguous views are many times slower).
    """
    x = t.detach()
    if x.is_complex():
        x = x.abs()
    if x.dim() > 1 and not x.is_contiguous():
        perm = sorted(range(x.dim()), key=lambda d: x.stride(d), reverse=True)
        xp = x.permute(perm)
        x = xp if xp.is_contiguous() else x
    x = x.reshape(-1)
    if x.dtype not in (torch.float32, torch.float64):  # ints, bools, half: count in float32
        x = x.to(torch.float32)
    return x


def _pack_dtype(x: torch.Tensor) -> torch.dtype:
    # float64 keeps small values exact; MPS has no float64.
    return torch.float32 if x.device.type == "mps" else torch.float64


def _histogram(x: torch.Tensor, lo: torch.Tensor, hi: torch.Tensor, bins: int,
               keep: torch.Tensor | None = None) -> torch.Tensor:
    """Counts per bin, on the device, without a host sync (no bincount/histc range lookup).

    keep: optional bool mask; entries outside it land in an extra slot that is dropped.
    """
    if x.numel() > HIST_SAMPLE:  # the distribution's shape, from an evenly strided sample
        step = -(-x.numel() // HIST_SAMPLE)
        x = x[::step]
        keep = keep[::step] if keep is not None else None
    width = (hi - lo).clamp(min=torch.finfo(x.dtype).tiny)
    pos = (x - lo).mul_(bins / width)
    idx = torch.nan_to_num_(pos, nan=0.0).clamp_(0, bins - 1).to(torch.int64)
    if keep is not None:
        idx = torch.where(keep, idx, torch.full_like(idx, bins))
    counts = torch.zeros(bins + 1, dtype=x.dtype, device=x.device)
    counts.scatter_add_(0, idx, torch.ones((), dtype=x.dtype, device=x.device).expand_as(idx))
    return counts[:bins]


def _mean_std(x: torch.Tensor, acc: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean and sample std in two cheap passes (faster than var_mean on CPU): shift by a
    sampled mean first so the sum of squares does not cancel."""
    n = x.numel()
    shift = x[:: max(1, n // 1024)].mean()
    d = x - shift
    sd = d.sum().to(acc)  # d is centred: a float32 sum does not lose the mean
    ss = torch.dot(d, d).to(acc)
    var = ((ss - sd * sd / n) / max(n - 1, 1)).clamp(min=0)
    return shift.to(acc) + sd / n, var.sqrt()


def _stats_on_device(t: torch.Tensor, bins: int, value_cap: int,
                     finite_only: bool = False, precise: bool = True) -> torch.Tensor:
    """[norm, min, max, mean, std, n, counts(bins)..., values...] as one flat tensor.

    Gradients use the fast path: every entry counts, so an inf or nan gradient shows up as
    such. finite_only=True (forward values, where a causal mask puts -inf on purpose)
    leaves non-finite entries out of the stats and the histogram; the values keep them.
    """
    x = _float_view(t)
    acc = _pack_dtype(x)
    zero = torch.zeros((), dtype=acc, device=x.device)
    if x.numel() == 0:
        parts = [zero.expand(6), zero.expand(bins)]
    elif not finite_only:
        lo, hi = torch.aminmax(x)
        norm = torch.linalg.vector_norm(x)
        if precise or x.numel() <= value_cap:
            mean, std = _mean_std(x, acc)
        else:
            # Two fewer passes over a big tensor: var from ||x||^2 and the sum. Loses digits
            # only when |mean| >> std (relative error ~1e-7 * mean^2 / var): fine for
            # gradients, whose mean is rarely far from 0 compared with their spread.
            n = x.numel()
            mean = x.sum().to(acc) / n
            var = ((norm.to(acc) ** 2 - n * mean * mean) / max(n - 1, 1)).clamp(min=0)
            std = var.sqrt()
        n = torch.full((), x.numel(), dtype=acc, device=x.device)
        head = torch.stack([norm.to(acc), lo.to(acc), hi.to(acc), mean, std, n])
        parts = [head, _histogram(x, lo, hi, bins).to(acc)]
    else:
        finite = torch.isfinite(x)
        n = finite.sum()
        xz = torch.where(finite, x, torch.zeros((), dtype=x.dtype, device=x.device))
        inf = torch.full((), float("inf"), dtype=x.dtype, device=x.device)
        lo = torch.where(finite, x, inf).amin()
        hi = torch.where(finite, x, -inf).amax()
        nf = n.to(acc)
        mean = xz.sum(dtype=acc) / nf.clamp(min=1)
        dev = torch.where(finite, x - mean.to(x.dtype), torch.zeros((), dtype=x.dtype, device=x.device))
        var = dev.pow(2).sum(dtype=acc) / (nf - 1).clamp(min=1)
        norm = torch.linalg.vector_norm(xz).to(acc)
        head = torch.stack([norm, lo.to(acc), hi.to(acc), mean, var.sqrt(), nf])
        parts = [head, _histogram(xz, lo, hi, bins, keep=finite).to(acc)]
    if x.numel() <= value_cap:
        parts.append(t.detach().reshape(-1).to(acc))  # values in t's own order
    return torch.cat(parts)


def _unpack(packed: np.ndarray, shape: tuple[int, ...], dtype: str, bins: int,
            numel: int, value_cap: int) -> TensorSummary:
    norm, lo, hi, mean, std, n = packed[:6]
    counts = packed[6:6 + bins].astype(np.int64)
    if n == 0:  # empty or nothing finite
        lo = hi = mean = std = norm = float("nan")
        edges = np.zeros(bins + 1)
        counts = np.zeros(bins, dtype=np.int64)
    elif not (np.isfinite(lo) and np.isfinite(hi)):  # inf/nan gradients: stats say so
        edges = np.zeros(bins + 1)
        counts = np.zeros(bins, dtype=np.int64)
    elif hi > lo:
        edges = np.linspace(lo, hi, bins + 1)
    else:  # constant tensor: one bar in the middle of a unit-wide range
        edges = np.linspace(lo - 0.5, lo + 0.5, bins + 1)
        counts = np.zeros(bins, dtype=np.int64)
        counts[bins // 2] = int(n)
    values = packed[6 + bins:].reshape(shape).astype(np.float64) if numel <= value_cap else None
    return TensorSummary(shape=shape, dtype=dtype, norm=float(norm), min=float(lo),
                         max=float(hi), mean=float(mean), std=float(std),
                         hist_counts=counts, hist_edges=edges, values=values)


def _dtype_name(t: torch.Tensor) -> str:
    return str(t.dtype).removeprefix("torch.")


def summarize(t: torch.Tensor, *, bins: int = DEFAULT_BINS, value_cap: int = 4096,
              finite_only: bool = False) -> TensorSummary:
    """One tensor's summary; values included when numel <= value_cap. One device->CPU copy."""
    packed = _stats_on_device(t, bins, value_cap, finite_only).cpu().numpy()
    return _unpack(packed, tuple(t.shape), _dtype_name(t), bins, t.numel(), value_cap)


class SummaryBatch:
    """Collect tensors to summarize, then summarize them all with one device->CPU copy.

    With a `cache`, a tensor whose memory was already summarized (same storage start,
    size, dtype and version counter, e.g. the gradient one autograd node sends and the
    next receives, or its transposed view) reuses that summary: the stats do not depend
    on element order. Entries hold a weak reference: once the summarized tensor is freed
    its memory may be reused, so the entry no longer matches. Small tensors (values
    shown) are always summarized afresh.
    """

    def __init__(self, *, bins: int = DEFAULT_BINS, value_cap: int = 4096,
                 finite_only: bool = False, cache: dict | None = None, precise: bool = True):
        self.bins, self.value_cap, self.finite_only = bins, value_cap, finite_only
        self.precise = precise
        self.cache = cache
        self._slots: list[tuple[str, object]] = []  # ("none"|"cached"|"pending", payload)
        self._packs: list[torch.Tensor] = []
        self._pending: list[tuple[torch.Tensor, object]] = []
        self._by_key: dict[object, int] = {}

    def _key(self, t: torch.Tensor):
        if self.cache is None or t.numel() <= self.value_cap or t.device.type == "meta":
            return None
        if not (t.is_contiguous() or _dense_permutation(t)):
            return None
        return (t.data_ptr(), t.numel(), t.dtype, t.device, t._version)

    def add(self, t: torch.Tensor | None) -> int:
        slot = len(self._slots)
        if t is None:
            self._slots.append(("none", None))
            return slot
        key = self._key(t)
        hit = self.cache.get(key) if key is not None else None
        if hit is not None and hit[0]() is not None:
            # The summarized tensor is still alive, so its memory was not reused.
            self._slots.append(("cached", (hit[1], tuple(t.shape))))
        elif key is not None and key in self._by_key and self._by_key[key][0]() is not None:
            self._slots.append(("pending", (self._by_key[key][1], tuple(t.shape))))
        else:
            index = len(self._pending)
            self._pending.append((t, key))
            self._packs.append(_stats_on_device(t, self.bins, self.value_cap, self.finite_only,
                                                self.precise))
            if key is not None:
                self._by_key[key] = (weakref.ref(t), index)
            self._slots.append(("pending", (index, tuple(t.shape))))
        return slot

    def finish(self) -> list[TensorSummary | None]:
        done: list[TensorSummary] = []
        if self._packs:
            device = self._packs[0].device
            flat = torch.cat([p.to(device) for p in self._packs]).cpu().numpy()  # the one copy
            start = 0
            for (t, key), p in zip(self._pending, self._packs):
                n = p.numel()
                summary = _unpack(flat[start:start + n], tuple(t.shape), _dtype_name(t),
                                  self.bins, t.numel(), self.value_cap)
                start += n
                done.append(summary)
                if key is not None:
                    self.cache[key] = (weakref.ref(t), summary)
        out: list[TensorSummary | None] = []
        for kind, payload in self._slots:
            if kind == "none":
                out.append(None)
                continue
            ref, shape = payload
            summary = ref if kind == "cached" else done[ref]
            out.append(summary if summary.shape == shape else dataclasses.replace(summary, shape=shape))
        return out


def _dense_permutation(t: torch.Tensor) -> bool:
    if t.dim() < 2:
        return False
    perm = sorted(range(t.dim()), key=lambda d: t.stride(d), reverse=True)
    return t.permute(perm).is_contiguous()


def summarize_many(tensors: Sequence[torch.Tensor | None], *, bins: int = DEFAULT_BINS,
                   value_cap: int = 4096, finite_only: bool = False) -> list[TensorSummary | None]:
    """Summaries of several tensors (None stays None) with one transfer for all of them."""
    batch = SummaryBatch(bins=bins, value_cap=value_cap, finite_only=finite_only)
    for t in tensors:
        batch.add(t)
    return batch.finish()


def summarize_segments(flat: torch.Tensor, lengths: list[int], shapes: list[tuple[int, ...]],
                       dtypes: list[str], *, bins: int = DEFAULT_BINS) -> list[TensorSummary]:
    """Summaries (values included) of many small tensors laid end to end in `flat`.

    All stats come from ~15 segment ops over the whole vector instead of ~15 ops per
    tensor, and one device->CPU copy: the cheap way to summarize hundreds of small
    gradients. Non-finite entries count as they are (like the gradient fast path).
    """
    n_seg = len(lengths)
    if n_seg == 0:
        return []
    dev, acc = flat.device, flat.dtype
    counts_t = torch.tensor(lengths, device=dev)
    seg = torch.repeat_interleave(torch.arange(n_seg, device=dev), counts_t)
    n = counts_t.to(acc)
    total = torch.zeros(n_seg, dtype=acc, device=dev).index_add_(0, seg, flat)
    mean = total / n.clamp(min=1)
    sq = torch.zeros(n_seg, dtype=acc, device=dev).index_add_(0, seg, flat * flat)
    dev_sq = torch.zeros(n_seg, dtype=acc, device=dev).index_add_(0, seg, (flat - mean[seg]) ** 2)
    std = (dev_sq / (n - 1).clamp(min=1)).sqrt()
    lo = torch.zeros(n_seg, dtype=acc, device=dev).scatter_reduce_(0, seg, flat, "amin", include_self=False)
    hi = torch.zeros(n_seg, dtype=acc, device=dev).scatter_reduce_(0, seg, flat, "amax", include_self=False)
    width = (hi - lo).clamp(min=torch.finfo(acc).tiny)
    pos = ((flat - lo[seg]) * (bins / width[seg])).nan_to_num_(0.0).clamp_(0, bins - 1).long()
    hist = torch.zeros(n_seg * bins, dtype=acc, device=dev).index_add_(0, pos + seg * bins, torch.ones_like(flat))
    head = torch.stack([sq.sqrt(), lo, hi, mean, std, n], dim=1)  # (n_seg, 6)
    packed = torch.cat([head.reshape(-1), hist, flat]).cpu().numpy()  # the one copy
    head_np = packed[:n_seg * 6].reshape(n_seg, 6)
    hist_np = packed[n_seg * 6:n_seg * (6 + bins)].reshape(n_seg, bins)
    values = packed[n_seg * (6 + bins):]
    out, start = [], 0
    for i, (length, shape, dtype) in enumerate(zip(lengths, shapes, dtypes)):
        row = np.concatenate([head_np[i], hist_np[i], values[start:start + length]])
        out.append(_unpack(row, shape, dtype, bins, length, length))
        start += length
    return out
