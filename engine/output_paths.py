"""Know where you write before you work: output places are checked up front.

A training run or a trace only starts when every place it will write to can take the
output: a file name whose folder exists and is writable (and that is a regular file if it
exists), or a folder that can be created. Messages say what is true about the place.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import OutputError


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if os.path.lexists(candidate):
            return candidate
    return Path(".")


def check_writable_place(path: Path, what: str) -> None:
    """OutputError unless `path` can be written: an existing folder must be writable; for a
    file (existing or not), the folder it is in, or the nearest existing ancestor that new
    folders would be created in, must be a writable folder."""
    folder = path if os.path.isdir(path) else path.parent
    anchor = _nearest_existing(folder)
    if not anchor.is_dir():
        raise OutputError(f"Cannot create {what} '{path}': '{anchor}' is a file, not a folder.")
    if not os.access(anchor, os.W_OK | os.X_OK):
        raise OutputError(f"Cannot write {what} '{path}': the folder '{anchor}' is not "
                          f"writable (permission denied or a read-only disk).")
    if os.path.isfile(path) and not os.access(path, os.W_OK):
        raise OutputError(f"Cannot write {what} '{path}': the file is not writable.")


def check_output_file(path: str | Path, what: str) -> Path:
    """OutputError unless `path` is a regular file or absent, in a folder we can write."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as exc:
        raise OutputError(f"Cannot use '{path}' as {what}: {getattr(exc, 'strerror', None) or exc}.") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"'{path}' is a folder; {what} must be a file name.")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(f"'{path}' is not a regular file; {what} must be one.")
    if info is None and not path.parent.is_dir():
        raise OutputError(f"The folder of {what} '{path}' does not exist.")
    check_writable_place(path, what)
    return path
