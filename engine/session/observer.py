"""A plain observer: the session emits typed events, views subscribe to the types they need.

No Qt here. Callbacks run synchronously in the emitting thread, which for the session is the
GUI thread (gui/session_adapter.py turns events into Qt signals).
"""
from __future__ import annotations

import logging
from typing import Callable, TypeVar

log = logging.getLogger(__name__)

E = TypeVar("E")
Callback = Callable[[object], None]


class EventEmitter:
    def __init__(self) -> None:
        self._subscribers: list[tuple[type | None, Callback]] = []

    def subscribe(self, callback: Callable[[E], None], event_type: type[E] | None = None
                  ) -> Callable[[], None]:
        """Call `callback(event)` for every event (or only those of `event_type`).

        Returns a function that unsubscribes."""
        entry = (event_type, callback)
        self._subscribers.append(entry)

        def unsubscribe() -> None:
            if entry in self._subscribers:
                self._subscribers.remove(entry)
        return unsubscribe

    def emit(self, event: object) -> None:
        for event_type, callback in list(self._subscribers):
            if event_type is None or isinstance(event, event_type):
                callback(event)
