"""What the learner asks of the model besides training and stepping: attention maps (on the
next batch, their own text, or the probe while training), the autograd example's values, the
numeric gradient check and text generation. A part of StudioSession (engine/session/session.py).
"""
from __future__ import annotations

from ..text import join_text, translate
from . import commands as cmd
from . import events as ev
from . import outputs as out
from .backprop import CursorMove, Move
from .spec import EngineState, ScenarioKey


class LearnerRequests:
    def capture_attention(self, layer: int, heads: tuple[int, ...] | None, sample: int,
                          text: str | None = None, source: str = "batch") -> None:
        """Attention of one layer on the next batch, or on `text` (the learner's own words, or
        the probe text recorded every few steps while training)."""
        if self.spec.key == ScenarioKey.GPT and self.state != EngineState.BUILDING:
            self._send(cmd.CaptureAttention(layer, heads, sample, text, source))

    def set_example(self, **values: float) -> None:
        """Autograd basics: new x, y, w or b. The engine traces the step again and the cursor
        stays where it was, so every value, gradient and chain-rule number updates at once."""
        if self.spec.key != ScenarioKey.SCALAR or self.state == EngineState.BUILDING:
            return
        if self.traced is not None:
            self.pending_moves = [CursorMove(Move.SEEK, self.traced.cursor.position)]
        self._send(cmd.SetExample(**values))
        self.trace_requested = True
        self._on_state(out.StateReported(self.generation, EngineState.TRACING))

    def check_gradients(self) -> None:
        """Finite differences against autograd (the small scenarios)."""
        if self.state != EngineState.BUILDING:
            self._send(cmd.CheckGradients())

    def generate(self, prompt: str, settings) -> bool:
        """Continue `prompt` with the current model (engine.learn.next_token.GenerationSettings).
        The answer comes as GenerationFinished; False (and a GenerationFinished with the
        reason) when it cannot run."""
        problem = generation_problem(self.spec.key, self.state, settings)
        if problem:
            self.events.emit(ev.GenerationFinished(None, problem))
            return False
        self.generation_request += 1
        self._send(cmd.Generate(prompt, settings, self.generation_request))
        return True

    def set_probe(self, layer: int | None, every: int = 10) -> None:
        """While training, capture `layer`'s attention on the fixed probe text every `every`
        steps, so the learner can scrub how the pattern formed (None: stop)."""
        self.probe = (int(layer), max(1, int(every))) if layer is not None else None


def generation_problem(key: ScenarioKey, state: EngineState, settings) -> str:
    """Why a generation cannot run now, or "" when it can."""
    if key != ScenarioKey.GPT:
        return translate("session", "Generation needs a language model: choose \"{gpt}\" in the toolbar (the "
                                    "{scenario} scenario has no tokens to continue).").format(
            gpt=ScenarioKey.GPT.title, scenario=key.title)
    if state == EngineState.ERROR:
        return translate("session", "There is no model to generate with; press Reset to build it.")
    problems = settings.problems()
    return join_text(" ", problems) if problems else ""
