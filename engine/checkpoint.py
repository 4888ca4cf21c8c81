"""Checkpoints as plain folders: safetensors for tensors, JSON for everything else.

A checkpoint folder holds
  model.safetensors    the model's weights (a tied output head is stored once, as tok_emb)
  config.json          {"format": "backprop-studio", "version": 1, "model": GPTConfig dict,
                        "tie_weights": bool, "train_state": {...}}
  optimizer.safetensors + optimizer.json   (optional) the optimizer's state tensors, flattened
                        to "state.<param index>.<name>", and its hyper-parameters as JSON.

Nothing is ever unpickled: pickle files can run code when loaded. Every problem with a folder
raises CheckpointError whose `problems` are plain sentences naming the file and key.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError, safe_open
from safetensors.torch import save_file

from .config import ConfigError, GPTConfig, validate_gpt_dict
from .models.gpt import GPTModel

FORMAT = "backprop-studio"
VERSION = 1
MODEL_FILE = "model.safetensors"
CONFIG_FILE = "config.json"
OPTIMIZER_FILE = "optimizer.safetensors"
OPTIMIZER_JSON = "optimizer.json"
TIED_KEY = "out_head.weight"  # not stored when the head shares tok_emb.weight
_MAX_LISTED = 8  # name at most this many keys per problem; a count covers the rest


class CheckpointError(ConfigError):
    """A checkpoint or model folder cannot be used; `problems` says why, one sentence each.

    A ConfigError subclass so the CLI prints it plainly (exit 2) like any fixable input.
    """


@dataclass
class Checkpoint:
    model: GPTModel  # in eval mode; call .train() to continue training
    cfg: GPTConfig
    optimizer_state: dict | None  # ready for optimizer.load_state_dict, or None
    train_state: dict = field(default_factory=dict)
    tie_weights: bool = False


# --------------------------------------------------------------------------- saving

def save_checkpoint(path: str | Path, model: GPTModel, cfg: GPTConfig,
                    optimizer: torch.optim.Optimizer | None = None,
                    train_state: dict | None = None) -> Path:
    """Write the model (and optionally optimizer and train state) into folder `path`."""
    path = Path(path)
    train_state = dict(train_state or {})
    try:
        json.dumps(train_state, allow_nan=True)
    except (TypeError, ValueError) as exc:
        raise CheckpointError([f"train_state cannot be stored as JSON: {exc}."]) from None
    if path.exists() and not path.is_dir():
        raise CheckpointError([f"'{path}' is a file; a checkpoint is saved as a folder."])
    path.mkdir(parents=True, exist_ok=True)

    tie_weights = bool(getattr(model, "tie_weights", False))
    state = model.state_dict()
    if tie_weights:
        state.pop(TIED_KEY, None)  # safetensors refuses shared tensors; tok_emb holds it
    _atomic_save_tensors(state, path / MODEL_FILE)

    if optimizer is not None:
        tensors, manifest = _flatten_optimizer_state(optimizer)
        _atomic_save_tensors(tensors, path / OPTIMIZER_FILE)
        _atomic_write_json(manifest, path / OPTIMIZER_JSON)
    else:  # an older optimizer state would not match the new weights
        for name in (OPTIMIZER_FILE, OPTIMIZER_JSON):
            (path / name).unlink(missing_ok=True)

    _atomic_write_json({"format": FORMAT, "version": VERSION, "model": cfg.to_dict(),
                        "tie_weights": tie_weights, "train_state": train_state},
                       path / CONFIG_FILE)
    return path


def _atomic_save_tensors(tensors: dict[str, torch.Tensor], target: Path) -> None:
    # One move to the CPU per tensor at save time is unavoidable: files live on the host.
    flat = {k: v.detach().to("cpu").contiguous() for k, v in tensors.items()}
    tmp = target.with_name(target.name + ".tmp")
    save_file(flat, str(tmp), metadata={"format": FORMAT})
    os.replace(tmp, target)  # a crash mid-write never leaves a half-written checkpoint


def _atomic_write_json(data: Any, target: Path) -> None:
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, target)


def _encode(value: Any) -> Any:
    """JSON for hyper-parameters; tuples (AdamW's betas) keep their type."""
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, torch.Tensor):  # e.g. a tensor lr; hyper-parameters are scalars
        return {"__tensor_scalar__": value.detach().to("cpu").tolist()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__tuple__"}:
            return tuple(_decode(v) for v in value["__tuple__"])
        if set(value) == {"__tensor_scalar__"}:
            return torch.tensor(value["__tensor_scalar__"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _flatten_optimizer_state(optimizer: torch.optim.Optimizer) -> tuple[dict, dict]:
    sd = optimizer.state_dict()
    tensors: dict[str, torch.Tensor] = {}
    state_json: dict[str, dict] = {}
    for index, entries in sd["state"].items():
        slot = {}
        for name, value in entries.items():
            if isinstance(value, torch.Tensor):
                key = f"state.{index}.{name}"
                tensors[key] = value
                slot[name] = {"tensor": key}
            else:  # plain numbers / None (e.g. SGD without momentum)
                slot[name] = {"value": _encode(value)}
        state_json[str(index)] = slot
    manifest = {"format": FORMAT + "-optimizer", "version": VERSION,
                "optimizer": type(optimizer).__name__,
                "param_groups": _encode(sd["param_groups"]), "state": state_json}
    return tensors, manifest


# --------------------------------------------------------------------------- loading

def load_checkpoint(path: str | Path, device: str | torch.device = "cpu") -> Checkpoint:
    """Read a folder written by save_checkpoint; the model lands on `device`."""
    path = _check_folder(path)
    meta = _read_config(path)
    cfg = _config_from(meta, path / CONFIG_FILE)
    tie_weights = meta.get("tie_weights", False)
    problems = []
    if not isinstance(tie_weights, bool):
        problems.append(f"{path / CONFIG_FILE}: 'tie_weights' must be true or false, "
                        f"but it is {tie_weights!r}.")
    train_state = meta.get("train_state", {})
    if not isinstance(train_state, dict):
        problems.append(f"{path / CONFIG_FILE}: 'train_state' must be a JSON object.")
    if problems:
        raise CheckpointError(problems)

    # Read on the host and copy into a model built on `device`: a device that does not
    # exist then fails in build_model with a message about the device, not the file.
    tensors = read_safetensors(path / MODEL_FILE)
    model = build_checked_model(cfg, tie_weights, tensors, path / MODEL_FILE, device)

    optimizer_state = _load_optimizer_state(path)
    return Checkpoint(model=model.eval(), cfg=cfg, optimizer_state=optimizer_state,
                      train_state=train_state, tie_weights=tie_weights)


def load_any(path: str | Path, device: str | torch.device = "cpu") -> tuple[GPTModel, GPTConfig]:
    """This app's checkpoint or a Hugging Face GPT-2 folder -> (model in eval mode, cfg)."""
    path = _check_folder(path)
    meta = _read_config(path, require_format=False)
    if meta.get("format") == FORMAT:
        ckpt = load_checkpoint(path, device)
        return ckpt.model, ckpt.cfg
    from .hf_import import is_hf_gpt2_config, load_hf_gpt2
    if is_hf_gpt2_config(meta):
        return load_hf_gpt2(path, device)
    raise CheckpointError([f"{path / CONFIG_FILE} is neither a Backprop Studio checkpoint "
                           f"(\"format\": \"{FORMAT}\") nor a Hugging Face GPT-2 config "
                           f"(\"model_type\": \"gpt2\" with n_embd, n_layer, n_head)."])


def restore_optimizer(optimizer: torch.optim.Optimizer, state: dict) -> None:
    """optimizer.load_state_dict with a readable error when the optimizer does not match."""
    try:
        optimizer.load_state_dict(state)
    except (ValueError, KeyError, RuntimeError, TypeError) as exc:
        raise CheckpointError([f"The saved optimizer state does not fit this optimizer: {exc}"]) from None


# ----- building blocks shared with hf_import

def _pickle_hint(file: Path) -> str | None:
    """A sentence when `file` looks like a pickle or torch.save archive, else None."""
    try:
        with open(file, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return None
    if head[:1] == b"\x80" or head[:2] == b"PK":  # pickle protocol 2+ / torch.save zip
        return (f"'{file}' is a pickled PyTorch file (torch.save / .bin / .pt). Backprop Studio "
                f"never unpickles files because loading them can run arbitrary code; convert it "
                f"to safetensors (model.safetensors) first.")
    return None


def _check_folder(path: str | Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise CheckpointError([f"Checkpoint folder '{path}' does not exist."])
    if not path.is_dir():
        hint = _pickle_hint(path)
        if hint:
            raise CheckpointError([hint])
        raise CheckpointError([f"'{path}' is a file; a checkpoint is a folder with "
                               f"{CONFIG_FILE} and {MODEL_FILE}."])
    return path


def _read_config(path: Path, require_format: bool = True) -> dict:
    file = path / CONFIG_FILE
    if not file.is_file():
        raise CheckpointError([f"'{path}' has no {CONFIG_FILE}; it is not a checkpoint folder."])
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CheckpointError([f"{file} is not UTF-8 text."]) from None
    except json.JSONDecodeError as exc:
        raise CheckpointError([f"{file} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                               f"column {exc.colno}."]) from None
    except OSError as exc:
        raise CheckpointError([f"{file} cannot be read: {exc.strerror}."]) from None
    except (ValueError, RecursionError) as exc:  # over-long integers, absurd nesting
        raise CheckpointError([f"{file} is not usable JSON ({type(exc).__name__})."]) from None
    if not isinstance(data, dict):
        raise CheckpointError([f"{file} must hold a JSON object."])
    if require_format:
        if data.get("format") != FORMAT:
            raise CheckpointError([f"{file} is not a Backprop Studio checkpoint config "
                                   f"(\"format\" is {data.get('format')!r}, expected '{FORMAT}')."])
        if data.get("version") != VERSION:
            raise CheckpointError([f"{file}: checkpoint version {data.get('version')!r} is not "
                                   f"supported (this app reads version {VERSION})."])
    return data


def _config_from(meta: dict, file: Path) -> GPTConfig:
    if "model" not in meta:
        raise CheckpointError([f"{file} has no 'model' section with the GPT config."])
    problems = validate_gpt_dict(meta["model"])
    if problems:
        raise CheckpointError([f"{file} 'model': {p}" for p in problems])
    return GPTConfig.from_dict(meta["model"])


def read_safetensors(file: Path, device: str | torch.device = "cpu") -> dict[str, torch.Tensor]:
    """All tensors of one safetensors file, on `device`; unreadable files -> CheckpointError."""
    if not file.is_file():
        hint = None
        for pickled in ("pytorch_model.bin", "model.pt", "model.pth", "model.bin"):
            if (file.parent / pickled).exists():
                hint = _pickle_hint(file.parent / pickled)
        raise CheckpointError([hint or f"'{file.parent}' has no {file.name}."])
    hint = _pickle_hint(file)
    if hint:
        raise CheckpointError([hint])
    try:
        out = {}
        with safe_open(str(file), framework="pt", device=str(device)) as fh:
            for key in fh.keys():
                out[key] = fh.get_tensor(key)
        return out
    except (SafetensorError, OSError, ValueError, RuntimeError, TypeError) as exc:
        raise CheckpointError([f"{file} is not a readable safetensors file ({exc})."]) from None


def build_model(cfg: GPTConfig, tie_weights: bool, device: str | torch.device) -> GPTModel:
    try:
        with torch.device(device):
            return GPTModel(cfg, tie_weights=tie_weights)
    # CPU-only torch raises AssertionError for "cuda"; unknown names raise RuntimeError.
    except (RuntimeError, TypeError, ValueError, AssertionError) as exc:
        raise CheckpointError([f"Cannot create the model on device '{device}': {exc}"]) from None


def _listed(keys: list[str]) -> str:
    shown = ", ".join(keys[:_MAX_LISTED])
    more = len(keys) - _MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def check_weights(model: GPTModel, tensors: dict[str, torch.Tensor], source: Path | str) -> None:
    """Every key and shape problem of `tensors` for `model`, at once; works on a meta model."""
    expected = {k: v for k, v in model.state_dict().items()
                if not (model.tie_weights and k == TIED_KEY)}
    tensors = {k: v for k, v in tensors.items() if not (model.tie_weights and k == TIED_KEY)}
    problems = []
    missing = [k for k in expected if k not in tensors]
    unexpected = [k for k in tensors if k not in expected]
    if missing:
        problems.append(f"{source} lacks {len(missing)} weight(s) the model needs: {_listed(missing)}.")
    if unexpected:
        problems.append(f"{source} has {len(unexpected)} weight(s) this model does not have: "
                        f"{_listed(unexpected)}.")
    wrong = []
    for key, want in expected.items():
        got = tensors.get(key)
        if got is None:
            continue
        if tuple(got.shape) != tuple(want.shape):
            wrong.append(f"{source}: '{key}' has shape {tuple(got.shape)}, but the config needs "
                         f"{tuple(want.shape)}.")
        elif not got.is_floating_point() and want.is_floating_point():
            wrong.append(f"{source}: '{key}' holds {got.dtype} values; weights must be floats.")
    problems += wrong[:_MAX_LISTED]
    if len(wrong) > _MAX_LISTED:
        problems.append(f"{source}: {len(wrong) - _MAX_LISTED} more weight(s) have the wrong "
                        f"shape or type.")
    if problems:
        raise CheckpointError(problems)


def load_weights(model: GPTModel, tensors: dict[str, torch.Tensor], source: Path | str) -> None:
    """Copy `tensors` into `model` after check_weights; casts to the model's dtype."""
    check_weights(model, tensors, source)
    expected = model.state_dict()  # its tensors share storage with the parameters
    with torch.no_grad():
        for key, value in tensors.items():
            if not (model.tie_weights and key == TIED_KEY):
                expected[key].copy_(value)


def build_checked_model(cfg: GPTConfig, tie_weights: bool, tensors: dict[str, torch.Tensor],
                        source: Path | str, device: str | torch.device) -> GPTModel:
    """Check the tensors against a free meta model first, so a mismatch allocates nothing."""
    check_weights(build_model(cfg, tie_weights, "meta"), tensors, source)
    model = build_model(cfg, tie_weights, device)
    load_weights(model, tensors, source)
    return model


def _load_optimizer_state(path: Path) -> dict | None:
    has_json, has_tensors = (path / OPTIMIZER_JSON).exists(), (path / OPTIMIZER_FILE).exists()
    if not has_json and not has_tensors:
        return None
    if has_json != has_tensors:
        present, absent = ((OPTIMIZER_JSON, OPTIMIZER_FILE) if has_json
                           else (OPTIMIZER_FILE, OPTIMIZER_JSON))
        raise CheckpointError([f"'{path}' has {present} but not {absent}; the optimizer state "
                               f"needs both."])
    file = path / OPTIMIZER_JSON
    try:
        manifest = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, OSError, RecursionError) as exc:  # not UTF-8, not JSON, unreadable
        raise CheckpointError([f"{file} is not readable JSON ({type(exc).__name__})."]) from None
    # Read on the CPU: load_state_dict moves each state tensor to its parameter's device,
    # and keeps "step" where AdamW wants it (CPU unless capturable/fused).
    tensors = read_safetensors(path / OPTIMIZER_FILE)

    problems = []
    if not isinstance(manifest, dict) or not isinstance(manifest.get("state"), dict) \
            or not isinstance(manifest.get("param_groups"), list):
        raise CheckpointError([f"{file} must be an object with 'state' and 'param_groups'."])
    state: dict[int, dict] = {}
    for index, slot in manifest["state"].items():
        if not str(index).isdecimal() or not isinstance(slot, dict):
            problems.append(f"{file}: state entry {index!r} is malformed.")
            continue
        entries = {}
        for name, ref in slot.items():
            if isinstance(ref, dict) and "tensor" in ref:
                if ref["tensor"] not in tensors:
                    problems.append(f"{path / OPTIMIZER_FILE} lacks tensor '{ref['tensor']}' "
                                    f"named in {file.name}.")
                    continue
                entries[name] = tensors[ref["tensor"]]
            elif isinstance(ref, dict) and "value" in ref:
                entries[name] = _decode(ref["value"])
            else:
                problems.append(f"{file}: state {index} '{name}' is malformed.")
        state[int(index)] = entries
    groups = _decode(manifest["param_groups"])
    for i, group in enumerate(groups):
        if not isinstance(group, dict) or not isinstance(group.get("params"), list):
            problems.append(f"{file}: param group {i} has no 'params' list.")
    if problems:
        raise CheckpointError(problems)
    return {"state": state, "param_groups": groups}
