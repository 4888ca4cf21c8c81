"""Where an unexpected error's traceback goes: a log file, never the user's terminal.

The folder is $BACKPROP_STUDIO_LOG_DIR when set (tests use it), else
$XDG_STATE_HOME/backprop-studio/logs, else ~/.local/state/backprop-studio/logs.
"""
from __future__ import annotations

import os
import secrets
import time
import traceback
from pathlib import Path

LOG_DIR_ENV = "BACKPROP_STUDIO_LOG_DIR"


def log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "backprop-studio" / "logs"


def write_crash_log(exc: BaseException, context: str = "") -> Path | None:
    """Write `exc`'s traceback to a new file in log_dir(); its path, or None if that failed."""
    from .safe_write import write_new_file
    folder = log_dir()
    name = time.strftime("crash-%Y%m%d-%H%M%S") + f"-{os.getpid()}-{secrets.token_hex(2)}.log"
    text = (f"{context}\n" if context else "") + "".join(
        traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_new_file(folder / name, text.encode("utf-8", errors="replace"), mode=0o600)
    except OSError:
        return None
    return folder / name


def unexpected_error_sentence(exc: BaseException, log: Path | None) -> str:
    """One sentence for an error that is a bug, saying where its details are."""
    first = (str(exc).strip().splitlines() or [""])[0][:200]
    what = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    where = (f"the details are in {log}" if log is not None
             else "the details could not be written to a log file")
    return f"unexpected error ({what}); this is a bug, {where}."
