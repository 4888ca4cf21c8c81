"""Writes that a crash cannot tear, and that never follow a planted symlink.

Every file is written under a fresh, unguessable temporary name opened with O_CREAT|O_EXCL|
O_NOFOLLOW (a symlink or file already at that name makes the open fail instead of being
followed), flushed with fsync, then renamed over the target with os.replace (which replaces a
symlink at the target itself, never its destination), and the folder is fsynced so the
rename survives a power cut. A crash at any instant leaves the old file or the new one, whole.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
          | getattr(os, "O_CLOEXEC", 0))


def temp_name(target: Path) -> Path:
    """A fresh hidden name beside `target` (same folder, so the rename is atomic)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")


def fsync_dir(folder: Path) -> None:
    """Make renames and new entries in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some filesystems refuse fsync on a folder; the data is already synced
        pass
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """fsync an existing regular file without following a symlink."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new_file(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create `path` (it must not exist, not even as a symlink), write `data`, fsync."""
    fd = os.open(path, _FLAGS, mode)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file_atomic(target: Path, data: bytes) -> None:
    """Replace `target` with `data` atomically; on any failure the old file stays."""
    target = Path(target)
    tmp = temp_name(target)
    try:
        write_new_file(tmp, data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
