"""One process of a data-parallel `train` under torchrun (see train_dist)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .train_dist import PeerFailure, SigtermStops, dead_ranks, peer_message


def run_rank(args, ctx) -> int:
    from .train import _configs, _Progress

    gpt_cfg, train_cfg = _configs(args)
    ctx.per_rank_batch(train_cfg.batch_size)
    if ctx.is_main:
        from .train import _check_outputs
        _check_outputs(args)
    quiet = open(os.devnull, "w") if not ctx.is_main else None
    progress = _Progress(train_cfg.max_steps, stream=quiet)
    logs = _Logs(args, ctx)
    try:
        with SigtermStops():
            code = _train(args, ctx, gpt_cfg, train_cfg, progress, logs)
    except (PeerFailure, RuntimeError) as exc:
        if not isinstance(exc, PeerFailure) and not dead_ranks(args.run, ctx.rank):
            logs.close("failed", f"{type(exc).__name__}: {exc}"[:500])
            raise  # not a lost peer: a bug, reported as one
        message = peer_message(args.run, ctx.rank, logs.step())
        logs.close("failed", message)
        print(f"error: {message}", file=sys.stderr)
        return 1
    except BaseException as exc:
        messages = exc.messages() if hasattr(exc, "messages") else [f"{type(exc).__name__}: {exc}"]
        logs.close("failed", "interrupted" if isinstance(exc, KeyboardInterrupt) else "; ".join(messages))
        raise
    finally:
        if quiet is not None:
            quiet.close()
    ctx.shutdown()
    return code


class _Logs:
    """What this rank writes: rank 0 the metrics file and the run; every rank its rank log."""

    def __init__(self, args, ctx):
        self.args, self.ctx = args, ctx
        self.metrics = self.run_log = self.rank_log = self.trainer = None
        if ctx.is_main and args.metrics:
            from ..metrics_log import MetricsWriter
            self.metrics = MetricsWriter(args.metrics)

    def open(self, trainer, gpt_cfg, train_cfg) -> None:
        self.trainer = trainer
        if not self.args.run:
            return
        import torch.distributed as dist
        from ..runs.ranks import RankLogWriter
        if self.ctx.is_main:  # created once the text and model are ready: no empty run on a bad input
            from .train_run import RunLog
            self.run_log = RunLog(self.args.run, gpt_cfg, train_cfg, self.args.stats_every)
            self.run_log.attach(trainer)
        dist.barrier()  # the folder is a run before the other ranks write into it
        self.rank_log = RankLogWriter(Path(self.args.run), self.ctx.rank)

    def step(self) -> int:
        return self.trainer.step_count if self.trainer is not None else 0

    def close(self, reason: str, message: str = "") -> None:
        from ..errors import UserError
        failed = reason != "finished"
        if self.metrics is not None:
            self.metrics.close()
        if self.rank_log is not None:
            self.rank_log.close(reason, message)
        if self.run_log is not None:
            self.run_log.close("failed" if failed else "max_steps", UserError(message) if failed else None)
        elif failed and self.args.run and 0 in dead_ranks(self.args.run, self.ctx.rank, wait_s=0):
            from ..runs.format import WriterState, write_status
            write_status(Path(self.args.run), WriterState.FAILED, self.step(), message)
        self.metrics = self.run_log = self.rank_log = None


def _train(args, ctx, gpt_cfg, train_cfg, progress, logs) -> int:
    from ..records import StepRecord
    from ..trainer import Trainer
    from .train import _event_handler, _train_state

    trainer = Trainer(gpt_cfg, train_cfg, dist=ctx)
    logs.open(trainer, gpt_cfg, train_cfg)

    def save() -> None:
        if not ctx.is_main:
            return
        from ..checkpoint import save_checkpoint
        state = _train_state(trainer, train_cfg)
        if args.checkpoint:  # trainer.model is the plain GPTModel, not the DDP wrapper
            save_checkpoint(args.checkpoint, trainer.model, gpt_cfg, optimizer=trainer.optimizer, train_state=state)
        if logs.run_log is not None:
            logs.run_log.save(trainer, state)

    handler = _event_handler(progress, logs.metrics, args.checkpoint_every, save, logs.run_log)

    def on_event(event) -> None:
        handler(event)
        if logs.rank_log is not None and isinstance(event, StepRecord) and trainer.last_rank_record:
            logs.rank_log.write(trainer.last_rank_record)
    trainer.on_event = on_event
    if ctx.is_main:
        print(f"{sum(p.numel() for p in trainer.model.parameters()):,} parameters on {trainer.device}, "
              f"{ctx.world_size} processes x {train_cfg.batch_size // ctx.world_size} windows; "
              f"{trainer.split.summary()}", file=sys.stderr)
    reason = trainer.run()
    progress.close()
    if ctx.is_main and (args.checkpoint or args.run):
        save()
        print(f"saved checkpoint to {args.checkpoint or args.run} (step {trainer.step_count})", file=sys.stderr)
    logs.close("finished" if reason == "max_steps" else "failed", "" if reason == "max_steps" else reason)
    return 1 if reason == "non_finite" else 0
