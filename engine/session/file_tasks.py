"""File actions that take a while: each is a FileTask whose progress the learner sees and
which the learner may cancel. A mixin of StudioSession (its thread: the GUI thread).

A task starts here and runs elsewhere:
- in the engine loop (load a checkpoint, import a Hugging Face folder, save, build on a new
  corpus): the task rides on the command (`Build.task`, `SaveCheckpoint.task`);
- in a job thread (open or follow a run, import TensorBoard scalars): `run_job(Job)`, which
  the Qt adapter runs on a ThreadWorker and plain Python runs inline.
Either way the work runs inside `engine.progress.reporting(...)`: its chunks send
FileProgressed outputs and stop at the next chunk once the task's token is cancelled. It ends
with one FileTaskEnded: DONE, CANCELLED (its result is dropped; nothing changed) or FAILED
(the problem is said as an ErrorRaised). The session re-emits all three as events.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable

from .. import progress
from ..errors import UserError
from ..text import message_of, translate
from . import events as ev
from . import outputs as out


class Outcome(str, Enum):
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"


_numbers = itertools.count(1)  # task numbers are unique in the process, across sessions


@dataclass(frozen=True, eq=False)
class FileTask:
    number: int
    what: str  # engine.text.Text: "Saving a checkpoint to ckpt"
    token: progress.CancelToken = field(default_factory=progress.CancelToken, repr=False)

    def reporter(self, publish: Callable[[Any], None],
                 stop: Callable[[], bool] | None = None) -> progress.Reporter:
        """Where this task's chunks report: FileProgressed outputs through `publish`."""
        return progress.Reporter(lambda p: publish(out.FileProgressed(0, self.number, p)),
                                 self.token, stop)


@dataclass(frozen=True)
class JobResult:
    outcome: Outcome
    value: Any = None
    message: str = ""


@dataclass(frozen=True)
class Job:
    """Reading off the session's thread: `read()` runs in a job thread, `apply(value)` back in
    the session's thread with what it read (only when the task was not cancelled)."""

    task: FileTask
    read: Callable[[], Any]
    apply: Callable[[Any], None]

    def run(self, publish: Callable[[Any], None]) -> JobResult:
        """Job thread: read, reporting progress through `publish`; never raises for bad input."""
        with progress.reporting(self.task.reporter(publish)):
            try:
                return JobResult(Outcome.DONE, self.read())
            except progress.Cancelled:
                return JobResult(Outcome.CANCELLED)
            except (UserError, OSError, ValueError) as exc:
                return JobResult(Outcome.FAILED, message=error_text(exc))


class FileTasks:
    """The session's file tasks: started, cancelled, ended; jobs run through `job_runner`."""

    file_tasks: dict[int, FileTask]
    job_runner: Callable[[Job], None] | None  # the adapter's thread; None: inline

    def start_task(self, what: str) -> FileTask:
        task = FileTask(next(_numbers), what)
        self.file_tasks[task.number] = task
        self.events.emit(ev.FileTaskStarted(task))
        return task

    def cancel_file_task(self, number: int | None = None) -> None:
        """Cancel one task (None: every task); it stops at its next chunk and changes nothing."""
        for task in list(self.file_tasks.values()):
            if number is None or task.number == number:
                task.token.cancel()

    def run_job(self, job: Job) -> None:
        if self.job_runner is not None:
            self.job_runner(job)
        else:
            self.finish_job(job, job.run(self.handle))

    def finish_job(self, job: Job, result: JobResult) -> None:
        """Session thread: a job ended; apply what it read unless it was cancelled."""
        if result.outcome == Outcome.DONE and job.task.token.cancelled:
            result = JobResult(Outcome.CANCELLED)  # cancelled after its last chunk: dropped
        if result.outcome == Outcome.DONE:
            job.apply(result.value)
        elif result.outcome == Outcome.FAILED:
            self.events.emit(ev.ErrorRaised(result.message, stopped=False))
        self._end_task(job.task.number, result.outcome)

    def _on_file_output(self, output: out.FileProgressed | out.FileTaskEnded) -> None:
        task = self.file_tasks.get(output.task)
        if task is None:
            return
        if isinstance(output, out.FileProgressed):
            self.events.emit(ev.FileTaskProgressed(task, output.progress))
        else:
            self._end_task(output.task, Outcome(output.outcome))

    def _end_task(self, number: int, outcome: Outcome) -> None:
        task = self.file_tasks.pop(number, None)
        if task is None:
            return
        if outcome == Outcome.CANCELLED:
            self.events.emit(ev.Notice(translate("session", "{what}: cancelled. Nothing changed.")
                                       .format(what=task.what)))
        self.events.emit(ev.FileTaskFinished(task, outcome.value))
        self._task_ended(task, outcome)  # engine/session/unsaved.py: a rebuild waiting for a save


def error_text(exc: BaseException) -> str:
    """The exception's message, still translatable (engine.text.message_of)."""
    return message_of(exc) or type(exc).__name__
