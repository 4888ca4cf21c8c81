"""Runs the engine's graph layout off the GUI thread and hands the result back by a signal.

A layout of a few thousand nodes takes long enough to freeze the window, so it runs in
QThreadPool. Every request gets a generation number; only the newest request's result is
delivered (an expand click while an older layout is still running makes that one stale).
"""
from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


def _engine_layout(graph, **kwargs):
    from engine.layout import layered_layout  # plain Python + networkx, no Qt

    return layered_layout(graph, **kwargs)


class _LayoutJob(QRunnable):
    """One layout computation; reports through the runner's private signals."""

    def __init__(self, runner: "LayoutRunner", generation: int, graph, kwargs: dict,
                 layout_fn: Callable[..., Any]):
        super().__init__()
        self.setAutoDelete(True)
        self._runner = runner
        self._generation = generation
        self._graph = graph
        self._kwargs = kwargs
        self._layout_fn = layout_fn

    def run(self) -> None:  # worker thread: no widgets here, only plain data
        thread_id = threading.get_ident()
        try:
            layout = self._layout_fn(self._graph, **self._kwargs)
        except Exception as exc:  # reported to the GUI as a message, never raised in the pool
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            self._report("_failed", f"Graph layout failed: {detail}")
            return
        self._report("_finished", (self._graph, layout, thread_id))

    def _report(self, signal_name: str, payload) -> None:
        try:
            getattr(self._runner, signal_name).emit(self._generation, payload)
        except RuntimeError:
            pass  # the runner was deleted (window closed) while this layout ran


class LayoutRunner(QObject):
    """Request layouts; receive `layoutReady(generation, graph, layout)` for the newest one."""

    layoutReady = Signal(int, object, object)  # generation, graph, Layout
    layoutFailed = Signal(int, str)  # generation, plain message
    # Emitted from the pool thread; queued into this object's (the GUI) thread.
    _finished = Signal(int, object)
    _failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None,
                 layout_fn: Callable[..., Any] | None = None,
                 pool: QThreadPool | None = None):
        super().__init__(parent)
        self._layout_fn = layout_fn or _engine_layout
        self._pool = pool or QThreadPool.globalInstance()
        self._generation = 0
        self.last_thread_id: int | None = None  # thread that computed the last delivered layout
        self._finished.connect(self._on_finished)
        self._failed.connect(self._on_failed)

    @property
    def generation(self) -> int:
        return self._generation

    def request(self, graph, **layout_kwargs) -> int:
        """Start a layout of `graph` (which must not be mutated afterwards); returns its generation."""
        self._generation += 1
        self._pool.start(_LayoutJob(self, self._generation, graph, layout_kwargs, self._layout_fn))
        return self._generation

    def cancel(self) -> None:
        """Make every running request stale (its result is dropped on arrival)."""
        self._generation += 1

    def wait_idle(self, timeout_ms: int = 10000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    @Slot(int, object)
    def _on_finished(self, generation: int, payload) -> None:
        if generation != self._generation:
            return  # stale: a newer request superseded it
        graph, layout, thread_id = payload
        self.last_thread_id = thread_id
        self.layoutReady.emit(generation, graph, layout)

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.layoutFailed.emit(generation, message)
