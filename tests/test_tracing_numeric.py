"""Numerical gradient check (finite differences vs autograd) and TensorSummary stats."""
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from engine.models.gpt import GPTModel
from engine.models.scalar import ScalarModel, scalar_loss
from engine.models.simple_net import make_simple_net_training
from engine.presets import get_preset
from engine.tracing.gradcheck import gradient_check
from engine.tracing.summary import summarize, summarize_many


def test_gradcheck_scalar():
    model = ScalarModel()
    entries = gradient_check(model, torch.tensor([1.1]), torch.tensor([1.0]), scalar_loss)
    by_name = {e.param_name: e for e in entries}
    assert by_name["w"].autograd == pytest.approx(-0.0898, abs=1e-4)
    assert by_name["b"].numeric == pytest.approx(-0.0817, abs=1e-4)
    assert all(e.rel_error < 1e-4 for e in entries)
    assert model.w.dtype == torch.float32 and model.w.grad is None  # real model untouched


def test_gradcheck_simplenet_every_parameter():
    net, criterion, _, inputs, labels = make_simple_net_training()
    entries = gradient_check(net, inputs, labels, criterion, elements_per_param=4)
    assert {e.param_name for e in entries} == {"fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}
    assert len(entries) == 4 + 4 + 4 + 1
    assert max(e.rel_error for e in entries) < 1e-4


def test_gradcheck_micro_gpt():
    torch.manual_seed(0)
    model = GPTModel(get_preset("micro"))
    ids = torch.randint(0, 50257, (1, 6), generator=torch.Generator().manual_seed(3))
    names = ["tok_emb.weight", "trf_blocks.0.att.W_query.weight", "trf_blocks.1.norm2.scale",
             "out_head.weight"]
    entries = gradient_check(model, ids, ids.roll(-1, 1),
                             lambda o, t: F.cross_entropy(o.flatten(0, 1), t.flatten()),
                             param_names=names, elements_per_param=2)
    assert len(entries) == 8
    for e in entries:
        assert abs(e.autograd) > 1e-6
        assert e.rel_error < 1e-4, e


def test_gradcheck_catches_a_wrong_gradient():
    """The check can fail: a custom op with a deliberately wrong backward is caught."""
    class BadSquare(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * 3 * x  # should be 2x

    class M(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.w = torch.nn.Parameter(torch.tensor([0.5, -1.5]))

        def forward(self, x):
            return BadSquare.apply(self.w * x)

    entries = gradient_check(M(), torch.tensor([2.0, 1.0]), None, lambda o, _: o.sum())
    assert all(e.rel_error > 0.1 for e in entries)
    with pytest.raises(ValueError, match="Unknown parameter"):
        gradient_check(M(), torch.tensor([2.0, 1.0]), None, lambda o, _: o.sum(), param_names=["nope"])


def test_summary_stats_match_torch():
    t = torch.randn(300, 200) * 0.02 + 1.0
    s = summarize(t)
    assert s.shape == (300, 200) and s.dtype == "float32" and s.values is None
    assert s.norm == pytest.approx(t.norm().item(), rel=1e-5)
    assert s.mean == pytest.approx(t.mean().item(), rel=1e-6)
    assert s.std == pytest.approx(t.std().item(), rel=1e-4)
    assert (s.min, s.max) == (pytest.approx(t.min().item()), pytest.approx(t.max().item()))
    assert s.hist_counts.sum() == t.numel() and len(s.hist_edges) == len(s.hist_counts) + 1
    assert s.hist_edges[0] == pytest.approx(s.min) and s.hist_edges[-1] == pytest.approx(s.max)
    # transposed views read in memory order give the same stats, values in logical order
    small = torch.arange(6.0).reshape(2, 3)
    st = summarize(small.t())
    assert np.array_equal(st.values, small.t().numpy())
    assert st.std == pytest.approx(small.std().item())


def test_summary_histogram_is_right():
    t = torch.tensor([0.0, 0.1, 0.2, 0.9, 1.0])
    s = summarize(t, bins=4)
    assert s.hist_counts.tolist() == [3, 0, 0, 2]


def test_summary_non_finite():
    masked = torch.tensor([1.0, 2.0, 3.0, -math.inf])
    s = summarize(masked, finite_only=True)  # forward values: a causal mask's -inf left out
    assert (s.min, s.max, s.mean) == (1.0, 3.0, 2.0) and s.hist_counts.sum() == 3
    assert s.values[-1] == -math.inf
    g = summarize(torch.tensor([1.0, math.inf]))  # gradients: an inf shows as inf
    assert g.max == math.inf and g.norm == math.inf
    out = summarize_many([None, torch.tensor(3.0), torch.zeros(0)])
    assert out[0] is None and out[1].values == 3.0 and math.isnan(out[2].mean)


def test_fast_std_for_big_gradients():
    from engine.tracing.summary import SummaryBatch
    t = torch.randn(100_000, dtype=torch.float32) * 3 + 0.5
    batch = SummaryBatch(precise=False, value_cap=16)
    batch.add(t)
    (s,) = batch.finish()
    assert s.std == pytest.approx(t.double().std().item(), rel=1e-4)
    assert s.mean == pytest.approx(t.double().mean().item(), rel=1e-4)


def test_summary_cache_reuses_views_but_not_changed_memory():
    from engine.tracing.summary import SummaryBatch
    cache = {}
    g = torch.randn(300, 40)
    first = SummaryBatch(value_cap=16, cache=cache)
    first.add(g)
    (a,) = first.finish()
    second = SummaryBatch(value_cap=16, cache=cache)
    second.add(g.t())  # the same memory, transposed: same stats, its own shape
    g.add_(1.0)  # changed in place: the version counter moves, the cache must not match
    second.add(g)
    b, c = second.finish()
    assert b.shape == (40, 300) and b.norm == a.norm and b.mean == a.mean
    assert c.mean == pytest.approx(a.mean + 1.0, rel=1e-5)
