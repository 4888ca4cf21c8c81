"""Numbers and shapes as the learner reads them (every view formats the same way)."""
from __future__ import annotations

import math


def fmt_number(value: float) -> str:
    """Four decimals without trailing zeros; scientific for very small or large magnitudes."""
    if value != value or math.isinf(value):
        return str(value)
    if value != 0 and (abs(value) < 1e-3 or abs(value) >= 1e5):
        return f"{value:.3e}"
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def shape_text(shape) -> str:
    return "[" + ", ".join(str(int(d)) for d in shape) + "]" if shape is not None else ""


def first_shape(attrs: dict):
    shapes = attrs.get("shapes")
    if not shapes:
        return None
    first = shapes[0]
    return first if isinstance(first, (tuple, list)) else shapes


def summary_scalar(summary) -> float | None:
    """The single value of a one-element TensorSummary, else None."""
    values = getattr(summary, "values", None)
    if values is not None and values.size == 1:
        return float(values.reshape(-1)[0])
    return None


def grad_text(summary) -> str:
    """A gradient in a node's grad half: its value, or its norm for a big tensor."""
    if summary is None:
        return ""
    value = summary_scalar(summary)
    return fmt_number(value) if value is not None else "‖g‖ " + fmt_number(summary.norm)
