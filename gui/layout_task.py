"""Lays out graphs off the GUI thread (engine/layout) with the app's one worker mechanism.

A layout of a few thousand nodes takes long enough to freeze the window, so each request
runs in a ThreadWorker. Every request gets a generation number; only the newest request's
result is delivered (an expand click while an older layout still runs makes that one stale).
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal

from gui.worker import ThreadWorker


LAYOUT_JOB = QT_TRANSLATE_NOOP("ThreadWorker", "Graph layout")  # as errors name it


def _engine_layout(graph, **kwargs):
    from engine.layout import layered_layout  # plain Python + networkx, no Qt

    return layered_layout(graph, **kwargs)


def _timed_layout(layout_fn: Callable[..., Any], graph, kwargs: dict):
    return layout_fn(graph, **kwargs), threading.get_ident()


class LayoutRunner(QObject):
    """Request layouts; receive `layoutReady(generation, graph, layout)` for the newest one."""

    layoutReady = Signal(int, object, object)  # generation, graph, engine.layout Layout
    layoutFailed = Signal(int, str)  # generation, plain message

    def __init__(self, parent: QObject | None = None, layout_fn: Callable[..., Any] | None = None):
        super().__init__(parent)
        self._layout_fn = layout_fn or _engine_layout
        self._generation = 0
        self._workers: set[ThreadWorker] = set()
        self.last_thread_id: int | None = None  # thread that computed the last delivered layout

    @property
    def generation(self) -> int:
        return self._generation

    def request(self, graph, **layout_kwargs) -> int:
        """Start a layout of `graph` (which must not be mutated afterwards); returns its generation."""
        self._generation += 1
        generation = self._generation
        worker = ThreadWorker(_timed_layout, self._layout_fn, graph, layout_kwargs, name=LAYOUT_JOB)
        worker.returned.connect(lambda result: self._on_done(generation, graph, result))
        worker.errored.connect(lambda message: self._on_failed(generation, message))
        worker.finished.connect(lambda: self._workers.discard(worker))
        self._workers.add(worker)
        worker.start()
        return generation

    def cancel(self) -> None:
        """Make every running request stale (its result is dropped on arrival)."""
        self._generation += 1

    def wait_idle(self, timeout_ms: int = 10000) -> bool:
        """Wait for the running layouts' threads (results still arrive through the event loop)."""
        return all(w.join(timeout_ms / 1000) for w in list(self._workers))

    def shutdown(self, timeout_s: float = 1.0) -> None:
        self.cancel()
        for worker in list(self._workers):
            worker.join(timeout_s)

    def _on_done(self, generation: int, graph, result) -> None:
        if generation != self._generation:
            return  # stale: a newer request superseded it
        layout, thread_id = result
        self.last_thread_id = thread_id
        self.layoutReady.emit(generation, graph, layout)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.layoutFailed.emit(generation, message)
