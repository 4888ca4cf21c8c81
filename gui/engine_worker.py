"""The only bridge from the engine to Qt: training runs in its own QThread.

Two objects:
- _EngineLoop lives in the QThread (moved there, no parent). Its loop trains and takes
  commands from a queue between optimizer steps: a long loop inside a slot starves the
  thread's event loop, so a queued "stop" slot would never run; a queue checked between
  steps does not depend on it.
- EngineWorker lives in the GUI thread. Its command methods (run, pause, step, ...) only put a
  command on that queue, so they never block; its signals re-emit the loop's signals in the
  GUI thread, so anything connected to them (lambdas and pytest-qt's waiters included) runs
  where widgets may be touched.

Everything emitted is detached CPU data (StepMetrics, ParamStats, TraceResult, dicts, numpy).
"""
from __future__ import annotations

import logging
import math
import queue
import threading
from typing import Any, Callable

import torch
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from engine.config import ConfigError, GPTConfig, TrainConfig
from engine.errors import UserError
from engine.presets import DEFAULT_PRESET, get_preset

log = logging.getLogger(__name__)

IDLE, RUNNING, PAUSED, STOPPED, ERROR = "idle", "running", "paused", "stopped", "error"


def is_out_of_memory(exc: BaseException) -> bool:
    oom_type = getattr(torch, "OutOfMemoryError", None)
    if oom_type is not None and isinstance(exc, oom_type):
        return True
    return isinstance(exc, (RuntimeError, MemoryError)) and (
        isinstance(exc, MemoryError) or "out of memory" in str(exc).lower())


def plain_message(exc: BaseException, doing: str, device: str = "") -> str:
    """One or two sentences a learner can act on; never a traceback."""
    if is_out_of_memory(exc):
        where = f" on {device}" if device else ""
        return (f"Ran out of memory{where} while {doing}. Choose a smaller preset (nano or micro), "
                f"a smaller batch size or context, or another device, then press Reset.")
    messages = exc.messages() if isinstance(exc, UserError) else None
    if messages:
        return f"Could not finish {doing}: " + " ".join(messages)
    text = str(exc).strip() or type(exc).__name__
    return f"The engine stopped while {doing}: {text} ({type(exc).__name__}). Press Reset to start over."


def model_summary(scenario: Any, gpt_config: GPTConfig | None) -> dict:
    model = scenario.model
    n_params = sum(p.numel() for p in model.parameters())  # metadata only: no device sync
    summary = {
        "key": scenario.key,
        "title": scenario.title,
        "device": str(scenario.device),
        "model": type(model).__name__,
        "parameters": int(n_params),
        "step": int(scenario.step),
        "tokens_seen": int(scenario.tokens_seen),
    }
    if scenario.key == "gpt":
        cfg = getattr(model, "cfg", None) or gpt_config
        summary["config"] = cfg.to_dict() if cfg is not None else None
    return summary


def _default_factory(key, gpt_config=None, train_config=None, device="auto"):
    from engine.scenarios import make_scenario
    return make_scenario(key, gpt_config=gpt_config, train_config=train_config, device=device)


class _EngineLoop(QObject):
    """Owns the scenario; every method below runs in the engine thread."""

    stateChanged = Signal(str)
    stepMetrics = Signal(object)
    paramStats = Signal(object)
    attentionCaptured = Signal(object)
    traceReady = Signal(object)
    scenarioReady = Signal(object)
    errorOccurred = Signal(str)

    def __init__(self, scenario: str, preset: str, device: str, train_config: TrainConfig | None,
                 param_stats_every: int, scenario_factory: Callable[..., Any] | None):
        super().__init__()  # no parent: a QObject with a parent cannot move to another thread
        self._key = scenario
        self._gpt_config = get_preset(preset)
        self._train_config = train_config
        self._device = device
        self._param_stats_every = max(1, int(param_stats_every))
        self._factory = scenario_factory or _default_factory
        self.commands: queue.Queue = queue.Queue()
        self.shutdown = threading.Event()
        self.state = IDLE  # written only by this thread; a str read from others is safe
        self._running = False
        self._recorder = None
        self.scenario = None

    # ------------------------------------------------------------------ the loop (worker thread)

    def run_loop(self) -> None:
        try:
            self._build("built")
            while not self.shutdown.is_set():
                try:
                    command = (self.commands.get_nowait() if self._running
                               else self.commands.get(timeout=0.25))
                except queue.Empty:
                    command = None
                if self.shutdown.is_set():
                    break
                try:
                    if command is not None:
                        self._handle(command)
                    elif self._running:
                        self._train_one()
                except Exception as exc:  # noqa: BLE001 - the loop must outlive any bug
                    self._fail(exc, f"handling '{command[0] if command else 'train'}'")
        finally:
            self._running = False
            # Hand the object back to the GUI thread so it can be deleted there.
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())

    def _handle(self, command: tuple) -> None:
        name, *args = command
        if name == "wake":
            return
        if name == "run":
            if self.scenario is None:
                self._error("There is no model to train yet; press Reset to build it.")
                return
            self._running = True
            self._set_state(RUNNING)
        elif name == "pause":
            if self._running or self.state == RUNNING:
                self._running = False
                self._set_state(PAUSED)
        elif name == "stop":
            self._running = False
            self._set_state(STOPPED)
        elif name == "step":
            self._running = False
            if self.scenario is None:
                self._error("There is no model to train yet; press Reset to build it.")
                return
            if self._train_one():
                self._set_state(PAUSED)
        elif name == "trace":
            self._trace()
        elif name == "attention":
            self._attention(*args)
        elif name == "reset":
            self._running = False
            self._build("built")
        elif name == "config":
            gpt_cfg, train_cfg = args
            if gpt_cfg is not None:
                self._gpt_config = gpt_cfg
            if train_cfg is not None:
                self._train_config = train_cfg
            self._running = False
            self._build("built")
        elif name == "scenario":
            self._key = args[0]
            self._running = False
            self._build("built")
        elif name == "preset":
            try:
                self._gpt_config = get_preset(args[0])
            except ConfigError as exc:
                self._error(" ".join(exc.messages()))
                return
            self._running = False
            if self._key == "gpt":
                self._build("built")
        elif name == "device":
            self._move(args[0])

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    def _error(self, message: str) -> None:
        self._running = False
        self._set_state(ERROR)
        self.errorOccurred.emit(message)

    def _fail(self, exc: BaseException, doing: str) -> None:
        log.debug("engine error while %s", doing, exc_info=exc)
        device = str(getattr(self.scenario, "device", "") or self._device)
        if is_out_of_memory(exc) and torch.cuda.is_available():
            torch.cuda.empty_cache()
        self._error(plain_message(exc, doing, device))

    def _build(self, reason: str) -> None:
        self.scenario = None
        self._recorder = None
        try:
            gpt_cfg = self._gpt_config if self._key == "gpt" else None
            self.scenario = self._factory(self._key, gpt_config=gpt_cfg,
                                          train_config=self._train_config, device=self._device)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message
            self.scenario = None
            self._fail(exc, "building the model")
            return
        try:
            self._recorder = self._make_recorder()
        except Exception as exc:  # noqa: BLE001 - training works without the statistics
            log.debug("no parameter statistics", exc_info=exc)
            self.errorOccurred.emit(plain_message(exc, "setting up the gradient statistics")
                                    .replace("Press Reset to start over.", "Training works without them."))
        self.scenarioReady.emit({**model_summary(self.scenario, self._gpt_config), "reason": reason})
        self._set_state(IDLE)

    def _make_recorder(self):
        from engine.tracing.param_stats import ParamStatsRecorder
        return ParamStatsRecorder(self.scenario.model, every=self._param_stats_every)

    def _move(self, device: str) -> None:
        if self.scenario is None:
            self._device = device
            self._build("built")
            return
        running = self._running
        try:
            self.scenario.to_device(device)
        except Exception as exc:  # noqa: BLE001
            # The device name is checked before anything moves: the model stays usable.
            log.debug("device move failed", exc_info=exc)
            self.errorOccurred.emit(plain_message(exc, f"moving the model to {device}"))
            return
        self._device = device
        self.scenarioReady.emit({**model_summary(self.scenario, self._gpt_config), "reason": "device"})
        self._running = running

    def _train_one(self) -> bool:
        """One optimizer step; False (and stopped) on an error or a non-finite loss."""
        scenario = self.scenario
        try:
            if self._recorder is not None:
                self._recorder.before_step()
            metrics = scenario.train_step()
            stats = None
            if self._recorder is not None:  # gradient norms from clipping are reused, not recomputed
                stats = self._recorder.after_step(
                    metrics.step, grad_norms=getattr(scenario, "last_param_grad_norms", None))
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, f"training step {scenario.step + 1}")
            return False
        self.stepMetrics.emit(metrics)
        if stats is not None:
            self.paramStats.emit(stats)
        bad = [(what, value) for what, value in (("loss", metrics.loss), ("gradient norm", metrics.grad_norm))
               if not math.isfinite(value)]
        if bad:
            what, value = bad[0]
            self._running = False
            self._set_state(PAUSED)
            self.errorOccurred.emit(
                f"The {what} became {value} on step {metrics.step + 1}, so that update was skipped "
                f"and training paused. Lower the learning rate, or press Reset to start over.")
            return False
        return True

    def _trace(self) -> None:
        if self.scenario is None:
            self._error("There is no model to trace yet; press Reset to build it.")
            return
        try:
            from engine.tracing.trace_step import trace_scenario
            trace = trace_scenario(self.scenario)
        except Exception as exc:  # noqa: BLE001
            self._fail(exc, "tracing the training step")
            return
        self.traceReady.emit(trace)

    def _attention(self, layer: int, heads: list[int] | None, sample: int) -> None:
        """Attention weights of one layer on the next training batch (eval mode, no grad)."""
        scenario = self.scenario
        if scenario is None or scenario.key != "gpt":
            self.errorOccurred.emit("Attention maps exist only in the GPT pretraining scenario.")
            return
        try:
            from engine.tracing.attention import capture_attention
            inputs, _ = scenario.batch()
            model = scenario.model
            was_training = model.training
            model.eval()  # no dropout: the map shows what the model computes
            try:
                with torch.no_grad(), capture_attention(model, [layer], heads, sample=sample) as capturer:
                    model(inputs)
            finally:
                model.train(was_training)
            payload = {"layer": layer, "heads": capturer.heads, "sample": sample,
                       "weights": capturer.weights[layer],  # (len(heads), T', T') numpy
                       "pool_factor": capturer.factor,
                       "tokens": inputs[sample].tolist()}  # one small transfer
        except Exception as exc:  # noqa: BLE001 - a bad request must not stop training
            log.debug("attention capture failed", exc_info=exc)
            self.errorOccurred.emit(plain_message(exc, "capturing attention")
                                    .replace(" Press Reset to start over.", ""))
            return
        self.attentionCaptured.emit(payload)


class EngineWorker(QObject):
    """GUI-thread face of the engine: thread-safe commands, signals delivered in the GUI thread."""

    stateChanged = Signal(str)  # idle, running, paused, stopped, error
    stepMetrics = Signal(object)  # engine.scenarios.StepMetrics
    paramStats = Signal(object)  # engine.tracing.param_stats.ParamStats
    attentionCaptured = Signal(object)  # dict: layer, heads, sample, weights (numpy), tokens
    traceReady = Signal(object)  # engine.tracing.types.TraceResult
    scenarioReady = Signal(object)  # dict from model_summary() plus "reason": built | device
    errorOccurred = Signal(str)  # a plain message

    def __init__(self, scenario: str = "gpt", preset: str = DEFAULT_PRESET, device: str = "auto",
                 train_config: TrainConfig | None = None, param_stats_every: int = 10,
                 scenario_factory: Callable[..., Any] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._loop = _EngineLoop(scenario, preset, device, train_config, param_stats_every,
                                 scenario_factory)
        for name in ("stateChanged", "stepMetrics", "paramStats", "attentionCaptured",
                     "traceReady", "scenarioReady", "errorOccurred"):
            # The receiver lives in the GUI thread, so Qt queues each emission to it.
            getattr(self._loop, name).connect(getattr(self, name))
        self._thread: QThread | None = None

    @property
    def state(self) -> str:
        return self._loop.state

    @property
    def scenario(self):
        """The engine's scenario; touch it from the GUI thread only while the engine is idle."""
        return self._loop.scenario

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Move the loop to a new QThread and start it (it builds the first scenario there)."""
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("EngineWorker")
        self._loop.moveToThread(self._thread)
        self._thread.started.connect(self._loop.run_loop)
        self._thread.start()

    def is_running_thread(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop the loop and join the thread. True when the thread has ended."""
        self._loop.shutdown.set()
        self._loop.commands.put(("wake",))
        if self._thread is None:
            return True
        self._thread.quit()
        return self._thread.wait(timeout_ms) if self._thread.isRunning() else True

    # ------------------------------------------------------------------ commands (never block)

    def _put(self, *command) -> None:
        self._loop.commands.put(command)

    def run(self) -> None:
        self._put("run")

    def pause(self) -> None:
        self._put("pause")

    def step(self) -> None:
        """Exactly one optimizer step, then paused."""
        self._put("step")

    def request_trace(self) -> None:
        """Trace the step the model would take next (forward + backward, no optimizer step)."""
        self._put("trace")

    def request_attention(self, layer: int = 0, heads: list[int] | None = None, sample: int = 0) -> None:
        self._put("attention", layer, heads, sample)

    def stop(self) -> None:
        self._put("stop")

    def reset(self) -> None:
        """Rebuild the current scenario from scratch."""
        self._put("reset")

    def apply_config(self, gpt_cfg: GPTConfig | None, train_cfg: TrainConfig | None) -> None:
        self._put("config", gpt_cfg, train_cfg)

    def set_scenario(self, key: str) -> None:
        self._put("scenario", key)

    def set_preset(self, name: str) -> None:
        self._put("preset", name)

    def set_device(self, name: str) -> None:
        self._put("device", name)
