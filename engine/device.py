"""Which compute devices exist here, and turning a name like "auto" into a torch.device."""
from __future__ import annotations

import torch

from .errors import DeviceError

__all__ = ["DeviceError", "KNOWN", "available_devices", "resolve_device"]

KNOWN = ("auto", "cpu", "cuda", "mps")


def _has_mps() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())


def available_devices() -> list[str]:
    """cpu always, then cuda and mps when present."""
    devices = ["cpu"]
    if torch.cuda.is_available():
        devices.append("cuda")
    if _has_mps():
        devices.append("mps")
    return devices


def resolve_device(name: str | torch.device = "auto") -> torch.device:
    """"auto" picks cuda, then mps, then cpu; an absent device is a DeviceError."""
    if isinstance(name, torch.device):
        name = str(name)
    if not isinstance(name, str) or len(name) > 40:
        raise DeviceError(f"Unknown device {str(name)[:40]!r}. Choose one of: {', '.join(KNOWN)}.")
    name = (name or "auto").strip().lower()
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _has_mps():
            return torch.device("mps")
        return torch.device("cpu")
    kind = name.split(":", 1)[0]
    if kind not in KNOWN:
        raise DeviceError(f"Unknown device '{name}'. Choose one of: {', '.join(KNOWN)}.")
    if kind != "cpu" and kind not in available_devices():
        raise DeviceError(f"Device '{name}' is not available on this machine; "
                          f"available: {', '.join(['auto', *available_devices()])}.")
    try:
        device = torch.device(name)
    except (RuntimeError, ValueError):
        raise DeviceError(f"'{name}' is not a valid device name (e.g. cpu, cuda, cuda:1).") from None
    if device.type == "cuda" and device.index is not None and device.index >= torch.cuda.device_count():
        raise DeviceError(f"Device '{name}' does not exist: this machine has "
                          f"{torch.cuda.device_count()} CUDA device(s).")
    return device
