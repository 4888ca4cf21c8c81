"""Gradient health from the per-parameter statistics: every parameter named and placed by
block and component, plain-language flags for vanishing and exploding gradients, a chosen
gradient's histogram over time, and the first op whose output stopped being finite.

Thresholds follow TorchLens: a gradient norm below 1e-7 is vanishing, above 1e4 exploding.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum

import numpy as np

from ..text import translate

VANISHING_BELOW = 1e-7
EXPLODING_ABOVE = 1e4
_BLOCK = re.compile(r"^(?P<container>[\w]+)\.(?P<layer>\d+)\.(?P<component>.+)$")


@dataclass(frozen=True)
class HeatGrid:
    """components × layers: log10 of a per-parameter quantity (NaN where there is none)."""

    components: list[str]  # e.g. "att.W_query.weight", "ff.layers.0.weight", "norm1.scale"
    layers: list[int]
    values: np.ndarray  # (len(components), len(layers))
    outside: list[tuple[str, float]]  # parameters outside the repeated blocks: (name, log10 value)


def block_grid(names: list[str], values: np.ndarray) -> HeatGrid:
    """Place each parameter of a repeated block (trf_blocks.3.att.W_query.weight) in the grid."""
    placed: dict[tuple[str, int], float] = {}
    components: list[str] = []
    layers: set[int] = set()
    outside = []
    logs = np.log10(np.where(np.asarray(values, dtype=float) > 0, values, np.nan))
    for name, value in zip(names, logs):
        match = _BLOCK.match(name)
        if match is None:
            outside.append((name, float(value)))
            continue
        component, layer = match["component"], int(match["layer"])
        if component not in components:
            components.append(component)
        layers.add(layer)
        placed[(component, layer)] = float(value)
    ordered = sorted(layers)
    grid = np.full((len(components), len(ordered)), np.nan)
    for (component, layer), value in placed.items():
        grid[components.index(component), ordered.index(layer)] = value
    return HeatGrid(components, ordered, grid, outside)


class FlagKind(str, Enum):
    VANISHING = "vanishing"
    EXPLODING = "exploding"
    NOT_FINITE = "not finite"


@dataclass(frozen=True)
class HealthFlag:
    name: str
    kind: FlagKind
    grad_norm: float

    def text(self) -> str:
        if self.kind == FlagKind.VANISHING:
            return translate("gradient_health", "{name}: gradient norm {norm:.1e} is below {limit:.0e}: it barely "
                                                "learns (vanishing gradient).").format(
                name=self.name, norm=self.grad_norm, limit=VANISHING_BELOW)
        if self.kind == FlagKind.EXPLODING:
            return translate("gradient_health", "{name}: gradient norm {norm:.1e} is above {limit:.0e}: steps this "
                                                "large can blow the weights up (exploding gradient).").format(
                name=self.name, norm=self.grad_norm, limit=EXPLODING_ABOVE)
        return translate("gradient_health", "{name}: the gradient is {norm} (not a number any more).").format(
            name=self.name, norm=str(self.grad_norm))


def health_flags(stats) -> list[HealthFlag]:
    """One flag per parameter whose gradient norm is out of the healthy range."""
    flags = []
    for name, norm in zip(stats.names, stats.grad_norm):
        norm = float(norm)
        if not math.isfinite(norm):
            flags.append(HealthFlag(name, FlagKind.NOT_FINITE, norm))
        elif norm < VANISHING_BELOW:
            flags.append(HealthFlag(name, FlagKind.VANISHING, norm))
        elif norm > EXPLODING_ABOVE:
            flags.append(HealthFlag(name, FlagKind.EXPLODING, norm))
    return flags


@dataclass(frozen=True)
class HistogramHistory:
    """One parameter's gradient histograms over time on shared bins: steps × bins counts."""

    steps: np.ndarray  # (S,)
    edges: np.ndarray  # (bins + 1,) shared edges over every recorded histogram
    counts: np.ndarray  # (S, bins)


def histogram_history(history, name: str, bins: int = 48) -> HistogramHistory | None:
    """Re-bin each recorded gradient histogram of `name` onto common edges (mass moved by the
    overlap of the old bins with the new ones), so the steps line up in one heat plot."""
    rows = [(s.step, s.grad_hist[i], s.grad_edges[i]) for s in history
            for i in [s.names.index(name)] if name in s.names]
    if not rows:
        return None
    finite = [e for _, _, e in rows if np.isfinite(e).all()]
    if not finite:
        return None
    low, high = min(e[0] for e in finite), max(e[-1] for e in finite)
    if high <= low:
        high = low + 1e-12
    edges = np.linspace(low, high, bins + 1)
    counts = np.zeros((len(rows), bins))
    for r, (_, hist, old) in enumerate(rows):
        if not np.isfinite(old).all():
            continue
        counts[r] = _rebin(np.asarray(hist, float), np.asarray(old, float), edges)
    return HistogramHistory(np.array([s for s, _, _ in rows]), edges, counts)


def _rebin(hist: np.ndarray, old: np.ndarray, new: np.ndarray) -> np.ndarray:
    cumulative = np.concatenate([[0.0], np.cumsum(hist)])
    at_new = np.interp(new, old, cumulative, left=0.0, right=cumulative[-1])
    return np.diff(at_new)


def first_non_finite_op(trace) -> tuple[int, object] | None:
    """The first forward op (in execution order) whose output holds a NaN or an Inf:
    (its index, the op), or None when every output is finite."""
    for op in trace.forward_ops:
        value = op.value
        if value is None:
            continue
        stats = (value.min, value.max, value.mean, value.norm)
        if not all(math.isfinite(x) for x in stats):
            return op.index, op
    return None
