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
from .text import translate


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
        raise OutputError(translate("output", "Cannot create {what} '{path}': '{anchor}' is a file, not a "
                                              "folder.").format(what=what, path=str(path), anchor=str(anchor)))
    if not os.access(anchor, os.W_OK | os.X_OK):
        raise OutputError(translate("output", "Cannot write {what} '{path}': the folder '{anchor}' is not "
                                              "writable (permission denied or a read-only disk).").format(
            what=what, path=str(path), anchor=str(anchor)))
    if os.path.isfile(path) and not os.access(path, os.W_OK):
        raise OutputError(translate("output", "Cannot write {what} '{path}': the file is not writable.").format(
            what=what, path=str(path)))


def check_output_file(path: str | Path, what: str) -> Path:
    """OutputError unless `path` is a regular file or absent, in a folder we can write."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as exc:
        raise OutputError(translate("output", "Cannot use '{path}' as {what}: {reason}.").format(
            path=str(path), what=what, reason=str(getattr(exc, "strerror", None) or exc))) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(translate("output", "'{path}' is a folder; {what} must be a file name.").format(
            path=str(path), what=what))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(translate("output", "'{path}' is not a regular file; {what} must be one.").format(
            path=str(path), what=what))
    if info is None and not path.parent.is_dir():
        raise OutputError(translate("output", "The folder of {what} '{path}' does not exist.").format(
            what=what, path=str(path)))
    check_writable_place(path, what)
    return path
