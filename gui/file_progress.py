"""Progress of a long file action, with Cancel, once it has lasted SHOW_AFTER_MS.

The session's file tasks (engine/session/file_tasks.py) run off the GUI thread and report
FileTaskProgressed; a fast one ends before its timer fires and shows nothing. The dialog is
not modal: a modal QProgressDialog runs the event loop inside setValue(), and the GUI thread
must never re-enter its own slots. Cancel asks the session to cancel the task, which stops at
its next chunk and changes nothing.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QProgressDialog

from engine.progress import BYTES, Progress
from engine.session import events as ev
from gui.i18n import fill, render

SHOW_AFTER_MS = 500
STEPS = 1000  # the bar's range: fractions to a tenth of a percent
LABEL_WIDTH = 560  # pixels; a longer first line is elided in the middle


class FileProgressPresenter(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.dialog: QProgressDialog | None = None
        self.shown_task = None  # the FileTask the dialog shows
        self.latest: dict[int, Progress] = {}  # task number -> its newest progress
        self.timers: dict[int, QTimer] = {}  # task number -> its show timer, while it runs
        a = window.adapter
        a.fileTaskStarted.connect(self._on_started)
        a.fileTaskProgressed.connect(self._on_progressed)
        a.fileTaskFinished.connect(self._on_finished)

    def is_showing(self) -> bool:
        return self.dialog is not None and self.dialog.isVisible()

    def _on_started(self, event: ev.FileTaskStarted) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(SHOW_AFTER_MS)
        timer.timeout.connect(lambda task=event.task: self._show(task))
        self.timers[event.task.number] = timer
        timer.start()

    def _on_progressed(self, event: ev.FileTaskProgressed) -> None:
        self.latest[event.task.number] = event.progress
        if self.shown_task is event.task:
            self._update(event.progress)

    def _on_finished(self, event: ev.FileTaskFinished) -> None:
        number = event.task.number
        timer = self.timers.pop(number, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        self.latest.pop(number, None)
        if self.shown_task is event.task:
            self._close()
            waiting = [n for n in self.session.file_tasks if n not in self.timers]
            if waiting:  # another long one still runs: show it instead
                self._show(self.session.file_tasks[waiting[-1]])

    def _show(self, task) -> None:
        if task.number not in self.session.file_tasks:
            return
        self.timers.pop(task.number, None)
        if self.dialog is None:
            self.dialog = self._make_dialog()
        self.shown_task = task
        self.dialog.setWindowTitle(render(task.what))
        self._update(self.latest.get(task.number))
        self.dialog.show()

    def _make_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self.window)
        dialog.setWindowModality(Qt.WindowModality.NonModal)  # see the module's docstring
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(LABEL_WIDTH + 40)
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.canceled.connect(self._cancel)
        return dialog

    def _update(self, progress: Progress | None) -> None:
        dialog, task = self.dialog, self.shown_task
        if dialog is None or task is None:
            return
        fraction = progress.fraction if progress is not None else None
        if fraction is None:
            dialog.setRange(0, 0)  # a busy bar: the size is not known
        else:
            dialog.setRange(0, STEPS)
            dialog.setValue(round(fraction * STEPS))
        dialog.setLabelText(self._label(task, progress))

    def _label(self, task, progress: Progress | None) -> str:
        """Two lines: the action (a long path elided in the middle), then the chunk it is at."""
        title = QFontMetrics(self.dialog.font()).elidedText(render(task.what), Qt.TextElideMode.ElideMiddle,
                                                            LABEL_WIDTH)
        if progress is None:
            return title + "…"
        if progress.unit == BYTES and progress.total > 0:
            detail = fill(self.tr("{what}: {done:,.1f} of {total:,.1f} MB"), what=render(progress.what),
                          done=progress.done / 1e6, total=progress.total / 1e6)
        else:
            detail = render(progress.what) + "…"
        return title + "\n" + detail

    def _cancel(self) -> None:
        task = self.shown_task
        if task is not None:
            self.session.cancel_file_task(task.number)
            self.window.statusBar().showMessage(fill(self.tr("Cancelling: {what}…"), what=render(task.what)))
        self._close()

    def _close(self) -> None:
        """Gone for good: a hidden QProgressDialog may show itself again from its own timer."""
        self.shown_task = None
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self._cancel)
            dialog.hide()
            dialog.deleteLater()
