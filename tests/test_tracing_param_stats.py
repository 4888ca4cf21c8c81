"""Per-parameter grad/weight norms, update-to-weight ratios and histograms every N steps."""
import numpy as np
import pytest
import torch

from engine.models.simple_net import make_simple_net_training
from engine.probes.param_stats import ParamStatsRecorder


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


def _net_with_an_unused_layer():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(64, 96), torch.nn.Linear(96, 3), torch.nn.Linear(3, 3))
    net[1](net[0](torch.randn(7, 64))).pow(2).mean().backward()  # net[2] gets no gradient
    return net


@pytest.mark.parametrize("passed", [False, True])
def test_grad_norms_are_each_gradients_norm_computed_or_passed(passed):
    from engine.trainer import clip_grads_
    net = _net_with_an_unused_layer()
    params = list(net.parameters())
    rec = ParamStatsRecorder(net, sample=512)  # the 64x96 weight is sampled
    rec.before_step()
    _, norms = clip_grads_(params, 0.05)  # clipping changes p.grad: norms must follow
    torch.optim.SGD(params, lr=0.1).step()
    stats = rec.after_step(1, grad_norms=norms if passed else None)
    want = [torch.linalg.vector_norm(p.grad).item() if p.grad is not None else 0.0 for p in params]
    np.testing.assert_allclose(stats.grad_norm, want, rtol=1e-5)
    assert stats.grad_norm[:4].max() > 0 and (stats.grad_norm[4:] == 0).all()
    np.testing.assert_allclose(stats.weight_norm, [torch.linalg.vector_norm(p).item() for p in params], rtol=1e-5)
    assert stats.sampled.tolist() == [True, False, False, False, False, False]
    # A missing gradient is a row of zeros: every element in one bin, not stale data.
    assert stats.grad_hist[4].sum() == 9 and stats.grad_hist[4].max() == 9
    assert stats.grad_hist[0].sum() == len(range(0, 64 * 96, 12))


def test_grad_norms_of_the_wrong_length_are_refused():
    net = _net_with_an_unused_layer()
    rec = ParamStatsRecorder(net)
    rec.before_step()
    with pytest.raises(ValueError, match="6 parameters"):
        rec.after_step(1, grad_norms=torch.ones(5))


def test_stats_follow_a_changed_weight_storage():
    """Cached weight views must not go stale when a parameter's storage is replaced (a device move)."""
    net = _net_with_an_unused_layer()
    rec = ParamStatsRecorder(net)
    rec.before_step()
    rec.after_step(1)
    with torch.no_grad():
        net[2].weight.data = net[2].weight.data * 0 + 2.0  # new storage, as module.to() does
    rec.before_step()
    stats = rec.after_step(2)
    assert stats.weight_norm[4] == pytest.approx(6.0)  # 3x3 of 2.0
    assert stats.weight_edges[4, 0] == pytest.approx(1.5)  # one value: a unit range around 2.0


def test_norms_of_large_matrices_are_exact():
    """Large weights take the two-step (row norms, then all) path: same value as a float64 norm."""
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Embedding(1000, 96), torch.nn.Linear(96, 5))  # 96,000 elements
    net(torch.tensor([[1, 2, 3]])).pow(2).sum().backward()
    rec = ParamStatsRecorder(net)
    rec.before_step()
    torch.optim.SGD(net.parameters(), lr=0.5).step()
    stats = rec.after_step(1)
    want = [p.detach().double().norm().item() for p in net.parameters()]
    np.testing.assert_allclose(stats.weight_norm, want, rtol=1e-6)
    assert stats.update_norm[0] > 0 and stats.sampled.tolist() == [True, False, False]


def test_update_ratio_is_nan_for_weights_that_start_at_zero():
    import math

    import torch

    from engine.probes.param_stats import ParamStatsRecorder

    torch.manual_seed(0)
    model = torch.nn.Linear(4, 3)
    with torch.no_grad():
        model.bias.zero_()  # like a LayerNorm shift at init
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    rec = ParamStatsRecorder(model)
    rec.before_step()
    model(torch.randn(2, 4)).sum().backward()
    opt.step()
    stats = rec.after_step(1)
    ratios = dict(zip(stats.names, stats.update_ratio))
    assert math.isnan(ratios["bias"])
    assert 0 < ratios["weight"] < 1
