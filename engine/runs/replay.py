"""What a run records so that one of its steps can be traced again exactly (run format 1.1).

- the data: run.json "data" = {"train_tokens": n, "train_sha256": hex} fingerprints the
  training split's token ids, and each metrics.jsonl line carries "batch_starts": the token
  offsets in that split of the windows the step trained on (window i is tokens
  [s, s + max_length), its targets [s + 1, s + max_length + 1));
- the dropout masks: a checkpoint's train_state "rng" = the torch RNG state the next step
  started from ({"cpu": base64 of torch.get_rng_state(), "cuda": base64 of the device's}).

So the checkpoint of step C (the weights after C updates), step C+1's batch_starts and the
RNG state give step C+1's forward and backward pass as it ran.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

import numpy as np
import torch

from ..text import translate
from .format import METRICS_FILE, RunError

BATCH_KEY = "batch_starts"


def data_fingerprint(train_ids) -> dict:
    """run.json's "data": the training tokens' count and SHA-256 (as little-endian int32)."""
    ids = np.asarray(train_ids, dtype="<i4")
    return {"train_tokens": int(ids.size), "train_sha256": hashlib.sha256(ids.tobytes()).hexdigest()}


def rng_state(device: torch.device | str | None = None) -> dict:
    """The torch RNG state a checkpoint stores: the CPU generator's, and the CUDA device's
    when the model trains there (dropout on the GPU draws from it)."""
    state = {"cpu": base64.b64encode(torch.get_rng_state().numpy().tobytes()).decode("ascii")}
    device = torch.device(device) if device is not None else None
    if device is not None and device.type == "cuda" and torch.cuda.is_available():
        cuda = torch.cuda.get_rng_state(device)
        state["cuda"] = base64.b64encode(cuda.numpy().tobytes()).decode("ascii")
    return state


def restore_rng(state: dict, device: torch.device | str | None = None) -> None:
    """Put the torch RNG back to `state` (from rng_state); parts it lacks are left alone."""
    def tensor(text: str) -> torch.Tensor:
        return torch.frombuffer(bytearray(base64.b64decode(text)), dtype=torch.uint8)
    if isinstance(state.get("cpu"), str):
        torch.set_rng_state(tensor(state["cpu"]))
    device = torch.device(device) if device is not None else None
    if isinstance(state.get("cuda"), str) and device is not None and device.type == "cuda":
        torch.cuda.set_rng_state(tensor(state["cuda"]), device)


def valid_rng(state) -> bool:
    try:
        return isinstance(state, dict) and len(base64.b64decode(state["cpu"], validate=True)) > 0
    except (KeyError, TypeError, ValueError):
        return False


def read_batch_starts(folder: str | Path, step: int) -> list[int] | None:
    """The batch_starts metrics.jsonl recorded for `step` on the run's current timeline (a
    step logged again after a rewind replaces the earlier one), or None when the line has
    none (a run written before format 1.1, a Recorder run) or the step was not logged."""
    path = Path(folder) / METRICS_FILE
    if not os.path.exists(path):
        return None
    found, last = None, None
    try:
        with open(path, "rb") as fh:
            for line in fh:
                try:
                    data = json.loads(line)
                    current = data["step"]
                except (ValueError, KeyError, TypeError, RecursionError):
                    continue  # a torn last line; damage elsewhere is the reader's to report
                if not isinstance(current, int):
                    continue
                if last is not None and current <= last and current <= step:
                    found = None  # a new timeline from `current` on drops the old step
                if current == step:
                    found = data.get(BATCH_KEY)
                last = current
    except OSError as exc:
        raise RunError(f"Cannot read '{path}': {exc.strerror or exc}.") from None
    if found is None:
        return None
    if not (isinstance(found, list) and found
            and all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in found)):
        raise RunError(translate("rewind", "'{path}': the batch_starts of step {step} are not a list "
                                           "of token offsets.").format(path=str(path), step=step))
    return found
