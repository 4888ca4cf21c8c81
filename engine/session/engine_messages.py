"""Engine failures as sentences a learner can act on; never a traceback.

Every sentence is an `engine.text.Text` (English that the app translates); the phrases passed
in (`doing`, `advice`) are Texts too, and an exception's own message is kept as it is
(`message_of`), so a translated engine problem stays translated inside the sentence."""
from __future__ import annotations

import torch

from ..text import TRANSLATABLE, join_text, message_of, translate


def is_out_of_memory(exc: BaseException) -> bool:
    oom_type = getattr(torch, "OutOfMemoryError", None)
    if oom_type is not None and isinstance(exc, oom_type):
        return True
    return isinstance(exc, MemoryError) or (
        isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower())


def problem_text(exc: BaseException) -> str:
    """What went wrong, in the exception's own (translatable) words: a UserError's problems
    joined by spaces, else its message, else its type's name."""
    messages = getattr(exc, "messages", None)
    if callable(messages):
        return join_text(" ", messages())
    return _own_words(exc)


def _own_words(exc: BaseException) -> str:
    text = message_of(exc)
    if isinstance(text, TRANSLATABLE):
        return text
    return text.strip() or type(exc).__name__


def plain_message(exc: BaseException, doing: str, device: str = "", advice: str = "") -> str:
    """One or two sentences: what failed while doing what, and what to do next."""
    if is_out_of_memory(exc):
        if device:
            template = translate("engine", "Ran out of memory on {device} while {doing}. Choose a smaller preset "
                                           "(nano or micro), a smaller batch size or context, or another device, "
                                           "then press Reset.")
        else:
            template = translate("engine", "Ran out of memory while {doing}. Choose a smaller preset (nano or "
                                           "micro), a smaller batch size or context, or another device, then "
                                           "press Reset.")
        return template.format(device=device, doing=doing)
    messages = getattr(exc, "messages", None)
    if callable(messages):  # ConfigError: every problem, in the config's own words
        return translate("engine", "Could not finish {doing}: {problems}").format(
            doing=doing, problems=join_text(" ", messages()))
    text = _own_words(exc)
    advice = advice or translate("engine", "Press Reset to start over.")
    return translate("engine", "The engine stopped while {doing}: {problem} ({kind}). {advice}").format(
        doing=doing, problem=text, kind=type(exc).__name__, advice=advice)


def non_finite_message(what: str, value: float, step: int) -> str:
    return translate("engine", "The {what} became {value} on step {step}, so that update was skipped and "
                               "training paused. Lower the learning rate, or press Reset to start over.").format(
        what=what, value=str(value), step=step)


def first_bad_op_text(found: tuple[int, object] | None, n_forward: int) -> str:
    """The first forward op whose output was NaN or Inf (gradient_health.first_non_finite_op)."""
    if found is None:
        return translate("engine", "Traced again, every op's output was finite: the batch's data caused it.")
    index, op = found
    if op.module:
        template = translate("engine", "The first op whose output was not finite: {op} in {module} (forward op "
                                       "{index} of {count}).")
    else:
        template = translate("engine", "The first op whose output was not finite: {op} (forward op {index} of "
                                       "{count}).")
    return template.format(op=op.op, module=op.module, index=index + 1, count=n_forward)
