"""An optimizer's state as safetensors (its tensors) plus JSON (everything else).

optimizer.safetensors holds the state tensors flattened to "state.<param index>.<name>";
optimizer.json holds the hyper-parameters and, per parameter, which tensor or plain value
each state entry is. Nothing is unpickled; every malformed entry is named in a
CheckpointError.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from .errors import CheckpointError
from .model_folder import read_json_file, read_safetensors
from .safe_files import MAX_MANIFEST_BYTES
from .text import translate

OPTIMIZER_FILE = "optimizer.safetensors"
OPTIMIZER_JSON = "optimizer.json"
MANIFEST_FORMAT = "backprop-studio-optimizer"


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
        if set(value) == {"__tuple__"} and isinstance(value["__tuple__"], list):
            return tuple(_decode(v) for v in value["__tuple__"])
        if set(value) == {"__tensor_scalar__"}:
            try:
                return torch.tensor(value["__tensor_scalar__"])
            except (TypeError, ValueError, RuntimeError, OverflowError):
                raise CheckpointError([translate("model_files", "optimizer.json holds a malformed tensor value "
                                                                "{value}.").format(value=str(value)[:80])]) from None
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def flatten_optimizer_state(optimizer: torch.optim.Optimizer, version: int) -> tuple[dict, dict]:
    """(tensors for optimizer.safetensors, manifest for optimizer.json)."""
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
    manifest = {"format": MANIFEST_FORMAT, "version": version,
                "optimizer": type(optimizer).__name__,
                "param_groups": _encode(sd["param_groups"]), "state": state_json}
    return tensors, manifest


def _state_entries(manifest: dict, tensors: dict, file: Path, problems: list[str]) -> dict[int, dict]:
    state: dict[int, dict] = {}
    for index, slot in manifest["state"].items():
        if not str(index).isdecimal() or len(str(index)) > 9 or not isinstance(slot, dict):
            problems.append(translate("model_files", "{file}: state entry {index} is malformed.").format(
                file=str(file), index=repr(str(index)[:40])))
            continue
        entries = {}
        for name, ref in slot.items():
            if isinstance(ref, dict) and isinstance(ref.get("tensor"), str):
                if ref["tensor"] not in tensors:
                    problems.append(translate("model_files", "{file} lacks tensor '{tensor}' named in {json}.")
                                    .format(file=str(file.parent / OPTIMIZER_FILE), tensor=ref["tensor"][:80],
                                            json=file.name))
                    continue
                entries[name] = tensors[ref["tensor"]]
            elif isinstance(ref, dict) and "value" in ref:
                entries[name] = _decode(ref["value"])
            else:
                problems.append(translate("model_files", "{file}: state {index} '{name}' is malformed.").format(
                    file=str(file), index=str(index), name=str(name)[:40]))
        state[int(index)] = entries
    return state


def load_optimizer_state(path: Path) -> dict | None:
    """The optimizer state of checkpoint folder `path`, ready for load_state_dict, or None."""
    has_json, has_tensors = (path / OPTIMIZER_JSON).exists(), (path / OPTIMIZER_FILE).exists()
    if not has_json and not has_tensors:
        return None
    if has_json != has_tensors:
        present, absent = ((OPTIMIZER_JSON, OPTIMIZER_FILE) if has_json
                           else (OPTIMIZER_FILE, OPTIMIZER_JSON))
        raise CheckpointError([translate("model_files", "'{path}' has {present} but not {absent}; the "
                                                        "optimizer state needs both.").format(
            path=str(path), present=present, absent=absent)])
    file = path / OPTIMIZER_JSON
    manifest = read_json_file(file, MAX_MANIFEST_BYTES, translate("files", "Optimizer file"))
    if not isinstance(manifest, dict) or not isinstance(manifest.get("state"), dict) \
            or not isinstance(manifest.get("param_groups"), list):
        raise CheckpointError([translate("model_files", "{file} must be an object with 'state' and "
                                                        "'param_groups'.").format(file=str(file))])
    # Read on the CPU: load_state_dict moves each state tensor to its parameter's device,
    # and keeps "step" where AdamW wants it (CPU unless capturable/fused).
    tensors = read_safetensors(path / OPTIMIZER_FILE)
    problems: list[str] = []
    state = _state_entries(manifest, tensors, file, problems)
    groups = _decode(manifest["param_groups"])
    for i, group in enumerate(groups):
        if not isinstance(group, dict) or not isinstance(group.get("params"), list) \
                or not all(type(p) is int for p in group["params"]):
            problems.append(translate("model_files", "{file}: param group {index} has no 'params' list of whole "
                                                     "numbers.").format(file=str(file), index=str(i)))
    if problems:
        raise CheckpointError(problems)
    return {"state": state, "param_groups": groups}


def restore_optimizer(optimizer: torch.optim.Optimizer, state: dict) -> None:
    """optimizer.load_state_dict with a readable error when the optimizer does not match."""
    try:
        optimizer.load_state_dict(state)
    except (ValueError, KeyError, RuntimeError, TypeError, IndexError, AttributeError,
            OverflowError) as exc:
        raise CheckpointError([translate("model_files", "The saved optimizer state does not fit this optimizer: "
                                                        "{reason}").format(reason=str(exc))]) from None
