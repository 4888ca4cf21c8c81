"""What the app shows about a built scenario's model: name, size, device and progress."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .config import GPTConfig


@dataclass(frozen=True)
class ModelSummary:
    key: str  # scenario key: "scalar", "simplenet", "gpt"
    title: str
    device: str  # "cpu", "cuda:0", ...
    model: str  # class name, e.g. "GPTModel"
    parameters: int
    step: int
    tokens_seen: int
    config: GPTConfig | None  # the GPT's config; None for the other scenarios


def summarize_model(scenario: Any) -> ModelSummary:
    """Metadata only: no device sync, safe to call between training steps."""
    model = scenario.model
    config = getattr(model, "cfg", None) if scenario.key == "gpt" else None
    return ModelSummary(key=scenario.key, title=scenario.title, device=str(scenario.device),
                        model=type(model).__name__,
                        parameters=int(sum(p.numel() for p in model.parameters())),
                        step=int(scenario.step), tokens_seen=int(scenario.tokens_seen),
                        config=config if isinstance(config, GPTConfig) else None)
