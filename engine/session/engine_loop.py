"""The engine loop: owns the model, trains it, traces it, answers commands between steps.

Plain Python, no Qt. `outputs()` is a generator run by one worker thread (gui/worker.py in
the app, a plain loop in tests); it takes commands from a queue *between* optimizer steps,
so pause, break and shutdown take effect at the next step boundary, and it yields detached
CPU records (engine/session/outputs.py) tagged with the model generation. File actions
(engine_files.py) are commands too; their progress leaves through `publish` while they run.
"""
from __future__ import annotations

import logging
import math
import os
import queue
from typing import Any, Callable, Iterator

import torch

from . import commands as cmd
from ..errors import ConfigError, UserError
from ..text import join_text, message_of, translate
from .engine_messages import first_bad_op_text, is_out_of_memory, non_finite_message, plain_message
from .outputs import (AttentionCaptured, EngineFailed, EngineOutput,
                      GenerationDone, GradientsChecked, ModelBuilt, ModelMoved, RunRecording,
                      StateReported, StatsSampled, StepTraced, StepTrained)
from .engine_files import FileCommands
from .run_recording import RunRecording as Recording
from .spec import EngineState, ScenarioSpec

log = logging.getLogger(__name__)
ScenarioFactory = Callable[[ScenarioSpec], Any]
IDLE_POLL_S = 0.25


def limit_intra_op_threads(spare_cores: int) -> None:
    """Leave `spare_cores` cores to other threads (the app's GUI thread). On a 2-core machine
    two torch threads racing the GUI thread for two cores ran nano steps 3-4x slower than
    one thread does (measured: tests/benchmarks/app_throughput.py)."""
    if spare_cores <= 0:
        return
    cores = os.cpu_count() or 1
    torch.set_num_threads(max(1, min(torch.get_num_threads(), cores - spare_cores)))


def build_scenario(spec: ScenarioSpec) -> Any:
    from ..scenarios import make_scenario

    return make_scenario(spec.key.value, gpt_config=spec.gpt_config,
                         train_config=spec.train_config, device=spec.device)


class EngineLoop(FileCommands):
    def __init__(self, scenario_factory: ScenarioFactory | None = None, param_stats_every: int = 10,
                 runs_root=None, spare_cores: int = 0):
        """`runs_root`: record every generation's run in a folder there (None: no recording).
        `spare_cores`: cores torch leaves to other threads (the GUI's)."""
        self.commands: queue.Queue[cmd.Command] = queue.Queue()
        self._factory = scenario_factory or build_scenario
        self._param_stats_every = max(1, int(param_stats_every))
        self.scenario: Any = None
        self.generation = 0
        self.state = EngineState.BUILDING
        self._running = False
        self._recorder: Any = None
        self._out: list[EngineOutput] = []
        self.shut_down = False
        self.recording = Recording(runs_root)
        self._shutdown_requested = False  # set by send(Shutdown()): it jumps the queue
        self._spare_cores = max(0, int(spare_cores))  # cores torch leaves to other threads

    # ------------------------------------------------------------------ driving

    def send(self, command: cmd.Command) -> None:
        """Thread-safe: queue a command for the next step boundary. Shutdown does not wait
        behind queued commands (builds, steps, traces): it is next, whatever is queued."""
        if isinstance(command, cmd.Shutdown):
            self._shutdown_requested = True  # a bool store: atomic under the GIL
        self.commands.put(command)

    @property
    def shutdown_requested(self) -> bool:
        return self._shutdown_requested

    def outputs(self) -> Iterator[EngineOutput]:
        """Run until Shutdown; yield every output as soon as it exists."""
        limit_intra_op_threads(self._spare_cores)
        self._record(self.recording.prune())  # at start, in this thread: it walks the disk
        yield from self._drain()
        while not self.shut_down:
            yield from self.run_once(timeout_s=IDLE_POLL_S)

    def run_once(self, timeout_s: float = 0.0) -> list[EngineOutput]:
        """Carry out one queued command (waiting up to `timeout_s` for one when not
        training), or train one step when running and no command waits. Returns the outputs."""
        try:
            command = (self.commands.get_nowait() if self._running or timeout_s <= 0
                       else self.commands.get(timeout=timeout_s))
        except queue.Empty:
            command = None
        if self._shutdown_requested or isinstance(command, cmd.Shutdown):
            self._running = False
            self.shut_down = True
            self.recording.close()
            return []
        try:
            if command is not None:
                self._handle(command)
            elif self._running:
                self._train_one()
            else:
                self._record(self.recording.idle())
        except Exception as exc:  # noqa: BLE001 - the loop must outlive any bug
            self._fail(exc, translate("engine", "handling {command}").format(command=type(command).__name__)
                       if command else translate("engine", "training"))
        return list(self._drain())

    def _drain(self) -> Iterator[EngineOutput]:
        out, self._out = self._out, []
        yield from out

    def _emit(self, output: EngineOutput) -> None:
        self._out.append(output)

    def _set_state(self, state: EngineState) -> None:
        if state != self.state:
            self.state = state
            self._emit(StateReported(self.generation, state))

    # ------------------------------------------------------------------ commands

    def _handle(self, command: cmd.Command) -> None:
        if isinstance(command, cmd.Build):
            self._build(command)
        elif isinstance(command, cmd.Generate):
            self._generate(command)
        elif self.scenario is None:
            if not isinstance(command, cmd.Pause):
                self._report(translate("engine", "There is no model yet; press Reset to build it."), stopped=True)
        elif isinstance(command, cmd.Run):
            self._running = True
            self._set_state(EngineState.RUNNING)
        elif isinstance(command, cmd.Pause):
            self._pause()
        elif isinstance(command, cmd.StepOnce):
            self._running = False
            if self._train_one():
                self._set_state(EngineState.PAUSED)
        elif isinstance(command, cmd.TraceNext):
            self._trace()
        elif isinstance(command, cmd.CaptureAttention):
            self._capture_attention(command)
        elif isinstance(command, cmd.SetExample):
            self._set_example(command)
        elif isinstance(command, cmd.CheckGradients):
            self._check_gradients()
        elif isinstance(command, cmd.MoveTo):
            self._move(command.device)
        elif isinstance(command, cmd.SaveCheckpoint):
            self._save_checkpoint(command)

    def _pause(self) -> None:
        if self._running or self.state == EngineState.RUNNING:
            self._running = False
            self._set_state(EngineState.PAUSED)

    def _report(self, message: str, stopped: bool) -> None:
        if stopped:
            self._running = False
            self._set_state(EngineState.ERROR if self.scenario is None else EngineState.PAUSED)
        self._emit(EngineFailed(self.generation, message, stopped))

    def _fail(self, exc: BaseException, doing: str, stopped: bool = True, advice: str = "") -> None:
        log.debug("engine error while %s", doing, exc_info=exc)
        device = str(getattr(self.scenario, "device", "") or "")
        if is_out_of_memory(exc) and torch.cuda.is_available():
            torch.cuda.empty_cache()
        message = plain_message(exc, doing, device, advice)
        if not (is_out_of_memory(exc) or isinstance(exc, (UserError, ConfigError, ValueError))):
            from ..crash_log import write_crash_log  # unexpected: keep the traceback for a report
            path = write_crash_log(exc, f"engine loop, while {doing}")
            if path is not None:
                message = join_text(" ", [message, translate("engine", "Details: {path}").format(path=str(path))])
        self._report(message, stopped)

    def _build(self, command: cmd.Build) -> None:
        if command.source is not None:
            self._build_from(command)
            return
        self._running = False
        self.generation = command.generation
        self.scenario, self._recorder = None, None
        self.recording.close()
        self._set_state(EngineState.BUILDING)
        try:
            self.scenario = self._factory(command.spec)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message
            self._fail(exc, translate("engine", "building the model"))
            return
        self._install(command)

    def _install(self, command: cmd.Build) -> None:
        """The new scenario is in place: statistics, the run's folder, ModelBuilt."""
        try:
            from ..probes.param_stats import ParamStatsRecorder
            self._recorder = ParamStatsRecorder(self.scenario.model, every=self._param_stats_every)
        except Exception as exc:  # noqa: BLE001 - training works without the statistics
            self._fail(exc, translate("engine", "setting up the gradient statistics"), stopped=False,
                       advice=translate("engine", "Training works without them."))
        source = command.source.label or command.source.path if command.source else ""
        self._record(self.recording.start(command.spec, source, self.scenario))
        if self.recording.folder is not None:
            self._emit(RunRecording(self.generation, str(self.recording.folder)))
        self._emit(ModelBuilt(self.generation, self._summary()))
        self._set_state(EngineState.IDLE)

    def _record(self, problem: str | None) -> None:
        if problem:
            self._emit(EngineFailed(self.generation, problem, stopped=False))

    def _summary(self) -> Any:
        from ..model_summary import summarize_model
        return summarize_model(self.scenario)

    def _move(self, device: str) -> None:
        try:
            self.scenario.to_device(device)
        except Exception as exc:  # noqa: BLE001 - the device is checked before anything moves
            self._fail(exc, translate("engine", "moving the model to {device}").format(device=str(device)),
                       stopped=False, advice=translate("engine", "The model stays where it was."))
            return
        self._emit(ModelMoved(self.generation, self._summary()))

    # ------------------------------------------------------------------ work

    def _train_one(self) -> bool:
        """One optimizer step; False (and paused) on an error or a non-finite loss."""
        scenario = self.scenario
        self._record(self.recording.before_step(scenario))  # a checkpoint, at chosen steps
        try:
            if self._recorder is not None:
                self._recorder.before_step()
            record = scenario.train_step()
            stats = None
            if self._recorder is not None:  # gradient norms from clipping are reused
                stats = self._recorder.after_step(
                    record.step, grad_norms=getattr(scenario, "last_param_grad_norms", None))
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, translate("engine", "training step {step}").format(step=scenario.step + 1))
            return False
        self._emit(StepTrained(self.generation, record))
        self._record(self.recording.step(record, getattr(getattr(scenario, "trainer", None),
                                                         "last_batch_starts", None)))
        if stats is not None:
            self._emit(StatsSampled(self.generation, stats))
            self._record(self.recording.stats(stats))
        for what, value in ((translate("engine", "loss"), record.loss),
                            (translate("engine", "gradient norm"), record.grad_norm)):
            if not math.isfinite(value):
                message = non_finite_message(what, value, record.step + 1)
                bad_op = self._first_bad_op()
                self._report(join_text(" ", [message, bad_op]) if bad_op else message, stopped=True)
                return False
        return True

    def _first_bad_op(self) -> str:
        """Trace the step again (the weights did not change) and name the first op whose
        output was NaN or Inf; the trace goes to the session, so the graph shows it."""
        from ..tracing.trace_step import trace_scenario
        from .gradient_health import first_non_finite_op
        step = int(self.scenario.step) + 1
        try:
            trace = trace_scenario(self.scenario)
        except Exception as exc:  # noqa: BLE001 - the message above still stands
            log.debug("could not trace the failing step", exc_info=exc)
            return ""
        found = first_non_finite_op(trace)
        self._emit(StepTraced(self.generation, step, trace))
        return first_bad_op_text(found, len(trace.forward_ops))

    def _trace(self) -> None:
        """A break: stop training here and trace the step the model would take next."""
        self._running = False
        self._set_state(EngineState.TRACING)
        step = int(self.scenario.step) + 1
        try:
            from ..tracing.trace_step import trace_scenario
            trace = trace_scenario(self.scenario)
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, translate("engine", "tracing step {step}").format(step=step))
            return
        self._set_state(EngineState.PAUSED)  # first: views see a paused engine with the trace
        self._emit(StepTraced(self.generation, step, trace))

    def _set_example(self, command: cmd.SetExample) -> None:
        """Autograd basics with the learner's own x, y, w, b: set them, then trace again."""
        if not hasattr(self.scenario, "set_values"):
            self._report(translate("engine", "Only the Autograd basics example has x, y, w and b to edit."),
                         stopped=True)
            return
        try:
            self.scenario.set_values(x=command.x, y=command.y, w=command.w, b=command.b)
        except ValueError as exc:  # y outside [0, 1]: the values stay as they were
            self._report(message_of(exc), stopped=True)
            return
        self._trace()

    def _check_gradients(self) -> None:
        from .gradient_check import check_scenario_gradients
        try:
            entries = check_scenario_gradients(self.scenario)
        except ValueError as exc:  # a model too big for a quick check
            self._report(message_of(exc), stopped=False)
            return
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, translate("engine", "checking gradients"), stopped=False,
                       advice=translate("engine", "Training goes on."))
            return
        self._emit(GradientsChecked(self.generation, entries))

    def _capture_attention(self, command: cmd.CaptureAttention) -> None:
        try:
            from ..probes.attention import capture_attention_on_next_batch, capture_attention_on_tokens
            heads = list(command.heads) if command.heads is not None else None
            if command.text is not None:
                from ..tokenizer import encode
                capture = capture_attention_on_tokens(self.scenario, encode(command.text),
                                                      command.layer, heads, command.source)
            else:
                capture = capture_attention_on_next_batch(self.scenario, command.layer, heads,
                                                          command.sample)
        except Exception as exc:  # noqa: BLE001 - a bad request must not stop training
            self._fail(exc, translate("engine", "capturing attention"), stopped=False,
                       advice=translate("engine", "Training goes on."))
            return
        self._emit(AttentionCaptured(self.generation, capture))
        self._record(self.recording.attention(capture))

    def _generate(self, command: cmd.Generate) -> None:
        """Between two steps: continue the prompt; the model's training state is left as it was."""
        scenario = self.scenario
        model = getattr(scenario, "model", None)
        if scenario is None or getattr(scenario, "key", "") != "gpt" or model is None:
            self._emit(GenerationDone(self.generation, command.request, None,
                                      translate("engine", "Generation needs a built GPT model (the GPT "
                                                          "pretraining scenario).")))
            return
        try:
            from ..learn.next_token import generate_with_probabilities
            from ..generate import _context_size
            result = generate_with_probabilities(model, command.prompt, command.settings,
                                                 _context_size(model), step=int(scenario.step))
        except Exception as exc:  # noqa: BLE001 - a failed generation must not stop training
            log.debug("generation failed", exc_info=exc)
            message = plain_message(exc, translate("engine", "generating text"),
                                    str(getattr(scenario, "device", "")), translate("engine", "Training goes on."))
            self._emit(GenerationDone(self.generation, command.request, None, message))
            return
        self._emit(GenerationDone(self.generation, command.request, result))
