"""The studio session: one model of what the learner is looking at.

It holds the scenario and its generation, the runs, the traced step with its cursor, the
selection, the graph's expand state and the search. Views read it and subscribe to its
events (engine/session/events.py); the engine loop's outputs come in through `handle()`.
Everything here runs in one thread (the GUI thread in the app) and never imports Qt.
"""
from __future__ import annotations

from typing import Callable

from ..text import join_text, translate
from . import commands as cmd
from . import events as ev
from . import outputs as out
from .backprop import CursorMove, Move, TracedStep
from .file_tasks import FileTasks
from .model_files import ModelFiles
from .model_loading import ModelSource
from .learner_requests import LearnerRequests
from .observer import EventEmitter
from .position import Position
from .run import PendingLoad, Run
from .rewind import rewind_note
from .run_viewing import RunViewing
from .spec import EngineState, ScenarioKey, ScenarioSpec
from .status import status_line
from .unsaved import UnsavedWeights


def _mover(move: Move) -> Callable[["StudioSession"], None]:
    def method(self: "StudioSession") -> None:
        self.move(CursorMove(move))
    method.__name__ = move.name.lower()
    method.__doc__ = f"Move the cursor: {move.value}."
    return method


class StudioSession(RunViewing, ModelFiles, UnsavedWeights, FileTasks, LearnerRequests):
    def __init__(self, send: Callable[[cmd.Command], None], spec: ScenarioSpec | None = None):
        self.events = EventEmitter()
        self._send = send
        self.spec = spec or ScenarioSpec()
        self.generation = 0
        self.state = EngineState.BUILDING
        self.runs: list[Run] = []  # earlier runs, oldest first, kept for comparison
        self.run = Run(number=1, generation=0, spec=self.spec)
        self.traced: TracedStep | None = None
        self.selection: str | None = None
        self.follow_cursor = True
        self.expanded: frozenset[str] = frozenset()
        self.search_query = ""
        self.pending_moves: list[CursorMove] = []
        self.pending_rebuild: ScenarioSpec | None = None
        self.pending_source: ModelSource | None = None  # where the asked-about rebuild loads from
        self.pending_load: PendingLoad | None = None  # a Build with a source, not yet answered
        self._generations = 0  # the last generation number handed out
        self.viewed = None  # engine.session.viewed_run.ViewedRun while a recorded run is viewed
        self.overlays: list = []  # imported curves (TensorBoard) drawn behind the loss
        self.trace_after_build = False  # a rewound step: trace it once its model is built
        self.rewinding = None  # rewind.Rewind of this generation, when Trace this step built it
        self._kept: Run | None = None
        self.trace_requested = False  # a TraceNext is on its way to the engine
        self.probe: tuple[int, int] | None = None  # (layer, every N steps): attention on the probe text
        self.generation_request = 0  # number of the newest Generate sent; older answers are dropped
        self.file_tasks = {}  # number -> FileTask still running (engine/session/file_tasks.py)
        self.job_runner = None  # runs a file task's reading off this thread (the Qt adapter's)
        self.saved_step = 0  # engine/session/unsaved.py
        self.rebuild_after_save = None

    # ------------------------------------------------------------------ start and rebuild

    def start(self) -> None:
        """Build the first model."""
        self._rebuild(self.spec, keep_run=False)

    def choose_scenario(self, key: ScenarioKey) -> None:
        self.request_spec(_replace(self.spec, key=ScenarioKey(key)))

    def choose_preset(self, name: str) -> None:
        from ..presets import get_preset
        self.request_spec(_replace(self.spec, gpt_config=get_preset(name)))

    def apply_configs(self, gpt_config, train_config, source: ModelSource | None = None) -> None:
        """The config dialog's OK: the GPT scenario with these configs."""
        self.request_spec(_replace(self.spec, key=ScenarioKey.GPT, gpt_config=gpt_config,
                                   train_config=train_config), source=source)

    def choose_device(self, device: str) -> None:
        if device != self.spec.device:
            self.spec = _replace(self.spec, device=device)
            self._send(cmd.MoveTo(device))
            self.events.emit(ev.SpecChanged(self.spec))

    def reset(self) -> None:
        """Rebuild the current model from scratch (asks first when the run has steps)."""
        self.request_spec(self.spec, force=True)

    def request_spec(self, spec: ScenarioSpec, force: bool = False, source: ModelSource | None = None) -> None:
        """Switch to `spec`: a rebuild, unless it builds the same model. A run with steps is
        never dropped silently: the learner is asked (answer_rebuild). With a `source` the
        current model stays until the new one is whole (model_loading.ModelSource)."""
        if not force and source is None and spec.builds_same_model(self.spec):
            return
        if self.run.steps > 0:  # answered through answer_rebuild (engine/session/unsaved.py)
            self.pending_rebuild, self.pending_source = spec, source
            self.events.emit(ev.RebuildQuestion(self.spec, spec, self.run.steps, self.weights_dirty))
            return
        self._rebuild(spec, keep_run=False, source=source)

    def _rebuild(self, spec: ScenarioSpec, keep_run: bool, source: ModelSource | None = None) -> None:
        self._generations = max(self._generations, self.generation) + 1
        if source is not None:  # the engine answers with the new generation's outputs or BuildRefused
            self.pending_load = PendingLoad(spec, self._generations, keep_run, source)
            task = self.start_task(translate("session", "Loading {what}").format(what=source.label or source.path))
            self._send(cmd.Build(spec, self._generations, source, task))
            self._notice(translate("session", "Loading {what}…").format(what=source.label or source.path))
            return
        self._begin_generation(spec, keep_run, self._generations)
        self._send(cmd.Build(spec, self.generation))
        self._announce_generation(spec)

    def _begin_generation(self, spec: ScenarioSpec, keep_run: bool, generation: int) -> None:
        self.pending_load = None
        kept = self.run if keep_run and self.run.metrics else None
        if kept is not None:
            self.runs.append(kept)
        self._kept = kept
        self.generation = generation
        self.spec = spec
        self.run = Run(number=len(self.runs) + 1, generation=self.generation, spec=spec)
        self.state = EngineState.BUILDING
        self.traced, self.selection, self.follow_cursor = None, None, True
        self.expanded, self.search_query, self.pending_moves = frozenset(), "", []
        self.trace_requested, self.probe, self.rewinding = False, None, None
        self.saved_step = 0  # built or loaded: no trained step is unsaved yet

    def _announce_generation(self, spec: ScenarioSpec) -> None:
        self.events.emit(ev.ModelRebuilding(spec, self.generation, self._kept))
        self.events.emit(ev.SpecChanged(spec))

    # ------------------------------------------------------------------ training

    def run_training(self) -> None:
        self._send(cmd.Run())

    def pause(self) -> None:
        self._send(cmd.Pause())

    def toggle_run(self) -> None:
        self.pause() if self.state == EngineState.RUNNING else self.run_training()

    def step_once(self) -> None:
        self._send(cmd.StepOnce())

    # ------------------------------------------------------------------ backprop stepping

    def trace_now(self) -> None:
        """Trace the step the model would take next (a break while training). Asked for while
        the model is still being built, it runs right after the build."""
        if self.trace_requested:
            return
        self.trace_requested = True
        self._send(cmd.TraceNext())
        if self.state != EngineState.BUILDING:
            self._on_state(out.StateReported(self.generation, EngineState.TRACING))
        self.events.emit(ev.TracingStarted(self.run.steps + 1))

    def move(self, move: CursorMove) -> None:
        """Move the cursor. Without a trace of this model (or while training: a break) the
        move waits for a fresh trace of the next step."""
        fresh_trace_coming = self.trace_requested or self.state == EngineState.RUNNING
        if self.traced is not None and not fresh_trace_coming:
            self._move_now(move)
            return
        self.pending_moves.append(move)
        self.trace_now()

    # The debugger's moves; each waits for a trace when there is none (see move()).
    step_into = _mover(Move.STEP_INTO)
    step_over = _mover(Move.STEP_OVER)
    step_out = _mover(Move.STEP_OUT)
    step_back = _mover(Move.BACK)
    forward_op = _mover(Move.FORWARD_OP)
    run_to_end = _mover(Move.TO_END)

    def seek(self, position: int) -> None:
        if self.traced is not None:
            self._move_now(CursorMove(Move.SEEK, position))

    def _move_now(self, move: CursorMove) -> None:
        self.traced.apply(move, self.expanded)
        self._cursor_moved()

    def _cursor_moved(self) -> None:
        traced = self.traced
        self.events.emit(ev.CursorMoved(traced.position, traced.current_node()))
        if self.follow_cursor:
            self.events.emit(ev.SelectionChanged(None, True))

    @property
    def position(self) -> Position | None:
        return self.traced.position if self.traced is not None else None

    # ------------------------------------------------------------------ selection, graph

    def select(self, node_id: str | None) -> None:
        """A click: the Inspector shows this node; the cursor stays where it is."""
        self.selection, self.follow_cursor = node_id, node_id is None
        self.events.emit(ev.SelectionChanged(node_id, self.follow_cursor))

    def set_follow_cursor(self, on: bool) -> None:
        self.follow_cursor = bool(on)
        if on:
            self.selection = None
        self.events.emit(ev.SelectionChanged(self.selection, self.follow_cursor))

    def inspected_node(self) -> str | None:
        """The node the Inspector shows: the selection, or the cursor's node when following."""
        if self.traced is None:
            return None
        return self.traced.current_node() if self.follow_cursor else self.selection

    def expand(self, module: str) -> None:
        if module not in self.expanded:
            self._set_expanded(self.expanded | {module}, module)

    def collapse(self, module: str) -> None:
        if module in self.expanded:
            self._set_expanded(self.expanded - {module}, module)

    def set_expanded(self, modules) -> None:
        self._set_expanded(frozenset(modules), None)

    def _set_expanded(self, expanded: frozenset[str], focus: str | None) -> None:
        self.expanded = frozenset(expanded)
        self.events.emit(ev.ExpansionChanged(self.expanded, focus))

    def search(self, query: str) -> None:
        if query != self.search_query:
            self.search_query = query
            self.events.emit(ev.SearchChanged(query))

    # ------------------------------------------------------------------ derived facts

    def trace_is_stale(self) -> bool:
        """The model has moved on since the traced step (the trace shows the past)."""
        return self.traced is not None and self.run.steps >= self.traced.step

    def trace_label(self) -> str:
        if self.traced is None:
            return ""
        if self.trace_is_stale():
            return translate("session", "step {step} (model now at step {now})").format(
                step=self.traced.step, now=self.run.steps)
        return translate("session", "step {step}").format(step=self.traced.step)

    def status_line(self) -> str:
        return status_line(self)

    # ------------------------------------------------------------------ engine outputs

    def handle(self, output: out.EngineOutput) -> None:
        """One output of the engine loop; outputs of a replaced model are dropped."""
        if isinstance(output, (out.FileProgressed, out.FileTaskEnded)):  # of any generation
            self._on_file_output(output)
            return
        pending = self.pending_load
        if pending is not None and output.generation == pending.generation:
            if isinstance(output, out.BuildRefused):
                self.pending_load = None
                self.events.emit(ev.SpecChanged(self.spec))
                if not output.cancelled:  # a cancelled one says so when its task ends
                    self.events.emit(ev.ErrorRaised(output.message, stopped=False))
                return
            self._begin_generation(pending.spec, pending.keep_run, pending.generation)
            self.trace_after_build = pending.source.trace_after
            self.rewinding = pending.source.rewind
            self._announce_generation(pending.spec)
        if output.generation != self.generation:
            return
        handler = _HANDLERS.get(type(output))
        if handler is not None:
            handler(self, output)

    def _on_built(self, output: out.ModelBuilt) -> None:
        self.run.summary = output.summary
        self.events.emit(ev.ModelReady(output.generation, output.summary))
        if getattr(self, "trace_after_build", False):
            self.trace_after_build = False
            self.close_run()
            self.trace_now()

    def _on_recording(self, output: out.RunRecording) -> None:
        self.run.folder = output.folder

    def _on_moved(self, output: out.ModelMoved) -> None:
        self.run.summary = output.summary
        self.events.emit(ev.Notice(translate("session", "The model is now on {device}.").format(
            device=str(output.summary.device))))
        self.events.emit(ev.SpecChanged(self.spec))

    def _on_state(self, output: out.StateReported) -> None:
        previous, self.state = self.state, output.state
        if output.state != previous:
            self.events.emit(ev.EngineStateChanged(output.state))

    def _on_step(self, output: out.StepTrained) -> None:
        self.run.metrics.append(output.record)
        self.events.emit(ev.StepAdded(self.run, output.record))
        if self.probe is not None and output.record.step % self.probe[1] == 0:
            from .attention_summary import PROBE_TEXT
            self.capture_attention(self.probe[0], None, 0, PROBE_TEXT, "probe")

    def _on_stats(self, output: out.StatsSampled) -> None:
        self.run.param_stats.append(output.stats)
        self.events.emit(ev.StatsAdded(self.run, output.stats))

    def _on_attention(self, output: out.AttentionCaptured) -> None:
        self.run.attention.append(output.capture)
        self.events.emit(ev.AttentionAdded(self.run, output.capture))

    def _on_traced(self, output: out.StepTraced) -> None:
        self.trace_requested = False
        first_trace = self.traced is None  # later traces of this model keep the expand state
        self.traced = TracedStep(output.generation, output.step, output.trace)
        if first_trace:
            self.expanded = self.traced.facts.default_expanded
        if self.selection is not None and not _in_trace(self.traced, self.selection):
            self.selection, self.follow_cursor = None, True
        moves, self.pending_moves = self.pending_moves, []
        for move in moves:
            self.traced.apply(move, self.expanded)
        self.events.emit(ev.TraceChanged(self.traced))
        self.events.emit(ev.ExpansionChanged(self.expanded, None))
        self._cursor_moved()
        if not self.follow_cursor:
            self.events.emit(ev.SelectionChanged(self.selection, False))
        self._notice(join_text("", [
            translate("session", "Traced step {step}: {position}. F11 steps on; F5 trains on (the "
                                 "trace stays).").format(step=output.step, position=self.traced.position.text()),
            rewind_note(self.rewinding, output.step, output.trace.loss)]))

    def _on_checked(self, output: out.GradientsChecked) -> None:
        self.events.emit(ev.GradientCheckReady(output.entries))

    def _on_generated(self, output: out.GenerationDone) -> None:
        if output.request == self.generation_request:  # a newer request's answer is coming
            self.events.emit(ev.GenerationFinished(output.result, output.message))

    def _on_failed(self, output: out.EngineFailed) -> None:
        if output.stopped:
            self.pending_moves, self.trace_requested = [], False
            if self.state == EngineState.TRACING:  # the trace it was making will not come
                self._on_state(out.StateReported(self.generation, EngineState.PAUSED))
        self.events.emit(ev.ErrorRaised(output.message, output.stopped))

    def _notice(self, text: str) -> None:
        self.events.emit(ev.Notice(text))


_HANDLERS = {
    out.ModelBuilt: StudioSession._on_built,
    out.ModelMoved: StudioSession._on_moved,
    out.StateReported: StudioSession._on_state,
    out.StepTrained: StudioSession._on_step,
    out.StatsSampled: StudioSession._on_stats,
    out.AttentionCaptured: StudioSession._on_attention,
    out.StepTraced: StudioSession._on_traced,
    out.GradientsChecked: StudioSession._on_checked,
    out.GenerationDone: StudioSession._on_generated,
    out.EngineFailed: StudioSession._on_failed,
    out.RunRecording: StudioSession._on_recording,
    out.CheckpointSaved: StudioSession._on_saved,
}


def _replace(spec: ScenarioSpec, **changes) -> ScenarioSpec:
    import dataclasses
    return dataclasses.replace(spec, **changes)


def _in_trace(traced: TracedStep, node_id: str) -> bool:
    trace = traced.trace
    return node_id in trace.forward_graph or node_id in trace.backward_graph
