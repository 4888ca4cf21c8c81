"""`backprop-studio train`: pretrain a GPT headless, with a progress bar and JSONL metrics."""
from __future__ import annotations

import signal
import sys
import threading

from . import UserError


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("train", help="pretrain a GPT without the GUI",
                              description="Pretrain a GPT on a text and report train/val loss.")
    model = p.add_mutually_exclusive_group(required=True)
    model.add_argument("--preset", metavar="NAME", help="a named model config, e.g. nano, micro, gpt2-124m")
    model.add_argument("--config", metavar="FILE", help="a model config JSON file")
    p.add_argument("--train-config", metavar="FILE", help="a training config JSON file")
    p.add_argument("--steps", type=int, metavar="N", help="optimizer steps (overrides max_steps)")
    p.add_argument("--text", metavar="FILE", help="a UTF-8 .txt to train on (default: the embedded text)")
    p.add_argument("--metrics", metavar="FILE.jsonl", help="append one JSON object per evaluation")
    p.add_argument("--checkpoint", metavar="DIR",
                   help="save model and optimizer here at the end (an empty or new folder, or "
                        "one of our checkpoints)")
    p.add_argument("--checkpoint-every", type=int, metavar="N",
                   help="also save the checkpoint every N steps (into --checkpoint and/or --run)")
    p.add_argument("--run", metavar="DIR",
                   help="record the run here (a new or empty folder): every step's metrics, "
                        "parameter statistics and checkpoints, to open in the app or export")
    p.add_argument("--stats-every", type=int, metavar="N", default=10,
                   help="with --run: record parameter statistics every N steps (default 10; 0 = never)")
    p.add_argument("--device", metavar="D", help="auto, cpu, cuda or mps (overrides the config)")
    p.add_argument("--nproc-per-node", type=int, metavar="N",
                   help="train data-parallel in N processes (starts torchrun; batch_size is the "
                        "global batch and must be divisible by N)")
    p.set_defaults(func=run)


def _configs(args):
    from ..config import (ConfigError, ConfigProblem, TrainConfig, load_gpt_config, load_train_config,
                          validate_train_dict)
    from ..presets import get_preset

    gpt_cfg = get_preset(args.preset) if args.preset else load_gpt_config(args.config)
    train_cfg = load_train_config(args.train_config, gpt_cfg) if args.train_config else TrainConfig()
    overrides = {}
    if args.steps is not None:
        overrides["max_steps"] = args.steps
    if args.text is not None:
        overrides["text_source"] = args.text
    if args.device is not None:
        overrides["device"] = args.device
    data = {**train_cfg.to_dict(), **overrides}
    problems = validate_train_dict(data, gpt_cfg)
    if problems:
        if args.steps is not None:  # name the option the user typed
            problems = [ConfigProblem(p.field, p.message.replace("max_steps", "--steps"))
                        if p.field == "max_steps" else p for p in problems]
        raise ConfigError(problems)
    return gpt_cfg, TrainConfig.from_dict(data, gpt_cfg)


class _Progress:
    """A one-line text bar on stderr; on a pipe or file it prints one line per evaluation."""

    def __init__(self, total: int, stream=None):
        self.total = max(total, 1)
        self.stream = sys.stderr if stream is None else stream
        self.live = self.stream.isatty()
        self.val = ""

    def line(self, step: int, loss: float, tok_s: float) -> str:
        filled = int(30 * step / self.total)
        bar = "#" * filled + "." * (30 - filled)
        return f"[{bar}] {step}/{self.total} loss {loss:.3f}{self.val} {tok_s:,.0f} tok/s"

    def on_step(self, event) -> None:
        if self.live:
            print("\r" + self.line(event.step, event.loss, event.tokens_per_s), end="",
                  file=self.stream, flush=True)

    def on_eval(self, event) -> None:
        self.val = f" | train {event.train_loss:.3f} val {event.val_loss:.3f}"
        if self.live:
            return
        print(f"step {event.step}/{self.total} tokens {event.tokens_seen:,} "
              f"train {event.train_loss:.3f} val {event.val_loss:.3f}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.live:
            print(file=self.stream, flush=True)


class _StopFlag:
    """SIGINT handler for the training loop: the first Ctrl+C asks the loop to stop between
    steps (the checkpoint then matches the step counter); a second one aborts at once, and
    an interrupted save keeps the previous checkpoint."""

    def __init__(self):
        self.requested = False
        self._previous = None

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():  # signals need the main thread
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc):
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def _handle(self, signum, frame):
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True


def _train_state(trainer, train_cfg) -> dict:
    state = {"step": trainer.step_count, "tokens_seen": trainer.tokens_seen,
             "train_config": train_cfg.to_dict()}
    if trainer.last_eval is not None:
        state.update(train_loss=trainer.last_eval.train_loss, val_loss=trainer.last_eval.val_loss)
    return state


def _event_handler(progress, metrics, save_every, save, run_log=None):
    from ..trainer import EvalEvent, NonFiniteLoss, StepRecord

    def on_event(event) -> None:
        if run_log is not None:
            run_log.on_event(event)
        if isinstance(event, StepRecord):
            progress.on_step(event)
            if save_every and event.step % save_every == 0:
                save()
        elif isinstance(event, EvalEvent):
            progress.on_eval(event)
            if metrics is not None:
                metrics.write({"step": event.step, "tokens_seen": event.tokens_seen,
                               "train_loss": event.train_loss, "val_loss": event.val_loss})
        elif isinstance(event, NonFiniteLoss):
            progress.close()
            print(f"error: the loss became {event.loss} at step {event.step} (gradient norm "
                  f"{event.grad_norm}); training stopped without applying that update. "
                  f"Try a lower learning_rate or a grad_clip above 0.", file=sys.stderr)
    return on_event


def _check_outputs(args) -> None:
    """Every place this run writes, checked before anything is trained."""
    from ..checkpoint import check_checkpoint_target
    if args.checkpoint_every is not None and not 1 <= args.checkpoint_every <= 10 ** 9:
        raise UserError(f"--checkpoint-every must be between 1 and 1,000,000,000, "
                        f"not {args.checkpoint_every}.")
    if args.checkpoint_every is not None and not (args.checkpoint or args.run):
        raise UserError("--checkpoint-every needs --checkpoint DIR or --run DIR.")
    if not 0 <= args.stats_every <= 10 ** 9:
        raise UserError(f"--stats-every must be between 0 and 1,000,000,000, not {args.stats_every}.")
    if args.checkpoint:
        check_checkpoint_target(args.checkpoint)
    if args.run:
        from ..runs import check_run_target
        check_run_target(args.run)


def run(args) -> int:
    from ..distributed import DistContext
    ctx = DistContext.from_env()
    if args.nproc_per_node is not None:
        if ctx is not None:
            raise UserError("--nproc-per-node starts torchrun itself; under torchrun, leave it out.")
        if not 1 <= args.nproc_per_node <= 1024:
            raise UserError(f"--nproc-per-node must be between 1 and 1024, not {args.nproc_per_node}.")
        gpt_cfg, train_cfg = _configs(args)  # every check the processes would make, made once
        DistContext(0, args.nproc_per_node, 0).per_rank_batch(train_cfg.batch_size)
        _check_outputs(args)
        from .train_dist import launch
        return launch(args, args.nproc_per_node)
    if ctx is not None:
        from .train_rank import run_rank
        return run_rank(args, ctx)
    return _run_single(args)


def _run_single(args) -> int:
    from ..metrics_log import MetricsWriter
    from ..trainer import Trainer

    gpt_cfg, train_cfg = _configs(args)
    _check_outputs(args)
    metrics = MetricsWriter(args.metrics) if args.metrics else None
    progress = _Progress(train_cfg.max_steps)
    holder: dict = {}
    run_log = None

    def save() -> None:
        from ..checkpoint import save_checkpoint
        trainer = holder["trainer"]
        if args.checkpoint:
            save_checkpoint(args.checkpoint, trainer.model, gpt_cfg, optimizer=trainer.optimizer,
                            train_state=_train_state(trainer, train_cfg))
        if run_log is not None:
            run_log.save(trainer, _train_state(trainer, train_cfg))

    reason, failure = "failed", None
    try:
        trainer = holder["trainer"] = Trainer(gpt_cfg, train_cfg)
        if args.run:  # created once the text and model are ready: no empty run on a bad input
            from .train_run import RunLog
            run_log = RunLog(args.run, gpt_cfg, train_cfg, args.stats_every, trainer)
            run_log.attach(trainer)
        trainer.on_event = _event_handler(progress, metrics, args.checkpoint_every, save, run_log)
        print(f"{sum(p.numel() for p in trainer.model.parameters()):,} parameters on {trainer.device}; "
              f"{trainer.split.summary()}", file=sys.stderr)
        reason, failure = _train(trainer, progress)
        code = _finish(args, trainer, reason, failure, save)
    except BaseException as exc:
        failure = failure or (exc if isinstance(exc, UserError) else None)
        reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        raise
    finally:
        if metrics is not None:
            metrics.close()
        if run_log is not None:
            run_log.close(reason, failure)
    return code


def _train(trainer, progress) -> tuple[str, Exception | None]:
    """Run the loop; Ctrl+C stops it between steps. (reason, the error that stopped it)."""
    failure = None
    with _StopFlag() as stop:
        try:
            reason = trainer.run(should_stop=lambda: stop.requested)
        except UserError as exc:  # a full disk for metrics or a periodic checkpoint
            reason, failure = "failed", exc
        if reason == "stopped":
            reason = "interrupted"
        if reason != "non_finite":
            progress.close()
    return reason, failure


def _finish(args, trainer, reason: str, failure: Exception | None, save) -> int:
    from ..errors import CheckpointError
    problems = list(failure.messages()) if failure is not None else []
    if failure is not None:
        problems.append(f"Training stopped at step {trainer.step_count}.")
    if (args.checkpoint or args.run) and not isinstance(failure, CheckpointError):  # no retry on a full disk
        try:
            with _StopFlag() as late:  # a Ctrl+C now waits for the save; a second one aborts it
                save()
            if late.requested:
                reason = "interrupted"
            print(f"saved checkpoint to {args.checkpoint or args.run} (step {trainer.step_count})",
                  file=sys.stderr)
        except CheckpointError as exc:
            problems += exc.messages()
    if problems:
        raise UserError(*problems)
    if reason == "interrupted":
        print(f"interrupted at step {trainer.step_count}", file=sys.stderr)
        return 130
    return 1 if reason == "non_finite" else 0
