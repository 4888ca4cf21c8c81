"""The models from the source material: sizes, the scalar example, SimpleNet, attention paths."""
import pytest
import torch
import torch.nn.functional as F

from engine.models import AttentionCapture, GPTModel, ScalarModel, SimpleNet, chain_rule, scalar_loss
from engine.info import meta_model
from engine.models.simple_net import make_simple_net_training
from engine.presets import get_preset

# The source material's dict, key for key.
GPT_CONFIG_124M = {"vocab_size": 50257, "context_length": 1024, "emb_dim": 768, "n_heads": 12,
                   "n_layers": 12, "drop_rate": 0.1, "qkv_bias": False}


def test_gpt2_124m_parameter_counts():
    model = meta_model(get_preset("gpt2-124m"))  # shapes only: no 650 MB allocation
    assert isinstance(model, GPTModel) and model.tok_emb.weight.is_meta
    total = sum(p.numel() for p in model.parameters())
    assert total == 163_009_536
    assert total - model.out_head.weight.numel() == 124_412_160
    assert get_preset("gpt2-124m").to_dict() == GPT_CONFIG_124M


def test_tie_weights_shares_one_tensor():
    cfg = get_preset("micro")
    tied, untied = GPTModel(cfg, tie_weights=True), GPTModel(cfg)
    assert tied.out_head.weight is tied.tok_emb.weight
    assert untied.out_head.weight is not untied.tok_emb.weight
    n_tied = sum(p.numel() for p in tied.parameters())
    n_untied = sum(p.numel() for p in untied.parameters())
    assert n_untied - n_tied == cfg.vocab_size * cfg.emb_dim
    # A gradient step on the head moves the embedding too: they are the same numbers.
    ids = torch.randint(0, cfg.vocab_size, (1, 8))
    F.cross_entropy(tied(ids).flatten(0, 1), ids.flatten()).backward()
    before = tied.tok_emb.weight.detach().clone()
    with torch.no_grad():
        tied.out_head.weight -= 0.1 * tied.out_head.weight.grad
    assert not torch.equal(before, tied.tok_emb.weight)


def test_gpt_forward_shape():
    cfg = get_preset("micro")
    model = GPTModel(cfg).eval()
    ids = torch.randint(0, cfg.vocab_size, (2, 10))
    assert model(ids).shape == (2, 10, cfg.vocab_size)  # (b, num_tokens, vocab_size)


def test_scalar_example_gradients():
    model = ScalarModel(w=2.2, b=0.0)
    x, y = torch.tensor([1.1]), torch.tensor([1.0])
    loss = scalar_loss(model(x), y)
    loss.backward()
    assert round(model.w.grad.item(), 4) == -0.0898
    assert round(model.b.grad.item(), 4) == -0.0817

    rule = chain_rule(x=1.1, y=1.0, w=2.2, b=0.0)
    assert rule.dL_dw == pytest.approx(rule.dL_da * rule.da_dz * rule.dz_dw)
    assert rule.dL_dw == pytest.approx(model.w.grad.item(), abs=1e-6)
    assert rule.dL_db == pytest.approx(model.b.grad.item(), abs=1e-6)
    assert rule.loss == pytest.approx(loss.item(), abs=1e-6)
    assert rule.z == pytest.approx(2.42)


def test_simple_net_shapes_and_one_sgd_step():
    net, criterion, optimizer, inputs, labels = make_simple_net_training(seed=0)
    assert net.fc1.weight.shape == (5, 10) and net.fc2.weight.shape == (1, 5)
    assert isinstance(optimizer, torch.optim.SGD) and optimizer.param_groups[0]["lr"] == 0.01
    out = net(inputs)
    assert out.shape == (1, 1) and 0 < out.item() < 1
    loss = criterion(out, labels)
    optimizer.zero_grad()
    loss.backward()
    expected = {n: (p - 0.01 * p.grad).detach().clone() for n, p in net.named_parameters()}
    optimizer.step()
    for name, p in net.named_parameters():
        assert torch.allclose(p, expected[name]), name
    assert criterion(net(inputs), labels) < loss  # one step downhill on this sample


def test_simple_net_batch():
    assert SimpleNet()(torch.randn(7, 10)).shape == (7, 1)


@pytest.fixture
def gpt():
    torch.manual_seed(0)
    cfg = get_preset("micro").replace(n_heads=4, drop_rate=0.1)
    return GPTModel(cfg).eval()


def test_sdpa_equals_explicit_attention(gpt):
    ids = torch.randint(0, gpt.cfg.vocab_size, (2, 16), generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        fused = gpt(ids)
        gpt.set_explicit_attention(True)
        explicit = gpt(ids)
    torch.testing.assert_close(fused, explicit, atol=1e-5, rtol=1e-5)


def test_attention_capture_keeps_outputs_and_stores_causal_weights(gpt):
    ids = torch.randint(0, gpt.cfg.vocab_size, (2, 12), generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        gpt.set_explicit_attention(True)
        plain = gpt(ids)
        att = gpt.attention_modules()[1]
        att.capture = AttentionCapture(heads=[0, 3], sample=1)
        captured = gpt(ids)
    assert torch.equal(plain, captured)
    weights = att.capture.weights
    assert weights.shape == (2, 12, 12)  # (len(heads), num_tokens, num_tokens)
    torch.testing.assert_close(weights.sum(-1), torch.ones(2, 12))
    assert torch.all(weights.triu(1) == 0)  # no token attends to a later one
    assert not weights.requires_grad


def test_capture_on_the_fused_path_leaves_outputs_identical(gpt):
    ids = torch.randint(0, gpt.cfg.vocab_size, (1, 8))
    with torch.no_grad():
        fused = gpt(ids)
        att = gpt.attention_modules()[0]
        att.capture = AttentionCapture()
        captured = gpt(ids)
    assert torch.equal(fused, captured)
    assert att.capture.weights.shape == (gpt.cfg.n_heads, 8, 8)
    torch.testing.assert_close(att.capture.weights.sum(-1), torch.ones(gpt.cfg.n_heads, 8))


def test_dropout_only_in_training(gpt):
    ids = torch.randint(0, gpt.cfg.vocab_size, (1, 8))
    with torch.no_grad():
        assert torch.equal(gpt(ids), gpt(ids))
        gpt.train()
        assert not torch.equal(gpt(ids), gpt(ids))
