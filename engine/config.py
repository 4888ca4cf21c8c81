"""GPT and training configs: dataclasses, JSON load/save and validation.

Validation never raises on bad *content*: it returns every problem at once as plain
sentences that name the field, so a dialog or the CLI can show them together.
"""
from __future__ import annotations

import dataclasses
import difflib
import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

GPT2_VOCAB_SIZE = 50257  # tokens the GPT-2 BPE tokenizer knows


class ConfigError(ValueError):
    """Raised by the loaders; `problems` holds one plain sentence per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class GPTConfig:
    """The source material's GPT_CONFIG dict as a dataclass, key for key."""

    vocab_size: int = 50257  # vocabulary size of the BPE tokenizer
    context_length: int = 1024  # longest input the model sees at once
    emb_dim: int = 768  # size of the vector that represents each token
    n_heads: int = 12  # attention heads per layer
    n_layers: int = 12  # transformer blocks
    drop_rate: float = 0.1  # share of activations zeroed while training
    qkv_bias: bool = False  # bias in the query/key/value projections

    @property
    def head_dim(self) -> int:
        return self.emb_dim // self.n_heads

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> "GPTConfig":
        problems = validate_gpt_dict(data)
        if problems:
            raise ConfigError(problems)
        return cls(**{k: data[k] for k in _names(cls)})

    def replace(self, **changes: Any) -> "GPTConfig":
        return GPTConfig.from_dict({**self.to_dict(), **changes})


@dataclass(frozen=True)
class TrainConfig:
    batch_size: int = 2
    learning_rate: float = 4e-4
    weight_decay: float = 0.1
    max_steps: int = 200
    eval_interval: int = 10  # optimizer steps between train/val loss evaluations
    eval_batches: int = 2  # fixed batches averaged per evaluation
    seed: int = 123
    device: str = "auto"  # auto | cpu | cuda | mps
    text_source: str = "default"  # "default" (embedded text) or a path to a UTF-8 .txt
    train_ratio: float = 0.9  # share of the text used for training, the rest validates
    max_length: int = 64  # tokens per training window
    stride: int = 64  # step between window starts
    grad_clip: float = 1.0  # max gradient norm; 0 turns clipping off

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Any, gpt: GPTConfig | None = None) -> "TrainConfig":
        problems = validate_train_dict(data, gpt)
        if problems:
            raise ConfigError(problems)
        merged = {**cls().to_dict(), **data}
        return cls(**{k: merged[k] for k in _names(cls)})

    def replace(self, **changes: Any) -> "TrainConfig":
        return TrainConfig.from_dict({**self.to_dict(), **changes})


def _names(cls) -> list[str]:
    return [f.name for f in fields(cls)]


# --------------------------------------------------------------------------- validation

def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, str):
        return f"a string ({value!r})"
    if isinstance(value, float):
        return f"a float ({value!r})"
    if value is None:
        return "null"
    return f"a {type(value).__name__}"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and value == value and value not in (float("inf"), float("-inf")))


def _unknown_keys(data: dict, known: list[str]) -> list[str]:
    problems = []
    for key in data:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
        hint = f" Did you mean '{close[0]}'?" if close else f" Valid keys: {', '.join(known)}."
        problems.append(f"Unknown key '{key}'.{hint}")
    return problems


def validate_gpt_dict(data: Any) -> list[str]:
    """Every problem with a GPT config dict, as sentences; empty when it is valid."""
    if not isinstance(data, dict):
        return [f"A model config must be a JSON object with keys {', '.join(_names(GPTConfig))}, "
                f"not {_type_name(data)}."]
    known = _names(GPTConfig)
    problems = _unknown_keys(data, known)
    for key in known:
        if key not in data:
            problems.append(f"Missing key '{key}'.")
    ints = ["vocab_size", "context_length", "emb_dim", "n_heads", "n_layers"]
    for key in ints:
        if key not in data:
            continue
        value = data[key]
        if not _is_int(value):
            problems.append(f"{key} must be a whole number, but it is {_type_name(value)}.")
        elif value <= 0:
            problems.append(f"{key} must be greater than 0, but it is {value}.")
    if "vocab_size" in data and _is_int(data["vocab_size"]) and 0 < data["vocab_size"] < GPT2_VOCAB_SIZE:
        problems.append(f"vocab_size {data['vocab_size']} is smaller than the GPT-2 tokenizer's "
                        f"{GPT2_VOCAB_SIZE} tokens; token ids would fall outside the embedding table.")
    emb, heads = data.get("emb_dim"), data.get("n_heads")
    if _is_int(emb) and _is_int(heads) and emb > 0 and heads > 0 and emb % heads:
        problems.append(f"emb_dim {emb} is not divisible by n_heads {heads}; each head needs "
                        f"an equal share of the embedding.")
    if "drop_rate" in data:
        rate = data["drop_rate"]
        if not _is_number(rate):
            problems.append(f"drop_rate must be a number in [0, 1), but it is {_type_name(rate)}.")
        elif not 0 <= rate < 1:
            problems.append(f"drop_rate must be at least 0 and below 1, but it is {rate}.")
    if "qkv_bias" in data and not isinstance(data["qkv_bias"], bool):
        problems.append(f"qkv_bias must be true or false, but it is {_type_name(data['qkv_bias'])}.")
    return problems


_TRAIN_POSITIVE_INTS = ["batch_size", "max_steps", "eval_interval", "eval_batches", "max_length", "stride"]
_DEVICES = ["auto", "cpu", "cuda", "mps"]


def validate_train_dict(data: Any, gpt: GPTConfig | None = None) -> list[str]:
    """Every problem with a training config dict. Missing keys take their defaults."""
    if not isinstance(data, dict):
        return [f"A training config must be a JSON object, not {_type_name(data)}."]
    known = _names(TrainConfig)
    problems = _unknown_keys(data, known)
    for key in _TRAIN_POSITIVE_INTS:
        if key in data:
            value = data[key]
            if not _is_int(value):
                problems.append(f"{key} must be a whole number, but it is {_type_name(value)}.")
            elif value <= 0:
                problems.append(f"{key} must be greater than 0, but it is {value}.")
    if "seed" in data and not _is_int(data["seed"]):
        problems.append(f"seed must be a whole number, but it is {_type_name(data['seed'])}.")
    for key, low, high, low_open in (("learning_rate", 0, 10, True), ("weight_decay", 0, 10, False),
                                     ("train_ratio", 0, 1, True), ("grad_clip", 0, 1e6, False)):
        if key not in data:
            continue
        value = data[key]
        if not _is_number(value):
            problems.append(f"{key} must be a number, but it is {_type_name(value)}.")
        elif (value <= low if low_open else value < low) or value > high:
            bound = "greater than" if low_open else "at least"
            problems.append(f"{key} must be {bound} {low} and at most {high}, but it is {value}.")
    if "train_ratio" in data and _is_number(data["train_ratio"]) and data["train_ratio"] == 1:
        problems.append("train_ratio must leave some text for validation (below 1).")
    if "device" in data and data["device"] not in _DEVICES:
        problems.append(f"device must be one of {', '.join(_DEVICES)}, but it is {_type_name(data['device'])}.")
    if "text_source" in data and (not isinstance(data["text_source"], str) or not data["text_source"]):
        problems.append(f"text_source must be 'default' or a path to a .txt file, "
                        f"but it is {_type_name(data['text_source'])}.")
    max_length = data.get("max_length", TrainConfig.max_length)
    if gpt is not None and _is_int(max_length) and max_length > gpt.context_length:
        problems.append(f"max_length {max_length} is larger than the model's context_length "
                        f"{gpt.context_length}; the data windows must fit in the context.")
    return problems


# --------------------------------------------------------------------------- files

def _read_json(path: str | Path) -> Any:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([f"Config file '{path}' does not exist."]) from None
    except IsADirectoryError:
        raise ConfigError([f"'{path}' is a folder, not a config file."]) from None
    except UnicodeDecodeError:
        raise ConfigError([f"Config file '{path}' is not UTF-8 text."]) from None
    except OSError as exc:
        raise ConfigError([f"Config file '{path}' cannot be read: {exc.strerror}."]) from None
    except ValueError:  # a NUL character in the path
        raise ConfigError([f"{str(path)!r} is not a valid file path."]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError([f"Config file '{path}' is not valid JSON: {exc.msg} "
                           f"at line {exc.lineno}, column {exc.colno}."]) from None
    except ValueError as exc:  # e.g. an integer longer than Python's 4300-digit limit
        raise ConfigError([f"Config file '{path}' is not usable JSON: {exc}."]) from None
    except RecursionError:
        raise ConfigError([f"Config file '{path}' nests JSON arrays or objects too deeply."]) from None


def load_gpt_config(path: str | Path) -> GPTConfig:
    data = _read_json(path)
    # A combined file {"model": {...}, "train": {...}} is accepted too.
    if isinstance(data, dict) and "model" in data and isinstance(data["model"], dict):
        data = data["model"]
    return GPTConfig.from_dict(data)


def load_train_config(path: str | Path, gpt: GPTConfig | None = None) -> TrainConfig:
    data = _read_json(path)
    if isinstance(data, dict) and "train" in data and isinstance(data["train"], dict):
        data = data["train"]
    return TrainConfig.from_dict(data, gpt)


def save_config(config: GPTConfig | TrainConfig, path: str | Path) -> None:
    Path(path).write_text(json.dumps(config.to_dict(), indent=2) + "\n", encoding="utf-8")
