"""Numbers behind the one tensor widget: statistics, the ±3σ colour range, 2-D slices, markers.

numpy only (no torch): the GUI shows what these functions decide. A tensor of rank 3 or
more is shown one 2-D slice at a time (its last two axes); every leading axis is picked by
an index. The colour range is symmetric around zero and reaches three standard deviations
past the mean; cells beyond it are clipped (drawn at the end colour and marked).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CLIP_SIGMAS = 3.0


@dataclass(frozen=True)
class TensorStats:
    """One line of facts about a tensor; counts are None when the values were not kept."""

    shape: tuple[int, ...]
    dtype: str
    mean: float
    std: float
    min: float
    max: float
    zeros: int | None = None
    nans: int | None = None
    pos_infs: int | None = None
    neg_infs: int | None = None
    norm: float | None = None

    @property
    def rank(self) -> int:
        return len(self.shape)

    @property
    def numel(self) -> int:
        return int(np.prod(self.shape)) if self.shape else 1


@dataclass(frozen=True)
class CellGrid:
    """One 2-D slice ready to draw: values, their place on the colour map and the markers."""

    values: np.ndarray  # (rows, cols) float64, the exact numbers of the slice
    bound: float  # the colour map spans -bound..bound; 0 is its centre
    scaled: np.ndarray  # (rows, cols) in [-1, 1]; 0 for non-finite cells
    clipped: np.ndarray  # (rows, cols) bool: finite, |value| > bound
    nan: np.ndarray  # (rows, cols) bool
    pos_inf: np.ndarray
    neg_inf: np.ndarray
    integer: bool  # the tensor holds integers (cells show them without decimals)

    @property
    def shape(self) -> tuple[int, int]:
        return self.values.shape  # type: ignore[return-value]


def array_stats(values: np.ndarray, dtype: str | None = None) -> TensorStats:
    """Statistics over the finite values; NaN and ±Inf are counted, not averaged."""
    values = np.asarray(values)
    flat = values.astype(np.float64, copy=False).reshape(-1)
    finite = flat[np.isfinite(flat)]
    mean = float(finite.mean()) if finite.size else float("nan")
    std = float(finite.std()) if finite.size else float("nan")
    return TensorStats(
        shape=tuple(int(d) for d in values.shape), dtype=dtype or str(values.dtype),
        mean=mean, std=std,
        min=float(finite.min()) if finite.size else float("nan"),
        max=float(finite.max()) if finite.size else float("nan"),
        zeros=int(np.count_nonzero(flat == 0)), nans=int(np.count_nonzero(np.isnan(flat))),
        pos_infs=int(np.count_nonzero(flat == np.inf)), neg_infs=int(np.count_nonzero(flat == -np.inf)),
        norm=float(np.sqrt(np.sum(finite * finite))) if finite.size else float("nan"))


def summary_stats(summary) -> TensorStats:
    """TensorStats of an engine.tracing.types.TensorSummary (counts only when it kept values)."""
    if summary.values is not None:
        stats = array_stats(np.asarray(summary.values).reshape(summary.shape), summary.dtype)
        return TensorStats(**{**stats.__dict__, "norm": float(summary.norm)})
    return TensorStats(shape=tuple(summary.shape), dtype=summary.dtype, mean=float(summary.mean),
                       std=float(summary.std), min=float(summary.min), max=float(summary.max),
                       norm=float(summary.norm))


def clip_bound(values: np.ndarray) -> float:
    """Half-width of the colour range: |mean| + 3σ of the finite values, no wider than the
    largest finite magnitude; 1 when every value is 0 (or none is finite)."""
    flat = np.asarray(values, dtype=np.float64).reshape(-1)
    finite = flat[np.isfinite(flat)]
    if not finite.size:
        return 1.0
    largest = float(np.max(np.abs(finite)))
    bound = min(abs(float(finite.mean())) + CLIP_SIGMAS * float(finite.std()), largest)
    return bound if bound > 0 else (largest or 1.0)


def slice_axes(shape: tuple[int, ...]) -> tuple[int, ...]:
    """The leading axes a slider picks (rank 3 and up): every axis but the last two."""
    return tuple(range(max(0, len(shape) - 2)))


def as_2d(values: np.ndarray, index: tuple[int, ...] = ()) -> np.ndarray:
    """The slice to draw: a scalar as 1×1, a vector as one row, rank ≥ 3 at `index` (one
    position per leading axis, clamped to the axis)."""
    values = np.asarray(values)
    if values.ndim == 0:
        return values.reshape(1, 1)
    if values.ndim == 1:
        return values.reshape(1, -1)
    lead = values.shape[:-2]
    picked = tuple(min(max(0, int(i)), n - 1) for i, n in zip(tuple(index) + (0,) * len(lead), lead))
    return values[picked] if picked else values


def cell_grid(matrix: np.ndarray, bound: float) -> CellGrid:
    """Colour positions and markers of a 2-D slice against a fixed symmetric range."""
    matrix = np.asarray(matrix)
    integer = matrix.dtype.kind in "iub"
    values = matrix.astype(np.float64)
    finite = np.isfinite(values)
    bound = float(bound) if bound > 0 else 1.0
    scaled = np.where(finite, np.clip(np.where(finite, values, 0.0) / bound, -1.0, 1.0), 0.0)
    return CellGrid(values=values, bound=bound, scaled=scaled,
                    clipped=finite & (np.abs(np.where(finite, values, 0.0)) > bound),
                    nan=np.isnan(values), pos_inf=values == np.inf, neg_inf=values == -np.inf,
                    integer=integer)


def cell_text(value: float, integer: bool, digits: int = 3) -> str:
    """What a cell shows: short enough for a small square (the hover has every digit)."""
    if np.isnan(value):
        return "NaN"
    if np.isinf(value):
        return "+∞" if value > 0 else "−∞"
    if integer:
        return str(int(value))
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    return text.replace("e-0", "e-").replace("e+0", "e")


def exact_text(value: float, integer: bool) -> str:
    """Every digit a float32 or int64 holds (the hover)."""
    if np.isnan(value) or np.isinf(value):
        return cell_text(value, integer)
    return str(int(value)) if integer else f"{value:.9g}"
