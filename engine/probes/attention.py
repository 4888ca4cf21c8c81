"""Attention weights on demand.

Armed layers take the explicit attention path (scores -> mask -> softmax) on the next
forward pass and keep the requested heads of one sample; every other layer stays on the
fused scaled_dot_product_attention kernel. Nothing armed = no cost at all.
Requests bigger than the memory budget are average-pooled along the query and key axes
(or refused with a message).
"""
from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from ..text import translate
from ..models.gpt import AttentionCapture as _CaptureSlot  # where one layer leaves its weights

DEFAULT_BUDGET_MB = 50.0
NOT_GPT_MESSAGE = translate("attention", "Attention maps exist only in the GPT pretraining scenario.")


@dataclass(frozen=True)
class AttentionCapture:
    """The attention weights of one layer on one training batch, ready to paint."""

    layer: int
    heads: list[int]
    sample: int  # which sequence of the batch
    weights: np.ndarray  # (len(heads), T', T') float32: query x key, pooled by pool_factor
    pool_factor: int  # 1 = full resolution; k = each cell averages a k x k block
    tokens: list[int]  # the sample's token ids (T of them)
    step: int  # optimizer steps done when it was captured
    source: str = "batch"  # "batch" (the next training batch), "prompt" (the learner's text) or "probe"


class AttentionBudgetError(ValueError):
    """The request does not fit the budget and downsampling was not allowed."""


def _attention_modules(model) -> list:
    if not hasattr(model, "attention_modules"):
        raise ValueError(f"{type(model).__name__} has no attention layers to capture.")
    return model.attention_modules()


def estimate_mb(n_layers: int, n_heads: int, num_tokens: int, bytes_per: int = 4) -> float:
    return n_layers * n_heads * num_tokens * num_tokens * bytes_per / 2 ** 20


class AttentionCapturer:
    """Arm/disarm attention capture on chosen layers and heads of a GPTModel.

    After a forward pass, `weights` maps layer -> (len(heads), T', T') float32 numpy array;
    `factor` is the pooling factor (1 = full resolution; k = each cell averages a k x k
    block of query x key positions).
    """

    def __init__(self, model, layers: Sequence[int], heads: Sequence[int] | None = None,
                 sample: int = 0, budget_mb: float = DEFAULT_BUDGET_MB,
                 over_budget: str = "downsample"):
        if over_budget not in ("downsample", "refuse"):
            raise ValueError("over_budget must be 'downsample' or 'refuse'.")
        modules = _attention_modules(model)
        bad = [l for l in layers if not 0 <= l < len(modules)]
        if bad:
            raise ValueError(translate("attention", "Layer(s) {bad} out of range: the model has {count} layers "
                                                    "(0..{last}).").format(bad=str(bad), count=len(modules),
                                                                           last=len(modules) - 1))
        n_heads = modules[0].num_heads
        heads = list(range(n_heads)) if heads is None else list(heads)
        bad = [h for h in heads if not 0 <= h < n_heads]
        if bad:
            raise ValueError(translate("attention", "Head(s) {bad} out of range: each layer has {count} heads "
                                                    "(0..{last}).").format(bad=str(bad), count=n_heads,
                                                                           last=n_heads - 1))
        self.model = model
        self.layers = list(layers)
        self.heads = heads
        self.sample = sample
        self.budget_mb = budget_mb
        self.over_budget = over_budget
        self.weights: dict[int, np.ndarray] = {}
        self.factor = 1
        self._modules = modules
        self._handles: list = []
        self._captures: dict[int, _CaptureSlot] = {}
        self._pending: dict[int, torch.Tensor] = {}

    def factor_for(self, num_tokens: int) -> int:
        """Smallest pooling factor that fits the budget for sequences of num_tokens."""
        full = estimate_mb(len(self.layers), len(self.heads), num_tokens)
        if full <= self.budget_mb:
            return 1
        if self.over_budget == "refuse":
            raise AttentionBudgetError(
                f"Capturing {len(self.layers)} layer(s) x {len(self.heads)} head(s) at "
                f"{num_tokens} tokens needs {full:.0f} MB, over the {self.budget_mb:.0f} MB "
                f"budget. Pick fewer layers or heads, or allow downsampling.")
        return math.ceil(math.sqrt(full / self.budget_mb))

    def arm(self) -> "AttentionCapturer":
        self.disarm()
        max_tokens = getattr(getattr(self.model, "cfg", None), "context_length", None)
        if max_tokens is not None and self.over_budget == "refuse":
            self.factor_for(max_tokens)  # refuse up front, before any forward pass
        self.weights.clear()
        self._pending.clear()
        for layer in self.layers:
            att = self._modules[layer]
            cap = _CaptureSlot(heads=self.heads, sample=self.sample)
            att.capture = cap
            self._captures[layer] = cap
            # Pool right after each layer so at most one layer is held at full size.
            self._handles.append(att.register_forward_hook(self._make_hook(layer)))
        return self

    def _make_hook(self, layer: int):
        def hook(module, args, output):
            cap = self._captures.get(layer)
            if cap is None or cap.weights is None:
                return
            w = cap.weights  # (len(heads), T, T), detached
            cap.weights = None
            factor = self.factor_for(w.shape[-1])
            self.factor = factor
            if factor > 1:
                w = F.avg_pool2d(w.unsqueeze(0).float(), factor, ceil_mode=True).squeeze(0)
            self._pending[layer] = w.float()
        return hook

    def collect(self) -> dict[int, np.ndarray]:
        """Move the captured maps to the CPU (one copy) and return layer -> array."""
        if self._pending:
            layers = sorted(self._pending)
            stacked = torch.stack([self._pending[l] for l in layers]).cpu().numpy()
            self.weights = {l: stacked[i] for i, l in enumerate(layers)}
            self._pending.clear()
        return self.weights

    def disarm(self) -> None:
        for h in self._handles:
            h.remove()
        self._handles.clear()
        for layer, cap in self._captures.items():
            if self._modules[layer].capture is cap:
                self._modules[layer].capture = None
        self._captures.clear()

    def captured_bytes(self) -> int:
        total = sum(t.numel() * t.element_size() for t in self._pending.values())
        return total + sum(a.nbytes for a in self.weights.values())


@contextmanager
def capture_attention(model, layers: Sequence[int], heads: Sequence[int] | None = None,
                      sample: int = 0, budget_mb: float = DEFAULT_BUDGET_MB,
                      over_budget: str = "downsample") -> Iterator[AttentionCapturer]:
    """with capture_attention(model, [0], [1]) as cap: model(x); maps = cap.collect()"""
    capturer = AttentionCapturer(model, layers, heads, sample, budget_mb, over_budget).arm()
    try:
        yield capturer
    finally:
        capturer.collect()
        capturer.disarm()


def capture_attention_on_next_batch(scenario: Any, layer: int, heads: list[int] | None,
                                    sample: int) -> AttentionCapture:
    """Attention weights of one layer on the batch the scenario trains on next, with dropout
    off and no gradients; the model's training mode is restored afterwards.

    Raises ValueError for scenarios without attention (anything but GPT pretraining) and for
    layers or heads out of range.
    """
    if getattr(scenario, "key", None) != "gpt":
        raise ValueError(NOT_GPT_MESSAGE)
    inputs, _ = scenario.batch()
    return _capture(scenario, inputs, layer, heads, sample, "batch")


def capture_attention_on_tokens(scenario: Any, token_ids: list[int], layer: int,
                                heads: list[int] | None, source: str = "prompt") -> AttentionCapture:
    """The same on the learner's own text (or the fixed probe text), cut to context_length."""
    if getattr(scenario, "key", None) != "gpt":
        raise ValueError(NOT_GPT_MESSAGE)
    if not token_ids:
        raise ValueError(translate("attention", "The text has no tokens: type a few words first."))
    context = scenario.model.cfg.context_length
    device = next(scenario.model.parameters()).device
    inputs = torch.tensor([token_ids[:context]], dtype=torch.long, device=device)  # (1, T)
    return _capture(scenario, inputs, layer, heads, 0, source)


def _capture(scenario: Any, inputs: torch.Tensor, layer: int, heads: list[int] | None,
             sample: int, source: str) -> AttentionCapture:
    model = scenario.model
    was_training = model.training
    model.eval()  # no dropout: the map shows what the model computes
    try:
        with torch.no_grad(), capture_attention(model, [layer], heads, sample=sample) as capturer:
            model(inputs)
    finally:
        model.train(was_training)
    return AttentionCapture(layer=layer, heads=list(capturer.heads), sample=sample,
                            weights=capturer.weights[layer], pool_factor=capturer.factor,
                            tokens=inputs[sample].tolist(),  # one small transfer
                            step=int(scenario.step), source=source)
