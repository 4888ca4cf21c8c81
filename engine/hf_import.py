"""Load a local Hugging Face GPT-2 folder (config.json + model.safetensors) into GPTModel.

Hugging Face GPT-2 stores its linear layers as Conv1D, whose weight is (in, out): the
transpose of nn.Linear's (out, in). Its query/key/value projection is one fused c_attn of
shape (emb_dim, 3*emb_dim). GPT-2 uses the tanh GELU and LayerNorm eps 1e-5, like GPTModel,
and ties the output head to the token embedding.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch

from .config import GPTConfig, validate_gpt_dict
from .errors import CheckpointError
from .model_folder import (CONFIG_FILE, MODEL_FILE, build_checked_model, check_folder,
                           read_config, read_json_file, read_safetensors)
from .models.gpt import GPTModel, LayerNorm
from .safe_files import MAX_MANIFEST_BYTES
from .text import translate

_REQUIRED = ["n_embd", "n_layer", "n_head", "vocab_size"]
_TANH_GELUS = ("gelu_new", "gelu_pytorch_tanh", "gelu_fast")  # all the tanh approximation
INDEX_FILE = "model.safetensors.index.json"  # sharded weights


def is_hf_gpt2_config(meta: Any) -> bool:
    return isinstance(meta, dict) and (meta.get("model_type") == "gpt2"
                                       or all(k in meta for k in _REQUIRED))


def gpt_config_from_hf(meta: dict, file: Path | str = CONFIG_FILE) -> GPTConfig:
    """GPTConfig for a Hugging Face GPT-2 config dict; anything GPTModel cannot mirror is a problem."""
    file = str(file)
    problems = [translate("model_files", "{file} lacks '{key}'.").format(file=file, key=k)
                for k in _REQUIRED if k not in meta]
    if "n_positions" not in meta and "n_ctx" not in meta:
        problems.append(translate("model_files", "{file} lacks 'n_positions' (the context length).").format(
            file=file))
    act = meta.get("activation_function", "gelu_new")
    if not isinstance(act, str) or act not in _TANH_GELUS:
        problems.append(translate("model_files", "{file}: activation_function '{found}' is not GPT-2's tanh "
                                                 "GELU (gelu_new).").format(file=file, found=str(act)[:60]))
    n_inner, n_embd = meta.get("n_inner"), meta.get("n_embd")
    if n_inner is not None and isinstance(n_embd, int) and n_inner != 4 * n_embd:
        problems.append(translate("model_files", "{file}: n_inner {found} differs from 4*n_embd; GPTModel's "
                                                 "feed-forward is always 4*emb_dim wide.").format(
            file=file, found=str(n_inner)[:40]))
    for key, ok in (("scale_attn_weights", True), ("scale_attn_by_inverse_layer_idx", False),
                    ("reorder_and_upcast_attn", False), ("add_cross_attention", False)):
        if key in meta and meta[key] != ok:
            problems.append(translate("model_files", "{file}: {key}={found} changes the attention math; only "
                                                     "{ok} is supported.").format(
                file=file, key=key, found=json.dumps(meta[key])[:60], ok=json.dumps(ok)))
    if problems:
        raise CheckpointError(problems)
    data = {"vocab_size": meta["vocab_size"],
            "context_length": meta.get("n_positions", meta.get("n_ctx")),
            "emb_dim": meta["n_embd"], "n_heads": meta["n_head"], "n_layers": meta["n_layer"],
            "drop_rate": meta.get("resid_pdrop", 0.1), "qkv_bias": True}
    problems = validate_gpt_dict(data)
    if problems:
        raise CheckpointError([translate("model_files", "{file} gives a model config this app cannot use: "
                                                        "{problem}").format(file=file, problem=p.message)
                               for p in problems])
    return GPTConfig.from_dict(data)


def map_hf_state_dict(hf: dict[str, torch.Tensor], cfg: GPTConfig,
                      source: str = MODEL_FILE) -> tuple[dict[str, torch.Tensor], bool]:
    """Hugging Face GPT-2 tensors -> (GPTModel state dict, tie_weights).

    Keys may carry the "transformer." prefix (GPT2LMHeadModel) or not (GPT2Model).
    """
    hf = {k.removeprefix("transformer."): v for k, v in hf.items()}
    d = cfg.emb_dim
    problems = []

    def take(key: str, shape: tuple[int, ...]) -> torch.Tensor | None:
        value = hf.get(key)
        if value is None:
            problems.append(translate("model_files", "{file} lacks '{key}'.").format(file=str(source), key=key))
        elif tuple(value.shape) != shape:
            problems.append(translate("model_files", "{source}: '{key}' has shape {shape}, expected {expected}.")
                            .format(source=str(source), key=key, shape=str(tuple(value.shape)),
                                    expected=str(shape)))
            return None
        return value

    out: dict[str, torch.Tensor] = {}

    def put(key: str, value: torch.Tensor | None) -> None:
        if value is not None:
            out[key] = value

    wte = take("wte.weight", (cfg.vocab_size, d))
    put("tok_emb.weight", wte)
    put("pos_emb.weight", take("wpe.weight", (cfg.context_length, d)))
    for i in range(cfg.n_layers):
        _map_block(f"h.{i}.", f"trf_blocks.{i}.", d, take, put)
    put("final_norm.scale", take("ln_f.weight", (d,)))
    put("final_norm.shift", take("ln_f.bias", (d,)))

    head = hf.get("lm_head.weight")
    tie = head is None or (wte is not None and head.shape == wte.shape and torch.equal(head, wte))
    if not tie:
        if tuple(head.shape) != (cfg.vocab_size, d):  # nn.Linear layout already
            problems.append(translate("model_files", "{source}: '{key}' has shape {shape}, expected {expected}.")
                            .format(source=str(source), key="lm_head.weight", shape=str(tuple(head.shape)),
                                    expected=str((cfg.vocab_size, d))))
        out["out_head.weight"] = head
    if problems:
        raise CheckpointError(problems)
    return out, tie


def _map_block(h: str, ours: str, d: int, take, put) -> None:
    """One TransformerBlock. GPT-2's Conv1D weights are (in, out): transposed to nn.Linear's
    (out, in); the fused c_attn (d, 3d) is split along out into W_query, W_key, W_value."""
    c_attn_w = take(h + "attn.c_attn.weight", (d, 3 * d))
    c_attn_b = take(h + "attn.c_attn.bias", (3 * d,))
    if c_attn_w is not None:
        for name, part in zip(("W_query", "W_key", "W_value"), c_attn_w.split(d, dim=1)):
            put(ours + f"att.{name}.weight", part.T)  # (d_out, d_in)
    if c_attn_b is not None:
        for name, part in zip(("W_query", "W_key", "W_value"), c_attn_b.split(d, dim=0)):
            put(ours + f"att.{name}.bias", part)
    for theirs, mine, shape in (("attn.c_proj", "att.out_proj", (d, d)),
                                ("mlp.c_fc", "ff.layers.0", (d, 4 * d)),
                                ("mlp.c_proj", "ff.layers.2", (4 * d, d))):
        w = take(h + theirs + ".weight", shape)
        put(ours + mine + ".weight", None if w is None else w.T)
        put(ours + mine + ".bias", take(h + theirs + ".bias", (shape[1],)))
    for theirs, mine in (("ln_1", "norm1"), ("ln_2", "norm2")):
        put(ours + mine + ".scale", take(h + theirs + ".weight", (d,)))
        put(ours + mine + ".shift", take(h + theirs + ".bias", (d,)))


def _read_hf_tensors(path: Path) -> dict[str, torch.Tensor]:
    index = path / INDEX_FILE
    if not (path / MODEL_FILE).exists() and index.exists():
        data = read_json_file(index, MAX_MANIFEST_BYTES, translate("files", "Weights index"))
        try:
            weight_map = data["weight_map"]
            shards = sorted(set(weight_map.values()))
            if not all(isinstance(s, str) and Path(s).name == s and s not in ("", ".", "..")
                       for s in shards):
                raise ValueError("shard names must be plain file names in the same folder")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CheckpointError([translate("model_files", "{file} is not a readable safetensors index "
                                                            "({reason}).").format(file=str(index), reason=str(exc))
                                   ]) from None
        tensors: dict[str, torch.Tensor] = {}
        for shard in shards:
            tensors.update(read_safetensors(path / shard))
        return tensors
    return read_safetensors(path / MODEL_FILE)


def load_hf_gpt2(path: str | Path, device: str | torch.device = "cpu") -> tuple[GPTModel, GPTConfig]:
    """A local Hugging Face GPT-2 folder -> (GPTModel in eval mode, its GPTConfig)."""
    path = check_folder(path)
    meta = read_config(path)
    cfg = gpt_config_from_hf(meta, path / CONFIG_FILE)
    from .memory_check import check_model_fits
    check_model_fits(cfg, "cpu", copies=2)  # the file's tensors and their re-laid-out copy
    state, tie = map_hf_state_dict(_read_hf_tensors(path), cfg, str(path / MODEL_FILE))
    model = build_checked_model(cfg, tie, state, path / MODEL_FILE, device)
    eps = meta.get("layer_norm_epsilon", 1e-5)
    if isinstance(eps, (int, float)) and not isinstance(eps, bool) and 0 < eps < 1:
        for module in model.modules():
            if isinstance(module, LayerNorm):
                module.eps = float(eps)
    return model.eval(), cfg
