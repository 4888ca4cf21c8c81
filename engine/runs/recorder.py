"""Recorder: write a Backprop Studio run from your own training loop, any nn.Module.

    from engine.runs.recorder import Recorder
    with Recorder("runs/mlp", model=model, train_config={"lr": 0.01}) as rec:
        for step in range(1, 101):
            loss = train_one_step()                      # yours
            rec.log_step(step, loss.item(), lr=0.01)     # one fsynced line of metrics.jsonl
            if step % 10 == 0:
                rec.capture_param_stats(model)           # norms and histograms, after the step
Open the folder in the app (File > Open run) or export it with `backprop-studio export-run`.
"""
from __future__ import annotations

import math
import time
from pathlib import Path

from ..records import StepRecord
from .format import RunManifest, WriterState
from .writer import RunWriter


class Recorder:
    """A run for a user's model. `config` may be a GPTConfig (or its dict) for our GPT; any
    other model is recorded as scenario "custom" with its class name and size in the manifest."""

    def __init__(self, folder: str | Path, model=None, config=None, train_config: dict | None = None,
                 corpus: str = "", device: str | None = None, resume: bool = False):
        cfg = config.to_dict() if hasattr(config, "to_dict") else config
        extra = {}
        if model is not None:
            extra = {"model_class": type(model).__name__,
                     "parameters": int(sum(p.numel() for p in model.parameters()))}
            if device is None:
                first = next(iter(model.parameters()), None)
                device = str(first.device) if first is not None else "cpu"
        manifest = RunManifest(scenario="gpt" if cfg is not None else "custom", config=cfg,
                               train_config=dict(train_config or {}), corpus=corpus,
                               device=device or "cpu", extra=extra)
        self.writer = RunWriter(folder, manifest, resume=resume)
        self.folder = self.writer.folder
        self._tokens = 0
        self._last_time: float | None = None

    def log_step(self, step: int, loss: float, *, grad_norm: float = math.nan, tokens: int = 0,
                 lr: float | None = None, train_loss: float | None = None,
                 val_loss: float | None = None) -> StepRecord:
        """Record optimizer step `step` (1 for the first). `tokens`: samples or tokens in this
        step's batch (summed into tokens_seen); grad_norm NaN when you do not measure it."""
        now = time.perf_counter()
        elapsed = None if self._last_time is None else now - self._last_time
        self._last_time = now
        self._tokens += int(tokens)
        record = StepRecord(step=int(step), tokens_seen=self._tokens, loss=float(loss),
                            grad_norm=float(grad_norm),
                            tokens_per_s=tokens / elapsed if elapsed and tokens else 0.0,
                            lr=None if lr is None else float(lr),
                            train_loss=None if train_loss is None else float(train_loss),
                            val_loss=None if val_loss is None else float(val_loss))
        self.writer.log_step(record)
        return record

    def capture_param_stats(self, model, step: int | None = None, bins: int = 64):
        """Per-parameter gradient and weight norms and histograms of `model` as it is now
        (call after backward and optimizer.step(), before zero_grad). The update norm needs
        the weights before the step, so it reads 0 here: use engine.probes.param_stats.
        ParamStatsRecorder around the step and log_stats() for it."""
        from ..probes.param_stats import ParamStatsRecorder
        recorder = ParamStatsRecorder(model, every=1, bins=bins)
        recorder.before_step()
        stats = recorder.after_step(self.writer.last_step if step is None else step)
        if stats is not None:
            self.writer.log_stats(stats)
        return stats

    def log_stats(self, stats) -> None:
        """Record a ParamStats from your own ParamStatsRecorder."""
        self.writer.log_stats(stats)

    def save_checkpoint(self, model, optimizer=None, step: int | None = None, cfg=None):
        """checkpoints/step-<step>/ for one of our GPT models (engine.checkpoint's atomic
        save); other models are refused with an OutputError."""
        return self.writer.save_checkpoint(model, optimizer, step, cfg)

    def close(self, failed: bool = False, message: str = "") -> None:
        self.writer.close(WriterState.FAILED if failed else WriterState.FINISHED, message)

    def __enter__(self) -> "Recorder":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.writer.__exit__(exc_type, exc, tb)
