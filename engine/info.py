"""Size, memory and compute of a GPT config, counted on a model built on the `meta` device.

A meta model has every parameter's shape but no storage, so even gpt2-xl costs no memory.
"""
from __future__ import annotations

from typing import Any

import torch
from torch.overrides import TorchFunctionMode

from .config import GPTConfig
from .models.gpt import GPTModel

FP32 = 4  # bytes per float32
MIB = 2 ** 20  # "MB" as the field notes use it: 621.83 MB for gpt2-124m


class _ShapesOnly(TorchFunctionMode):
    """Skip filling meta tensors: they hold no values, so only shapes and dtypes matter.

    Why: torch's meta kernels for random init (normal_, uniform_) and triu are Python
    decompositions whose first use imports torch._dynamo, about 4 s per process.
    """

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        first = args[0] if args else kwargs.get("tensor", kwargs.get("input"))
        if isinstance(first, torch.Tensor) and first.is_meta:
            name = getattr(func, "__name__", "")
            if name.endswith("_") and not name.startswith(("_", "resize")):  # in-place fill
                return first
            if name in ("triu", "tril"):
                return torch.empty(first.shape, dtype=first.dtype, device="meta")
        return func(*args, **kwargs)


def meta_model(cfg: GPTConfig, tie_weights: bool = False) -> GPTModel:
    """GPTModel with every parameter's shape and no storage: free even for gpt2-xl."""
    with torch.device("meta"), _ShapesOnly():
        return GPTModel(cfg, tie_weights=tie_weights)


def _count(module: torch.nn.Module, seen: set[int]) -> int:
    """Parameters of `module` not yet counted elsewhere (a tied head is counted once)."""
    total = 0
    for p in module.parameters():
        if id(p) not in seen:
            seen.add(id(p))
            total += p.numel()
    return total


def parameter_breakdown(model: GPTModel) -> dict[str, int]:
    """Parameters per component; the counts add up to the model's total."""
    seen: set[int] = set()
    blocks = list(model.trf_blocks)
    return {
        "embeddings": _count(model.tok_emb, seen) + _count(model.pos_emb, seen),
        "attention": sum(_count(b.att, seen) for b in blocks),
        "feed_forward": sum(_count(b.ff, seen) for b in blocks),
        "norms": sum(_count(b.norm1, seen) + _count(b.norm2, seen) for b in blocks),
        "final_norm": _count(model.final_norm, seen),
        "out_head": _count(model.out_head, seen),  # 0 when tied: tok_emb already holds it
    }


def activation_bytes(cfg: GPTConfig, batch_size: int, context: int,
                     explicit_attention: bool = False) -> dict[str, int]:
    """Bytes autograd keeps from the forward pass for backward, in fp32.

    Counted from what each op saves, per (token, emb_dim) position, b*T*emb_dim of them:
      per block, floats: norm1 input 1, q/k/v projection input 1, attention q, k, v and
      output 4, out_proj input 1, norm2 input 1, ff expand input 1, GELU input 4,
      ff contract input 4  -> 17 floats = 68 bytes;
      per block, dropout masks (1 byte each, only when drop_rate > 0): 2 bytes.
    Outside the blocks: final_norm input and out_head input (8 bytes per position), the
    embedding dropout mask (1 byte), and the logits plus their log-softmax in the loss,
    2 * b*T*vocab_size floats.
    A fused attention kernel never stores the T x T attention weights. The explicit
    (teaching) path keeps them per block, b*n_heads*T^2 entries of 4 bytes, 12 bytes with
    attention dropout (weights, mask, dropped weights). On CPU, fused attention with
    dropout in training falls back to that math path too.
    """
    positions = batch_size * context * cfg.emb_dim
    masks = 1 if cfg.drop_rate > 0 else 0
    per_block = positions * (17 * FP32 + 2 * masks)
    if explicit_attention:
        per_block += batch_size * cfg.n_heads * context * context * (FP32 + 2 * FP32 * masks)
    outside = positions * (2 * FP32 + masks)
    logits = 2 * batch_size * context * cfg.vocab_size * FP32
    return {"blocks": cfg.n_layers * per_block, "embeddings_and_head": outside, "logits": logits}


def causal_mask_bytes(cfg: GPTConfig) -> int:
    """Each attention layer keeps a context_length x context_length boolean mask (1 byte each)."""
    return cfg.n_layers * cfg.context_length ** 2


def mask_build_peak_bytes(cfg: GPTConfig) -> int:
    """While one layer's mask is built, a float32 ones matrix and its triu (8 bytes per entry)
    exist for a moment beside the masks already built."""
    return 2 * FP32 * cfg.context_length ** 2


def model_info(cfg: GPTConfig, batch_size: int = 2, context: int | None = None,
               tie_weights: bool = False, explicit_attention: bool = False) -> dict[str, Any]:
    """Parameter counts, fp32 AdamW training memory and FLOPs per token for `cfg`.

    explicit_attention: estimate activations for the step-by-step attention path.
    """
    context = cfg.context_length if context is None else context
    if batch_size <= 0 or context <= 0:
        raise ValueError("batch_size and context must be greater than 0")
    model = meta_model(cfg, tie_weights)
    parts = parameter_breakdown(model)
    n = sum(parts.values())

    # fp32 AdamW training memory:
    #   weights 4 B + gradients 4 B + Adam's m and v 8 B = 16 B per parameter,
    #   plus the activations saved for backward at batch_size x context (activation_bytes),
    #   plus the causal masks, n_layers x context_length^2 bytes (causal_mask_bytes).
    acts = activation_bytes(cfg, batch_size, context, explicit_attention)
    memory_parts = {"weights": FP32 * n, "gradients": FP32 * n, "adam_moments": 2 * FP32 * n,
                    "activations": sum(acts.values()),
                    "causal_mask": causal_mask_bytes(cfg)}

    # nanoGPT's estimate: 6 FLOPs per parameter per token (forward 2, backward 4) for the
    # parameters used in matrix products, plus attention's scores and weighted sum,
    # 12 * n_layers * emb_dim * T. Embedding lookups do no arithmetic, so the position
    # embedding, and the token embedding unless it doubles as the head, are left out,
    # as nanoGPT leaves out wpe.
    matmul_params = n - model.pos_emb.weight.numel() - (0 if tie_weights else model.tok_emb.weight.numel())
    flops = 6 * matmul_params + 12 * cfg.n_layers * cfg.emb_dim * context
    return {
        "config": cfg.to_dict(),
        "tie_weights": tie_weights,
        "explicit_attention": explicit_attention,
        "batch_size": batch_size,
        "context": context,
        "parameters": n,
        "parameters_without_out_head": n - parts["out_head"],
        "by_component": parts,
        "weights_mb_fp32": FP32 * n / MIB,
        "train_memory_bytes": sum(memory_parts.values()),
        "train_memory_parts": memory_parts,
        "activation_parts": acts,
        "flops_per_token": flops,
        "flops_parameters": matmul_params,
        # All layers' and heads' attention maps for one sample, if captured at once.
        "attention_maps_bytes": cfg.n_layers * cfg.n_heads * context * context * FP32,
    }
