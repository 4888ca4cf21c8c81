"""Keep the latest value, repaint from a timer.

When the engine steps faster than the screen refreshes, painting on every signal piles up
queued work and the GUI lags by seconds. Views instead store what arrived (cheap) and one
window-level timer asks them to repaint at most `hz` times per second.
"""
from __future__ import annotations

import threading
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer

MAX_HZ = 30


class Refreshable(Protocol):
    def refresh(self) -> None: ...


class Latest:
    """The newest value from a producer; `take()` hands it over once, then None until the next set."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # set() may come from a worker thread
        self._value: Any = None
        self._fresh = False

    def set(self, value: Any) -> None:
        with self._lock:
            self._value = value
            self._fresh = True

    def take(self) -> Any:
        with self._lock:
            if not self._fresh:
                return None
            self._fresh = False
            return self._value

    def peek(self) -> Any:
        """The newest value, taken or not (None before the first set)."""
        with self._lock:
            return self._value

    def clear(self) -> None:
        with self._lock:
            self._value = None
            self._fresh = False


class RefreshTimer(QObject):
    """Calls refresh() on every registered view, at most `hz` times per second."""

    def __init__(self, parent: QObject | None = None, hz: int = MAX_HZ):
        super().__init__(parent)
        self._views: list[Refreshable] = []
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(max(1, round(1000 / min(hz, MAX_HZ))))
        self._timer.timeout.connect(self.refresh_now)
        self.ticks = 0

    def add(self, view: Refreshable) -> None:
        if view not in self._views:
            self._views.append(view)

    def remove(self, view: Refreshable) -> None:
        if view in self._views:
            self._views.remove(view)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def refresh_now(self) -> None:
        self.ticks += 1
        for view in list(self._views):
            view.refresh()
