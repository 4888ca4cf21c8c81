"""The config dialog's fields and the small pure helpers it uses: strict parsing of typed
text (no silent casts), number formatting and the live model-size summary."""
from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gui.i18n import fill
from gui.palette import VERMILLION

# (key, kind, explanation); kinds: int, float, bool, path. The keys are names and stay;
# the explanations are said in the learner's language (explanation()).
MODEL_FIELDS = [
    ("vocab_size", "int", QT_TRANSLATE_NOOP("ConfigFields", "tokens the BPE tokenizer knows")),
    ("context_length", "int", QT_TRANSLATE_NOOP("ConfigFields", "longest input the model sees at once")),
    ("emb_dim", "int", QT_TRANSLATE_NOOP("ConfigFields", "size of the vector per token")),
    ("n_heads", "int", QT_TRANSLATE_NOOP("ConfigFields", "attention heads per layer")),
    ("n_layers", "int", QT_TRANSLATE_NOOP("ConfigFields", "transformer blocks")),
    ("drop_rate", "float", QT_TRANSLATE_NOOP("ConfigFields", "share of activations zeroed while training")),
    ("qkv_bias", "bool", QT_TRANSLATE_NOOP("ConfigFields", "bias in the query/key/value projections")),
]
TRAIN_FIELDS = [
    ("batch_size", "int", QT_TRANSLATE_NOOP("ConfigFields", "text windows per optimizer step")),
    ("learning_rate", "float", QT_TRANSLATE_NOOP("ConfigFields", "AdamW step size")),
    ("weight_decay", "float", QT_TRANSLATE_NOOP("ConfigFields", "AdamW's pull of the weights toward zero")),
    ("max_length", "int", QT_TRANSLATE_NOOP("ConfigFields", "tokens per training window (at most context_length)")),
    ("stride", "int", QT_TRANSLATE_NOOP("ConfigFields", "tokens between the starts of two windows")),
    ("eval_interval", "int", QT_TRANSLATE_NOOP("ConfigFields", "optimizer steps between train/val loss checks")),
    ("eval_batches", "int", QT_TRANSLATE_NOOP("ConfigFields", "batches averaged per loss check")),
    ("grad_clip", "float", QT_TRANSLATE_NOOP("ConfigFields", "largest gradient norm; 0 turns clipping off")),
    ("seed", "int", QT_TRANSLATE_NOOP("ConfigFields", "random seed for weights, batches and dropout")),
    ("train_ratio", "float", QT_TRANSLATE_NOOP("ConfigFields", "share of the text to train on; the rest validates")),
    ("text_source", "path", QT_TRANSLATE_NOOP("ConfigFields", "'default' (embedded text) or a UTF-8 .txt file")),
]
_WHOLE = re.compile(r"[+-]?\d+")

STYLE = f"""
QLineEdit {{ border: 1px solid #9A9A9A; border-radius: 2px; padding: 2px 4px; background: white; }}
QLineEdit:focus {{ border: 1px solid #0072B2; }}
QLineEdit[invalid="true"] {{ border: 2px solid {VERMILLION}; background: #FCEBE2; }}
QLabel#problems {{ color: {VERMILLION}; }}
QLabel#fieldName {{ font-family: monospace; }}
"""


# --------------------------------------------------------------------------- parsing

def parse_int(text: str) -> Any:
    """An int when `text` is a whole number; else a float or the raw string, so that the
    engine's validator says "must be a whole number, but it is a float (12.5)"."""
    s = text.strip()
    if _WHOLE.fullmatch(s):
        try:
            return int(s)
        except ValueError:  # more digits than Python converts
            return text
    return parse_float(text)


def parse_float(text: str) -> Any:
    try:
        return float(text.strip())
    except ValueError:
        return text


def to_text(value: Any) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def explanation(text: str) -> str:
    """A field's explanation (from MODEL_FIELDS / TRAIN_FIELDS) in the learner's language."""
    return QCoreApplication.translate("ConfigFields", text)


# --------------------------------------------------------------------------- formatting

# Numbers take the locale's decimal point and grouping (39,4M in Serbian); units stay.

def millions(n: int) -> str:
    """39.4M; below 0.1M two decimals (norms 0.04M); tiny counts as plain numbers."""
    if n >= 100_000:
        return fill("{m:.1f}M", m=n / 1e6)
    if n >= 5_000:
        return fill("{m:.2f}M", m=n / 1e6)
    return fill("{n:,}", n=n)


def binary_size(n: float) -> str:
    for unit, size, digits in (("GiB", 2 ** 30, 2), ("MiB", 2 ** 20, 1), ("KiB", 2 ** 10, 1)):
        if n >= size:
            return fill("{size:.{digits}f} {unit}", size=n / size, digits=digits, unit=unit)
    return f"{int(n)} B"


def si(n: float) -> str:
    for unit, size in (("T", 1e12), ("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if n >= size:
            return fill("{n:.2f} {unit}", n=n / size, unit=unit)
    return f"{n:.0f} "


def info_html(info: dict) -> str:
    """The summary under the fields, from engine.info.model_info's result."""
    parts = info["by_component"]
    components = " · ".join([
        fill(QCoreApplication.translate("ConfigFields", "embeddings {size}"), size=millions(parts["embeddings"])),
        fill(QCoreApplication.translate("ConfigFields", "attention {size}"), size=millions(parts["attention"])),
        fill(QCoreApplication.translate("ConfigFields", "feed-forward {size}"), size=millions(parts["feed_forward"])),
        fill(QCoreApplication.translate("ConfigFields", "norms {size}"),
             size=millions(parts["norms"] + parts["final_norm"])),
        fill(QCoreApplication.translate("ConfigFields", "head {size}"), size=millions(parts["out_head"])),
    ])
    mem = info["train_memory_parts"]
    states = mem["weights"] + mem["gradients"] + mem["adam_moments"]
    parameters = fill(QCoreApplication.translate(
        "ConfigFields", "<b>Parameters {parameters:,}</b> ({without:,} without output head)"),
        parameters=info["parameters"], without=info["parameters_without_out_head"])
    memory = fill(QCoreApplication.translate(
        "ConfigFields", "<b>Training memory</b> (fp32, AdamW, batch {batch} × {context}) ≈ {total} = "
        "{states} weights+grads+AdamW + {activations} activations"),
        batch=info["batch_size"], context=info["context"], total=binary_size(info["train_memory_bytes"]),
        states=binary_size(states), activations=binary_size(mem["activations"]))
    flops = fill(QCoreApplication.translate(
        "ConfigFields", "<b>FLOPs per token</b> ≈ {flops}FLOP (forward + backward)"),
        flops=si(info["flops_per_token"]))
    return f"{parameters}<br>&nbsp;&nbsp;{components}<br>{memory}<br>{flops}"


# --------------------------------------------------------------------------- dialog


def shorten(problem: str, limit: int = 240) -> str:
    return problem if len(problem) <= limit else problem[:limit - 1] + "…"
