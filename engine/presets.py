"""Named model configs, read from resources/configs/*.json (shipped inside the wheel).

gpt2-124m.json is the source material's GPT_CONFIG_124M key for key; gpt2-medium, -large and
-xl widen and deepen it; `nano` and `micro` train at interactive speed on a laptop CPU.
"""
from __future__ import annotations

import json
from importlib import resources

from .config import ConfigError, GPTConfig

# Menu order: the small ones a learner trains first, then the GPT-2 family.
PRESET_ORDER = ["nano", "micro", "gpt2-124m", "gpt2-medium", "gpt2-large", "gpt2-xl"]
DEFAULT_PRESET = "nano"


def _config_file(name: str):
    return resources.files("resources").joinpath("configs", f"{name}.json")


def _load(name: str) -> GPTConfig:
    return GPTConfig.from_dict(json.loads(_config_file(name).read_text(encoding="utf-8")))


PRESETS: dict[str, GPTConfig] = {name: _load(name) for name in PRESET_ORDER}


def get_preset(name: str) -> GPTConfig:
    try:
        return PRESETS[name]
    except KeyError:
        raise ConfigError([f"Unknown preset '{name}'. Choose one of: {', '.join(PRESETS)}."]) from None
