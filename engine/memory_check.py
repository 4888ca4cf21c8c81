"""Will it fit? Estimate a model's memory before allocating it, and refuse when it will not.

The estimate is engine.info.model_info's (weights, gradients, AdamW moments, activations and
the causal masks) plus the moment a mask is built; it is compared with the memory the device
has free now: MemAvailable (and a cgroup limit, when one is set) for the CPU, the driver's free
memory for CUDA. A config that does not fit is a ResourceError naming both numbers, raised
before a single parameter is allocated.
"""
from __future__ import annotations

import os
from pathlib import Path

import torch

from .config import GPTConfig
from .errors import ResourceError
from .info import causal_mask_bytes, mask_build_peak_bytes, model_info
from .safe_files import size_text
from .text import translate

FP32 = 4
_CGROUP = Path("/sys/fs/cgroup")


def _read_number(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").split()[0]
    except (OSError, IndexError, UnicodeDecodeError):
        return None
    return int(text) if text.isdecimal() else None


def _meminfo_available() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError, UnicodeDecodeError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def host_available_bytes() -> int | None:
    """Memory this process can still take on the host, or None where it cannot be told."""
    free = _meminfo_available()
    limit, used = _read_number(_CGROUP / "memory.max"), _read_number(_CGROUP / "memory.current")
    if limit is not None and used is not None:
        room = max(limit - used, 0)
        free = room if free is None else min(free, room)
    return free


def available_bytes(device: torch.device | str) -> int | None:
    try:
        device = torch.device(device)
    except (RuntimeError, TypeError, ValueError):
        return None  # building the model names the bad device
    if device.type == "cuda":
        try:
            return int(torch.cuda.mem_get_info(device)[0])
        except (RuntimeError, AssertionError, ValueError):
            return None
    return host_available_bytes()  # cpu, and mps (which shares the host's memory)


def training_estimate(cfg: GPTConfig, batch_size: int, context: int, tie_weights: bool = False) -> int:
    """Bytes a training run of `cfg` needs at batch_size x context, the mask build included."""
    info = model_info(cfg, batch_size=batch_size, context=context, tie_weights=tie_weights)
    return info["train_memory_bytes"] + mask_build_peak_bytes(cfg)


def inference_estimate(cfg: GPTConfig, tie_weights: bool = False, copies: int = 1) -> int:
    """Bytes to hold `copies` of the weights, the masks and one sequence's logits."""
    info = model_info(cfg, batch_size=1, context=1, tie_weights=tie_weights)
    logits = 2 * cfg.context_length * cfg.vocab_size * FP32
    return (copies * info["train_memory_parts"]["weights"] + causal_mask_bytes(cfg)
            + mask_build_peak_bytes(cfg) + logits)


def require_memory(needed: int, device: torch.device | str, doing: str) -> None:
    """ResourceError when `needed` bytes exceed what `device` has free (unknown: allowed)."""
    free = available_bytes(device)
    if free is not None and needed > free:
        raise ResourceError(translate(
            "memory", "{doing} needs about {needed} of memory on {device}, but only {free} is available. "
                      "Choose a smaller model (fewer layers, a smaller emb_dim or context_length), a "
                      "smaller batch_size or max_length, or another device.").format(
            doing=doing, needed=size_text(needed), device=torch.device(device).type, free=size_text(free)))


def check_training_fits(cfg: GPTConfig, batch_size: int, context: int,
                        device: torch.device | str, tie_weights: bool = False) -> int:
    """The training estimate, after checking it fits `device`; ResourceError otherwise."""
    needed = training_estimate(cfg, batch_size, context, tie_weights)
    require_memory(needed, device, translate("memory", "Training this model (batch {batch} x {context} tokens)")
                   .format(batch=str(batch_size), context=str(context)))
    return needed


def check_model_fits(cfg: GPTConfig, device: torch.device | str, tie_weights: bool = False,
                     copies: int = 2) -> int:
    """The estimate for loading a model (file tensors plus model by default), checked."""
    needed = inference_estimate(cfg, tie_weights, copies)
    require_memory(needed, device, translate("memory", "Loading this model"))
    return needed
