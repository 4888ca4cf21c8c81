"""One mechanism for every job that leaves the GUI thread (after superqt's thread_worker).

A ThreadWorker runs a function or a generator in its own thread:
- a generator's yields arrive in the GUI thread through `yielded`, in order. The job thread
  only appends to a queue and wakes the GUI at most once per batch, so a fast producer
  (thousands of tiny training steps a second) never floods the event loop;
- a function's return value arrives through `returned`, an exception as one line through
  `errored`; `finished` comes last.
`report(value)`, called from the job thread while a function or a generator step runs, sends
`value` through `yielded` too, in order with the rest (a long file action's progress).
`abort()` sets a flag the generator sees between yields (`worker.aborted`); `join()` waits.
The engine loop and the graph layouts both run this way.
"""
from __future__ import annotations

import collections
import inspect
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

_live: set["ThreadWorker"] = set()  # running workers stay referenced until they finish


class ThreadWorker(QObject):
    yielded = Signal(object)  # one value the generator yielded (its own record type)
    returned = Signal(object)  # the function's return value
    errored = Signal(str)  # what went wrong, in one line
    finished = Signal()
    _wake = Signal()  # job thread -> GUI thread: the queue has values

    def __init__(self, job: Callable[..., Any], *args: Any, name: str = "job", **kwargs: Any):
        super().__init__()
        self._job, self._args, self._kwargs = job, args, kwargs
        self._name = name
        self._queue: collections.deque = collections.deque()
        self._lock = threading.Lock()
        self._wake_pending = False
        self._abort = threading.Event()
        self._thread: threading.Thread | None = None
        self._wake.connect(self._drain)  # queued: this object lives in the GUI thread

    @property
    def aborted(self) -> bool:
        return self._abort.is_set()

    def start(self) -> "ThreadWorker":
        _live.add(self)
        # daemon: a step that cannot be interrupted (seconds on a big model) never keeps the
        # process alive after the window has closed and join() timed out.
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()
        return self

    def abort(self) -> None:
        self._abort.set()

    def report(self, value: Any) -> None:
        """Job thread: `value` arrives through `yielded` now, not at the job's next yield."""
        self._put(("yielded", value))

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def join(self, timeout_s: float | None = None) -> bool:
        """Wait for the job thread; True when it has ended."""
        if self._thread is not None:
            self._thread.join(timeout_s)
        return not self.is_running()

    # ------------------------------------------------------------------ job thread

    def _run(self) -> None:
        try:
            result = self._job(*self._args, **self._kwargs)
            if inspect.isgenerator(result):
                for value in result:
                    self._put(("yielded", value))
                    if self._abort.is_set():
                        result.close()
                        break
            else:
                self._put(("returned", result))
        except Exception as exc:  # noqa: BLE001 - reported to the GUI, never raised in a thread
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            self._put(("errored", detail))  # said in the GUI thread, in the learner's language
        self._put(("finished", None))

    def _put(self, item: tuple[str, Any]) -> None:
        with self._lock:
            self._queue.append(item)
            if self._wake_pending:
                return
            self._wake_pending = True
        try:
            self._wake.emit()
        except RuntimeError:
            pass  # the receiver was deleted (the app closed while the job ran)

    # ------------------------------------------------------------------ GUI thread

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            self._wake_pending = False
            items = list(self._queue)
            self._queue.clear()
        for kind, value in items:
            if kind == "finished":
                _live.discard(self)
                self.finished.emit()
            elif kind == "yielded":
                self.yielded.emit(value)
            elif kind == "errored":
                self.errored.emit(self.tr("{name} failed: {detail}").format(
                    name=self.tr(self._name), detail=value))
            else:
                getattr(self, kind).emit(value)


def join_all(timeout_s: float) -> bool:
    """Abort every running worker and wait for them (shared deadline); True when all ended."""
    import time

    deadline = time.monotonic() + timeout_s
    for worker in list(_live):
        worker.abort()
    ended = True
    for worker in list(_live):
        ended &= worker.join(max(0.0, deadline - time.monotonic()))
    return ended
