"""The three scenarios share one interface and compute the source material's numbers."""
from __future__ import annotations

import math

import pytest
import torch

from engine.config import TrainConfig
from engine.presets import get_preset
from engine.records import StepRecord
from engine.scenarios import SCENARIOS, make_scenario

TEXT = "Backpropagation shares the blame for a mistake among all weights. " * 60


def test_menu_order_and_titles():
    assert list(SCENARIOS) == ["scalar", "simplenet", "gpt"]
    assert SCENARIOS["gpt"] == "GPT pretraining"
    with pytest.raises(ValueError, match="Unknown scenario"):
        make_scenario("rnn")


def test_scalar_reproduces_the_source_gradients():
    s = make_scenario("scalar", device="cpu")
    x, y = s.batch()
    loss = s.loss_fn(s.model(x), y)
    loss.backward()
    assert loss.item() == pytest.approx(0.085188, abs=1e-6)
    assert s.model.w.grad.item() == pytest.approx(-0.0898, abs=1e-4)
    assert s.model.b.grad.item() == pytest.approx(-0.0817, abs=1e-4)
    m = s.train_step()
    assert isinstance(m, StepRecord) and m.step == s.step == 1 and m.train_loss is None
    assert m.loss == pytest.approx(0.085188, abs=1e-6)
    assert m.grad_norm == pytest.approx(math.hypot(0.089826, 0.081660), abs=1e-5)
    assert s.model.w.item() == pytest.approx(2.2 + 0.01 * 0.089826, abs=1e-6)  # SGD lr 0.01 (fp32)
    assert s.evaluate() is None


def test_scalar_set_values():
    s = make_scenario("scalar", device="cpu")
    s.set_values(x=-1.0, y=0.0, w=0.5, b=0.25)
    x, y = s.batch()
    a = s.model(x)
    assert a.item() == pytest.approx(1 / (1 + math.exp(-(-1.0 * 0.5 + 0.25))))
    assert s.loss_fn(a, y).item() == pytest.approx(-math.log(1 - a.item()), rel=1e-6)
    with pytest.raises(ValueError, match="between 0 and 1"):
        s.set_values(y=2.0)


def test_simplenet_steps_with_sgd():
    s = make_scenario("simplenet", device="cpu")
    x, y = s.batch()
    assert x.shape == (8, 10) and y.shape == (8, 1)  # a fixed batch of 8
    assert set(y.flatten().tolist()) == {0.0, 1.0}
    assert isinstance(s.optimizer, torch.optim.SGD) and s.optimizer.param_groups[0]["lr"] == 0.01
    first, second = s.train_step(), s.train_step()
    assert second.loss < first.loss and s.step == 2


def test_gpt_batch_is_the_one_trained_on():
    cfg = TrainConfig(batch_size=2, max_length=16, stride=16, eval_interval=2, eval_batches=1)
    s = make_scenario("gpt", gpt_config=get_preset("micro"), train_config=cfg, device="cpu", text=TEXT)
    assert s.key == "gpt" and s.device.type == "cpu"
    inputs, targets = s.batch()
    assert inputs.shape == (2, 16) and torch.equal(inputs[:, 1:], targets[:, :-1])
    with torch.no_grad():
        s.model.eval()
        expected = s.loss_fn(s.model(inputs), targets).item()
        s.model.train()
    m1 = s.train_step()
    assert m1.loss == pytest.approx(expected, rel=1e-5) and m1.val_loss is None
    m2 = s.train_step()
    assert m2.step == 2 and m2.tokens_seen == 64 and m2.val_loss is not None
    train, val = s.evaluate()
    assert math.isfinite(train) and math.isfinite(val)


@pytest.mark.parametrize("key", ["scalar", "simplenet"])
def test_to_device_keeps_state(key):
    s = make_scenario(key, device="cpu")
    s.train_step()
    s.to_device("cpu")
    assert s.train_step().step == 2


def test_summarize_model_reports_size_progress_and_gpt_config():
    from engine.config import TrainConfig
    from engine.model_summary import ModelSummary, summarize_model
    from engine.presets import PRESETS

    scalar = make_scenario("scalar", device="cpu")
    scalar.train_step()
    summary = summarize_model(scalar)
    assert summary == ModelSummary(key="scalar", title=SCENARIOS["scalar"], device="cpu", model="ScalarModel",
                                   parameters=2, step=1, tokens_seen=1, config=None)
    gpt = make_scenario("gpt", gpt_config=PRESETS["micro"],
                        train_config=TrainConfig(batch_size=1, max_length=8, stride=8), device="cpu")
    summary = summarize_model(gpt)
    assert summary.config == PRESETS["micro"]
    assert summary.parameters == sum(p.numel() for p in gpt.model.parameters())
