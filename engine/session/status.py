"""What the status bar says: derived from the session, fitted to the scenario."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .spec import EngineState, ScenarioKey

if TYPE_CHECKING:
    from .session import StudioSession

FIRST_HINT = "Start here: press F11 to step into backprop, or F5 to train."


def _number(value: float) -> str:
    return f"{value:.4f}" if math.isfinite(value) else str(value)


def status_line(session: "StudioSession") -> str:
    """E.g. "GPT pretraining · step 120 · tokens 122,880 · loss 5.9100 · train 5.91 · val 6.02
    · 1,210 tok/s"; the small scenarios count samples and show no throughput."""
    run = session.run
    parts = [session.spec.key.title]
    if session.state == EngineState.BUILDING:
        return f"{parts[0]} · building the model…"
    summary = run.summary
    if summary is not None and not run.metrics:
        parts.append(f"{summary.parameters:,} parameters")
    record = run.latest
    parts.append(f"step {run.steps:,}")
    if record is not None:
        if session.spec.key == ScenarioKey.GPT:
            parts.append(f"tokens {record.tokens_seen:,}")
        parts.append(f"loss {_number(record.loss)}")
    evaluated = run.last_eval()
    if evaluated is not None:
        parts.append(f"train {evaluated.train_loss:.3f} · val {evaluated.val_loss:.3f}")
    if (record is not None and session.spec.key == ScenarioKey.GPT
            and math.isfinite(record.tokens_per_s) and record.tokens_per_s > 0):
        parts.append(f"{record.tokens_per_s:,.0f} tok/s")
    if session.traced is not None:
        parts.append(f"trace: {session.trace_label()} · {session.traced.position.text()}")
    return " · ".join(parts)
