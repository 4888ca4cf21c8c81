"""The engine loop: owns the model, trains it, traces it, answers commands between steps.

Plain Python, no Qt. `outputs()` is a generator run by one worker thread (gui/worker.py in
the app, a plain loop in tests); it takes commands from a queue *between* optimizer steps,
so pause, break and shutdown take effect at the next step boundary, and it yields detached
CPU records (engine/session/outputs.py) tagged with the model generation.
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
from .engine_messages import is_out_of_memory, non_finite_message, plain_message
from .outputs import (AttentionCaptured, EngineFailed, EngineOutput, ModelBuilt, ModelMoved,
                      StateReported, StatsSampled, StepTraced, StepTrained)
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


class EngineLoop:
    def __init__(self, scenario_factory: ScenarioFactory | None = None, param_stats_every: int = 10,
                 spare_cores: int = 0):
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
            return []
        try:
            if command is not None:
                self._handle(command)
            elif self._running:
                self._train_one()
        except Exception as exc:  # noqa: BLE001 - the loop must outlive any bug
            self._fail(exc, f"handling {type(command).__name__ if command else 'training'}")
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
        elif self.scenario is None:
            if not isinstance(command, cmd.Pause):
                self._report("There is no model yet; press Reset to build it.", stopped=True)
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
        elif isinstance(command, cmd.MoveTo):
            self._move(command.device)

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
                message += f" Details: {path}"
        self._report(message, stopped)

    def _build(self, command: cmd.Build) -> None:
        self._running = False
        self.generation = command.generation
        self.scenario, self._recorder = None, None
        self._set_state(EngineState.BUILDING)
        try:
            self.scenario = self._factory(command.spec)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message
            self._fail(exc, "building the model")
            return
        try:
            from ..probes.param_stats import ParamStatsRecorder
            self._recorder = ParamStatsRecorder(self.scenario.model, every=self._param_stats_every)
        except Exception as exc:  # noqa: BLE001 - training works without the statistics
            self._fail(exc, "setting up the gradient statistics", stopped=False,
                       advice="Training works without them.")
        self._emit(ModelBuilt(self.generation, self._summary()))
        self._set_state(EngineState.IDLE)

    def _summary(self) -> Any:
        from ..model_summary import summarize_model
        return summarize_model(self.scenario)

    def _move(self, device: str) -> None:
        try:
            self.scenario.to_device(device)
        except Exception as exc:  # noqa: BLE001 - the device is checked before anything moves
            self._fail(exc, f"moving the model to {device}", stopped=False,
                       advice="The model stays where it was.")
            return
        self._emit(ModelMoved(self.generation, self._summary()))

    # ------------------------------------------------------------------ work

    def _train_one(self) -> bool:
        """One optimizer step; False (and paused) on an error or a non-finite loss."""
        scenario = self.scenario
        try:
            if self._recorder is not None:
                self._recorder.before_step()
            record = scenario.train_step()
            stats = None
            if self._recorder is not None:  # gradient norms from clipping are reused
                stats = self._recorder.after_step(
                    record.step, grad_norms=getattr(scenario, "last_param_grad_norms", None))
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, f"training step {scenario.step + 1}")
            return False
        self._emit(StepTrained(self.generation, record))
        if stats is not None:
            self._emit(StatsSampled(self.generation, stats))
        for what, value in (("loss", record.loss), ("gradient norm", record.grad_norm)):
            if not math.isfinite(value):
                self._report(non_finite_message(what, value, record.step + 1), stopped=True)
                return False
        return True

    def _trace(self) -> None:
        """A break: stop training here and trace the step the model would take next."""
        self._running = False
        self._set_state(EngineState.TRACING)
        step = int(self.scenario.step) + 1
        try:
            from ..tracing.trace_step import trace_scenario
            trace = trace_scenario(self.scenario)
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, f"tracing step {step}")
            return
        self._set_state(EngineState.PAUSED)  # first: views see a paused engine with the trace
        self._emit(StepTraced(self.generation, step, trace))

    def _capture_attention(self, command: cmd.CaptureAttention) -> None:
        try:
            from ..probes.attention import capture_attention_on_next_batch
            heads = list(command.heads) if command.heads is not None else None
            capture = capture_attention_on_next_batch(self.scenario, command.layer, heads,
                                                      command.sample)
        except Exception as exc:  # noqa: BLE001 - a bad request must not stop training
            self._fail(exc, "capturing attention", stopped=False, advice="Training goes on.")
            return
        self._emit(AttentionCaptured(self.generation, capture))
