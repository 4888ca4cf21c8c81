"""A checkpoint folder that a crash cannot leave half old, half new.

    DIR/checkpoint.json        {"format": "backprop-studio-folder", "version": 2,
                                "current": "v00000040-1f2e3d4c"}
    DIR/v00000040-1f2e3d4c/    one complete checkpoint: config.json, model.safetensors,
                               optimizer.safetensors + optimizer.json

A save writes a new version folder beside the current one, fsyncs every file and the folder,
then switches by replacing checkpoint.json atomically (os.replace); only then are older
version folders removed. Killed at any instant, DIR holds the old checkpoint or the new one,
each complete. A folder without checkpoint.json whose config.json is a Backprop Studio config
is the version-1 layout (files directly in DIR); it is still read, and a save converts it.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import stat
from pathlib import Path

from .errors import CheckpointError, FileReadError, OutputError
from .model_folder import CONFIG_FILE, MODEL_FILE, read_json_file
from .optimizer_state import OPTIMIZER_FILE, OPTIMIZER_JSON
from .output_paths import check_writable_place
from .text import translate
from .safe_files import check_regular_file
from .safe_write import fsync_dir, temp_name, write_file_atomic

POINTER_FILE = "checkpoint.json"
POINTER_FORMAT = "backprop-studio-folder"
POINTER_VERSION = 2
CHECKPOINT_FORMAT = "backprop-studio"  # the format key of the config.json inside a version
VERSION_NAME = re.compile(r"v\d{8,}-[0-9a-f]{8}")
_TEMP_NAME = re.compile(r"\..+\.[0-9a-f]{12}\.tmp")
_LEGACY_FILES = (CONFIG_FILE, MODEL_FILE, OPTIMIZER_FILE, OPTIMIZER_JSON)
_MAX_NAMED = 5


def _is_real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _is_legacy_checkpoint(path: Path) -> bool:
    try:
        check_regular_file(path / CONFIG_FILE)
        meta = read_json_file(path / CONFIG_FILE)
    except (FileReadError, CheckpointError):
        return False
    return isinstance(meta, dict) and meta.get("format") == CHECKPOINT_FORMAT


def is_versioned(path: Path) -> bool:
    """True when `path` has a checkpoint.json pointer (the layout this module writes)."""
    return os.path.lexists(path / POINTER_FILE)


def current_version_dir(path: Path) -> Path:
    """The folder holding the current checkpoint's files: DIR/<current> or, for the version-1
    layout, DIR itself. CheckpointError when the pointer is unusable."""
    if not is_versioned(path):
        return path
    pointer = path / POINTER_FILE
    data = read_json_file(pointer, 4096, translate("files", "Checkpoint pointer"))
    if not isinstance(data, dict) or data.get("format") != POINTER_FORMAT:
        raise CheckpointError([translate("model_files", "{file} is not a Backprop Studio checkpoint pointer "
                                                        "(\"format\": \"{format}\").").format(
            file=str(pointer), format=POINTER_FORMAT)])
    if data.get("version") != POINTER_VERSION:
        raise CheckpointError([translate("model_files", "{file}: checkpoint folder version {found} is not "
                                                        "supported (this app reads version {version}).").format(
            file=str(pointer), found=repr(data.get("version")), version=str(POINTER_VERSION))])
    name = data.get("current")
    if not isinstance(name, str) or not VERSION_NAME.fullmatch(name):
        raise CheckpointError([translate("model_files", "{file}: 'current' must name a version folder like "
                                                        "v00000040-1f2e3d4c, but it is {found}.").format(
            file=str(pointer), found=repr(str(name)[:60]))])
    if not _is_real_dir(path / name):
        raise CheckpointError([translate("model_files", "{file} names the version folder '{name}', which is "
                                                        "missing (or is not a real folder).").format(
            file=str(pointer), name=name)])
    return path / name


def _listing(names: list[str]) -> str:
    shown = ", ".join(sorted(names)[:_MAX_NAMED])
    if len(names) > _MAX_NAMED:
        return translate("model_files", "{keys} and {more} more").format(keys=shown, more=len(names) - _MAX_NAMED)
    return shown


def check_checkpoint_target(path: str | Path) -> Path:
    """Refuse, before any training, a place a checkpoint must not or cannot be written:
    a file, a folder that is neither empty nor one of our checkpoints (naming what is
    there), or a folder that cannot be written or created."""
    path = Path(path)
    try:
        os.fspath(path).encode("utf-8")
        exists = os.path.lexists(path)
    except (ValueError, UnicodeError):
        raise OutputError(translate("output", "{path} is not a usable folder path.").format(
            path=repr(str(path)))) from None
    if exists and not path.is_dir():
        raise OutputError(translate("output", "'{path}' is a file; a checkpoint is saved as a folder.").format(
            path=str(path)))
    if exists:
        try:
            names = os.listdir(path)
        except OSError as exc:
            raise OutputError(translate("output", "Cannot look into the checkpoint folder '{path}': {reason}.")
                              .format(path=str(path), reason=str(exc.strerror or exc))) from None
        if names and not is_versioned(path) and not _is_legacy_checkpoint(path):
            raise OutputError(translate("output", "'{path}' is not empty and is not a Backprop Studio "
                                                  "checkpoint: it holds {names}. Choose an empty or new folder; "
                                                  "nothing there is overwritten.").format(
                path=str(path), names=_listing(names)))
        check_writable_place(path, translate("output", "a checkpoint in"))
    else:
        check_writable_place(path, translate("output", "the checkpoint folder"))
    return path


def new_version_dir(path: Path, step: int) -> Path:
    """Create a fresh, private version folder (mkdir never follows a planted symlink)."""
    name = f"v{max(int(step), 0):08d}-{secrets.token_hex(4)}"
    version = path / name
    os.mkdir(version, 0o700)  # nobody else can plant files in it while it is written
    return version


def publish(path: Path, version: Path) -> None:
    """Make `version` the checkpoint of `path`: one atomic replace of the pointer file."""
    import json
    os.chmod(version, 0o755)
    fsync_dir(version)
    fsync_dir(path)
    pointer = {"format": POINTER_FORMAT, "version": POINTER_VERSION, "current": version.name}
    write_file_atomic(path / POINTER_FILE, (json.dumps(pointer, indent=2) + "\n").encode("utf-8"))


def remove_stale(path: Path, keep: Path) -> None:
    """Delete older version folders, leftover temp files and our version-1 files; best effort.

    Whatever the pointer names now is kept too (another save may have switched meanwhile);
    version-1 files are removed only when the config.json beside them is ours."""
    try:
        keep_names = {keep.name, current_version_dir(path).name}
    except CheckpointError:
        keep_names = {keep.name}
    legacy = _is_legacy_checkpoint(path)
    for name in os.listdir(path):
        entry = path / name
        try:
            if VERSION_NAME.fullmatch(name) and name not in keep_names and _is_real_dir(entry):
                shutil.rmtree(entry)
            elif _TEMP_NAME.fullmatch(name) and not _is_real_dir(entry):
                entry.unlink()
            elif legacy and name in _LEGACY_FILES and not _is_real_dir(entry):
                entry.unlink()  # the version-1 layout, superseded by the pointer
        except OSError:
            pass  # a leftover costs space, never correctness: the pointer decides
    fsync_dir(path)


def discard(path: Path, version: Path) -> None:
    """After a failed or interrupted save: remove `version` unless the pointer already names
    it (the failure came after the switch) or the pointer cannot be read (then keep it)."""
    try:
        if current_version_dir(path) == version:
            return
    except CheckpointError:
        return
    shutil.rmtree(version, ignore_errors=True)


__all__ = ["POINTER_FILE", "check_checkpoint_target", "current_version_dir",
           "discard", "is_versioned", "new_version_dir", "publish", "remove_stale", "temp_name"]
