"""The config dialog's fields and the small pure helpers it uses: strict parsing of typed
text (no silent casts), number formatting and the live model-size summary."""
from __future__ import annotations

import re
from typing import Any

from gui.palette import VERMILLION

# (key, kind, explanation); kinds: int, float, bool, path.
MODEL_FIELDS = [
    ("vocab_size", "int", "tokens the BPE tokenizer knows"),
    ("context_length", "int", "longest input the model sees at once"),
    ("emb_dim", "int", "size of the vector per token"),
    ("n_heads", "int", "attention heads per layer"),
    ("n_layers", "int", "transformer blocks"),
    ("drop_rate", "float", "share of activations zeroed while training"),
    ("qkv_bias", "bool", "bias in the query/key/value projections"),
]
TRAIN_FIELDS = [
    ("batch_size", "int", "text windows per optimizer step"),
    ("learning_rate", "float", "AdamW step size"),
    ("weight_decay", "float", "AdamW's pull of the weights toward zero"),
    ("max_length", "int", "tokens per training window (at most context_length)"),
    ("stride", "int", "tokens between the starts of two windows"),
    ("eval_interval", "int", "optimizer steps between train/val loss checks"),
    ("eval_batches", "int", "batches averaged per loss check"),
    ("grad_clip", "float", "largest gradient norm; 0 turns clipping off"),
    ("seed", "int", "random seed for weights, batches and dropout"),
    ("train_ratio", "float", "share of the text to train on; the rest validates"),
    ("text_source", "path", "'default' (embedded text) or a UTF-8 .txt file"),
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


# --------------------------------------------------------------------------- formatting

def millions(n: int) -> str:
    """39.4M; below 0.1M two decimals (norms 0.04M); tiny counts as plain numbers."""
    if n >= 100_000:
        return f"{n / 1e6:.1f}M"
    if n >= 5_000:
        return f"{n / 1e6:.2f}M"
    return f"{n:,}"


def binary_size(n: float) -> str:
    for unit, size, digits in (("GiB", 2 ** 30, 2), ("MiB", 2 ** 20, 1), ("KiB", 2 ** 10, 1)):
        if n >= size:
            return f"{n / size:.{digits}f} {unit}"
    return f"{int(n)} B"


def si(n: float) -> str:
    for unit, size in (("T", 1e12), ("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if n >= size:
            return f"{n / size:.2f} {unit}"
    return f"{n:.0f} "


def info_html(info: dict) -> str:
    """The summary under the fields, from engine.info.model_info's result."""
    parts = info["by_component"]
    components = " · ".join([
        f"embeddings {millions(parts['embeddings'])}",
        f"attention {millions(parts['attention'])}",
        f"feed-forward {millions(parts['feed_forward'])}",
        f"norms {millions(parts['norms'] + parts['final_norm'])}",
        f"head {millions(parts['out_head'])}",
    ])
    mem = info["train_memory_parts"]
    states = mem["weights"] + mem["gradients"] + mem["adam_moments"]
    return (
        f"<b>Parameters {info['parameters']:,}</b> "
        f"({info['parameters_without_out_head']:,} without output head)<br>"
        f"&nbsp;&nbsp;{components}<br>"
        f"<b>Training memory</b> (fp32, AdamW, batch {info['batch_size']} × {info['context']}) "
        f"≈ {binary_size(info['train_memory_bytes'])} = "
        f"{binary_size(states)} weights+grads+AdamW + "
        f"{binary_size(mem['activations'])} activations<br>"
        f"<b>FLOPs per token</b> ≈ {si(info['flops_per_token'])}FLOP (forward + backward)"
    )


# --------------------------------------------------------------------------- dialog


def shorten(problem: str, limit: int = 240) -> str:
    return problem if len(problem) <= limit else problem[:limit - 1] + "…"
