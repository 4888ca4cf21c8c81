"""What the learner chose: the scenario, its model config and the device; the engine's state."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ..config import GPTConfig, TrainConfig
from ..presets import DEFAULT_PRESET, PRESETS
from ..text import translate


class ScenarioKey(str, Enum):
    SCALAR = "scalar"
    SIMPLENET = "simplenet"
    GPT = "gpt"

    @property
    def title(self) -> str:
        return SCENARIO_TITLES[self]


SCENARIO_TITLES = {
    ScenarioKey.SCALAR: translate("scenarios", "Autograd basics (scalar)"),
    ScenarioKey.SIMPLENET: translate("scenarios", "Backprop in a small net"),
    ScenarioKey.GPT: translate("scenarios", "GPT pretraining"),
}

# The first launch opens the lightest scenario: the source material starts there too.
FIRST_SCENARIO = ScenarioKey.SCALAR
CUSTOM_PRESET = "custom"


class EngineState(str, Enum):
    BUILDING = "building"
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    TRACING = "tracing"
    ERROR = "error"


def preset_of(config: GPTConfig) -> str:
    """The preset name whose config equals `config`, else "custom"."""
    return next((name for name, cfg in PRESETS.items() if cfg == config), CUSTOM_PRESET)


@dataclass(frozen=True)
class ScenarioSpec:
    """Everything that defines one model generation. A different spec means a rebuild."""

    key: ScenarioKey = FIRST_SCENARIO
    gpt_config: GPTConfig = field(default_factory=lambda: PRESETS[DEFAULT_PRESET])
    train_config: TrainConfig = field(default_factory=TrainConfig)
    device: str = "auto"

    @property
    def preset(self) -> str:
        return preset_of(self.gpt_config)

    def builds_same_model(self, other: "ScenarioSpec") -> bool:
        """True when `other` would build the same model (device moves do not rebuild;
        the GPT config matters only in the GPT scenario)."""
        if self.key != other.key:
            return False
        if self.key != ScenarioKey.GPT:
            return True
        return self.gpt_config == other.gpt_config and self.train_config == other.train_config
