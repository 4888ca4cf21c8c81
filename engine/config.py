"""GPT and training configs: dataclasses, JSON load/save and validation.

Validation never raises on bad *content*: it returns every problem at once as
ConfigProblem records (the field, a plain sentence), so a dialog can mark the fields and the
CLI can print the sentences together. The sentences are `engine.text` Texts (English that the
app translates); config keys and values stay as they are written. Every whole-number field has a documented range
(GPT_INT_RANGES, TRAIN_INT_RANGES): sizes are bounded before anything is allocated.
"""
from __future__ import annotations

import dataclasses
import difflib
import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError, ConfigProblem, FileReadError
from .safe_files import MAX_CONFIG_BYTES, read_text_capped
from .text import translate

__all__ = ["ConfigError", "ConfigProblem", "GPTConfig", "TrainConfig", "GPT_INT_RANGES",
           "TRAIN_INT_RANGES", "validate_gpt_dict", "validate_train_dict", "load_gpt_config",
           "load_train_config", "save_config"]

GPT2_VOCAB_SIZE = 50257  # tokens the GPT-2 BPE tokenizer knows

# Inclusive (low, high) of each whole-number field. The highs keep one layer's tensors
# addressable and a typo from asking for terabytes; whether a valid config fits this machine
# is checked separately against its memory (engine/memory_check.py).
GPT_INT_RANGES = {"vocab_size": (1, 2 ** 20), "context_length": (1, 32_768),
                  "emb_dim": (1, 16_384), "n_heads": (1, 256), "n_layers": (1, 256)}
TRAIN_INT_RANGES = {"batch_size": (1, 4096), "max_steps": (1, 10 ** 9),
                    "eval_interval": (1, 10 ** 9), "eval_batches": (1, 1000),
                    "max_length": (1, 32_768), "stride": (1, 10 ** 9),
                    "seed": (-(2 ** 63), 2 ** 63 - 1)}  # what torch.manual_seed accepts


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
        return translate("config", "a boolean ({value})").format(value=str(value).lower())
    if isinstance(value, str):
        if len(value) <= 60:
            return translate("config", "a string ({value})").format(value=repr(value))
        return translate("config", "a string of {count:,} characters").format(count=len(value))
    if isinstance(value, float):
        return translate("config", "a float ({value})").format(value=repr(value))
    if value is None:
        return "null"
    return translate("config", "a {type}").format(type=type(value).__name__)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and value == value and value not in (float("inf"), float("-inf")))


def _number_text(value: int) -> str:
    return str(value) if abs(value) < 10 ** 40 else translate("config", "a number with more than 40 digits")


def _unknown_keys(data: dict, known: list[str]) -> list[ConfigProblem]:
    problems = []
    for key in data:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
        if close:
            message = translate("config", "Unknown key '{key}'. Did you mean '{close}'?").format(
                key=str(key)[:60], close=close[0])
        else:
            message = translate("config", "Unknown key '{key}'. Valid keys: {keys}.").format(
                key=str(key)[:60], keys=", ".join(known))
        problems.append(ConfigProblem(None, message))
    return problems


def _check_int(data: dict, key: str, ranges: dict) -> list[ConfigProblem]:
    """Type and range of one whole-number field (absent fields are not checked here)."""
    value = data[key]
    low, high = ranges[key]
    if not _is_int(value):
        return [ConfigProblem(key, translate("config", "{key} must be a whole number, but it is {what}.").format(
            key=key, what=_type_name(value)))]
    if low == 1 and value <= 0:
        message = translate("config", "{key} must be greater than 0, but it is {value}.")
    elif value < low:
        message = translate("config", "{key} must be at least {low:,}, but it is {value}.")
    elif value > high:
        message = translate("config", "{key} must be at most {high:,}, but it is {value}.")
    else:
        return []
    return [ConfigProblem(key, message.format(key=key, low=low, high=high, value=_number_text(value)))]


def validate_gpt_dict(data: Any) -> list[ConfigProblem]:
    """Every problem with a GPT config dict; empty when it is valid."""
    if not isinstance(data, dict):
        return [ConfigProblem(None, translate("config", "A model config must be a JSON object with keys "
                                                        "{keys}, not {what}.").format(
            keys=", ".join(_names(GPTConfig)), what=_type_name(data)))]
    known = _names(GPTConfig)
    problems = _unknown_keys(data, known)
    problems += [ConfigProblem(key, translate("config", "Missing key '{key}'.").format(key=key))
                 for key in known if key not in data]
    for key in GPT_INT_RANGES:
        if key in data:
            problems += _check_int(data, key, GPT_INT_RANGES)
    vocab = data.get("vocab_size")
    if _is_int(vocab) and 0 < vocab < GPT2_VOCAB_SIZE:
        problems.append(ConfigProblem("vocab_size", translate(
            "config", "vocab_size {vocab} is smaller than the GPT-2 tokenizer's {tokens} tokens; "
                      "token ids would fall outside the embedding table.").format(
            vocab=str(vocab), tokens=str(GPT2_VOCAB_SIZE))))
    emb, heads = data.get("emb_dim"), data.get("n_heads")
    if _is_int(emb) and _is_int(heads) and emb > 0 and heads > 0 and emb % heads:
        problems.append(ConfigProblem("emb_dim", translate(
            "config", "emb_dim {emb} is not divisible by n_heads {heads}; each head needs an equal "
                      "share of the embedding.").format(emb=_number_text(emb), heads=_number_text(heads)),
            related=("n_heads",)))
    if "drop_rate" in data:
        rate = data["drop_rate"]
        if not _is_number(rate):
            problems.append(ConfigProblem("drop_rate", translate(
                "config", "drop_rate must be a number in [0, 1), but it is {what}.").format(what=_type_name(rate))))
        elif not 0 <= rate < 1:
            problems.append(ConfigProblem("drop_rate", translate(
                "config", "drop_rate must be at least 0 and below 1, but it is {value}.").format(value=str(rate))))
    if "qkv_bias" in data and not isinstance(data["qkv_bias"], bool):
        problems.append(ConfigProblem("qkv_bias", translate(
            "config", "qkv_bias must be true or false, but it is {what}.").format(
            what=_type_name(data["qkv_bias"]))))
    return problems


_DEVICES = ["auto", "cpu", "cuda", "mps"]
# (key, low, high, low excluded)
_TRAIN_NUMBERS = (("learning_rate", 0, 10, True), ("weight_decay", 0, 10, False),
                  ("train_ratio", 0, 1, True), ("grad_clip", 0, 1e6, False))


def _check_train_numbers(data: dict) -> list[ConfigProblem]:
    problems = []
    for key, low, high, low_open in _TRAIN_NUMBERS:
        if key not in data:
            continue
        value = data[key]
        if not _is_number(value):
            problems.append(ConfigProblem(key, translate("config", "{key} must be a number, but it is {what}.")
                                          .format(key=key, what=_type_name(value))))
        elif (value <= low if low_open else value < low) or value > high:
            if low_open:
                message = translate("config", "{key} must be greater than {low} and at most {high}, "
                                              "but it is {value}.")
            else:
                message = translate("config", "{key} must be at least {low} and at most {high}, "
                                              "but it is {value}.")
            problems.append(ConfigProblem(key, message.format(key=key, low=str(low), high=str(high),
                                                              value=str(value))))
    if "train_ratio" in data and _is_number(data["train_ratio"]) and data["train_ratio"] == 1:
        problems.append(ConfigProblem("train_ratio", translate(
            "config", "train_ratio must leave some text for validation (below 1).")))
    return problems


def validate_train_dict(data: Any, gpt: GPTConfig | None = None) -> list[ConfigProblem]:
    """Every problem with a training config dict. Missing keys take their defaults."""
    if not isinstance(data, dict):
        return [ConfigProblem(None, translate("config", "A training config must be a JSON object, not {what}.")
                              .format(what=_type_name(data)))]
    problems = _unknown_keys(data, _names(TrainConfig))
    for key in TRAIN_INT_RANGES:
        if key in data:
            problems += _check_int(data, key, TRAIN_INT_RANGES)
    problems += _check_train_numbers(data)
    if "device" in data and data["device"] not in _DEVICES:
        problems.append(ConfigProblem("device", translate(
            "config", "device must be one of {devices}, but it is {what}.").format(
            devices=", ".join(_DEVICES), what=_type_name(data["device"]))))
    if "text_source" in data and (not isinstance(data["text_source"], str) or not data["text_source"]):
        problems.append(ConfigProblem("text_source", translate(
            "config", "text_source must be 'default' or a path to a .txt file, but it is {what}.").format(
            what=_type_name(data["text_source"]))))
    max_length = data.get("max_length", TrainConfig.max_length)
    if gpt is not None and _is_int(max_length) and max_length > gpt.context_length:
        problems.append(ConfigProblem("max_length", translate(
            "config", "max_length {max_length} is larger than the model's context_length {context_length}; "
                      "the data windows must fit in the context.").format(
            max_length=_number_text(max_length), context_length=str(gpt.context_length)),
            related=("context_length",)))
    return problems


# --------------------------------------------------------------------------- files

def _read_json(path: str | Path) -> Any:
    path = Path(path)
    try:
        text = read_text_capped(path, MAX_CONFIG_BYTES, "Config file")
    except FileReadError as exc:
        raise ConfigError([ConfigProblem(None, m) for m in exc.messages()]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError([ConfigProblem(None, translate(
            "config", "Config file '{path}' is not valid JSON: {reason} at line {line}, column {column}.").format(
            path=str(path), reason=exc.msg, line=exc.lineno, column=exc.colno))]) from None
    except ValueError as exc:  # e.g. an integer longer than Python's 4300-digit limit
        raise ConfigError([ConfigProblem(None, translate(
            "config", "Config file '{path}' is not usable JSON: {reason}.").format(
            path=str(path), reason=str(exc)))]) from None
    except RecursionError:
        raise ConfigError([ConfigProblem(None, translate(
            "config", "Config file '{path}' nests JSON arrays or objects too deeply.").format(
            path=str(path)))]) from None


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
    """Write `config` as JSON; a crash leaves the old file or the new one, whole."""
    from .safe_write import write_file_atomic
    write_file_atomic(Path(path), (json.dumps(config.to_dict(), indent=2) + "\n").encode("utf-8"))
