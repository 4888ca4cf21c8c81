"""`train --run DIR`: the headless loop's events written as a run (engine/runs).

Each StepRecord is held until the next event: an evaluation at the same step adds its
train/val loss to it before it is written, as the app's scenarios do. Parameter statistics
are recorded every --stats-every steps around the trainer's step; checkpoints go to
DIR/checkpoints/step-<N>/ (the weights after N updates, and the RNG state step N+1 starts
from). Each step's line records its batch's token offsets (run format 1.1) when the trainer
knows them (one process), so `Trace this step` can trace step N+1 as it ran.
"""
from __future__ import annotations

import dataclasses

from ..records import StepRecord
from ..runs import RunManifest, RunWriter, WriterState


class RunLog:
    def __init__(self, folder, gpt_cfg, train_cfg, stats_every: int, trainer=None):
        from ..runs.replay import data_fingerprint
        one_process = trainer is not None and trainer.dist is None
        manifest = RunManifest(scenario="gpt", config=gpt_cfg.to_dict(), train_config=train_cfg.to_dict(),
                               corpus=str(train_cfg.text_source), device=str(train_cfg.device),
                               data=data_fingerprint(trainer.split.train_ids) if one_process else {})
        self.writer = RunWriter(folder, manifest)
        self.stats_every = stats_every
        self.trainer = trainer
        self._pending: StepRecord | None = None
        self._pending_batch: list[int] | None = None

    def attach(self, trainer) -> None:
        """Record parameter statistics around each of `trainer`'s steps (every stats_every)."""
        from ..probes.param_stats import ParamStatsRecorder
        if not self.stats_every:
            return
        recorder = ParamStatsRecorder(trainer.model, every=self.stats_every)
        plain_step = trainer.step

        def step():
            recorder.before_step()
            event = plain_step()
            stats = recorder.after_step(trainer.step_count, grad_norms=trainer.last_param_grad_norms)
            if stats is not None and isinstance(event, StepRecord):
                self.writer.log_stats(stats)
            return event
        trainer.step = step  # Trainer.run() calls self.step()

    def on_event(self, event) -> None:
        from ..trainer import EvalEvent
        if isinstance(event, StepRecord):
            self.flush()
            self._pending = event
            self._pending_batch = getattr(self.trainer, "last_batch_starts", None)
        elif isinstance(event, EvalEvent) and self._pending is not None:
            if self._pending.step == event.step:
                self._pending = dataclasses.replace(self._pending, train_loss=event.train_loss,
                                                    val_loss=event.val_loss)
            self.flush()

    def flush(self) -> None:
        if self._pending is not None:
            record, self._pending = self._pending, None
            self.writer.log_step(record, self._pending_batch if self.writer.manifest.data else None)

    def save(self, trainer, train_state: dict) -> None:
        # The held step is not flushed: an evaluation at this step may still add to it.
        self.writer.save_checkpoint(trainer.model, trainer.optimizer, trainer.step_count,
                                    cfg=trainer.gpt_cfg, train_state=train_state)

    def close(self, reason: str, failure: Exception | None = None) -> None:
        try:
            self.flush()
        finally:
            failed = failure is not None or reason in ("interrupted", "non_finite", "failed")
            message = "; ".join(failure.messages()) if failure is not None else reason
            self.writer.close(WriterState.FAILED if failed else WriterState.FINISHED,
                              message if failed else "")
