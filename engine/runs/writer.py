"""RunWriter: writes one run folder as training goes (see engine/runs/__init__.py).

    with RunWriter(folder, RunManifest(scenario="gpt", config=cfg.to_dict(), ...)) as run:
        run.log_step(record)          # one fsynced line of metrics.jsonl
        run.log_stats(stats)          # stats/<step>.safetensors
        run.log_attention(capture)    # attention/<step>-layer<L>.safetensors
        run.save_checkpoint(trainer)  # checkpoints/step-<step>/: the weights after <step> updates

status.json says running (with a heartbeat) until close(): finished, or failed when the
block ends with an exception. Every file is appended line by line or replaced atomically, so
a crash at any instant leaves a run that opens with every step logged before it.
"""
from __future__ import annotations

import os
import secrets
import shutil
import time
from pathlib import Path

from ..errors import OutputError
from ..metrics_log import MetricsWriter
from ..output_paths import check_writable_place
from ..records import StepRecord
from ..safe_write import fsync_dir
from ..text import translate
from . import shards
from .format import (CHECKPOINTS_DIR, METRICS_FILE, RunManifest, WriterState, is_run, read_manifest,
                     read_status, write_manifest, write_status, writer_state)
from .metrics import record_to_dict
from .replay import BATCH_KEY, rng_state

CHECKPOINT_PREFIX = "step-"
PARTIAL_PREFIX = ".partial-"  # a checkpoint folder being written; readers never list it


def checkpoint_dir(folder: Path, step: int) -> Path:
    return Path(folder) / CHECKPOINTS_DIR / f"{CHECKPOINT_PREFIX}{step:08d}"


def check_run_target(folder: str | Path, resume: bool = False) -> Path:
    """OutputError unless `folder` can take a new run (new or empty folder), or, with resume,
    is a run whose writer is not running. Checked before anything is trained."""
    folder = Path(folder)
    if os.path.lexists(folder) and not folder.is_dir():
        raise OutputError(translate("runs", "Cannot write a run to '{folder}': it is a file, not a folder.").format(
            folder=str(folder)))
    check_writable_place(folder, translate("output", "the run folder"))
    if not folder.is_dir() or not any(folder.iterdir()):
        return folder
    if not is_run(folder):
        raise OutputError(translate("runs", "'{folder}' is not empty and is not a run; choose a new or empty "
                                            "folder for the run. Nothing was written to it.").format(folder=str(folder)))
    if not resume:
        raise OutputError(translate("runs", "'{folder}' already holds a run; choose a new or empty folder.").format(
            folder=str(folder)))
    read_manifest(folder)  # a newer or damaged run is not appended to
    if writer_state(read_status(folder)) == WriterState.RUNNING:
        raise OutputError(translate("runs", "The run '{folder}' is being written by another process; wait for it "
                                            "to finish or choose another folder.").format(folder=str(folder)))
    return folder


class RunWriter:
    """Writes a run folder. `resume=True` reopens an existing run (its manifest is kept) to
    continue it; a step logged at or below the last one starts a new timeline from there."""

    def __init__(self, folder: str | Path, manifest: RunManifest, resume: bool = False,
                 heartbeat_s: float = 2.0):
        self.folder = check_run_target(folder, resume)
        self.heartbeat_s = heartbeat_s
        self.last_step = 0
        self._beat = 0.0
        existing = is_run(self.folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(translate("runs", "Cannot create the run folder '{folder}': {reason}.").format(
                folder=str(self.folder), reason=str(exc.strerror or exc))) from None
        write_status(self.folder, WriterState.RUNNING, 0)  # before run.json: a run always has a status
        if existing:
            self.manifest = read_manifest(self.folder)
        else:
            self.manifest = manifest
            write_manifest(self.folder, manifest)
        fsync_dir(self.folder)
        self._metrics: MetricsWriter | None = MetricsWriter(self.folder / METRICS_FILE, sync=True)
        self._beat = time.monotonic()

    # ---------------------------------------------------------------- logging

    def log_step(self, record: StepRecord, batch_starts: list[int] | None = None) -> None:
        """Append one step to metrics.jsonl (fsynced); OutputError when the disk refuses.
        `batch_starts`: the token offsets of the step's windows (replay.py), when known."""
        if self._metrics is None:
            raise ValueError("This run is closed.")
        line = record_to_dict(record)
        if batch_starts is not None:
            line[BATCH_KEY] = [int(s) for s in batch_starts]
        self._metrics.write(line)
        self.last_step = record.step
        if time.monotonic() - self._beat >= self.heartbeat_s:
            self.heartbeat()

    def log_stats(self, stats) -> Path:
        """Write a ParamStats (engine.probes.param_stats) as stats/<step>.safetensors."""
        self._mkdir(shards.STATS_DIR)
        return self._guarded(lambda: shards.write_stats(self.folder, stats),
                             translate("runs", "the parameter statistics"))

    def log_attention(self, capture) -> Path:
        """Write an AttentionCapture (engine.probes.attention) as attention/<step>-layer<L>.safetensors."""
        self._mkdir(shards.ATTENTION_DIR)
        return self._guarded(lambda: shards.write_attention(self.folder, capture),
                             translate("runs", "the attention capture"))

    def save_checkpoint(self, model, optimizer=None, step: int | None = None, cfg=None,
                        train_state: dict | None = None) -> Path:
        """Save checkpoints/step-<step>/ with engine.checkpoint.save_checkpoint: the weights
        after <step> updates (the ones step <step>+1 starts from), the optimizer state and the
        torch RNG state the next step starts from (replay.py). Written under a hidden name and
        renamed into place, so a crash never leaves a step-<step> folder that is not whole.

        `model` is a GPTModel or anything with .model (and .optimizer, .step_count, .gpt_cfg),
        e.g. a Trainer; step defaults to the trainer's step or the last logged step."""
        from ..checkpoint import save_checkpoint
        tokens = rng = None
        if hasattr(model, "model") and hasattr(model, "optimizer"):  # a Trainer or a scenario
            trainer, model = model, model.model
            optimizer = trainer.optimizer if optimizer is None else optimizer
            step = getattr(trainer, "step_count", getattr(trainer, "step", None)) if step is None else step
            tokens = getattr(trainer, "tokens_seen", None)
            rng = getattr(trainer, "next_step_rng", None)  # pinned by a rewind: what the next step uses
        cfg = cfg if cfg is not None else getattr(model, "cfg", None)
        if cfg is None or not hasattr(cfg, "to_dict"):
            raise OutputError(translate("runs", "Checkpoints in a run are saved for GPT models only (the model has "
                                                "no GPTConfig)."))
        step = self.last_step if step is None else int(step)
        self._mkdir(CHECKPOINTS_DIR)
        device = next((p.device for p in model.parameters()), None)
        state = {"step": step, **({"tokens_seen": int(tokens)} if tokens is not None else {}),
                 "rng": rng if isinstance(rng, dict) else rng_state(device), **(train_state or {})}
        target = checkpoint_dir(self.folder, step)
        if target.exists():  # the same step again (a rewound timeline): replaced in place, atomically
            return save_checkpoint(target, model, cfg, optimizer=optimizer, train_state=state)
        for stale in target.parent.glob(f"{PARTIAL_PREFIX}*"):  # left by a crash
            shutil.rmtree(stale, ignore_errors=True)
        partial = target.with_name(f"{PARTIAL_PREFIX}{target.name}-{secrets.token_hex(4)}")
        try:
            save_checkpoint(partial, model, cfg, optimizer=optimizer, train_state=state)
            os.replace(partial, target)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        fsync_dir(target.parent)
        return target

    def remove_checkpoint(self, step: int) -> None:
        """Delete checkpoints/step-<step>/: renamed to a hidden name first, so a crash
        mid-delete never leaves half a checkpoint that still looks like one."""
        target = checkpoint_dir(self.folder, step)
        if not target.exists():
            return
        trash = target.with_name(f"{PARTIAL_PREFIX}{target.name}-{secrets.token_hex(4)}")
        os.replace(target, trash)
        shutil.rmtree(trash, ignore_errors=True)

    def rewind_to(self, step: int) -> None:
        """Forget stats, attention and checkpoints after `step` (training continues from a
        checkpoint there); metrics after it are dropped by readers once a step <= the last
        one is logged."""
        for s in shards.list_stats(self.folder):
            if s > step:
                shards.stats_path(self.folder, s).unlink(missing_ok=True)
        for key in shards.list_attention(self.folder):
            if key.step > step:
                shards.attention_path(self.folder, key).unlink(missing_ok=True)
        from .reader import checkpoint_steps
        for s in checkpoint_steps(self.folder):
            if s > step:
                shutil.rmtree(checkpoint_dir(self.folder, s), ignore_errors=True)
        self.last_step = step

    # ---------------------------------------------------------------- status

    def heartbeat(self) -> None:
        """Tell followers this writer is alive (log_step does it every heartbeat_s seconds)."""
        write_status(self.folder, WriterState.RUNNING, self.last_step)
        self._beat = time.monotonic()

    def close(self, state: WriterState = WriterState.FINISHED, message: str = "") -> None:
        if self._metrics is None:
            return
        self._metrics.close()
        self._metrics = None
        try:
            write_status(self.folder, state, self.last_step, message)
        except OSError:  # a full disk: followers see the heartbeat go stale
            pass

    def __enter__(self) -> "RunWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            text = "interrupted" if issubclass(exc_type, KeyboardInterrupt) else f"{exc_type.__name__}: {exc}"
            self.close(WriterState.FAILED, text[:500])

    # ---------------------------------------------------------------- helpers

    def _mkdir(self, name: str) -> None:
        path = self.folder / name
        if not path.is_dir():
            path.mkdir(exist_ok=True)
            fsync_dir(self.folder)

    def _guarded(self, write, what: str) -> Path:
        try:
            return write()
        except OSError as exc:
            raise OutputError(translate("runs", "Could not write {what} to the run '{folder}': {reason}.").format(
                what=what, folder=str(self.folder), reason=str(exc.strerror or exc))) from None
