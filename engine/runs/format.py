"""The run format's names, version and records: run.json (the manifest) and status.json.

A run is a folder (see engine/runs/__init__.py for the layout). This module holds what every
reader and writer of that folder shares: file names, the format key and version, the
manifest record and its JSON form, and the writer's status record.
"""
from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path

from ..errors import FileReadError, UserError
from ..safe_files import MAX_CONFIG_BYTES, read_text_capped
from ..safe_write import write_file_atomic
from ..text import translate

RUN_FORMAT = "backprop-studio-run"
# "version" is the major version: a reader refuses a run of a newer one. "minor_version" counts
# additions a reader of the same major version may ignore (a run without it is 1.0):
# 1.1 adds run.json "data", metrics.jsonl "batch_starts" and a checkpoint's "rng" (replay.py).
RUN_VERSION = 1
RUN_MINOR_VERSION = 1
MANIFEST_FILE = "run.json"
STATUS_FILE = "status.json"
METRICS_FILE = "metrics.jsonl"
STATS_DIR = "stats"
ATTENTION_DIR = "attention"
CHECKPOINTS_DIR = "checkpoints"


class RunError(UserError):
    """A folder that is not a run, a run this app cannot read, or a damaged run file."""


def app_version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version
        return version("backprop-studio")
    except (ImportError, PackageNotFoundError):
        return "unknown"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class RunManifest:
    """run.json: what was trained, on what, where. `config` is a GPTConfig dict (None for the
    scalar and SimpleNet scenarios and for a user's own model); `extra` is free-form JSON the
    writer wants kept (a Recorder stores the model's class name and size there)."""

    scenario: str  # "gpt", "scalar", "simplenet" or "custom" (a user's own loop)
    train_config: dict = field(default_factory=dict)
    config: dict | None = None
    corpus: str = ""  # a description: "default", a file name, "synthetic", ...
    device: str = "cpu"
    created: str = field(default_factory=now_iso)
    created_by: str = field(default_factory=lambda: f"backprop-studio {app_version()}")
    extra: dict = field(default_factory=dict)
    # 1.1: the training tokens' fingerprint (replay.data_fingerprint) when each metrics line
    # records its batch; {} when the steps' batches are not recorded
    data: dict = field(default_factory=dict)
    version: int = RUN_VERSION  # of the file this manifest was read from
    minor_version: int = RUN_MINOR_VERSION

    @property
    def records_batches(self) -> bool:
        """The metrics lines say which windows each step trained on (format 1.1, GPT runs)."""
        return self.minor_version >= 1 and isinstance(self.data.get("train_sha256"), str)

    def to_dict(self) -> dict:
        return {"format": RUN_FORMAT, "version": RUN_VERSION, "minor_version": RUN_MINOR_VERSION,
                "created_by": self.created_by, "created": self.created, "scenario": self.scenario,
                "config": self.config, "train_config": self.train_config, "corpus": self.corpus,
                "device": self.device, "extra": self.extra, "data": self.data}

    @classmethod
    def from_dict(cls, data: dict, file: Path) -> "RunManifest":
        problems = []
        for key, kind in (("scenario", str), ("train_config", dict), ("created", str),
                          ("created_by", str), ("corpus", str), ("device", str)):
            if not isinstance(data.get(key), kind):
                message = (translate("runs", "{file}: '{key}' must be a text.") if kind is str
                           else translate("runs", "{file}: '{key}' must be a JSON object."))
                problems.append(message.format(file=str(file), key=key))
        if data.get("config") is not None and not isinstance(data.get("config"), dict):
            problems.append(translate("runs", "{file}: 'config' must be a JSON object or null.").format(
                file=str(file)))
        if problems:
            raise RunError(*problems)
        minor = data.get("minor_version", 0)  # 1.0 runs have none
        minor = minor if isinstance(minor, int) and not isinstance(minor, bool) and minor >= 0 else 0
        fingerprint = data.get("data")
        return cls(scenario=data["scenario"], train_config=data["train_config"], config=data.get("config"),
                   corpus=data["corpus"], device=data["device"], created=data["created"],
                   created_by=data["created_by"], extra=dict(data.get("extra") or {}),
                   data=dict(fingerprint) if isinstance(fingerprint, dict) else {},
                   version=data["version"], minor_version=minor)


def _read_json(path: Path, what: str) -> dict:
    try:
        data = json.loads(read_text_capped(path, MAX_CONFIG_BYTES, what))
    except FileReadError as exc:
        raise RunError(*exc.messages()) from None
    except (ValueError, RecursionError) as exc:
        raise RunError(translate("runs", "{what} '{path}' is not valid JSON ({reason}).").format(
            what=what, path=str(path), reason=str(exc))) from None
    if not isinstance(data, dict):
        raise RunError(translate("runs", "{what} '{path}' must hold a JSON object.").format(
            what=what, path=str(path)))
    return data


def is_run(folder: Path) -> bool:
    """True when `folder` has a run.json (whether or not this app can read it)."""
    return os.path.isfile(Path(folder) / MANIFEST_FILE)


def read_manifest(folder: Path) -> RunManifest:
    """The manifest of run `folder`; RunError for a folder that is not a run or a newer run."""
    folder = Path(folder)
    if not folder.is_dir():
        message = (translate("runs", "'{folder}' is not a run: it is not a folder.") if folder.exists()
                   else translate("runs", "'{folder}' is not a run: it does not exist."))
        raise RunError(message.format(folder=str(folder)))
    if not is_run(folder):
        raise RunError(translate("runs", "'{folder}' is not a run: it has no {manifest}. A run folder is "
                                         "written by `backprop-studio train --run`, the app or a Recorder.")
                       .format(folder=str(folder), manifest=MANIFEST_FILE))
    path = folder / MANIFEST_FILE
    data = _read_json(path, translate("files", "Run manifest"))
    if data.get("format") != RUN_FORMAT:
        raise RunError(translate("runs", "'{path}' is not a Backprop Studio run manifest (\"format\" is "
                                         "{found}, expected '{format}').").format(
            path=str(path), found=repr(str(data.get("format"))[:60]), format=RUN_FORMAT))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise RunError(translate("runs", "'{path}': 'version' must be a whole number from 1, not {found}.")
                       .format(path=str(path), found=repr(str(version)[:40])))
    if version > RUN_VERSION:
        raise RunError(translate("runs", "'{path}' is a run of format version {version}, written by {writer}; "
                                         "this app reads run format version {ours} and older. Update Backprop "
                                         "Studio to open it.").format(
            path=str(path), version=str(version), writer=str(data.get("created_by"))[:60], ours=str(RUN_VERSION)))
    return RunManifest.from_dict(data, path)


def write_manifest(folder: Path, manifest: RunManifest) -> None:
    write_file_atomic(Path(folder) / MANIFEST_FILE,
                      (json.dumps(manifest.to_dict(), indent=2) + "\n").encode("utf-8"))


# --------------------------------------------------------------------------- status


class WriterState(str, Enum):
    """What a follower knows about the process writing a run."""

    RUNNING = "running"  # status.json says running and the writer is alive
    FINISHED = "finished"  # the writer closed the run normally
    FAILED = "failed"  # the writer stopped on an error or an interrupt
    VANISHED = "vanished"  # says running, but its process is gone or its heartbeat is stale


@dataclass(frozen=True)
class WriterStatus:
    """status.json, replaced atomically by the writer: `heartbeat` is time.time() of the last
    update; `message` (failed runs) is for people, not for programs."""

    state: WriterState
    pid: int
    host: str
    heartbeat: float
    step: int = 0
    message: str = ""

    def to_dict(self) -> dict:
        return {"state": self.state.value, "pid": self.pid, "host": self.host,
                "heartbeat": self.heartbeat, "step": self.step, "message": self.message}


def write_status(folder: Path, state: WriterState, step: int, message: str = "") -> WriterStatus:
    status = WriterStatus(state, os.getpid(), socket.gethostname(), time.time(), step, message)
    write_file_atomic(Path(folder) / STATUS_FILE, (json.dumps(status.to_dict()) + "\n").encode("utf-8"))
    return status


def read_status(folder: Path) -> WriterStatus | None:
    """status.json of a run, or None when it is missing or unreadable (a run from a writer
    that kept no status counts as finished)."""
    try:
        data = _read_json(Path(folder) / STATUS_FILE, translate("files", "Run status"))
        return WriterStatus(WriterState(data["state"]), int(data["pid"]), str(data["host"]),
                            float(data["heartbeat"]), int(data.get("step", 0)), str(data.get("message", "")))
    except (RunError, KeyError, ValueError, TypeError):
        return None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, owned by someone else
    return True


def writer_state(status: WriterStatus | None, stale_after_s: float = 30.0,
                 now: float | None = None) -> WriterState:
    """RUNNING, FINISHED, FAILED or VANISHED (state running, but the writer's process is gone
    on this host, or no heartbeat for `stale_after_s` seconds)."""
    if status is None:
        return WriterState.FINISHED
    if status.state != WriterState.RUNNING:
        return status.state
    if status.host == socket.gethostname() and not _pid_alive(status.pid):
        return WriterState.VANISHED
    if (time.time() if now is None else now) - status.heartbeat > stale_after_s:
        return WriterState.VANISHED
    return WriterState.RUNNING
