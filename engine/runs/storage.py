"""Where the app keeps its runs, and keeping that folder under a size cap.

runs_root(): $BACKPROP_STUDIO_DATA_DIR/runs when set (tests use it), else
$XDG_DATA_HOME/backprop-studio/runs, else ~/.local/share/backprop-studio/runs.
prune_runs(): removes the oldest runs that are not being written until the folder fits.
"""
from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .format import RunError, WriterState, read_manifest, read_status, writer_state

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
    trash = folder.with_name(f".deleting-{folder.name}-{secrets.token_hex(4)}")
    os.replace(folder, trash)
    shutil.rmtree(trash, ignore_errors=True)


def prune_runs(root: str | Path, max_bytes: int, keep_latest: int = 1) -> PruneResult:
    """Remove the oldest runs under `root` until the rest take at most `max_bytes`. The
    `keep_latest` newest runs and every run whose writer is running are always kept, so the
    result may stay over the cap."""
    if max_bytes < 0 or keep_latest < 0:
        raise ValueError("max_bytes and keep_latest must not be negative.")
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
