"""Which compute devices exist here, and turning a name like "auto" into a torch.device."""
from __future__ import annotations

import torch

from .errors import DeviceError
from .text import translate

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
        raise DeviceError(translate("device", "Unknown device {name}. Choose one of: {known}.").format(
            name=repr(str(name)[:40]), known=", ".join(KNOWN)))
    name = (name or "auto").strip().lower()
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _has_mps():
            return torch.device("mps")
        return torch.device("cpu")
    kind = name.split(":", 1)[0]
    if kind not in KNOWN:
        raise DeviceError(translate("device", "Unknown device {name}. Choose one of: {known}.").format(
            name=repr(name), known=", ".join(KNOWN)))
    if kind != "cpu" and kind not in available_devices():
        raise DeviceError(translate("device", "Device '{name}' is not available on this machine; available: "
                                              "{available}.").format(
            name=name, available=", ".join(["auto", *available_devices()])))
    try:
        device = torch.device(name)
    except (RuntimeError, ValueError):
        raise DeviceError(translate("device", "'{name}' is not a valid device name (e.g. cpu, cuda, cuda:1).")
                          .format(name=name)) from None
    if device.type == "cuda" and device.index is not None and device.index >= torch.cuda.device_count():
        raise DeviceError(translate("device", "Device '{name}' does not exist: this machine has {count} CUDA "
                                              "device(s).").format(name=name, count=torch.cuda.device_count()))
    return device
