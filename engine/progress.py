"""Progress and cancel for long file actions (loading, saving, tokenizing, reading a run).

One reporter is active per thread, like `torch.no_grad()`: the code that starts a file
action opens it around the whole action, and the code deep inside, between two chunks (a
tensor, a file, a shard, a slice of text), says how far it got:

    reporter = Reporter(report=publish, token=task.token)
    with reporting(reporter):                      # the engine loop, or a job thread
        load_checkpoint(path)                      # inside: advance(what, done, total)

`advance()` raises `Cancelled` once the token is cancelled, so the action stops at the next
chunk; the caller drops what it made (a save removes its unfinished version folder, a load
its half-built model). Outside `reporting()` both calls cost a lookup and do nothing: the
command line and the tests call the same functions without a reporter.
"""
from __future__ import annotations

import contextlib
import contextvars
import threading
from dataclasses import dataclass
from typing import Callable, Iterator

from .text import translate

BYTES = "bytes"
ITEMS = "items"
CHARACTERS = "characters"


class Cancelled(Exception):
    """The learner cancelled the file action; whatever it was making is dropped."""


@dataclass(frozen=True)
class Progress:
    """How far one action got: `done` of `total` (`unit`: bytes or items; total 0: unknown)."""

    what: str  # engine.text.Text: "Reading model.safetensors"
    done: int
    total: int
    unit: str = BYTES  # BYTES, ITEMS or CHARACTERS

    @property
    def fraction(self) -> float | None:
        """0..1, or None when the total is unknown."""
        if self.total <= 0:
            return None
        return min(1.0, max(0.0, self.done / self.total))


class CancelToken:
    """A flag any thread may set and the working thread reads between chunks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class Reporter:
    """Where one action's progress goes and what stops it. `stop`: another reason to stop
    (the engine loop's shutdown), read with the token."""

    def __init__(self, report: Callable[[Progress], None] | None = None,
                 token: CancelToken | None = None, stop: Callable[[], bool] | None = None):
        self._report = report
        self.token = token or CancelToken()
        self._stop = stop

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled or bool(self._stop and self._stop())

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()

    def advance(self, progress: Progress) -> None:
        self.check()
        if self._report is not None:
            self._report(progress)


_current: contextvars.ContextVar[Reporter | None] = contextvars.ContextVar("progress", default=None)


@contextlib.contextmanager
def reporting(reporter: Reporter) -> Iterator[Reporter]:
    """Make `reporter` the one this thread's file code reports to, until the block ends."""
    mark = _current.set(reporter)
    try:
        yield reporter
    finally:
        _current.reset(mark)


def current() -> Reporter | None:
    return _current.get()


def check() -> None:
    """Between two chunks: raise Cancelled when the current action was cancelled."""
    reporter = _current.get()
    if reporter is not None:
        reporter.check()


def advance(what: str, done: int, total: int, unit: str = BYTES) -> None:
    """Between two chunks: report how far the current action got (and stop if cancelled)."""
    reporter = _current.get()
    if reporter is not None:
        reporter.advance(Progress(what, int(done), int(total), unit))


class Tally:
    """Counts one part of an action (a file's bytes, a list's items) as its chunks go by."""

    def __init__(self, what: str, total: int, unit: str = BYTES):
        self.what, self.total, self.unit, self.done = what, int(total), unit, 0

    def start(self) -> "Tally":
        advance(self.what, 0, self.total, self.unit)
        return self

    def add(self, amount: int) -> None:
        self.done += int(amount)
        advance(self.what, self.done, self.total, self.unit)


def reading(name: str) -> str:
    return translate("progress", "Reading {name}").format(name=name)


def writing(name: str) -> str:
    return translate("progress", "Writing {name}").format(name=name)
