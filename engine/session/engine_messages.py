"""Engine failures as sentences a learner can act on; never a traceback."""
from __future__ import annotations

import torch


def is_out_of_memory(exc: BaseException) -> bool:
    oom_type = getattr(torch, "OutOfMemoryError", None)
    if oom_type is not None and isinstance(exc, oom_type):
        return True
    return isinstance(exc, MemoryError) or (
        isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower())


def plain_message(exc: BaseException, doing: str, device: str = "", advice: str = "") -> str:
    """One or two sentences: what failed while doing what, and what to do next."""
    if is_out_of_memory(exc):
        where = f" on {device}" if device else ""
        return (f"Ran out of memory{where} while {doing}. Choose a smaller preset (nano or micro), "
                f"a smaller batch size or context, or another device, then press Reset.")
    messages = getattr(exc, "messages", None)
    if callable(messages):  # ConfigError: every problem, in the config's own words
        return f"Could not finish {doing}: " + " ".join(messages())
    text = str(exc).strip() or type(exc).__name__
    advice = advice or "Press Reset to start over."
    return f"The engine stopped while {doing}: {text} ({type(exc).__name__}). {advice}"


def non_finite_message(what: str, value: float, step: int) -> str:
    return (f"The {what} became {value} on step {step}, so that update was skipped and training "
            f"paused. Lower the learning rate, or press Reset to start over.")
