"""Drive the session and the real engine loop in one thread, without Qt."""
from __future__ import annotations

from engine.session.engine_loop import EngineLoop
from engine.session.session import StudioSession
from engine.session.spec import ScenarioKey, ScenarioSpec


class SyncStudio:
    """A StudioSession wired to a real EngineLoop that runs only when pumped."""

    def __init__(self, key: ScenarioKey = ScenarioKey.SCALAR, spec: ScenarioSpec | None = None,
                 factory=None):
        self.loop = EngineLoop(factory, param_stats_every=1)
        self.session = StudioSession(self.loop.send, spec or ScenarioSpec(key=key))
        self.events: list = []
        self.session.events.subscribe(self.events.append)

    def pump(self, max_outputs: int = 1000) -> int:
        """Carry out every queued command (training steps only while none waits); returns how
        many outputs reached the session."""
        handled = 0
        while not self.loop.commands.empty() and handled < max_outputs:
            for output in self.loop.run_once():
                self.session.handle(output)
                handled += 1
        return handled

    def train_steps(self, n: int) -> None:
        """n steps while 'running' (the loop trains when no command waits)."""
        from engine.session import commands as cmd
        self.loop.send(cmd.Run())
        self.pump()
        for _ in range(n):
            for output in self.loop.run_once():
                self.session.handle(output)

    def of_type(self, event_type) -> list:
        return [e for e in self.events if isinstance(e, event_type)]


# ------------------------------------------------------------------ a known trace, no engine

def feed_trace(session: StudioSession, trace, step: int = 1) -> None:
    """Hand the session what the engine loop reports after a build and a trace of `trace`
    (the session must have been started: its generation is the model's)."""
    from types import SimpleNamespace

    from engine.session import outputs as out
    from engine.session.spec import EngineState

    generation = session.generation
    if session.state == EngineState.BUILDING:
        session.handle(out.ModelBuilt(generation, SimpleNamespace(config=None, device="cpu",
                                                                  parameters=0)))
        session.handle(out.StateReported(generation, EngineState.IDLE))
    session.handle(out.StateReported(generation, EngineState.PAUSED))
    session.handle(out.StepTraced(generation, step, trace))


def offline_adapter(key: ScenarioKey = ScenarioKey.SCALAR):
    """A started SessionAdapter whose engine thread never runs: its commands wait in
    `adapter.loop.commands` (see sent_commands) and tests feed outputs with feed_trace."""
    from gui.session_adapter import SessionAdapter

    adapter = SessionAdapter(ScenarioSpec(key=key, device="cpu"))
    adapter.session.start()
    sent_commands(adapter)  # the Build
    return adapter


def sent_commands(adapter) -> list:
    """The commands the session sent to the (idle) engine loop since the last call."""
    commands = []
    while not adapter.loop.commands.empty():
        commands.append(adapter.loop.commands.get_nowait())
    return commands
