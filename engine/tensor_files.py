"""A safetensors file written in chunks, so a long save shows progress and can be cancelled.

The format (https://github.com/huggingface/safetensors, "Format"):

    8 bytes      N, the header's length (unsigned little-endian)
    N bytes      JSON: {"__metadata__": {...}, name: {"dtype": "F32", "shape": [...],
                 "data_offsets": [begin, end]}, ...}, padded with spaces to a multiple of 8
    the rest     every tensor's bytes (little-endian, row-major), back to back, no holes

`safetensors.torch.save_file` writes the same layout in one call. Here each tensor is copied to
the host and written in slices of CHUNK_BYTES; between two slices `engine.progress` reports the
bytes written and stops the save if it was cancelled. The file is then fsynced.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import torch

from . import progress
from .safe_write import fsync_file

CHUNK_BYTES = 8 << 20
DTYPES = {torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
          torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8",
          torch.uint8: "U8", torch.bool: "BOOL"}


def header_bytes(tensors: dict[str, torch.Tensor], metadata: dict[str, str] | None = None) -> bytes:
    """The length prefix and the padded JSON header for `tensors`, in their order."""
    header: dict = {"__metadata__": dict(metadata)} if metadata else {}
    offset = 0
    for name, tensor in tensors.items():
        if tensor.dtype not in DTYPES:
            raise ValueError(f"safetensors cannot hold {tensor.dtype} ('{name}')")
        size = tensor.numel() * tensor.element_size()
        header[name] = {"dtype": DTYPES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    if len(text) % 256 in (0x80, ord("P")):  # a first byte of a pickle or a zip: older readers
        text += b" " * 8                       # of this app took such files for pickles
    return len(text).to_bytes(8, "little") + text


def _host_bytes(tensor: torch.Tensor) -> memoryview:
    flat = tensor.detach().to("cpu").contiguous().reshape(-1)
    return memoryview(flat.view(torch.uint8).numpy()) if flat.numel() else memoryview(b"")


def save_tensors(tensors: dict[str, torch.Tensor], target: Path,
                 metadata: dict[str, str] | None = None) -> None:
    """Write `tensors` to a new file `target` (in a private folder), reporting each chunk."""
    if sys.byteorder != "little":  # pragma: no cover - the bytes below are the host's order
        from safetensors.torch import save_file
        save_file({k: v.detach().to("cpu").contiguous() for k, v in tensors.items()}, str(target),
                  metadata=metadata)
        fsync_file(target)
        return
    head = header_bytes(tensors, metadata)
    total = len(head) + sum(t.numel() * t.element_size() for t in tensors.values())
    tally = progress.Tally(progress.writing(target.name), total).start()
    with open(target, "xb") as fh:
        fh.write(head)
        tally.add(len(head))
        for tensor in tensors.values():
            data = _host_bytes(tensor)
            for start in range(0, len(data), CHUNK_BYTES):
                piece = data[start:start + CHUNK_BYTES]
                fh.write(piece)
                tally.add(len(piece))
    fsync_file(target)
