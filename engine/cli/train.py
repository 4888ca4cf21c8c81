"""`backprop-studio train`: pretrain a GPT headless, with a progress bar and JSONL metrics."""
from __future__ import annotations

import json
import sys
from pathlib import Path

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
    p.add_argument("--checkpoint", metavar="DIR", help="save model and optimizer here at the end")
    p.add_argument("--device", metavar="D", help="auto, cpu, cuda or mps (overrides the config)")
    p.set_defaults(func=run)


def _configs(args):
    from ..config import ConfigError, TrainConfig, load_gpt_config, load_train_config, validate_train_dict
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
        if args.steps is not None and args.steps <= 0:
            problems = [p.replace("max_steps", "--steps") for p in problems]
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


def run(args) -> int:
    from ..trainer import EvalEvent, NonFiniteLoss, StepRecord, Trainer

    gpt_cfg, train_cfg = _configs(args)
    metrics = None
    if args.metrics:
        try:
            metrics = open(args.metrics, "a", encoding="utf-8")
        except OSError as exc:
            raise UserError(f"Cannot write the metrics file '{args.metrics}': {exc.strerror}.") from None
    if args.checkpoint and Path(args.checkpoint).is_file():
        raise UserError(f"--checkpoint '{args.checkpoint}' is a file; give a folder to save into.")
    progress = _Progress(train_cfg.max_steps)

    def on_event(event) -> None:
        if isinstance(event, StepRecord):
            progress.on_step(event)
        elif isinstance(event, EvalEvent):
            progress.on_eval(event)
            if metrics is not None:
                metrics.write(json.dumps({"step": event.step, "tokens_seen": event.tokens_seen,
                                          "train_loss": event.train_loss, "val_loss": event.val_loss}) + "\n")
                metrics.flush()
        elif isinstance(event, NonFiniteLoss):
            progress.close()
            print(f"error: the loss became {event.loss} at step {event.step} (gradient norm "
                  f"{event.grad_norm}); training stopped without applying that update. "
                  f"Try a lower learning_rate or a grad_clip above 0.", file=sys.stderr)

    try:
        trainer = Trainer(gpt_cfg, train_cfg, on_event=on_event)
        print(f"{sum(p.numel() for p in trainer.model.parameters()):,} parameters on {trainer.device}; "
              f"{trainer.split.summary()}", file=sys.stderr)
        try:
            reason = trainer.run()
        except KeyboardInterrupt:
            reason = "interrupted"
        if reason != "non_finite":
            progress.close()
    finally:
        if metrics is not None:
            metrics.close()

    if args.checkpoint:
        from ..checkpoint import save_checkpoint
        state = {"step": trainer.step_count, "tokens_seen": trainer.tokens_seen,
                 "train_config": train_cfg.to_dict()}
        if trainer.last_eval is not None:
            state.update(train_loss=trainer.last_eval.train_loss, val_loss=trainer.last_eval.val_loss)
        save_checkpoint(args.checkpoint, trainer.model, gpt_cfg, optimizer=trainer.optimizer, train_state=state)
        print(f"saved checkpoint to {args.checkpoint}", file=sys.stderr)
    if reason == "interrupted":
        print(f"interrupted at step {trainer.step_count}", file=sys.stderr)
        return 130
    return 1 if reason == "non_finite" else 0
