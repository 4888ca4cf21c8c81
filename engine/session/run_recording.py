"""The app records every model generation's run (engine/runs), from the engine loop's thread.

    recording = RunRecording(runs_root())
    recording.start(spec, source, scenario)  # a new folder <time>-<scenario>-<preset>
    recording.before_step(scenario)     # GPT: a checkpoint at chosen steps (run_checkpoints.py)
    recording.step(record, batch_starts); recording.stats(stats); recording.attention(capture)
    recording.idle()                    # paused: a heartbeat every few seconds
    recording.close()                   # finished (rebuild, shutdown)

Writes happen in the engine thread, between steps, never in the GUI thread. A write that
fails (a full disk, a folder that went away) stops recording this run with one message;
training goes on. Every file the writer makes is appended with fsync or renamed into place,
so a crash leaves a run that reopens with every step logged before it.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from ..errors import UserError
from ..runs.format import RunManifest, WriterState
from ..runs.storage import drop_checkpoints, prune_runs
from ..runs.writer import RunWriter
from ..text import message_of, translate
from .run_checkpoints import CHECKPOINT_BUDGET, CHECKPOINT_EVERY, RunCheckpoints
from .spec import ScenarioKey, ScenarioSpec

log = logging.getLogger(__name__)
MAX_BYTES = 2 * 1024 ** 3  # the app's runs folder is pruned to this at start
KEEP_LATEST = 20
HEARTBEAT_S = 2.0


def manifest_for(spec: ScenarioSpec, source: str = "", scenario=None) -> RunManifest:
    gpt = spec.key == ScenarioKey.GPT
    extra = {"loaded_from": source} if source else {}
    trainer = getattr(scenario, "trainer", None)
    data = {}
    if gpt and trainer is not None:  # each step's batch is recorded (format 1.1)
        from ..runs.replay import data_fingerprint
        data = data_fingerprint(trainer.split.train_ids)
    return RunManifest(scenario=spec.key.value, config=spec.gpt_config.to_dict() if gpt else None,
                       train_config=spec.train_config.to_dict() if gpt else {},
                       corpus=spec.train_config.text_source if gpt else "", device=spec.device, extra=extra,
                       data=data)


def folder_name(spec: ScenarioSpec, now: float | None = None) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    preset = f"-{spec.preset}" if spec.key == ScenarioKey.GPT else ""
    return f"{stamp}-{spec.key.value}{preset}"


class RunRecording:
    def __init__(self, root: Path | None, heartbeat_s: float = HEARTBEAT_S):
        self.root = Path(root) if root is not None else None
        self.heartbeat_s = heartbeat_s
        self.prune_bytes = MAX_BYTES
        self.checkpoint_budget = CHECKPOINT_BUDGET  # per run; tests make it small
        self.checkpoint_every = CHECKPOINT_EVERY
        self.checkpoints: RunCheckpoints | None = None  # GPT runs only
        self.writer: RunWriter | None = None
        self._beat = 0.0

    @property
    def folder(self) -> Path | None:
        return self.writer.folder if self.writer is not None else None

    def prune(self) -> str | None:
        """Keep the runs folder under MAX_BYTES (the newest KEEP_LATEST always stay)."""
        if self.root is None or not self.root.is_dir():
            return None
        try:
            result = prune_runs(self.root, self.prune_bytes, keep_latest=KEEP_LATEST, checkpoints_first=True)
        except OSError as exc:
            return translate("engine", "Could not tidy the runs folder {folder}: {reason}.").format(
                folder=str(self.root), reason=str(exc.strerror or exc))
        if result.removed:
            log.info("removed %d old runs from %s", len(result.removed), self.root)
        return None

    def start(self, spec: ScenarioSpec, source: str = "", scenario=None) -> str | None:
        """Close the previous run (finished) and open a new one; a message when that fails."""
        self.close()
        if self.root is None:
            return None
        base = self.root / folder_name(spec)
        folder, n = base, 1
        while folder.exists():
            n += 1
            folder = base.with_name(f"{base.name}-{n}")
        gpt = getattr(scenario, "trainer", None) is not None
        return self._guard(lambda: self._open(folder, manifest_for(spec, source, scenario), gpt))

    def _open(self, folder: Path, manifest: RunManifest, checkpoints: bool) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.writer = RunWriter(folder, manifest, heartbeat_s=self.heartbeat_s)
        self._beat = time.monotonic()
        if checkpoints:
            # The runs folder's cap holds with this run's checkpoints in it: older runs give
            # up their checkpoints first (their metrics stay), and this run gets what is left.
            try:
                others = drop_checkpoints(self.root, self.prune_bytes - self.checkpoint_budget, spare=(folder,))
            except OSError as exc:  # recording goes on, without checkpoints
                log.info("no run checkpoints: %s", exc)
                others = self.prune_bytes
            budget = min(self.checkpoint_budget, max(0, self.prune_bytes - others))
            self.checkpoints = RunCheckpoints(budget, self.checkpoint_every)

    def before_step(self, scenario) -> str | None:
        """Before a GPT step: the checkpoint of the weights it starts from, at chosen steps."""
        trainer = getattr(scenario, "trainer", None)
        if self.checkpoints is None or trainer is None:
            return None
        return self._write(lambda w: self.checkpoints.before_step(w, trainer))

    def step(self, record, batch_starts: list[int] | None = None) -> str | None:
        return self._write(lambda w: w.log_step(record, batch_starts))

    def stats(self, stats) -> str | None:
        return self._write(lambda w: w.log_stats(stats))

    def attention(self, capture) -> str | None:
        return self._write(lambda w: w.log_attention(capture))

    def checkpoint(self, scenario) -> str | None:
        return self._write(lambda w: w.save_checkpoint(scenario))

    def idle(self) -> str | None:
        """Between commands while paused: tell followers the app is alive."""
        if self.writer is None or time.monotonic() - self._beat < self.heartbeat_s:
            return None
        self._beat = time.monotonic()
        return self._write(lambda w: w.heartbeat())

    def close(self, state: WriterState = WriterState.FINISHED, message: str = "") -> None:
        writer, self.writer = self.writer, None
        self.checkpoints = None
        if writer is not None:
            writer.close(state, message)

    def _write(self, write) -> str | None:
        if self.writer is None:
            return None
        self._beat = time.monotonic()
        return self._guard(lambda: write(self.writer))

    def _guard(self, action) -> str | None:
        try:
            action()
        except (UserError, OSError, ValueError) as exc:
            folder = self.folder
            self.close(WriterState.FAILED, str(exc)[:500])
            if folder is None:
                return translate("engine", "Recording this run stopped: {problem} Training goes on.").format(
                    problem=message_of(exc))
            return translate("engine", "Recording this run stopped ({folder}): {problem} Training goes on.").format(
                folder=str(folder), problem=message_of(exc))
        return None
