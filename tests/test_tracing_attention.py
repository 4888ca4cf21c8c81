"""Attention capture on demand: outputs unchanged, only armed layers, budget respected."""
import numpy as np
import pytest
import torch

from engine.models.gpt import GPTModel
from engine.presets import get_preset
from engine.probes.attention import AttentionBudgetError, AttentionCapturer, capture_attention


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    return GPTModel(get_preset("micro")).eval()


def test_outputs_identical_with_capture_on_and_off(model):
    ids = torch.randint(0, 50257, (2, 12), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        plain = model(ids)
        with capture_attention(model, layers=[1], heads=[1], sample=1) as cap:
            captured = model(ids)
        after = model(ids)
    assert torch.equal(plain, captured) and torch.equal(plain, after)
    w = cap.weights[1]
    assert set(cap.weights) == {1} and w.shape == (1, 12, 12) and cap.factor == 1
    np.testing.assert_allclose(w.sum(-1), 1.0, rtol=1e-5)
    assert np.all(np.triu(w[0], 1) == 0)  # causal
    assert all(att.capture is None for att in model.attention_modules())
    assert not any(att._forward_hooks for att in model.attention_modules())


def test_captured_weights_are_the_models_attention(model):
    ids = torch.randint(0, 50257, (1, 8))
    att = model.attention_modules()[0]
    with torch.no_grad(), capture_attention(model, [0], None) as cap:
        model(ids)
        x = model.trf_blocks[0].norm1(model.tok_emb(ids) + model.pos_emb(torch.arange(8)))
        q = att.W_query(x).view(1, 8, 2, 32).transpose(1, 2)
        k = att.W_key(x).view(1, 8, 2, 32).transpose(1, 2)
        scores = (q @ k.transpose(2, 3)).masked_fill(att.mask[:8, :8], -torch.inf)
        expected = torch.softmax(scores / 32 ** 0.5, dim=-1)[0]
    np.testing.assert_allclose(cap.weights[0], expected.numpy(), rtol=1e-5, atol=1e-6)


def test_over_budget_downsamples_or_refuses(model):
    ids = torch.randint(0, 50257, (1, 64))
    budget = 0.02  # MB; 2 layers x 2 heads x 64 x 64 x 4 B = 0.0625 MB
    with torch.no_grad(), capture_attention(model, [0, 1], None, budget_mb=budget) as cap:
        model(ids)
    assert cap.factor == 2
    assert cap.weights[0].shape == (2, 32, 32)
    assert cap.captured_bytes() <= budget * 2 ** 20
    np.testing.assert_allclose(cap.weights[0].sum(-1), 0.5, rtol=1e-5)  # pooled rows average
    with pytest.raises(AttentionBudgetError, match="budget"):
        AttentionCapturer(model, [0, 1], None, budget_mb=budget, over_budget="refuse").arm()
    with pytest.raises(ValueError, match="out of range"):
        AttentionCapturer(model, [5], None)


def test_one_head_at_1024_tokens_fits_50mb():
    cap = AttentionCapturer(GPTModel(get_preset("micro")), [0], [0])
    assert cap.factor_for(1024) == 1  # 4 MB
    big = AttentionCapturer(GPTModel(get_preset("micro")), [0, 1], None, budget_mb=1)
    assert big.factor_for(1024) == 4  # 16 MB -> pooled 4x4 -> 1 MB


def test_capture_on_next_batch_restores_training_mode_and_refuses_other_scenarios():
    from engine.config import TrainConfig
    from engine.presets import PRESETS
    from engine.probes.attention import AttentionCapture, capture_attention_on_next_batch
    from engine.scenarios import make_scenario

    scenario = make_scenario("gpt", gpt_config=PRESETS["micro"],
                             train_config=TrainConfig(batch_size=2, max_length=8, stride=8), device="cpu")
    assert scenario.model.training
    capture = capture_attention_on_next_batch(scenario, layer=1, heads=None, sample=1)
    assert isinstance(capture, AttentionCapture) and scenario.model.training
    assert capture.weights.shape == (PRESETS["micro"].n_heads, 8, 8)
    assert capture.tokens == scenario.batch()[0][1].tolist() and capture.step == 0
    assert (capture.layer, capture.sample, capture.pool_factor) == (1, 1, 1)
    with pytest.raises(ValueError, match="only in the GPT pretraining scenario"):
        capture_attention_on_next_batch(make_scenario("scalar", device="cpu"), 0, None, 0)
