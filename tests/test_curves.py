"""Debiased EMA smoothing and perplexity, checked against the definitions."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine.session.curves import EmaTracker, debiased_ema, perplexity


def reference(values, weight):
    out, biased = [], 0.0
    for n, y in enumerate(values, start=1):
        biased = weight * biased + (1 - weight) * y
        out.append(biased / (1 - weight ** n))
    return out


def test_debiased_ema_matches_the_definition():
    rng = np.random.default_rng(0)
    values = 5 + rng.normal(size=500)
    np.testing.assert_allclose(debiased_ema(values, 0.9), reference(values, 0.9), rtol=1e-12)
    assert debiased_ema(values, 0.9)[0] == pytest.approx(values[0])  # not pulled toward 0
    np.testing.assert_allclose(debiased_ema(values, 0.0), values)


def test_non_finite_points_are_skipped_and_bad_weights_refused():
    smoothed = debiased_ema(np.array([1.0, math.nan, 3.0]), 0.5)
    assert smoothed[1] == smoothed[0] == 1.0 and smoothed[2] == pytest.approx((0.25 + 1.5) / 0.75)
    with pytest.raises(ValueError, match=r"\[0, 1\)"):
        EmaTracker(1.0)


def test_perplexity_is_exp_of_the_loss():
    assert perplexity(np.array([0.0, math.log(50257)]))[1] == pytest.approx(50257)
    assert math.isfinite(perplexity(np.array([1e6]))[0])
