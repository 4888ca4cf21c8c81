"""Generation with probabilities: the top-10 match the model's own softmax, sampling follows
temperature/top-k/top-p, and generating leaves the model and training untouched."""
from __future__ import annotations

import pytest
import torch

from engine.config import GPTConfig, TrainConfig
from engine.learn.generation_records import GenerationSettings
from engine.learn.next_token import generate_with_probabilities, sampling_distribution
from engine.models.gpt import GPTModel
from engine.presets import PRESETS
from engine.session import events as ev
from engine.session.spec import ScenarioKey, ScenarioSpec
from session_helpers import SyncStudio

TINY = GPTConfig(vocab_size=50257, context_length=16, emb_dim=16, n_heads=2, n_layers=1,
                 drop_rate=0.1, qkv_bias=False)
TINY_TRAIN = TrainConfig(batch_size=2, max_length=16, stride=16, eval_interval=1000)


@pytest.fixture(scope="module")
def tiny_gpt() -> GPTModel:
    torch.manual_seed(3)
    return GPTModel(TINY)


def independent_probs(model: GPTModel, ids: list[int]) -> torch.Tensor:
    """The model's next-token softmax, computed here without the engine's code."""
    was = model.training
    model.eval()
    with torch.no_grad():
        logits = model(torch.tensor([ids[-TINY.context_length:]]))[0, -1]
    model.train(was)
    return torch.softmax(logits.double(), dim=-1)


def test_top10_probabilities_match_the_models_softmax(tiny_gpt):
    settings = GenerationSettings(max_new_tokens=5, temperature=0.8, top_k=5, seed=7)
    result = generate_with_probabilities(tiny_gpt, "The cat sat", settings, TINY.context_length)
    assert len(result.tokens) == 5 and result.prompt_ids == tuple(torch.tensor([464, 3797, 3332]).tolist())
    ids = list(result.prompt_ids)
    for token in result.tokens:
        probs = independent_probs(tiny_gpt, ids)
        expected = torch.topk(probs, 10)
        assert [c.token_id for c in token.top] == expected.indices.tolist()
        assert [c.probability for c in token.top] == pytest.approx(expected.values.tolist(), rel=1e-5)
        assert sum(c.probability for c in token.top) + token.rest_probability == pytest.approx(1.0)
        assert float(probs.sum()) == pytest.approx(1.0)
        # top-5 sampling: the draw's distribution lives on the five most likely, sums to 1
        assert sum(c.sampling_probability for c in token.top) == pytest.approx(1.0)
        assert all(c.sampling_probability == 0 for c in token.top[5:])
        assert token.chosen.token_id in [c.token_id for c in token.top[:5]]
        assert token.chosen.probability == pytest.approx(float(probs[token.chosen.token_id]), rel=1e-5)
        assert token.position == len(ids)
        ids.append(token.chosen.token_id)
    again = generate_with_probabilities(tiny_gpt, "The cat sat", settings, TINY.context_length)
    assert again.token_ids == result.token_ids  # the same seed draws the same tokens


def test_greedy_and_top_p(tiny_gpt):
    greedy = generate_with_probabilities(tiny_gpt, "", GenerationSettings(max_new_tokens=3, temperature=0.0),
                                         TINY.context_length)
    assert greedy.prompt_ids == (50256,)  # an empty prompt starts at <|endoftext|>
    for token in greedy.tokens:
        assert token.chosen.token_id == token.top[0].token_id and token.chosen.sampling_probability == 1.0
    logits = torch.tensor([2.0, 1.0, 0.5, -1.0])
    probs = torch.softmax(logits.double(), -1)
    nucleus = sampling_distribution(logits, GenerationSettings(top_p=0.8))
    keep = int((torch.cumsum(probs, 0) - probs < 0.8).sum())
    assert int((nucleus > 0).sum()) == keep and float(nucleus.sum()) == pytest.approx(1.0)
    assert nucleus[:keep].tolist() == pytest.approx((probs[:keep] / probs[:keep].sum()).tolist())
    hot = sampling_distribution(logits, GenerationSettings(temperature=2.0))
    assert hot.tolist() == pytest.approx(torch.softmax(logits.double() / 2, -1).tolist())


def test_generation_leaves_the_model_and_random_state_untouched(tiny_gpt):
    tiny_gpt.train()
    for p in tiny_gpt.parameters():
        p.grad = torch.full_like(p, 0.5)
    before = {k: v.clone() for k, v in tiny_gpt.state_dict().items()}
    rng = torch.get_rng_state()
    generate_with_probabilities(tiny_gpt, "Hello", GenerationSettings(max_new_tokens=3, seed=1),
                                TINY.context_length)
    assert tiny_gpt.training and all(m.training for m in tiny_gpt.modules())
    assert all(torch.equal(before[k], v) for k, v in tiny_gpt.state_dict().items())
    assert all(torch.equal(p.grad, torch.full_like(p, 0.5)) for p in tiny_gpt.parameters())
    assert torch.equal(torch.get_rng_state(), rng)
    with pytest.raises(ValueError, match="Top-p"):
        generate_with_probabilities(tiny_gpt, "x", GenerationSettings(top_p=0.0), TINY.context_length)


def gpt_studio() -> SyncStudio:
    studio = SyncStudio(spec=ScenarioSpec(key=ScenarioKey.GPT, gpt_config=PRESETS["micro"],
                                          train_config=TINY_TRAIN, device="cpu"))
    studio.session.start()
    studio.pump()
    return studio


def test_session_generates_between_steps_without_changing_training():
    with_generation, plain = gpt_studio(), gpt_studio()
    with_generation.train_steps(2)
    plain.train_steps(2)
    settings = GenerationSettings(max_new_tokens=3, temperature=1.0, seed=5)
    assert with_generation.session.generate("Every effort", settings)
    with_generation.pump()
    finished = with_generation.of_type(ev.GenerationFinished)
    assert len(finished) == 1 and finished[0].message == ""
    result = finished[0].result
    assert result.step == 2 and len(result.tokens) == 3 and result.prompt == "Every effort"
    model = with_generation.loop.scenario.model
    assert model.training
    with_generation.train_steps(2)
    plain.train_steps(2)
    losses = [[r.loss for r in s.session.run.metrics] for s in (with_generation, plain)]
    assert losses[0] == losses[1] and len(losses[0]) == 4  # dropout and data saw the same randomness


def test_generation_needs_the_gpt_scenario():
    studio = SyncStudio(ScenarioKey.SCALAR)
    studio.session.start()
    studio.pump()
    assert not studio.session.generate("hi", GenerationSettings())
    finished = studio.of_type(ev.GenerationFinished)
    assert finished[0].result is None and "GPT pretraining" in finished[0].message
    assert studio.loop.commands.empty()  # nothing was sent to the engine
