"""Generation: greedy is the argmax chain, sampling is seeded, eos stops early."""
from __future__ import annotations

import pytest
import torch

from engine.generate import generate, generate_text
from engine.models.gpt import GPTModel
from engine.presets import get_preset
from engine.tokenizer import decode, encode


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    return GPTModel(get_preset("micro"))


def test_greedy_follows_argmax_and_respects_context(model):
    idx = torch.tensor([encode("Hello, I am")])
    out = generate(model, idx, max_new_tokens=4, context_size=2)
    assert out.shape == (1, idx.shape[1] + 4) and torch.equal(out[:, :idx.shape[1]], idx)
    with torch.no_grad():  # rebuild the first two new tokens by hand, with a 2-token window
        model.eval()
        first = model(idx[:, -2:])[0, -1].argmax()
        second = model(torch.cat([idx, first.view(1, 1)], 1)[:, -2:])[0, -1].argmax()
    assert out[0, idx.shape[1]:idx.shape[1] + 2].tolist() == [int(first), int(second)]


def test_generate_restores_training_mode(model):
    model.train()
    generate(model, torch.tensor([[1, 2]]), 1, context_size=64)
    assert model.training


def test_sampling_is_seeded_and_top_k_limits_choices(model):
    idx = torch.tensor([encode("The")])
    a = generate(model, idx, 8, 64, temperature=1.5, generator=torch.Generator().manual_seed(1))
    b = generate(model, idx, 8, 64, temperature=1.5, generator=torch.Generator().manual_seed(1))
    assert torch.equal(a, b)
    top1 = generate(model, idx, 5, 64, temperature=2.0, top_k=1, generator=torch.Generator().manual_seed(3))
    assert torch.equal(top1, generate(model, idx, 5, 64))  # top-1 sampling == greedy


def test_eos_stops_early(model):
    idx = torch.tensor([encode("The")])
    greedy_next = int(generate(model, idx, 1, 64)[0, -1])
    out = generate(model, idx, 10, 64, eos_id=greedy_next)
    assert out.shape[1] == idx.shape[1]


def test_bad_arguments(model):
    with pytest.raises(ValueError, match="temperature"):
        generate(model, torch.tensor([[1]]), 1, 64, temperature=-1)
    with pytest.raises(ValueError, match="top_k"):
        generate(model, torch.tensor([[1]]), 1, 64, top_k=0)


def test_generate_text_round_trips_prompt(model):
    text = generate_text(model, "Every effort moves you", max_new_tokens=5)
    assert text.startswith("Every effort moves you") and len(encode(text)) >= 5 + 4
    assert generate_text(model, "", max_new_tokens=3) == decode(
        generate(model, torch.tensor([[50256]]), 3, 64)[0, 1:].tolist())
