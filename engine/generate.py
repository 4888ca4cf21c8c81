"""Text generation as in the source book: greedy by default, sampling with temperature/top-k."""
from __future__ import annotations

import torch

from .tokenizer import EOT_ID, decode, encode


@torch.no_grad()
def generate(model: torch.nn.Module, idx: torch.Tensor, max_new_tokens: int, context_size: int,
             temperature: float = 0.0, top_k: int | None = None, eos_id: int | None = None,
             generator: torch.Generator | None = None) -> torch.Tensor:
    """Append up to max_new_tokens ids to idx (b, num_tokens); returns (b, num_tokens + new).

    temperature 0 picks the most likely token (greedy); above 0 samples from the softmax of
    logits / temperature, restricted to the top_k most likely tokens when top_k is given.
    Stops early once every row produced eos_id.
    """
    if temperature < 0:
        raise ValueError(f"temperature must be 0 (greedy) or positive, not {temperature}.")
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be at least 1, not {top_k}.")
    was_training = model.training
    model.eval()  # no dropout while generating
    try:
        for _ in range(max_new_tokens):
            idx_cond = idx[:, -context_size:]  # the model sees at most context_size tokens
            logits = model(idx_cond)[:, -1, :]  # (b, vocab_size): only the last position
            if top_k is not None:
                top_logits, _ = torch.topk(logits, min(top_k, logits.shape[-1]))
                min_val = top_logits[:, -1:]  # (b, 1) the k-th largest logit
                logits = logits.masked_fill(logits < min_val, float("-inf"))
            if temperature > 0.0:
                probs = torch.softmax(logits / temperature, dim=-1)
                idx_next = torch.multinomial(probs, num_samples=1, generator=generator)  # (b, 1)
            else:
                idx_next = torch.argmax(logits, dim=-1, keepdim=True)  # (b, 1)
            if eos_id is not None and bool((idx_next == eos_id).all()):
                break  # one sync per token, only when an early stop is asked for
            idx = torch.cat((idx, idx_next), dim=1)
    finally:
        model.train(was_training)
    return idx


def _model_device(model: torch.nn.Module) -> torch.device:
    return next(model.parameters()).device


def _context_size(model: torch.nn.Module) -> int:
    cfg = getattr(model, "cfg", None)
    if cfg is not None:
        return cfg.context_length
    return model.pos_emb.num_embeddings


def generate_text(model: torch.nn.Module, prompt: str, max_new_tokens: int = 50,
                  temperature: float = 0.0, top_k: int | None = None, eos_id: int | None = None,
                  seed: int | None = None, context_size: int | None = None) -> str:
    """Prompt plus continuation as text. An empty prompt starts from <|endoftext|>."""
    ids = encode(prompt) or [EOT_ID]
    device = _model_device(model)
    idx = torch.tensor([ids], dtype=torch.long, device=device)  # (1, num_tokens)
    generator = None
    if seed is not None:
        generator = torch.Generator(device=device).manual_seed(seed)
    out = generate(model, idx, max_new_tokens, context_size or _context_size(model),
                   temperature=temperature, top_k=top_k, eos_id=eos_id, generator=generator)
    out_ids = out[0].tolist()
    if not prompt:
        out_ids = out_ids[1:]  # drop the start marker we added
    return decode(out_ids)
