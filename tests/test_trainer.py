"""The pretraining loop: it learns, it is reproducible, it obeys its flags, it refuses NaN."""
from __future__ import annotations

import math

import pytest
import torch

from engine.config import ConfigError, TrainConfig
from engine.presets import get_preset
from engine.trainer import EvalEvent, NonFiniteLoss, StepRecord, Trainer, calc_loss_batch

MICRO = get_preset("micro")
SMALL_TEXT = ("The chain rule multiplies local derivatives along the path from the loss back "
              "to each weight. ") * 60


def micro_trainer(events=None, **train):
    cfg = TrainConfig(**{"batch_size": 2, "max_length": 16, "stride": 16, "eval_interval": 2,
                         "eval_batches": 1, "device": "cpu", "learning_rate": 1e-3, **train})
    return Trainer(MICRO, cfg, text=SMALL_TEXT, on_event=None if events is None else events.append)


def test_nano_learns_the_default_text():
    """Val loss falls from ~ln(50257) = 10.8 by at least 30% in 20 steps (measured 10.95 -> 6.61)."""
    events = []
    cfg = TrainConfig(batch_size=8, max_length=32, stride=32, learning_rate=3e-3, eval_interval=10,
                      eval_batches=2, device="cpu", max_steps=20)
    trainer = Trainer(get_preset("nano"), cfg, on_event=events.append)
    assert trainer.run() == "max_steps"
    evals = [e for e in events if isinstance(e, EvalEvent)]
    assert [e.step for e in evals] == [0, 10, 20]
    start, end = evals[0].val_loss, evals[-1].val_loss
    assert abs(start - math.log(50257)) < 0.5
    assert end <= 0.7 * start, (start, end)
    assert trainer.tokens_seen == 20 * 8 * 32


def test_one_step_is_one_optimizer_step():
    trainer = micro_trainer()
    calls = []
    original = trainer.optimizer.step
    trainer.optimizer.step = lambda *a, **k: (calls.append(1), original(*a, **k))[1]
    before = [p.detach().clone() for p in trainer.model.parameters()]
    inputs, _ = trainer.peek_batch()
    event = trainer.step()
    assert isinstance(event, StepRecord) and event.step == 1 and len(calls) == 1
    assert event.tokens_seen == inputs.numel() == 2 * 16
    assert event.lr == 1e-3 and event.grad_norm > 0 and event.tokens_per_s > 0
    assert any(not torch.equal(b, p) for b, p in zip(before, trainer.model.parameters()))


def test_step_trains_on_the_peeked_batch():
    trainer = micro_trainer()
    inputs, targets = trainer.peek_batch()
    assert trainer.peek_batch()[0] is inputs  # peeking twice does not advance
    with torch.no_grad():
        trainer.model.eval()
        expected = calc_loss_batch(inputs, targets, trainer.model).item()
        trainer.model.train()
    assert trainer.step().loss == pytest.approx(expected, rel=1e-5)  # micro has drop_rate 0
    assert trainer.peek_batch()[0] is not inputs


def test_same_seed_same_losses():
    losses = []
    for _ in range(2):
        trainer = micro_trainer(seed=5)
        losses.append([trainer.step().loss for _ in range(3)])
    assert losses[0] == losses[1]
    assert micro_trainer(seed=6).step().loss != losses[0][0]


def test_evaluate_is_fixed_and_restores_train_mode():
    trainer = micro_trainer()
    first, second = trainer.evaluate(), trainer.evaluate()
    assert first.train_loss == second.train_loss and first.val_loss == second.val_loss
    assert trainer.model.training


def test_stop_and_pause_flags_are_checked_between_steps():
    events = []
    trainer = micro_trainer(events)
    assert trainer.run(max_steps=10, should_stop=lambda: trainer.step_count >= 3) == "stopped"
    assert trainer.step_count == 3

    paused_polls = []

    def should_pause():
        if trainer.step_count == 4 and len(paused_polls) < 3:
            paused_polls.append(1)
            return True
        return False

    assert trainer.run(max_steps=6, should_pause=should_pause, pause_poll_s=0.001) == "max_steps"
    assert len(paused_polls) == 3 and trainer.step_count == 6
    steps = [e.step for e in events if isinstance(e, StepRecord)]
    assert steps == [1, 2, 3, 4, 5, 6]
    assert [e.step for e in events if isinstance(e, EvalEvent)] == [0, 2, 4, 6]


def test_non_finite_loss_stops_without_stepping(monkeypatch):
    events = []
    trainer = micro_trainer(events)
    trainer.step()
    before = [p.detach().clone() for p in trainer.model.parameters()]
    import engine.trainer as trainer_module
    real = trainer_module.calc_loss_batch
    monkeypatch.setattr(trainer_module, "calc_loss_batch",
                        lambda i, t, m, device=None: real(i, t, m) * float("nan"))
    assert trainer.run(max_steps=5) == "non_finite"
    bad = [e for e in events if isinstance(e, NonFiniteLoss)]
    assert len(bad) == 1 and bad[0].step == 2 and math.isnan(bad[0].loss)
    assert trainer.step_count == 1
    assert all(torch.equal(b, p) for b, p in zip(before, trainer.model.parameters()))


def test_inf_weight_gives_non_finite_event_and_no_update():
    events = []
    trainer = micro_trainer(events)
    trainer.step()
    with torch.no_grad():
        trainer.model.out_head.weight[0, 0] = float("inf")  # every logit row then holds inf/nan
    before = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    adam_steps = [float(s["step"]) for s in trainer.optimizer.state.values()]
    assert trainer.run(max_steps=3) == "non_finite"
    assert isinstance(events[-1], NonFiniteLoss) and not math.isfinite(events[-1].loss)
    assert trainer.step_count == 1 and trainer.tokens_seen == 2 * 16
    assert [float(s["step"]) for s in trainer.optimizer.state.values()] == adam_steps
    after = trainer.model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)


def test_config_problems_are_reported():
    with pytest.raises(ConfigError, match="max_length 100 is larger than the model's context_length 64"):
        Trainer(MICRO, TrainConfig(max_length=100, stride=100, device="cpu"), text=SMALL_TEXT)


def test_to_device_keeps_training():
    trainer = micro_trainer()
    trainer.step()
    trainer.to_device("cpu")
    assert isinstance(trainer.step(), StepRecord) and trainer.step_count == 2
    assert all(s["exp_avg"].device.type == "cpu" for s in trainer.optimizer.state.values())


def test_device_resolution(monkeypatch):
    import engine.device as device
    from engine.device import DeviceError, available_devices, resolve_device

    assert available_devices()[0] == "cpu"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device, "_has_mps", lambda: False)
    assert resolve_device("auto") == torch.device("cpu") and available_devices() == ["cpu"]
    with pytest.raises(DeviceError, match="'cuda' is not available on this machine"):
        resolve_device("cuda")
    with pytest.raises(DeviceError, match="Unknown device 'tpu'"):
        resolve_device("tpu")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert resolve_device("auto") == torch.device("cuda")  # cuda wins over mps and cpu
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device, "_has_mps", lambda: True)
    assert resolve_device("auto") == torch.device("mps")


def _two_nets_with_grads(unused: bool = True):
    """Two identical nets with identical gradients; the last layer gets none when unused."""
    nets = []
    for _ in range(2):
        torch.manual_seed(0)
        net = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.Linear(16, 4), torch.nn.Linear(4, 4))
        out = net[1](net[0](torch.randn(5, 8))) if unused else net(torch.randn(5, 8))
        (out ** 2).sum().mul(50).backward()
        nets.append(net)
    return nets


@pytest.mark.parametrize("max_norm", [0.5, 1e6])
def test_clip_grads_matches_clip_grad_norm(max_norm):
    from engine.trainer import clip_grads_
    ref, net = _two_nets_with_grads()
    want_total = torch.nn.utils.clip_grad_norm_(ref.parameters(), max_norm)
    total, norms = clip_grads_(list(net.parameters()), max_norm)
    assert torch.equal(total, want_total)
    assert (total > 0.5) and norms.shape == (6,)
    for p_ref, p, norm in zip(ref.parameters(), net.parameters(), norms):
        if p_ref.grad is None:
            assert p.grad is None and norm == 0
            continue
        assert torch.equal(p.grad, p_ref.grad)  # same clipping, bit for bit
        # The returned norms describe the gradients as clipping left them.
        assert norm.item() == pytest.approx(torch.linalg.vector_norm(p.grad).item(), rel=1e-5)
    assert (norms[:4].pow(2).sum().sqrt().item() == pytest.approx(min(total.item(), max_norm), rel=1e-4))


def test_clip_grads_with_clipping_off_only_measures():
    from engine.trainer import clip_grads_
    ref, net = _two_nets_with_grads(unused=False)
    total, norms = clip_grads_(list(net.parameters()), 0.0)
    for p_ref, p, norm in zip(ref.parameters(), net.parameters(), norms):
        assert torch.equal(p.grad, p_ref.grad)
        assert norm.item() == pytest.approx(torch.linalg.vector_norm(p.grad).item(), rel=1e-6)
    assert total.item() == pytest.approx(
        torch.nn.utils.get_total_norm([p.grad for p in ref.parameters()]).item(), rel=1e-6)


def test_step_keeps_per_parameter_norms_of_the_clipped_gradients():
    trainer = micro_trainer(grad_clip=0.01)  # small enough to clip
    event = trainer.step()
    params = list(trainer.model.parameters())
    norms = trainer.last_param_grad_norms
    assert norms.shape == (len(params),) and norms.device == params[0].device
    assert event.grad_norm > 0.01
    want = torch.stack([torch.linalg.vector_norm(p.grad) for p in params])
    torch.testing.assert_close(norms, want, rtol=1e-5, atol=1e-9)
    assert torch.linalg.vector_norm(norms).item() == pytest.approx(0.01, rel=1e-3)
