"""Guarded reads: only regular files, size-capped before reading, never blocking.

A named pipe, a device such as /dev/zero or a socket given where a file belongs would block
or read forever; each file is opened with O_NONBLOCK and checked with fstat to be a regular
file before one byte is read, and its size is compared with a cap first. Every failure is a
FileReadError whose sentence says what is true: missing, a folder, not a regular file,
unreadable (with the reason), or too large.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import FileReadError
from .text import translate

KIB, MIB, GIB = 2 ** 10, 2 ** 20, 2 ** 30
# Caps for the files the app reads whole; model weights are capped by the memory check.
MAX_CONFIG_BYTES = 1 * MIB  # a model/training config, a checkpoint's config.json
MAX_MANIFEST_BYTES = 16 * MIB  # optimizer.json, a sharded-weights index
MAX_TEXT_BYTES = 32 * MIB  # a training text (about 8 million tokens)
MAX_STDIN_BYTES = 32 * MIB


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return translate("files", "a folder")
    if stat.S_ISFIFO(mode):
        return translate("files", "a named pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return translate("files", "a device")
    if stat.S_ISSOCK(mode):
        return translate("files", "a socket")
    return translate("files", "not a regular file")


def size_text(n: int) -> str:
    """Bytes in binary units for messages: 512 B, 3.0 KiB, 1.5 MiB, 2.00 GiB."""
    if n < KIB:
        return f"{n} B"
    if n < MIB:
        return f"{n / KIB:.1f} KiB"
    if n < GIB:
        return f"{n / MIB:.1f} MiB"
    return f"{n / GIB:,.2f} GiB"


def _open_error(exc: OSError, label: str) -> FileReadError:
    if exc.errno == errno.ENOENT:
        return FileReadError(translate("files", "{label} does not exist.").format(label=label))
    if exc.errno == errno.EISDIR:
        return FileReadError(translate("files", "{label} is a folder, not a file.").format(label=label))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FileReadError(translate("files", "{label} exists but cannot be read: permission denied.")
                             .format(label=label))
    if exc.errno == errno.ENOTDIR:
        return FileReadError(translate("files", "{label} does not exist (a part of its path is a file).")
                             .format(label=label))
    return FileReadError(translate("files", "{label} cannot be read: {reason}.").format(
        label=label, reason=str(exc.strerror or exc)))


def _not_regular(label: str, mode: int) -> FileReadError:
    return FileReadError(translate("files", "{label} is {kind}, not a regular file; only regular files "
                                            "are read.").format(label=label, kind=_kind(mode)))


def _label(what: str, path: str | Path) -> str:
    """"Config file 'path'": what the file is for, and where it is."""
    return translate("files", "{what} '{path}'").format(what=what, path=str(path))


def check_regular_file(path: str | Path, what: str = translate("files", "File")) -> os.stat_result:
    """stat `path` (following links) and insist on a regular file; FileReadError otherwise."""
    label = _label(what, path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _open_error(exc, label) from None
    except ValueError:  # a NUL character in the path
        raise FileReadError(translate("files", "{path} is not a valid file path.").format(
            path=repr(str(path)))) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileReadError(translate("files", "{label} is a folder, not a file.").format(label=label))
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(label, info.st_mode)
    return info


def read_bytes_capped(path: str | Path, limit: int, what: str = translate("files", "File")) -> bytes:
    """The whole content of regular file `path`, refusing anything larger than `limit`."""
    label = _label(what, path)
    check_regular_file(path, what)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _open_error(exc, label) from None
    try:
        info = os.fstat(fd)  # the file opened, not the one stat saw a moment ago
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(label, info.st_mode)
        if info.st_size > limit:
            raise FileReadError(translate("files", "{label} is {size}; the limit is {limit}.").format(
                label=label, size=size_text(info.st_size), limit=size_text(limit)))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(MIB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while being read
                raise FileReadError(translate("files", "{label} is larger than the limit of {limit}.")
                                    .format(label=label, limit=size_text(limit)))
        return b"".join(chunks)
    except OSError as exc:
        raise _open_error(exc, label) from None
    finally:
        os.close(fd)


def read_text_capped(path: str | Path, limit: int, what: str = translate("files", "File")) -> str:
    """read_bytes_capped decoded as UTF-8 (a leading BOM is dropped)."""
    raw = read_bytes_capped(path, limit, what)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileReadError(translate("files", "{label} is not UTF-8 text (byte {byte} cannot be decoded); "
                                               "save it as UTF-8.").format(label=_label(what, path),
                                                                           byte=exc.start)) from None


def read_stream_capped(stream, limit: int, what: str = "Standard input") -> str:
    """A binary stream (e.g. sys.stdin.buffer) read up to `limit` bytes, decoded as UTF-8."""
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise FileReadError(f"{what} is larger than the limit of {size_text(limit)}.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileReadError(f"{what} is not UTF-8 text (byte {exc.start} cannot be "
                            f"decoded).") from None
