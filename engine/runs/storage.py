"""Where the app keeps its runs, and keeping that folder under a size cap.

runs_root(): $BACKPROP_STUDIO_DATA_DIR/runs when set (tests use it), else
$XDG_DATA_HOME/backprop-studio/runs, else ~/.local/share/backprop-studio/runs.
prune_runs(): removes the oldest runs that are not being written until the folder fits.
drop_checkpoints(): deletes older runs' checkpoints/ folders (the bulk of a run) until it fits.
"""
from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .format import CHECKPOINTS_DIR, RunError, WriterState, read_manifest, read_status, writer_state

DATA_DIR_ENV = "BACKPROP_STUDIO_DATA_DIR"


def runs_root() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "runs"
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "backprop-studio" / "runs"


def folder_bytes(folder: Path) -> int:
    """Bytes of the regular files under `folder` (links not followed)."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            try:
                st = os.lstat(os.path.join(dirpath, name))
            except OSError:
                continue
            total += st.st_size
    return total


@dataclass(frozen=True)
class RunEntry:
    folder: Path
    created: str  # ISO time from run.json: the order runs are pruned in
    state: WriterState
    size: int


@dataclass(frozen=True)
class PruneResult:
    removed: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    total_bytes: int = 0  # of the kept runs


def list_runs(root: str | Path) -> list[RunEntry]:
    """The runs directly in `root`, oldest first (folders that are not runs are left out)."""
    root = Path(root)
    entries = []
    for child in sorted(root.iterdir()) if root.is_dir() else ():
        if child.name.startswith(".") or child.is_symlink() or not child.is_dir():
            continue
        try:
            manifest = read_manifest(child)
        except RunError:
            continue
        entries.append(RunEntry(child, manifest.created, writer_state(read_status(child)), folder_bytes(child)))
    return sorted(entries, key=lambda e: (e.created, e.folder.name))


def remove_run(folder: Path) -> None:
    """Rename the run to a hidden name first, so a crash mid-delete never leaves half a run
    that still looks like one; then delete it."""
    _remove_hidden_first(folder)


def _remove_hidden_first(folder: Path) -> None:
    trash = folder.with_name(f".deleting-{folder.name}-{secrets.token_hex(4)}")
    os.replace(folder, trash)
    shutil.rmtree(trash, ignore_errors=True)


def drop_checkpoints(root: str | Path, max_bytes: int, spare: tuple[Path, ...] = ()) -> int:
    """Delete the checkpoints/ folder of runs under `root`, oldest run first, until all runs
    take at most `max_bytes`; runs being written and those in `spare` keep theirs. The runs
    stay (metrics, statistics): they just can no longer be traced again. Returns the bytes
    the runs take afterwards."""
    entries = list_runs(root)
    spared = {Path(p).resolve() for p in spare}
    total = sum(e.size for e in entries)
    for entry in entries:
        if total <= max_bytes:
            break
        checkpoints = entry.folder / CHECKPOINTS_DIR
        if entry.state == WriterState.RUNNING or entry.folder.resolve() in spared or not checkpoints.is_dir():
            continue
        size = folder_bytes(checkpoints)
        _remove_hidden_first(checkpoints)  # a crash mid-delete leaves no half checkpoint
        total -= size
    return total


def prune_runs(root: str | Path, max_bytes: int, keep_latest: int = 1,
               checkpoints_first: bool = False) -> PruneResult:
    """Remove the oldest runs under `root` until the rest take at most `max_bytes`. The
    `keep_latest` newest runs and every run whose writer is running are always kept, so the
    result may stay over the cap. `checkpoints_first`: before any run goes, older runs lose
    their checkpoints (drop_checkpoints), so the newest runs' checkpoints are not held to
    the cap by their own size alone."""
    if max_bytes < 0 or keep_latest < 0:
        raise ValueError("max_bytes and keep_latest must not be negative.")
    if checkpoints_first:
        drop_checkpoints(root, max_bytes)
    entries = list_runs(root)
    protected = {e.folder for e in entries[len(entries) - keep_latest:]} if keep_latest else set()
    total = sum(e.size for e in entries)
    removed = []
    for entry in entries:
        if total <= max_bytes:
            break
        if entry.folder in protected or entry.state == WriterState.RUNNING:
            continue
        remove_run(entry.folder)
        removed.append(entry.folder)
        total -= entry.size
    kept = [e.folder for e in entries if e.folder not in removed]
    return PruneResult(removed, kept, total)
