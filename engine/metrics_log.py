"""Append-only JSONL metrics that stay valid JSON lines through crashes and full disks.

Each record is written with one write() on an O_APPEND descriptor; if the write fails or is
short (a full disk), the file is cut back to its previous length, so the next append never
glues onto half a line. A partial last line left by a crash (a file not ending in a newline)
is cut off when the file is opened again. With sync=True every line is fsynced as it is
written. Only a regular file (or a new one) is accepted.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import OutputError
from .output_paths import check_output_file
from .text import translate

_FLAGS = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


class MetricsWriter:
    """One JSON object per line, appended to `path`."""

    def __init__(self, path: str | Path, sync: bool = False):
        self.sync = sync  # fsync after every line (a run's metrics: each step survives a power cut)
        self.path = check_output_file(path, translate("output", "the metrics file"))
        try:
            self._fd = os.open(self.path, _FLAGS, 0o644)
        except OSError as exc:
            raise OutputError(translate("output", "Cannot write the metrics file '{path}': {reason}.").format(
                path=str(self.path), reason=str(exc.strerror or exc))) from None
        try:
            self._drop_partial_line()
        except BaseException:
            self.close()
            raise

    def _drop_partial_line(self) -> None:
        """Accept an empty file or one whose last whole line is a JSON object (ours); cut a
        partial last line a crash left. Anything else is not appended to."""
        size = os.fstat(self._fd).st_size
        if size == 0:
            return
        with open(self.path, "rb") as fh:  # the same regular file, for reading its tail
            fh.seek(max(size - 65536, 0))
            tail = fh.read()
        cut = tail.rfind(b"\n")
        lines = tail[:cut].split(b"\n") if cut >= 0 else []
        if not lines or not _is_json_object(lines[-1]):
            raise OutputError(translate("output", "'{path}' exists but does not look like a metrics file (its last "
                                                  "line is not a JSON object); choose another file. Nothing was "
                                                  "written to it.").format(path=str(self.path)))
        if cut != len(tail) - 1:  # a partial line after the last newline
            os.ftruncate(self._fd, size - len(tail) + cut + 1)

    def write(self, record: dict) -> None:
        """Append `record`; OutputError (the file unchanged) when the disk refuses."""
        data = (json.dumps(record) + "\n").encode("utf-8")
        before = os.fstat(self._fd).st_size
        try:
            written = os.write(self._fd, data)
            if written != len(data):
                raise OSError(28, "No space left on device")
            if self.sync:
                os.fsync(self._fd)
        except OSError as exc:
            try:
                os.ftruncate(self._fd, before)
            except OSError:
                pass
            raise OutputError(translate("output", "Could not write the metrics file '{path}': {reason}. Training "
                                                  "stopped.").format(path=str(self.path),
                                                                     reason=str(exc.strerror or exc))) from None

    def close(self) -> None:
        if self._fd is not None:
            try:
                os.fsync(self._fd)
            except OSError:
                pass
            os.close(self._fd)
            self._fd = None
