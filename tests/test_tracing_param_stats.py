"""Per-parameter grad/weight norms, update-to-weight ratios and histograms every N steps."""
import numpy as np
import pytest
import torch

from engine.models.simple_net import make_simple_net_training
from engine.tracing.param_stats import ParamStatsRecorder


def _step(net, criterion, opt, inputs, labels, rec, step):
    before = {n: p.detach().clone() for n, p in net.named_parameters()}
    rec.before_step()  # before the whole step, as around a monolithic train_step()
    opt.zero_grad()
    criterion(net(inputs), labels).backward()
    grads = {n: p.grad.clone() for n, p in net.named_parameters()}
    opt.step()
    return rec.after_step(step), grads, before


def test_stats_match_direct_computation_every_other_step():
    net, criterion, _, inputs, labels = make_simple_net_training()
    opt = torch.optim.AdamW(net.parameters(), lr=0.01)
    rec = ParamStatsRecorder(net, every=2, bins=16)
    got = []
    for step in range(1, 5):
        stats, grads, before = _step(net, criterion, opt, inputs, labels, rec, step)
        got.append(stats is not None)
        if stats is None:
            continue
        assert stats.step == step
        assert stats.names == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
        for i, (name, p) in enumerate(net.named_parameters()):
            assert stats.grad_norm[i] == pytest.approx(grads[name].norm().item(), rel=1e-5)
            assert stats.weight_norm[i] == pytest.approx(p.norm().item(), rel=1e-5)
            upd = (p.detach() - before[name]).norm().item()
            assert stats.update_norm[i] == pytest.approx(upd, rel=1e-4)
            assert stats.update_ratio[i] == pytest.approx(upd / before[name].norm().item(), rel=1e-4)
            assert stats.grad_hist[i].sum() == p.numel()  # small tensors: every element
            if p.numel() > 1:  # one element: a unit-wide range centred on it
                assert stats.grad_edges[i, 0] == pytest.approx(grads[name].min().item(), rel=1e-5)
                assert stats.weight_edges[i, -1] == pytest.approx(p.max().item(), rel=1e-5)
            else:
                assert stats.weight_edges[i, 0] + 0.5 == pytest.approx(p.item(), rel=1e-5)
        assert stats.grad_hist.shape == (4, 16) and stats.weight_edges.shape == (4, 17)
        assert isinstance(stats.update_ratio, np.ndarray)
    assert got == [True, False, True, False]


def test_every_must_be_positive():
    net, *_ = make_simple_net_training()
    with pytest.raises(ValueError):
        ParamStatsRecorder(net, every=0)
    with pytest.raises(ValueError):
        ParamStatsRecorder(net, sample=0)


def test_sampled_update_ratio_tracks_the_exact_one():
    torch.manual_seed(0)
    layer = torch.nn.Linear(256, 256)
    opt = torch.optim.SGD(layer.parameters(), lr=0.1)
    exact = ParamStatsRecorder(layer, sample=256 * 256)
    sampled = ParamStatsRecorder(layer, sample=4096)  # weight: 1 in 16 elements
    layer(torch.randn(32, 256)).pow(2).mean().backward()
    exact.before_step()
    sampled.before_step()
    opt.step()
    a, b = exact.after_step(1), sampled.after_step(1)
    assert b.sampled.tolist() == [True, False] and not a.sampled.any()
    assert b.update_ratio[0] == pytest.approx(a.update_ratio[0], rel=0.2)
    assert b.update_norm[0] == pytest.approx(a.update_norm[0], rel=0.2)
    assert b.grad_hist[0].sum() == 4096 and a.grad_hist[0].sum() == 256 * 256
    assert b.update_ratio[1] == pytest.approx(a.update_ratio[1], rel=1e-6)  # bias: exact
    np.testing.assert_allclose(a.grad_norm, b.grad_norm)
