"""Generation with its probabilities: the continuation of a prompt and, for every generated
position, the model's ten most likely next tokens.

The model is borrowed from training: it runs in eval mode without autograd, and its
training flag and the global random state are put back afterwards, so a generation between
two optimizer steps changes nothing the next step sees. Sampling uses its own seeded
generator on the CPU: the same seed gives the same text on every device.
"""
from __future__ import annotations

import contextlib
from typing import Iterator

import torch

from .. import tokenizer
from ..text import join_text
from .generation_records import TOP_N, GeneratedToken, Generation, GenerationSettings, TokenChoice
from .token_spans import token_labels


@contextlib.contextmanager
def borrowed(model: torch.nn.Module) -> Iterator[None]:
    """eval() and no_grad for the block; the training flag and the RNG states come back after."""
    was_training = model.training
    cpu_state = torch.get_rng_state()
    cuda_states = torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None
    model.eval()
    try:
        with torch.no_grad():
            yield
    finally:
        model.train(was_training)
        torch.set_rng_state(cpu_state)
        if cuda_states is not None:
            torch.cuda.set_rng_state_all(cuda_states)


def sampling_distribution(logits: torch.Tensor, settings: GenerationSettings) -> torch.Tensor:
    """(vocab,) float64 probabilities the next token is drawn from."""
    logits = logits.double()
    if settings.temperature == 0.0:
        out = torch.zeros_like(logits)
        out[int(torch.argmax(logits))] = 1.0
        return out
    if settings.top_k:
        kth = torch.topk(logits, min(settings.top_k, logits.numel())).values[-1]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    probs = torch.softmax(logits / settings.temperature, dim=-1)
    if settings.top_p < 1.0:
        sorted_probs, order = torch.sort(probs, descending=True)
        before = torch.cumsum(sorted_probs, dim=0) - sorted_probs  # mass of the more likely ones
        drop = order[before >= settings.top_p]  # the first token is always kept
        probs[drop] = 0.0
        probs = probs / probs.sum()
    return probs


def _choices(ids: list[int], probs: torch.Tensor, sampling: torch.Tensor) -> tuple[TokenChoice, ...]:
    texts = token_labels(ids)
    return tuple(TokenChoice(i, text, float(probs[i]), float(sampling[i])) for i, text in zip(ids, texts))


def generate_with_probabilities(model: torch.nn.Module, prompt: str, settings: GenerationSettings,
                                context_size: int, step: int = 0) -> Generation:
    """Generate from `model` (its own device); every number is copied out to plain records."""
    problems = settings.problems()
    if problems:
        raise ValueError(join_text(" ", problems))
    prompt_ids = tokenizer.encode(prompt) or [tokenizer.EOT_ID]
    device = next(model.parameters()).device
    draw = torch.Generator(device="cpu").manual_seed(int(settings.seed))
    ids = list(prompt_ids)
    tokens: list[GeneratedToken] = []
    with borrowed(model):
        for _ in range(settings.max_new_tokens):
            context = torch.tensor([ids[-context_size:]], dtype=torch.long, device=device)
            logits = model(context)[0, -1].detach().to("cpu", torch.float64)  # (vocab,)
            probs = torch.softmax(logits, dim=-1)
            sampling = sampling_distribution(logits, settings)
            next_id = int(torch.multinomial(sampling, 1, generator=draw)) if settings.temperature > 0 \
                else int(torch.argmax(sampling))
            top_ids = torch.topk(probs, min(TOP_N, probs.numel())).indices.tolist()
            chosen = _choices([next_id], probs, sampling)[0]
            tokens.append(GeneratedToken(len(ids), chosen, _choices(top_ids, probs, sampling)))
            ids.append(next_id)
    return Generation(prompt, tuple(prompt_ids), settings, tuple(tokens), step)
