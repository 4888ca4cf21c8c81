"""Building blocks for reading model folders, shared by checkpoint.py and hf_import.py.

Both this app's checkpoints and Hugging Face GPT-2 folders hold a config.json and
safetensors weights. Checking the folder, reading its JSON and tensors with guarded reads,
and building a model only after the tensors were checked against a free meta model live
here, so neither loader imports the other. Nothing is ever unpickled.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError, safe_open

from . import progress
from .config import GPTConfig
from .errors import CheckpointError, FileReadError
from .models.gpt import GPTModel
from .safe_files import MAX_CONFIG_BYTES, check_regular_file, read_text_capped
from .text import translate

CONFIG_FILE = "config.json"
MODEL_FILE = "model.safetensors"
TIED_KEY = "out_head.weight"  # not stored when the head shares tok_emb.weight
_MAX_LISTED = 8  # name at most this many keys per problem; a count covers the rest
_PICKLED_NAMES = ("pytorch_model.bin", "model.pt", "model.pth", "model.bin")


def pickle_hint(file: Path) -> str | None:
    """A sentence when `file` looks like a pickle or torch.save archive, else None."""
    try:
        head = _head(file)
    except FileReadError:
        return None
    if head[8:9] == b"{":  # a safetensors header, whose length (8 bytes) may well start with 0x80
        return None
    if head[:1] == b"\x80" or head[:2] == b"PK":  # pickle protocol 2+ / torch.save zip
        return translate("model_files", "'{file}' is a pickled PyTorch file (torch.save / .bin / .pt). "
                                        "Backprop Studio never unpickles files because loading them can run "
                                        "arbitrary code; convert it to safetensors (model.safetensors) "
                                        "first.").format(file=str(file))
    return None


def _head(file: Path) -> bytes:
    """The first 9 bytes of a regular file (never blocks on a pipe or device)."""
    check_regular_file(file)
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        raise FileReadError(translate("model_files", "'{file}' cannot be read.").format(file=str(file))) from None
    try:
        return os.read(fd, 9)
    except OSError:
        raise FileReadError(translate("model_files", "'{file}' cannot be read.").format(file=str(file))) from None
    finally:
        os.close(fd)


def check_folder(path: str | Path) -> Path:
    """`path` as a Path when it is a folder; CheckpointError that says what it is otherwise."""
    path = Path(path)
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except (OSError, ValueError):
        raise CheckpointError([translate("model_files", "'{path}' is not a usable path.").format(
            path=str(path))]) from None
    if not exists:
        raise CheckpointError([translate("model_files", "Checkpoint folder '{path}' does not exist.").format(
            path=str(path))])
    if not is_dir:
        hint = pickle_hint(path)
        if hint:
            raise CheckpointError([hint])
        raise CheckpointError([translate("model_files", "'{path}' is a file; a checkpoint is a folder with "
                                                        "{config} and {model}.").format(
            path=str(path), config=CONFIG_FILE, model=MODEL_FILE)])
    return path


def read_json_file(file: Path, limit: int = MAX_CONFIG_BYTES, what: str = translate("files", "File")) -> Any:
    """Parsed JSON of a regular, size-capped file; CheckpointError for every failure."""
    try:
        text = read_text_capped(file, limit, what)
    except FileReadError as exc:
        raise CheckpointError(exc.messages()) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CheckpointError([translate("model_files", "{file} is not valid JSON: {reason} at line {line}, "
                                                        "column {column}.").format(
            file=str(file), reason=exc.msg, line=exc.lineno, column=exc.colno)]) from None
    except (ValueError, RecursionError) as exc:  # over-long integers, absurd nesting
        raise CheckpointError([translate("model_files", "{file} is not usable JSON ({kind}).").format(
            file=str(file), kind=type(exc).__name__)]) from None


def read_config(path: Path) -> dict:
    """The JSON object in `path`/config.json (either kind of folder)."""
    file = path / CONFIG_FILE
    if not file.exists():
        raise CheckpointError([translate("model_files", "'{path}' has no {config}; it is not a checkpoint "
                                                        "folder.").format(path=str(path), config=CONFIG_FILE)])
    data = read_json_file(file, what=translate("files", "Config file"))
    if not isinstance(data, dict):
        raise CheckpointError([translate("model_files", "{file} must hold a JSON object.").format(file=str(file))])
    return data


def read_safetensors(file: Path, device: str | torch.device = "cpu") -> dict[str, torch.Tensor]:
    """All tensors of one safetensors file, on `device`; unreadable files -> CheckpointError."""
    if not file.exists():
        hint = None
        for pickled in _PICKLED_NAMES:
            if (file.parent / pickled).exists():
                hint = pickle_hint(file.parent / pickled)
        raise CheckpointError([hint or translate("model_files", "'{folder}' has no {file}.").format(
            folder=str(file.parent), file=file.name)])
    try:
        check_regular_file(file, translate("files", "Weights file"))
    except FileReadError as exc:
        raise CheckpointError(exc.messages()) from None
    hint = pickle_hint(file)
    if hint:
        raise CheckpointError([hint])
    try:
        out = {}
        tally = progress.Tally(progress.reading(file.name), file.stat().st_size).start()
        with safe_open(str(file), framework="pt", device=str(device)) as fh:
            for key in fh.keys():  # a tensor is a chunk: cancel stops between two
                out[key] = fh.get_tensor(key)
                tally.add(out[key].nbytes)
        return out
    except (SafetensorError, OSError, ValueError, RuntimeError, TypeError, OverflowError) as exc:
        raise CheckpointError([translate("model_files", "{file} is not a readable safetensors file ({reason}).")
                               .format(file=str(file), reason=str(exc))]) from None


def build_model(cfg: GPTConfig, tie_weights: bool, device: str | torch.device) -> GPTModel:
    try:
        with torch.device(device):
            return GPTModel(cfg, tie_weights=tie_weights)
    # CPU-only torch raises AssertionError for "cuda"; unknown names raise RuntimeError.
    except (RuntimeError, TypeError, ValueError, AssertionError) as exc:
        raise CheckpointError([translate("model_files", "Cannot create the model on device '{device}': {reason}")
                               .format(device=str(device), reason=str(exc))]) from None


def _listed(keys: list[str]) -> str:
    shown = ", ".join(keys[:_MAX_LISTED])
    more = len(keys) - _MAX_LISTED
    if more > 0:
        return translate("model_files", "{keys} and {more} more").format(keys=shown, more=more)
    return shown


def _key_problems(expected: dict, tensors: dict, source: Path | str) -> list[str]:
    problems = []
    missing = [k for k in expected if k not in tensors]
    unexpected = [k for k in tensors if k not in expected]
    if missing:
        problems.append(translate("model_files", "{source} lacks {count} weight(s) the model needs: {keys}.")
                        .format(source=str(source), count=len(missing), keys=_listed(missing)))
    if unexpected:
        problems.append(translate("model_files", "{source} has {count} weight(s) this model does not have: "
                                                 "{keys}.").format(source=str(source), count=len(unexpected),
                                                                   keys=_listed(unexpected)))
    return problems


def _shape_problems(expected: dict, tensors: dict, source: Path | str) -> list[str]:
    wrong = []
    for key, want in expected.items():
        got = tensors.get(key)
        if got is None:
            continue
        if tuple(got.shape) != tuple(want.shape):
            wrong.append(translate("model_files", "{source}: '{key}' has shape {shape}, but the config needs "
                                                  "{needed}.").format(source=str(source), key=key,
                                                                      shape=str(tuple(got.shape)),
                                                                      needed=str(tuple(want.shape))))
        elif not got.is_floating_point() and want.is_floating_point():
            wrong.append(translate("model_files", "{source}: '{key}' holds {dtype} values; weights must be "
                                                  "floats.").format(source=str(source), key=key,
                                                                    dtype=str(got.dtype)))
    if len(wrong) > _MAX_LISTED:
        wrong = wrong[:_MAX_LISTED] + [translate("model_files", "{source}: {count} more weight(s) have the "
                                                                "wrong shape or type.").format(
            source=str(source), count=len(wrong) - _MAX_LISTED)]
    return wrong


def check_weights(model: GPTModel, tensors: dict[str, torch.Tensor], source: Path | str) -> None:
    """Every key, shape and type problem of `tensors` for `model`, at once; works on a meta model.

    A stored output head while the config ties it to tok_emb is refused, not dropped.
    """
    problems = []
    if model.tie_weights and TIED_KEY in tensors:
        problems.append(translate("model_files", "{source} holds its own '{key}', but the config says "
                                                 "tie_weights is true (the head shares tok_emb.weight); the "
                                                 "stored head would be dropped. Set tie_weights to false or "
                                                 "remove the head.").format(source=str(source), key=TIED_KEY))
    expected = {k: v for k, v in model.state_dict().items()
                if not (model.tie_weights and k == TIED_KEY)}
    tensors = {k: v for k, v in tensors.items() if not (model.tie_weights and k == TIED_KEY)}
    problems += _key_problems(expected, tensors, source) + _shape_problems(expected, tensors, source)
    if problems:
        raise CheckpointError(problems)


def load_weights(model: GPTModel, tensors: dict[str, torch.Tensor], source: Path | str) -> None:
    """Copy `tensors` into `model` after check_weights; casts to the model's dtype."""
    check_weights(model, tensors, source)
    expected = model.state_dict()  # its tensors share storage with the parameters
    with torch.no_grad():
        for key, value in tensors.items():
            progress.check()
            if not (model.tie_weights and key == TIED_KEY):
                expected[key].copy_(value)


def build_checked_model(cfg: GPTConfig, tie_weights: bool, tensors: dict[str, torch.Tensor],
                        source: Path | str, device: str | torch.device) -> GPTModel:
    """Check the tensors against a free meta model first, so a mismatch allocates nothing."""
    from .info import meta_model
    from .memory_check import check_model_fits
    check_weights(meta_model(cfg, tie_weights), tensors, source)
    check_model_fits(cfg, device, tie_weights, copies=1)  # the file's tensors are already read
    model = build_model(cfg, tie_weights, device)
    load_weights(model, tensors, source)
    return model
