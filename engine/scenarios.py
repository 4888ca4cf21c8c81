"""The three things the app trains and traces, behind one interface.

The GUI worker calls `train_step()`; the tracer calls `batch()`, runs `model` and `loss_fn`
itself with hooks, and reads `optimizer`. `batch()` always returns what the next
`train_step()` will use, so a traced step and a trained step see the same data.
"""
from __future__ import annotations

import dataclasses
import time

import torch
import torch.nn as nn

from .config import GPTConfig, TrainConfig
from .device import resolve_device
from .models.loss import next_token_loss
from .models.scalar import ScalarModel, scalar_loss
from .models.simple_net import make_simple_net_training
from .presets import DEFAULT_PRESET, get_preset
from .session.spec import ScenarioKey
from .records import StepRecord
from .text import translate
from .train_step import optimizer_step
from .trainer import NonFiniteLoss, Trainer

SCENARIOS: dict[str, str] = {key.value: key.title for key in ScenarioKey}  # key -> title


class Scenario:
    key: str
    title: str
    model: nn.Module
    optimizer: torch.optim.Optimizer
    device: torch.device
    step: int = 0
    tokens_seen: int = 0
    # (P,) norm of each trainable parameter's gradient as the last train_step() left it (in
    # model.parameters() order, on the device): ParamStatsRecorder.after_step reuses it.
    last_param_grad_norms: torch.Tensor | None = None

    def batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        raise NotImplementedError

    def loss_fn(self, output: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    def train_step(self) -> StepRecord:
        raise NotImplementedError

    def evaluate(self) -> tuple[float, float] | None:
        return None

    def to_device(self, device: str) -> None:
        raise NotImplementedError


class _SingleSampleScenario(Scenario):
    """A fixed (inputs, targets) pair trained with plain SGD: the scalar and SimpleNet cases."""

    inputs: torch.Tensor
    targets: torch.Tensor

    def batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        return self.inputs, self.targets

    def train_step(self) -> StepRecord:
        started = time.perf_counter()
        inputs, targets = self.batch()
        outcome = optimizer_step(self.model, self.optimizer, lambda: self.loss_fn(self.model(inputs), targets))
        self.last_param_grad_norms = outcome.param_grad_norms
        if not outcome.stepped:
            return StepRecord(self.step, self.tokens_seen, outcome.loss, outcome.grad_norm, 0.0)
        self.step += 1
        n = inputs.shape[0]
        self.tokens_seen += n
        return StepRecord(self.step, self.tokens_seen, outcome.loss, outcome.grad_norm,
                          n / max(time.perf_counter() - started, 1e-9),
                          lr=self.optimizer.param_groups[0]["lr"])

    def to_device(self, device: str) -> None:
        self.device = resolve_device(device)
        self.model.to(self.device)
        self.optimizer.load_state_dict(self.optimizer.state_dict())  # casts state to the params' device
        self.inputs, self.targets = self.inputs.to(self.device), self.targets.to(self.device)


class ScalarScenario(_SingleSampleScenario):
    key = "scalar"
    title = SCENARIOS["scalar"]

    def __init__(self, device: str = "auto", x: float = 1.1, y: float = 1.0, w: float = 2.2,
                 b: float = 0.0, lr: float = 0.01):
        self.device = resolve_device(device)
        self.model = ScalarModel(w=w, b=b).to(self.device)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=lr)
        self.inputs = torch.tensor([x], device=self.device)  # x, shape [1]
        self.targets = torch.tensor([y], device=self.device)  # y, shape [1]
        self.step = 0
        self.tokens_seen = 0

    def loss_fn(self, output: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        return scalar_loss(output, targets)

    def set_values(self, x: float | None = None, y: float | None = None,
                   w: float | None = None, b: float | None = None) -> None:
        """Edit the example in place; y must be a probability for BCE."""
        if y is not None and not 0.0 <= y <= 1.0:
            raise ValueError(translate("engine", "y is a target probability for binary cross-entropy: it must be "
                                                 "between 0 and 1, not {y}.").format(y=y))
        with torch.no_grad():
            if x is not None:
                self.inputs.fill_(x)
            if y is not None:
                self.targets.fill_(y)
            if w is not None:
                self.model.w.fill_(w)
            if b is not None:
                self.model.b.fill_(b)


class SimpleNetScenario(_SingleSampleScenario):
    key = "simplenet"
    title = SCENARIOS["simplenet"]

    BATCH_SIZE = 8  # a small fixed batch: some ReLU units are off for some samples

    def __init__(self, device: str = "auto", seed: int = 0, lr: float = 0.01,
                 batch_size: int = BATCH_SIZE):
        net, self.criterion, optimizer, inputs, labels = make_simple_net_training(
            seed=seed, lr=lr, batch_size=batch_size)
        self.device = resolve_device(device)
        self.model = net.to(self.device)
        self.optimizer = optimizer  # SGD over the same Parameter objects, moved in place
        self.inputs, self.targets = inputs.to(self.device), labels.to(self.device)  # (b, 10), (b, 1)
        self.step = 0
        self.tokens_seen = 0

    def loss_fn(self, output: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        return self.criterion(output, targets)


class GPTScenario(Scenario):
    key = "gpt"
    title = SCENARIOS["gpt"]

    def __init__(self, gpt_config: GPTConfig | None = None, train_config: TrainConfig | None = None,
                 device: str = "auto", text: str | None = None):
        self.trainer = Trainer(gpt_config or get_preset(DEFAULT_PRESET), train_config or TrainConfig(),
                               text=text, device=device)

    # Live views of the trainer's state, so nothing goes stale after a step or a move.
    model = property(lambda self: self.trainer.model)
    optimizer = property(lambda self: self.trainer.optimizer)
    device = property(lambda self: self.trainer.device)
    step = property(lambda self: self.trainer.step_count)
    tokens_seen = property(lambda self: self.trainer.tokens_seen)
    last_param_grad_norms = property(lambda self: self.trainer.last_param_grad_norms)

    def batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        return self.trainer.peek_batch()  # (b, num_tokens) inputs and targets

    def loss_fn(self, output: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        return next_token_loss(output, targets)  # (b, num_tokens, vocab_size) vs (b, num_tokens)

    def restore_step_rng(self) -> None:
        """Before tracing the next step: the RNG state it starts from, if pinned (a rewind)."""
        self.trainer.restore_step_rng()

    def train_step(self) -> StepRecord:
        event = self.trainer.step()
        if isinstance(event, NonFiniteLoss):
            return StepRecord(self.step, self.tokens_seen, event.loss, event.grad_norm, 0.0)
        if event.step % self.trainer.train_cfg.eval_interval == 0:
            train_loss, val_loss = self.evaluate()
            return dataclasses.replace(event, train_loss=train_loss, val_loss=val_loss)
        return event

    def evaluate(self) -> tuple[float, float]:
        result = self.trainer.evaluate()
        return result.train_loss, result.val_loss

    def to_device(self, device: str) -> None:
        self.trainer.to_device(device)


def make_scenario(key: str, gpt_config: GPTConfig | None = None, train_config: TrainConfig | None = None,
                  device: str = "auto", text: str | None = None) -> Scenario:
    if key == "scalar":
        return ScalarScenario(device=device)
    if key == "simplenet":
        return SimpleNetScenario(device=device)
    if key == "gpt":
        return GPTScenario(gpt_config, train_config, device=device, text=text)
    raise ValueError(f"Unknown scenario '{key}'. Choose one of: {', '.join(SCENARIOS)}.")
