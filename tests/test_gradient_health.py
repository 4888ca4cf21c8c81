"""Gradient health: the grid places every block parameter, flags fire on a model made to
vanish and one made to explode, histograms line up over time, the view shows them."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from engine.models.gpt import GPTModel
from engine.models.loss import next_token_loss
from engine.presets import PRESETS
from engine.probes.param_stats import ParamStatsRecorder
from engine.session.gradient_health import (EXPLODING_ABOVE, VANISHING_BELOW, FlagKind, block_grid,
                                            health_flags, histogram_history)


def stats_after_steps(scale_loss: float, steps: int = 3):
    torch.manual_seed(0)
    model = GPTModel(PRESETS["micro"])
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-6)
    recorder = ParamStatsRecorder(model, every=1)
    tokens = torch.randint(0, PRESETS["micro"].vocab_size, (2, 9))
    history = []
    for step in range(1, steps + 1):
        recorder.before_step()
        optimizer.zero_grad()
        (scale_loss * next_token_loss(model(tokens[:, :-1]), tokens[:, 1:])).backward()
        optimizer.step()
        history.append(recorder.after_step(step))
    return history


def test_grid_places_every_block_parameter():
    stats = stats_after_steps(1.0, 1)[0]
    grid = block_grid(stats.names, stats.grad_norm)
    n_layers = PRESETS["micro"].n_layers
    assert grid.layers == list(range(n_layers)) and "att.W_query.weight" in grid.components
    in_grid = np.isfinite(grid.values).sum() + sum(1 for _, v in grid.outside if not math.isnan(v))
    assert np.isfinite(grid.values).all() and in_grid == len(stats.names)
    row, col = grid.components.index("att.W_query.weight"), 1
    index = stats.names.index("trf_blocks.1.att.W_query.weight")
    assert grid.values[row, col] == pytest.approx(math.log10(stats.grad_norm[index]))
    assert {name for name, _ in grid.outside} >= {"tok_emb.weight", "out_head.weight"}


def test_flags_on_vanishing_and_exploding_models():
    healthy = stats_after_steps(1.0, 1)[0]
    assert health_flags(healthy) == []
    vanishing = stats_after_steps(1e-12, 1)[0]
    flags = health_flags(vanishing)
    assert flags and {f.kind for f in flags} == {FlagKind.VANISHING}
    assert all(f.grad_norm < VANISHING_BELOW for f in flags) and "vanishing" in flags[0].text()
    exploding = stats_after_steps(1e8, 1)[0]
    flags = health_flags(exploding)
    assert flags and FlagKind.EXPLODING in {f.kind for f in flags}
    assert all(f.grad_norm > EXPLODING_ABOVE for f in flags if f.kind == FlagKind.EXPLODING)


def test_histograms_over_time_keep_their_mass():
    history = stats_after_steps(1.0, 3)
    name = "trf_blocks.0.att.W_query.weight"
    over_time = histogram_history(history, name)
    i = history[0].names.index(name)
    assert list(over_time.steps) == [1, 2, 3]
    for row, stats in zip(over_time.counts, history):
        assert row.sum() == pytest.approx(stats.grad_hist[i].sum())


def test_the_view_shows_grid_flags_and_history(qtbot):
    from types import SimpleNamespace

    from gui.views.gradient_health_view import GradientHealthView

    view = GradientHealthView()
    qtbot.addWidget(view)
    history = stats_after_steps(1e-12, 2)
    view.set_run(SimpleNamespace(param_stats=history, latest_stats=history[-1]))
    view.refresh()
    assert "vanishing" in view.flags.text() and view.shown_grid.values.shape[1] == PRESETS["micro"].n_layers
    view.parameter.setCurrentText("trf_blocks.1.ff.layers.0.weight")
    view.refresh()
    assert list(view.shown_history.steps) == [1, 2]
