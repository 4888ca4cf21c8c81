"""The one adapter between the engine's session and Qt.

- The engine loop (engine/session/engine_loop.py) runs in a ThreadWorker; its outputs arrive
  in the GUI thread and go to `session.handle()`.
- Every session event is re-emitted as a Qt signal named after its type and carrying the
  record (ModelRebuilding -> modelRebuilding(ModelRebuilding), ...). Views connect to these
  and read the session; nothing else turns engine data into signals.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, Signal

from engine.session import events as ev
from engine.session.engine_loop import EngineLoop
from engine.session.file_tasks import Job, JobResult, Outcome
from engine.session.session import StudioSession
from engine.session.spec import ScenarioSpec
from gui.worker import ThreadWorker


ENGINE_JOB = QT_TRANSLATE_NOOP("ThreadWorker", "engine")  # as errors name it
FILE_JOB = QT_TRANSLATE_NOOP("ThreadWorker", "reading files")


def signal_name(event_type: type) -> str:
    """ModelRebuilding -> "modelRebuilding"."""
    name = event_type.__name__
    return name[0].lower() + name[1:]


class SessionAdapter(QObject):
    modelRebuilding = Signal(ev.ModelRebuilding)
    modelReady = Signal(ev.ModelReady)
    specChanged = Signal(ev.SpecChanged)
    engineStateChanged = Signal(ev.EngineStateChanged)
    stepAdded = Signal(ev.StepAdded)
    statsAdded = Signal(ev.StatsAdded)
    attentionAdded = Signal(ev.AttentionAdded)
    generationFinished = Signal(ev.GenerationFinished)
    tracingStarted = Signal(ev.TracingStarted)
    traceChanged = Signal(ev.TraceChanged)
    cursorMoved = Signal(ev.CursorMoved)
    selectionChanged = Signal(ev.SelectionChanged)
    expansionChanged = Signal(ev.ExpansionChanged)
    searchChanged = Signal(ev.SearchChanged)
    rebuildQuestion = Signal(ev.RebuildQuestion)
    gradientCheckReady = Signal(ev.GradientCheckReady)
    notice = Signal(ev.Notice)
    errorRaised = Signal(ev.ErrorRaised)
    runOpened = Signal(ev.RunOpened)
    runScrubbed = Signal(ev.RunScrubbed)
    runGrew = Signal(ev.RunGrew)
    runClosed = Signal(ev.RunClosed)
    overlaysChanged = Signal(ev.OverlaysChanged)
    fileTaskStarted = Signal(ev.FileTaskStarted)
    fileTaskProgressed = Signal(ev.FileTaskProgressed)
    fileTaskFinished = Signal(ev.FileTaskFinished)

    def __init__(self, spec: ScenarioSpec | None = None,
                 scenario_factory: Callable[[ScenarioSpec], Any] | None = None,
                 param_stats_every: int = 10, record_runs: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        from engine.runs.storage import runs_root
        # one core stays with the GUI thread: the window answers and torch does not thrash
        self.loop = EngineLoop(scenario_factory, param_stats_every=param_stats_every,
                               runs_root=runs_root() if record_runs else None, spare_cores=1)
        self.session = StudioSession(self.loop.send, spec)
        self.session.events.subscribe(self._relay)
        self.session.job_runner = self.run_job  # a file task's reading leaves the GUI thread
        self._worker: ThreadWorker | None = None
        self._starting = False

    def _relay(self, event: object) -> None:
        getattr(self, signal_name(type(event))).emit(event)

    def start(self, thread_after_events: bool = False) -> None:
        """Build the first model: queue the build and start the engine thread, at once or
        (thread_after_events) on the event loop's next turn; never after a shutdown."""
        if self._worker is not None or self._starting:
            return
        self._starting = True
        self.session.start()
        if thread_after_events:
            QTimer.singleShot(0, self._start_thread)
        else:
            self._start_thread()

    def _start_thread(self) -> None:
        if self._worker is not None or self.loop.shutdown_requested:
            return
        self._worker = ThreadWorker(self.loop.outputs, name=ENGINE_JOB)
        self._worker.yielded.connect(self.session.handle)
        self.loop.publish = self._worker.report  # a file action's progress, while it runs
        self._worker.errored.connect(lambda text: self.session.events.emit(ev.ErrorRaised(text)))
        self._worker.start()

    def run_job(self, job: Job) -> None:
        """A file task's reading (open a run, import scalars) on its own worker thread; its
        progress and result come back to the session in this thread."""
        worker = ThreadWorker(lambda: job.run(worker.report), name=FILE_JOB)
        worker.yielded.connect(self.session.handle)
        worker.returned.connect(lambda result: self.session.finish_job(job, result))
        worker.errored.connect(lambda text: self.session.finish_job(
            job, JobResult(Outcome.FAILED, message=text)))
        worker.start()

    def is_running(self) -> bool:
        return self._worker is not None and self._worker.is_running()

    def shutdown(self, timeout_s: float = 2.0) -> bool:
        """Stop the engine loop at its next step boundary and join its thread."""
        from engine.session.commands import Shutdown

        self.loop.send(Shutdown())
        if self._worker is None:
            return True
        self._worker.abort()
        return self._worker.join(timeout_s)


# Every session event type and the signal that carries it (tests check the two agree).
EVENT_SIGNALS = {t: signal_name(t) for t in ev.SessionEvent.__args__}
