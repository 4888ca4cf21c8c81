"""Shows a viewed run in the window's views, and the live model again when it closes.

While session.viewed is set, the views show the recorded run (the live model trains on
underneath; MainWindow drops its live updates from the views). A followed run is polled from
a QTimer every POLL_MS: each poll stats the run and reads only the bytes added since.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from engine.session import events as ev
from engine.session.run_viewing import stopped_text
from engine.session.viewed_run import StatsWindow
from gui.i18n import fill, render

POLL_MS = 250


class RunPresenter(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.session.poll_followed)
        a = window.adapter
        a.runOpened.connect(self._on_opened)
        a.runScrubbed.connect(self._on_scrubbed)
        a.runGrew.connect(self._on_grew)
        a.runClosed.connect(self._on_closed)
        a.overlaysChanged.connect(lambda e: window.loss_view.set_overlays(e.overlays))

    def _on_opened(self, event: ev.RunOpened) -> None:
        w, viewed = self.window, event.viewed
        w.loss_view.clear()
        for record in viewed.metrics:
            w.loss_view.add_metrics(record)
        w.gradients_view.clear()
        w.attention_view.clear()
        w.health_view.set_run(StatsWindow([]))
        w.run_panel.show_run(viewed)
        w.run_panel.show_ranks(viewed)
        ended = stopped_text(viewed)
        if ended and viewed.state.value != "finished":  # e.g. "failed: rank 1 died"
            w.run_panel.show_stopped(ended)
            w.statusBar().showMessage(fill(self.tr("This run {ended}."), ended=render(ended)), 15000)
        dock = w.dock_layout.run_dock
        dock.show()
        dock.raise_()
        self.timer.start() if viewed.following else self.timer.stop()

    def _on_scrubbed(self, event: ev.RunScrubbed) -> None:
        w, at = self.window, event.at
        w.loss_view.set_marker(at.step, at.record)
        if at.stats is not None:
            w.gradients_view.set_stats(at.stats.value)
            w.health_view.set_run(StatsWindow(list(at.history)))
        else:
            w.gradients_view.clear()
            w.health_view.set_run(StatsWindow([]))
        if at.attention is not None:
            w.attention_view.set_capture(at.attention.value)
        else:
            w.attention_view.clear()
        w.run_panel.show_at(at)
        w.run_panel.show_ranks(event.viewed)

    def _on_grew(self, event: ev.RunGrew) -> None:
        w = self.window
        if event.rewound_to is not None:  # the writer went back: redraw the timeline
            w.loss_view.clear()
            for record in event.viewed.metrics:
                w.loss_view.add_metrics(record)
        else:
            for record in event.new_steps:
                w.loss_view.add_metrics(record)
        w.run_panel.show_run(event.viewed)
        w.run_panel.show_ranks(event.viewed)
        if event.stopped:
            self.timer.stop()
            w.run_panel.show_stopped(event.stopped)
            w.statusBar().showMessage(fill(self.tr("The followed run {stopped}."), stopped=render(event.stopped)))

    def _on_closed(self, _event: ev.RunClosed) -> None:
        """Back to the live model: every view shows the session's run again."""
        self.timer.stop()
        w, run = self.window, self.session.run
        w.run_panel.clear()
        w.dock_layout.run_dock.hide()
        w.loss_view.set_marker(None)
        w.loss_view.clear()
        for record in run.metrics:
            w.loss_view.add_metrics(record)
        w.gradients_view.clear()
        if run.latest_stats is not None:
            w.gradients_view.set_stats(run.latest_stats)
        w.health_view.set_run(run)
        w.attention_view.clear()
        if run.latest_attention is not None:
            w.attention_view.set_capture(run.latest_attention)
