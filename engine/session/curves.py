"""Loss-curve arithmetic the loss view shows: TensorBoard-style debiased EMA smoothing.

EMA with weight w: s_n = w·s_{n−1} + (1−w)·y_n, s_0 = 0; debiased: s_n / (1 − w^n), so the
first points are not pulled toward zero. w = 0 is the raw curve.
"""
from __future__ import annotations

import math

import numpy as np


def debiased_ema(values: np.ndarray, weight: float) -> np.ndarray:
    """The whole smoothed curve; non-finite values are skipped (the previous value repeats)."""
    tracker = EmaTracker(weight)
    return np.array([tracker.add(float(v)) for v in np.asarray(values, dtype=float)])


class EmaTracker:
    """The smoothed value, updated one point at a time (O(1) per training step)."""

    def __init__(self, weight: float):
        if not 0.0 <= weight < 1.0:
            raise ValueError(f"The smoothing weight must be in [0, 1), not {weight}.")
        self.weight = weight
        self._biased = 0.0
        self._count = 0
        self.value = math.nan

    def add(self, y: float) -> float:
        if math.isfinite(y):
            self._count += 1
            self._biased = self.weight * self._biased + (1.0 - self.weight) * y
            self.value = self._biased / (1.0 - self.weight ** self._count)
        return self.value


def perplexity(loss: np.ndarray) -> np.ndarray:
    """exp(loss): the number of equally likely tokens the model is as unsure as (capped to
    stay finite on the first steps of a large vocabulary)."""
    return np.exp(np.minimum(np.asarray(loss, dtype=float), 700.0))
