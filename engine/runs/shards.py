"""Per-parameter stats and attention captures as safetensors shards, one file per record.

    stats/00000010.safetensors            ParamStats of step 10
    attention/00000010-layer00.safetensors  AttentionCapture of layer 0 at step 10

Tensors hold the arrays; the safetensors header's string metadata holds a small JSON object
("record": "param_stats" | "attention", "step", "names" or "layer"/"heads"/..., "version").
Each shard is written to a temporary name, fsynced and renamed into place, so a reader sees
a whole shard or none. Nothing is ever unpickled.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors import SafetensorError, safe_open
from safetensors.numpy import save

from ..probes.attention import AttentionCapture
from ..probes.param_stats import ParamStats
from ..safe_write import write_file_atomic
from ..text import translate
from .format import ATTENTION_DIR, RUN_VERSION, STATS_DIR, RunError

STATS_NAME = re.compile(r"(\d{8,})\.safetensors")
ATTENTION_NAME = re.compile(r"(\d{8,})-layer(\d{2,})\.safetensors")
_STATS_ARRAYS = ("grad_norm", "weight_norm", "update_norm", "update_ratio", "grad_hist", "grad_edges",
                 "weight_hist", "weight_edges", "sampled")


@dataclass(frozen=True)
class AttentionKey:
    """Where one attention capture lies in a run."""

    step: int
    layer: int


def stats_path(folder: Path, step: int) -> Path:
    return Path(folder) / STATS_DIR / f"{step:08d}.safetensors"


def attention_path(folder: Path, key: AttentionKey) -> Path:
    return Path(folder) / ATTENTION_DIR / f"{key.step:08d}-layer{key.layer:02d}.safetensors"


def write_stats(folder: Path, stats: ParamStats) -> Path:
    tensors = {k: np.ascontiguousarray(getattr(stats, k)) for k in _STATS_ARRAYS}
    meta = {"record": "param_stats", "version": RUN_VERSION, "step": stats.step, "names": list(stats.names)}
    target = stats_path(folder, stats.step)
    write_file_atomic(target, save(tensors, metadata={"run": json.dumps(meta)}))
    return target


def write_attention(folder: Path, capture: AttentionCapture) -> Path:
    tensors = {"weights": np.ascontiguousarray(capture.weights, dtype=np.float32),
               "tokens": np.asarray(capture.tokens, dtype=np.int64)}
    meta = {"record": "attention", "version": RUN_VERSION, "step": capture.step, "layer": capture.layer,
            "heads": list(capture.heads), "sample": capture.sample, "pool_factor": capture.pool_factor}
    target = attention_path(folder, AttentionKey(capture.step, capture.layer))
    write_file_atomic(target, save(tensors, metadata={"run": json.dumps(meta)}))
    return target


def _open(path: Path, record: str) -> tuple[dict, dict[str, np.ndarray]]:
    try:
        with safe_open(str(path), framework="numpy") as fh:
            meta = json.loads((fh.metadata() or {}).get("run", "null"))
            arrays = {k: fh.get_tensor(k) for k in fh.keys()}
    except (OSError, SafetensorError, ValueError) as exc:
        raise RunError(translate("runs", "Cannot read the shard '{path}': {reason}.").format(
            path=str(path), reason=str(exc))) from None
    if not isinstance(meta, dict) or meta.get("record") != record:
        raise RunError(translate("runs", "'{path}' is not a {record} shard of a run (its header has no matching "
                                         "'run' metadata).").format(path=str(path), record=record))
    return meta, arrays


def read_stats(path: Path) -> ParamStats:
    meta, arrays = _open(path, "param_stats")
    missing = [k for k in _STATS_ARRAYS if k not in arrays]
    if missing or not isinstance(meta.get("names"), list) or not isinstance(meta.get("step"), int):
        if missing:
            raise RunError(translate("runs", "The stats shard '{path}' lacks {keys}.").format(
                path=str(path), keys=", ".join(missing)))
        raise RunError(translate("runs", "The stats shard '{path}' lacks its names or step.").format(path=str(path)))
    return ParamStats(step=meta["step"], names=[str(n) for n in meta["names"]],
                      **{k: arrays[k] for k in _STATS_ARRAYS})


def read_attention(path: Path) -> AttentionCapture:
    meta, arrays = _open(path, "attention")
    try:
        return AttentionCapture(layer=int(meta["layer"]), heads=[int(h) for h in meta["heads"]],
                                sample=int(meta["sample"]), weights=arrays["weights"],
                                pool_factor=int(meta["pool_factor"]), tokens=arrays["tokens"].tolist(),
                                step=int(meta["step"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise RunError(translate("runs", "The attention shard '{path}' lacks {key}.").format(
            path=str(path), key=str(exc))) from None


def list_stats(folder: Path) -> list[int]:
    """Steps with a stats shard, ascending (temporary files and strangers ignored)."""
    d = Path(folder) / STATS_DIR
    found = (STATS_NAME.fullmatch(p.name) for p in d.iterdir()) if d.is_dir() else ()
    return sorted(int(m.group(1)) for m in found if m)


def list_attention(folder: Path) -> list[AttentionKey]:
    d = Path(folder) / ATTENTION_DIR
    found = (ATTENTION_NAME.fullmatch(p.name) for p in d.iterdir()) if d.is_dir() else ()
    return sorted((AttentionKey(int(m.group(1)), int(m.group(2))) for m in found if m),
                  key=lambda k: (k.step, k.layer))
