"""Checkpoints as plain folders: safetensors for tensors, JSON for everything else.

A checkpoint folder DIR holds checkpoint.json, naming the version folder with the current
checkpoint (engine/checkpoint_layout.py: a save is switched in by one atomic rename, so a
crash leaves the old or the new checkpoint, each whole). A version folder holds
  model.safetensors    the model's weights (a tied output head is stored once, as tok_emb)
  config.json          {"format": "backprop-studio", "version": 1, "model": GPTConfig dict,
                        "tie_weights": bool, "train_state": {...}}
  optimizer.safetensors + optimizer.json   (optional) the optimizer's state tensors, flattened
                        to "state.<param index>.<name>", and its hyper-parameters as JSON.
The version-1 layout (those files directly in DIR) is still read.

Nothing is ever unpickled: pickle files can run code when loaded. Every problem with a folder
raises CheckpointError whose `problems` are plain sentences naming the file and key.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import torch
from safetensors import SafetensorError

from . import checkpoint_layout as layout
from .config import GPTConfig, validate_gpt_dict
from .errors import CheckpointError, OutputError
from .model_folder import (CONFIG_FILE, MODEL_FILE, TIED_KEY, build_checked_model, check_folder,
                           read_config, read_safetensors)
from .models.gpt import GPTModel
from .optimizer_state import (OPTIMIZER_FILE, OPTIMIZER_JSON, flatten_optimizer_state,
                              load_optimizer_state, restore_optimizer)
from .safe_write import write_new_file
from .tensor_files import save_tensors
from .text import translate

__all__ = ["FORMAT", "VERSION", "MODEL_FILE", "CONFIG_FILE", "OPTIMIZER_FILE", "OPTIMIZER_JSON",
           "POINTER_FILE", "TIED_KEY", "Checkpoint", "CheckpointError", "save_checkpoint",
           "load_checkpoint", "load_any", "restore_optimizer", "checkpoint_files",
           "check_checkpoint_target"]

FORMAT = layout.CHECKPOINT_FORMAT
VERSION = 1  # of the config.json inside a version folder
POINTER_FILE = layout.POINTER_FILE
check_checkpoint_target = layout.check_checkpoint_target


@dataclass
class Checkpoint:
    model: GPTModel  # in eval mode; call .train() to continue training
    cfg: GPTConfig
    optimizer_state: dict | None  # ready for optimizer.load_state_dict, or None
    train_state: dict = field(default_factory=dict)
    tie_weights: bool = False


def checkpoint_files(path: str | Path) -> Path:
    """The folder that holds the current checkpoint's files (the version folder)."""
    return layout.current_version_dir(check_folder(path))


# --------------------------------------------------------------------------- saving

def save_checkpoint(path: str | Path, model: GPTModel, cfg: GPTConfig,
                    optimizer: torch.optim.Optimizer | None = None,
                    train_state: dict | None = None) -> Path:
    """Write the model (and optionally optimizer and train state) into folder `path`.

    All or nothing: on any failure (a full disk, an interrupt) the previous checkpoint in
    `path` stays current and a CheckpointError (or the interrupt) is raised.
    """
    path = Path(path)
    train_state = dict(train_state or {})
    try:
        json.dumps(train_state, allow_nan=True)
    except (TypeError, ValueError) as exc:
        raise CheckpointError([translate("model_files", "train_state cannot be stored as JSON: {reason}.")
                               .format(reason=str(exc))]) from None
    try:
        layout.check_checkpoint_target(path)
    except OutputError as exc:
        raise CheckpointError(exc.messages()) from None
    step = train_state.get("step", 0)
    step = step if isinstance(step, int) and not isinstance(step, bool) else 0
    version = None
    try:
        path.mkdir(parents=True, exist_ok=True)
        version = layout.new_version_dir(path, step)
        _write_version(version, model, cfg, optimizer, train_state)
        layout.publish(path, version)
    except BaseException as exc:  # a failed or interrupted save keeps the previous checkpoint
        if version is not None:
            layout.discard(path, version)
        if isinstance(exc, (OSError, SafetensorError)):  # a full disk, a vanished folder
            reason = getattr(exc, "strerror", None) or str(exc).rstrip(".")
            raise CheckpointError([translate("model_files", "Could not save the checkpoint to '{path}': {reason}. "
                                                            "The previous checkpoint there, if any, is kept.")
                                   .format(path=str(path), reason=reason)]) from None
        raise
    layout.remove_stale(path, keep=version)
    return path


def _write_version(version: Path, model: GPTModel, cfg: GPTConfig,
                   optimizer: torch.optim.Optimizer | None, train_state: dict) -> None:
    tie_weights = bool(getattr(model, "tie_weights", False))
    state = model.state_dict()
    if tie_weights:
        state.pop(TIED_KEY, None)  # safetensors refuses shared tensors; tok_emb holds it
    _save_tensors(state, version / MODEL_FILE)
    if optimizer is not None:
        tensors, manifest = flatten_optimizer_state(optimizer, VERSION)
        _save_tensors(tensors, version / OPTIMIZER_FILE)
        _write_json(manifest, version / OPTIMIZER_JSON)
    _write_json({"format": FORMAT, "version": VERSION, "model": cfg.to_dict(),
                 "tie_weights": tie_weights, "train_state": train_state}, version / CONFIG_FILE)


def _save_tensors(tensors: dict[str, torch.Tensor], target: Path) -> None:
    # One move to the CPU per tensor at save time is unavoidable: files live on the host.
    # `target` is in a fresh private version folder, so no planted file or link can be there.
    # Written in chunks: a long save reports progress and stops between two when cancelled.
    save_tensors(tensors, target, metadata={"format": FORMAT})


def _write_json(data, target: Path) -> None:
    write_new_file(target, (json.dumps(data, indent=2) + "\n").encode("utf-8"))


# --------------------------------------------------------------------------- loading

def _read_checkpoint_config(files: Path) -> dict:
    meta = read_config(files)
    file = files / CONFIG_FILE
    if meta.get("format") != FORMAT:
        raise CheckpointError([translate("model_files", "{file} is not a Backprop Studio checkpoint config "
                                                        "(\"format\" is {found}, expected '{format}').").format(
            file=str(file), found=repr(str(meta.get("format"))[:60]), format=FORMAT)])
    if meta.get("version") != VERSION:
        raise CheckpointError([translate("model_files", "{file}: checkpoint version {found} is not supported "
                                                        "(this app reads version {version}).").format(
            file=str(file), found=str(meta.get("version"))[:40], version=str(VERSION))])
    return meta


def _config_from(meta: dict, file: Path) -> tuple[GPTConfig, bool, dict]:
    if "model" not in meta:
        raise CheckpointError([translate("model_files", "{file} has no 'model' section with the GPT config.")
                               .format(file=str(file))])
    problems = [translate("model_files", "{file} 'model': {problem}").format(file=str(file), problem=p.message)
                for p in validate_gpt_dict(meta["model"])]
    tie_weights = meta.get("tie_weights", False)
    if not isinstance(tie_weights, bool):
        problems.append(translate("model_files", "{file}: 'tie_weights' must be true or false, but it is "
                                                 "{found}.").format(file=str(file),
                                                                    found=repr(str(tie_weights)[:40])))
    train_state = meta.get("train_state", {})
    if not isinstance(train_state, dict):
        problems.append(translate("model_files", "{file}: 'train_state' must be a JSON object.").format(
            file=str(file)))
    if problems:
        raise CheckpointError(problems)
    return GPTConfig.from_dict(meta["model"]), tie_weights, train_state


def load_checkpoint(path: str | Path, device: str | torch.device = "cpu",
                    with_optimizer: bool = True) -> Checkpoint:
    """Read a folder written by save_checkpoint; the model lands on `device`.

    with_optimizer=False skips the optimizer files entirely (generation needs none).
    """
    from .memory_check import check_model_fits
    files = checkpoint_files(path)
    cfg, tie_weights, train_state = _config_from(_read_checkpoint_config(files), files / CONFIG_FILE)
    check_model_fits(cfg, "cpu", tie_weights, copies=1)  # before the file's tensors are read
    # Read on the host and copy into a model built on `device`: a device that does not
    # exist then fails in build_model with a message about the device, not the file.
    tensors = read_safetensors(files / MODEL_FILE)
    model = build_checked_model(cfg, tie_weights, tensors, files / MODEL_FILE, device)
    optimizer_state = load_optimizer_state(files) if with_optimizer else None
    return Checkpoint(model=model.eval(), cfg=cfg, optimizer_state=optimizer_state,
                      train_state=train_state, tie_weights=tie_weights)


def load_any(path: str | Path, device: str | torch.device = "cpu") -> tuple[GPTModel, GPTConfig]:
    """This app's checkpoint or a Hugging Face GPT-2 folder -> (model in eval mode, cfg).

    Reads only what generation needs: no optimizer state."""
    path = check_folder(path)
    if layout.is_versioned(path):
        ckpt = load_checkpoint(path, device, with_optimizer=False)
        return ckpt.model, ckpt.cfg
    meta = read_config(path)
    if meta.get("format") == FORMAT:
        ckpt = load_checkpoint(path, device, with_optimizer=False)
        return ckpt.model, ckpt.cfg
    from .hf_import import is_hf_gpt2_config, load_hf_gpt2
    if is_hf_gpt2_config(meta):
        return load_hf_gpt2(path, device)
    raise CheckpointError([translate("model_files", "{file} is neither a Backprop Studio checkpoint "
                                                    "(\"format\": \"{format}\") nor a Hugging Face GPT-2 config "
                                                    "(\"model_type\": \"gpt2\" with n_embd, n_layer, n_head).")
                           .format(file=str(path / CONFIG_FILE), format=FORMAT)])
