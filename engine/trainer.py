"""The pretraining loop, headless: one call of `step()` is one optimizer step.

Plain Python and PyTorch. The GUI's worker thread calls `run()` (or `step()`) and turns the
events passed to `on_event` (StepRecord, EvalEvent, NonFiniteLoss) into Qt signals; the CLI
prints them.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable, Iterator

import torch

from .config import ConfigError, GPTConfig, TrainConfig, validate_train_dict
from . import progress
from .data import default_token_ids, encode_corpus, load_text, make_loaders, split_tokens
from .device import resolve_device
from .memory_check import check_training_fits
from .models.gpt import GPTModel
from .models.loss import next_token_loss
from .records import RankRecord, StepRecord
from .train_step import clip_grads_, optimizer_step, param_grad_norms  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class EvalEvent:
    step: int
    tokens_seen: int
    train_loss: float
    val_loss: float


@dataclass(frozen=True)
class NonFiniteLoss:
    """The loss (or the gradient norm) was NaN/Inf: the optimizer did not step."""

    step: int  # the step that was attempted
    loss: float
    grad_norm: float = math.nan


Event = StepRecord | EvalEvent | NonFiniteLoss


def calc_loss_batch(input_batch: torch.Tensor, target_batch: torch.Tensor, model: torch.nn.Module,
                    device: torch.device | None = None) -> torch.Tensor:
    """Mean cross-entropy of next-token prediction over every position of the batch."""
    if device is not None:
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    return next_token_loss(model(input_batch), target_batch)  # logits (b, num_tokens, vocab_size)


def make_adamw(params, lr: float, weight_decay: float) -> torch.optim.AdamW:
    """AdamW as in the book, with torch's fused kernel where the device has one.

    The default per-tensor loop spends most of a small model's step updating the 50257-row
    embedding and output head; the fused kernel does the same math in one pass (3-5x faster
    measured side by side on CPU for the micro preset).
    """
    params = list(params)
    try:
        return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay, fused=True)
    except (RuntimeError, ValueError):  # a device or dtype without the fused kernel
        return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay)


class Trainer:
    def __init__(self, gpt_cfg: GPTConfig, train_cfg: TrainConfig, text: str | None = None,
                 device: str | torch.device | None = None,
                 on_event: Callable[[Event], None] | None = None, dist=None):
        """`dist`: an engine.distributed.DistContext (torchrun): train data-parallel, the
        batch_size being the global batch split evenly over the processes."""
        problems = validate_train_dict(train_cfg.to_dict(), gpt_cfg)
        if problems:
            raise ConfigError(problems)
        self.gpt_cfg = gpt_cfg
        self.train_cfg = train_cfg
        self.on_event = on_event
        self.device = resolve_device(train_cfg.device if device is None else device)
        self.dist = dist
        if dist is not None:
            dist.per_rank_batch(train_cfg.batch_size)  # ConfigError before any work
            self.device = dist.device(self.device)

        # Bounds before allocation: refuse a model that cannot fit before reading the text.
        self.memory_estimate = check_training_fits(gpt_cfg, train_cfg.batch_size,
                                                   train_cfg.max_length, self.device)
        self._load_data(text)

        progress.check()  # a cancelled file action stops here, before the model is built
        torch.manual_seed(train_cfg.seed)  # same seed -> same init, dropout and losses
        self.model = GPTModel(gpt_cfg).to(self.device)
        self.model.train()
        # DistributedDataParallel around the model under torchrun; self.model stays the plain
        # GPTModel (checkpoints, probes and evaluation use it).
        self.ddp = self.norm_hook = None
        if dist is not None:
            from .distributed import wrap_ddp
            self.ddp, self.norm_hook = wrap_ddp(self.model, dist, self.device)
        self.last_rank_record: RankRecord | None = None  # this rank's view of the last step
        self.optimizer = make_adamw(self.model.parameters(), train_cfg.learning_rate, train_cfg.weight_decay)
        self.step_count = 0
        self.tokens_seen = 0
        self.last_eval: EvalEvent | None = None
        # (P,) norm of each trainable parameter's gradient after the last step's clipping, in
        # model.parameters() order, on the device (ParamStatsRecorder.after_step takes it).
        self.last_param_grad_norms: torch.Tensor | None = None
        self.stop_reason: str | None = None
        self._epoch_iter: Iterator | None = None
        self._pending: tuple[torch.Tensor, torch.Tensor] | None = None
        self._pending_starts: list[int] | None = None
        self.last_batch_starts: list[int] | None = None  # see set_next_batch
        self.next_step_rng: dict | None = None  # see restore_step_rng
        # Fixed eval batches, in order (not shuffled): the same text at every evaluation, so
        # the curve moves because the model changed, not because the sample did.
        self._eval_train = self._first_batches(
            torch.utils.data.DataLoader(self.train_loader.dataset, batch_size=train_cfg.batch_size))
        self._eval_val = self._first_batches(self.val_loader)

    def _load_data(self, text: str | None) -> None:
        """The corpus as token ids, split into train and val loaders (sharded under torchrun)."""
        train_cfg, dist = self.train_cfg, self.dist
        if text is not None:
            token_ids, source = encode_corpus(text), None
        elif train_cfg.text_source == "default":
            token_ids, source = default_token_ids(), "default"
        else:
            source = train_cfg.text_source
            token_ids = encode_corpus(load_text(source), source)
        self.split = split_tokens(token_ids, train_cfg, source)  # DataError if too short
        self.train_loader, self.val_loader = make_loaders(token_ids, train_cfg, source)
        if dist is not None:
            from .distributed import shard_loader
            dist.init(self.device)
            self.train_loader = shard_loader(self.train_loader.dataset, train_cfg.batch_size,
                                             train_cfg.seed, dist)

    # ----------------------------------------------------------------- batches

    def _first_batches(self, loader) -> list[tuple[torch.Tensor, torch.Tensor]]:
        batches = []
        for inputs, targets in loader:
            if len(batches) == self.train_cfg.eval_batches:
                break
            batches.append((inputs.to(self.device), targets.to(self.device)))
        return batches

    def _next_from_loader(self) -> tuple[torch.Tensor, torch.Tensor]:
        while True:
            if self._epoch_iter is None:
                self._epoch_iter = iter(self.train_loader)  # a new shuffle each epoch
            try:
                inputs, targets = next(self._epoch_iter)
            except StopIteration:
                self._epoch_iter = None
                continue
            indices = getattr(self.train_loader.batch_sampler, "last", None)
            dataset = self.train_loader.dataset
            self._pending_starts = (dataset.starts_of(indices) if indices is not None
                                    and hasattr(dataset, "starts_of") and self.dist is None else None)
            return inputs.to(self.device, non_blocking=True), targets.to(self.device, non_blocking=True)

    def peek_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The (inputs, targets) the next `step()` will train on, already on the device."""
        if self._pending is None:
            self._pending = self._next_from_loader()
        return self._pending

    def _take_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        batch = self.peek_batch()
        self._pending, self.last_batch_starts = None, self._pending_starts
        return batch

    def set_next_batch(self, token_starts) -> None:
        """Make the next step train on the windows starting at these offsets of the training
        tokens (a recorded step's batch); the loader's order goes on after it. After a step,
        `last_batch_starts` holds its windows' offsets in split.train_ids (a run records them),
        None where the loader does not tell (data-parallel)."""
        inputs, targets = self.train_loader.dataset.windows_at(token_starts)
        self._pending = inputs.to(self.device), targets.to(self.device)
        self._pending_starts = [int(s) for s in token_starts]

    def restore_step_rng(self) -> None:
        """Put the torch RNG where the next step starts (after a rewind), so a trace of that
        step and the step itself draw the dropout masks the recorded step drew. The state is
        `next_step_rng` (None: whatever the generator holds), kept until a step consumes it."""
        if self.next_step_rng is not None:
            from .runs.replay import restore_rng
            restore_rng(self.next_step_rng, self.device)

    # ----------------------------------------------------------------- training

    def _emit(self, event: Event) -> None:
        if self.on_event is not None:
            self.on_event(event)

    def step(self) -> StepRecord | NonFiniteLoss:
        """Exactly one optimizer step; a non-finite loss or gradient skips the update."""
        started = time.perf_counter()
        input_batch, target_batch = self._take_batch()
        self.restore_step_rng()
        self.next_step_rng = None
        if self.dist is None:
            outcome = optimizer_step(self.model, self.optimizer,
                                     lambda: calc_loss_batch(input_batch, target_batch, self.model),
                                     grad_clip=self.train_cfg.grad_clip)
        else:
            outcome = self._ddp_step(input_batch, target_batch)
        # Per-parameter norms come for free with clipping; the GUI's statistics reuse them.
        self.last_param_grad_norms = outcome.param_grad_norms
        if not outcome.stepped:
            event = NonFiniteLoss(step=self.step_count + 1, loss=outcome.loss, grad_norm=outcome.grad_norm)
            self._emit(event)
            return event
        self.step_count += 1
        n_tokens = input_batch.numel() * (1 if self.dist is None else self.dist.world_size)
        self.tokens_seen += n_tokens
        elapsed = max(time.perf_counter() - started, 1e-9)
        if self.dist is not None:
            self.last_rank_record = RankRecord(
                rank=self.dist.rank, step=self.step_count, loss=outcome.local_loss,
                grad_norm=outcome.local_grad_norm, step_time_s=elapsed,
                tokens_per_s=input_batch.numel() / elapsed)
        event = StepRecord(step=self.step_count, tokens_seen=self.tokens_seen, loss=outcome.loss,
                           grad_norm=outcome.grad_norm, tokens_per_s=n_tokens / elapsed,
                           lr=self.optimizer.param_groups[0]["lr"])
        self._emit(event)
        return event

    def _ddp_step(self, input_batch: torch.Tensor, target_batch: torch.Tensor):
        from .distributed import ddp_optimizer_step
        return ddp_optimizer_step(self.ddp, self.norm_hook, self.optimizer,
                                  lambda: calc_loss_batch(input_batch, target_batch, self.ddp),
                                  self.dist.world_size, grad_clip=self.train_cfg.grad_clip)

    @torch.no_grad()
    def evaluate(self) -> EvalEvent:
        """Mean loss over the fixed train and val batches, with dropout off."""
        was_training = self.model.training
        self.model.eval()
        try:
            train = torch.stack([calc_loss_batch(i, t, self.model) for i, t in self._eval_train]).mean()
            val = torch.stack([calc_loss_batch(i, t, self.model) for i, t in self._eval_val]).mean()
            train_loss, val_loss = torch.stack([train, val]).tolist()  # one host sync
        finally:
            self.model.train(was_training)
        event = EvalEvent(step=self.step_count, tokens_seen=self.tokens_seen,
                          train_loss=train_loss, val_loss=val_loss)
        self.last_eval = event
        self._emit(event)
        return event

    def run(self, max_steps: int | None = None, should_stop: Callable[[], bool] = lambda: False,
            should_pause: Callable[[], bool] = lambda: False, pause_poll_s: float = 0.05) -> str:
        """Train until `max_steps` steps in total (default train_cfg.max_steps) or a flag says stop.

        Evaluates before the first step, every eval_interval steps and at the end. Flags are
        checked between steps; while should_pause() is true the loop waits. Returns why it
        ended: "max_steps", "stopped" or "non_finite".
        """
        max_steps = self.train_cfg.max_steps if max_steps is None else max_steps
        interval = self.train_cfg.eval_interval
        if self.last_eval is None and self.step_count < max_steps:
            self.evaluate()
        reason = "max_steps"
        while self.step_count < max_steps:
            while should_pause() and not should_stop():
                time.sleep(pause_poll_s)
            if should_stop():
                reason = "stopped"
                break
            event = self.step()
            if isinstance(event, NonFiniteLoss):
                reason = "non_finite"
                break
            if self.step_count % interval == 0:
                self.evaluate()
        if reason == "max_steps" and (self.last_eval is None or self.last_eval.step != self.step_count):
            self.evaluate()
        self.stop_reason = reason
        return reason

    # ----------------------------------------------------------------- device

    def to_device(self, device: str | torch.device) -> None:
        """Move model, optimizer state and cached batches; training continues where it was."""
        self.device = resolve_device(device)
        self.model.to(self.device)  # parameters move in place: the optimizer still holds them
        # load_state_dict casts each state tensor to its parameter's device (and keeps
        # AdamW's `step` counters where torch expects them).
        self.optimizer.load_state_dict(self.optimizer.state_dict())
        move = lambda b: (b[0].to(self.device), b[1].to(self.device))  # noqa: E731
        self._eval_train = [move(b) for b in self._eval_train]
        self._eval_val = [move(b) for b in self._eval_val]
        if self._pending is not None:
            self._pending = move(self._pending)
