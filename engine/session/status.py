"""What the status bar says: derived from the session, fitted to the scenario."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..text import join_text, translate
from .spec import EngineState, ScenarioKey

if TYPE_CHECKING:
    from .session import StudioSession

FIRST_HINT = translate("status", "Start here: press F11 to step into backprop, or F5 to train.")


def _loss(value: float) -> str:
    if math.isfinite(value):
        return translate("status", "loss {loss:.4f}").format(loss=value)
    return translate("status", "loss {loss}").format(loss=str(value))


def status_line(session: "StudioSession") -> str:
    """E.g. "GPT pretraining · step 120 · tokens 122,880 · loss 5.9100 · train 5.91 · val 6.02
    · 1,210 tok/s"; the small scenarios count samples and show no throughput. Each part is a
    translatable `engine.text.Text`, the whole a `JoinedText`."""
    run = session.run
    parts = [session.spec.key.title]
    if session.state == EngineState.BUILDING:
        return join_text(" · ", [parts[0], translate("status", "building the model…")])
    summary = run.summary
    if summary is not None and not run.metrics:
        parts.append(translate("status", "{parameters:,} parameters").format(parameters=summary.parameters))
    record = run.latest
    parts.append(translate("status", "step {steps:,}").format(steps=run.steps))
    if record is not None:
        if session.spec.key == ScenarioKey.GPT:
            parts.append(translate("status", "tokens {tokens:,}").format(tokens=record.tokens_seen))
        parts.append(_loss(record.loss))
    evaluated = run.last_eval()
    if evaluated is not None:
        parts.append(translate("status", "train {train:.3f} · val {val:.3f}").format(
            train=evaluated.train_loss, val=evaluated.val_loss))
    if (record is not None and session.spec.key == ScenarioKey.GPT
            and math.isfinite(record.tokens_per_s) and record.tokens_per_s > 0):
        parts.append(translate("status", "{speed:,.0f} tok/s").format(speed=record.tokens_per_s))
    if session.traced is not None:
        parts.append(translate("status", "trace: {label} · {position}").format(
            label=session.trace_label(), position=session.traced.position.text()))
    return join_text(" · ", parts)
