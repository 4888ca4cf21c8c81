"""The main window: toolbar, menus, the graph in the middle, docks around it, status bar.

Every view reads one StudioSession (engine/session) through the SessionAdapter, which runs
the engine loop in its own thread and turns session events into Qt signals. The window only
places widgets and connects signals; a 30 Hz timer repaints what changed (gui/refresh.py).
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from engine.session import events as ev
from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec
from engine.session.status import FIRST_HINT
from gui import docks, remembered
from gui.actions import ActionKey, make_action, shortcuts_table_html
from gui.error_banner import ErrorBanner
from gui.file_menu import FileActions, ask_checkpoint_folder
from gui.file_progress import FileProgressPresenter
from gui.i18n import render
from gui.language_menu import ask_restart_for_language
from gui.refresh import RefreshTimer
from gui.run_presenter import RunPresenter
from gui.scenario_toolbar import ScenarioToolbar
from gui.session_adapter import SessionAdapter
from gui.status_bar import StatusBar
from gui.unsaved_question import CloseGuard, ask_rebuild, ask_unsaved
from gui.views.attention_view import AttentionView
from gui.views.generation_view import GenerationView
from gui.views.backprop_panel import BackpropPanel
from gui.views.example_panel import ExamplePanel
from gui.views.gradient_health_view import GradientHealthView
from gui.views.gradients_view import GradientsView
from gui.views.graph_panel import GraphPanel
from gui.views.inspector import Inspector
from gui.views.loss_view import LossView
from gui.views.tensor_lab import TensorLab
from gui.views.tokenizer_view import TokenizerView
from gui.views.run_panel import RunPanel

APP_TITLE = "Backprop Studio"
READY_HINT = QT_TRANSLATE_NOOP("MainWindow", "Press F5 to train, or F11 to step into backprop.")


class MainWindow(FileActions, QMainWindow):
    def __init__(self, spec: ScenarioSpec | None = None, settings: QSettings | None = None,
                 remember_layout: bool = True, adapter: SessionAdapter | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("MainWindow")
        self.resize(1400, 900)
        self._settings = settings if settings is not None else (QSettings() if remember_layout else None)
        self.first_launch = spec is None and remembered.is_first_launch(self._settings)
        if spec is None:
            spec = remembered.remembered_spec(self._settings)
        self.adapter = adapter or SessionAdapter(spec)
        self.session = self.adapter.session
        self.ask_rebuild = ask_rebuild  # tests replace it to answer without a modal box
        self.ask_unsaved = ask_unsaved  # likewise: closing with unsaved weights (gui/unsaved_question.py)
        self.ask_save_path = ask_checkpoint_folder  # likewise: where Save… in those questions saves
        self.ask_restart_for_language = ask_restart_for_language  # likewise
        self.restart_requested = False  # View → Language: start again once closed
        self._shutdown_done = False
        self.last_error: str | None = None

        self._make_views()
        self.refresher = RefreshTimer(self)
        for view in (self.loss_view, self.gradients_view, self.health_view, self.attention_view,
                     self.inspector, self.generation_view, self.tokenizer_view, self.tensor_lab,
                     self):
            self.refresher.add(view)  # each keeps only the newest payload until the next tick

        self.actions = {key: make_action(self, key, slot) for key, slot in self._slots().items()}
        self.actions[ActionKey.STEP_INTO].setIconText(self.tr("Step backprop"))
        self.actions[ActionKey.STEP].setIconText(self.tr("Step"))
        self.toolbar = ScenarioToolbar(self.session, self)
        for key in (ActionKey.RUN, ActionKey.STEP, ActionKey.STEP_INTO, ActionKey.RESET, None,
                    ActionKey.CONFIG):
            self.toolbar.addSeparator() if key is None else self.toolbar.addAction(self.actions[key])
        self.addToolBar(self.toolbar)
        self.error_banner = ErrorBanner()
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.error_banner)
        box.addWidget(self.graph_panel, 1)
        self.setCentralWidget(central)
        self.dock_layout = docks.DockLayout(self)
        docks.make_menus(self)
        self._make_status_bar()
        self._show_run_state(EngineState.BUILDING)
        self._connect()
        self.run_presenter = RunPresenter(self)
        self.file_progress = FileProgressPresenter(self)
        self.close_guard = CloseGuard(self)
        self.dock_layout.restore(self._settings)
        self.dock_layout.run_dock.hide()  # a saved layout never reopens it without a run
        self.refresher.start()
        # The engine thread starts once the event loop runs (the first build is queued now, so
        # commands keep their order): its imports and allocations would otherwise compete
        # with building and showing the window.
        self.adapter.start(thread_after_events=True)

    # ------------------------------------------------------------------ building

    def _make_views(self) -> None:
        """Every view, each given the session it reads."""
        s = self.session
        self.graph_panel = GraphPanel(s)
        self.inspector = Inspector(s)
        self.example_panel = ExamplePanel(s)
        self.backprop_panel = BackpropPanel(s)
        self.loss_view = LossView()
        self.gradients_view = GradientsView()
        self.health_view = GradientHealthView()
        self.health_view.set_run(s.run)
        self.attention_view = AttentionView()
        self.generation_view = GenerationView(s)
        self.tokenizer_view = TokenizerView()
        self.tensor_lab = TensorLab()
        self.run_panel = RunPanel(s)

    def _slots(self) -> dict:
        s = self.session
        return {ActionKey.RUN: s.toggle_run, ActionKey.STEP: s.step_once, ActionKey.TRACE: s.trace_now,
                ActionKey.STEP_INTO: s.step_into, ActionKey.STEP_OVER: s.step_over,
                ActionKey.STEP_OUT: s.step_out, ActionKey.STEP_BACK: s.step_back,
                ActionKey.RESET: self.reset, ActionKey.FIND: self.graph_panel.focus_search,
                ActionKey.CONFIG: self.open_config_dialog, ActionKey.QUIT: self.close}

    def _make_status_bar(self) -> None:
        bar = StatusBar(self)
        self.setStatusBar(bar)
        self.metrics_label = QLabel("")
        self.state_label = QLabel("")
        bar.addPermanentWidget(self.metrics_label)  # the left part shows hints and notices
        bar.addPermanentWidget(self.state_label)
        bar.showMessage(render(FIRST_HINT) if self.first_launch else self.ready_hint())

    def ready_hint(self) -> str:
        return QCoreApplication.translate("MainWindow", READY_HINT)

    def _connect(self) -> None:
        a = self.adapter
        self.connect_recent()

        def live(slot):  # while a recorded run is viewed, live updates stay off the views
            return lambda e: None if self.session.viewed is not None else slot(e)
        self.graph_panel.connect_session(a)
        self.inspector.connect_session(a)
        self.example_panel.connect_session(a)
        self.generation_view.connect_session(a)
        for signal, slot in (
            (a.modelRebuilding, self.backprop_panel.on_rebuilding),
            (a.tracingStarted, self.backprop_panel.on_tracing),
            (a.traceChanged, self.backprop_panel.on_trace),
            (a.cursorMoved, self.backprop_panel.on_cursor),
            (a.stepAdded, live(lambda e: self.loss_view.add_metrics(e.record))),
            (a.statsAdded, live(lambda e: self.gradients_view.set_stats(e.stats))),
            (a.statsAdded, live(self.health_view.mark_dirty)),
            (a.attentionAdded, live(self._on_attention)),
            (a.engineStateChanged, lambda e: self.attention_view.set_engine_state(e.state)),
            (a.modelRebuilding, self._on_rebuilding),
            (a.modelReady, self._on_ready),
            (a.specChanged, self._on_spec),
            (a.engineStateChanged, lambda e: self._show_run_state(e.state)),
            (a.rebuildQuestion, self._on_rebuild_question),
            (a.notice, lambda e: self.statusBar().showMessage(render(e.text), 10000)),
            (a.errorRaised, lambda e: self.show_error(e.message)),
        ):
            signal.connect(slot)
        self.attention_view.captureRequested.connect(
            lambda layer, heads, sample: self.session.capture_attention(
                layer, tuple(heads) if heads is not None else None, sample))
        self.attention_view.textCaptureRequested.connect(
            lambda layer, text: self.session.capture_attention(layer, None, 0, text, "prompt"))
        self.attention_view.probeRequested.connect(self.session.set_probe)
        self.graph_panel.message.connect(lambda text: self.statusBar().showMessage(render(text), 8000))

    # ------------------------------------------------------------------ session events

    def _on_rebuilding(self, event: ev.ModelRebuilding) -> None:
        """A new model generation: every view drops the old model's data at once."""
        self.error_banner.hide()
        self.loss_view.set_overlays(self.session.all_overlays())  # earlier runs, muted, for comparison
        if self.session.viewed is not None:  # the views show the recorded run until it closes
            return
        self.loss_view.clear()
        self.gradients_view.clear()
        self.health_view.set_run(self.session.run)
        self.attention_view.clear()
        self.attention_view.set_model_info(0, 0)
        self.refresh()

    def _on_ready(self, event: ev.ModelReady) -> None:
        config = event.summary.config
        if self.session.spec.key == ScenarioKey.GPT and config is not None:
            self.attention_view.set_model_info(config.n_layers, config.n_heads)
        self.toolbar.show_device(event.summary.device)
        if not self.first_launch:
            self.statusBar().showMessage(self.ready_hint(), 10000)

    def _on_attention(self, event: ev.AttentionAdded) -> None:
        if event.capture.source == "probe":
            self.attention_view.add_probe(event.capture)
        else:
            self.attention_view.set_capture(event.capture)

    def _on_spec(self, event: ev.SpecChanged) -> None:
        self.toolbar.show_spec(event.spec)
        # x, y, w, b and the numeric check belong to the small scenarios: the GPT's Inspector
        # gets the whole right side
        self.dock_layout.example_dock.setVisible(event.spec.key != ScenarioKey.GPT)
        remembered.remember_spec(self._settings, event.spec)

    def _on_rebuild_question(self, question: ev.RebuildQuestion) -> None:
        choice, path = self.ask_rebuild(self, question), ""
        if choice == ev.RebuildChoice.SAVE_AND_REBUILD:
            path = self.ask_save_path(self)
            choice = choice if path else ev.RebuildChoice.CANCEL
        self.session.answer_rebuild(choice, save_to=path or None)

    def _show_run_state(self, state: EngineState) -> None:
        self.state_label.setText(self.state_text(state))
        running = state == EngineState.RUNNING
        self.actions[ActionKey.RUN].setIconText(self.tr("❚❚ Pause") if running else self.tr("▶ Run"))
        if running:  # a fresh run: the last message is history
            self.error_banner.hide()

    def state_text(self, state: EngineState) -> str:
        """The engine's state as the status bar names it (the English is the state's value)."""
        return {EngineState.BUILDING: self.tr("building"), EngineState.IDLE: self.tr("idle"),
                EngineState.RUNNING: self.tr("running"), EngineState.PAUSED: self.tr("paused"),
                EngineState.TRACING: self.tr("tracing"), EngineState.ERROR: self.tr("error"),
                }.get(state, state.value)

    def refresh(self) -> None:
        """30 Hz: the status bar shows the session's current line."""
        text = render(self.session.status_line())
        if text != self.metrics_label.text():
            self.metrics_label.setText(text)
            self.statusBar().refit()  # the notice beside it gets what is left
        self.backprop_panel.refresh_label()

    # ------------------------------------------------------------------ commands

    def reset(self) -> None:
        self.error_banner.hide()
        self.session.reset()

    def show_error(self, message: str) -> None:
        message = render(message)  # an engine sentence, in the learner's language
        self.last_error = message
        self.error_banner.show_message(message)
        self.statusBar().showMessage(message, 10000)

    def open_config_dialog(self) -> None:
        """Edit both configs; OK asks the session for the GPT scenario with them."""
        from gui.dialogs.config_dialog import ConfigDialog

        spec = self.session.spec
        dialog = ConfigDialog(spec.gpt_config, spec.train_config, self)
        if dialog.exec() == ConfigDialog.DialogCode.Accepted:
            self.session.apply_configs(dialog.gpt_config(), dialog.train_config())

    def show_shortcuts(self) -> None:
        box = getattr(self, "_help_box", None)
        if box is None:
            box = self._help_box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("Keyboard shortcuts"), "",
                                               QMessageBox.StandardButton.Close, self)
            box.setModal(False)
        box.setText(shortcuts_table_html())
        box.show()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Backprop Studio"),
                          self.tr("<b>Backprop Studio</b><p>Watch a GPT-style language model learn from "
                                  "the inside: the computation graph with shapes, backprop node by "
                                  "node, live loss and gradients. Every number is computed from real "
                                  "tensors.</p>"))

    # ------------------------------------------------------------------ closing

    def shutdown(self, timeout_s: float = 2.0) -> bool:
        """Stop the engine and join its thread; True when it ended within the timeout."""
        if self._shutdown_done:
            return not self.adapter.is_running()
        self._shutdown_done = True
        self.session.cancel_file_task()  # file tasks stop at their next chunk
        self.refresher.stop()
        self.graph_panel.shutdown()
        return self.adapter.shutdown(timeout_s)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_guard.may_close():  # unsaved weights: Cancel, or Save… and close after
            event.ignore()
            return
        self.dock_layout.save(self._settings)
        box = getattr(self, "_help_box", None)
        if box is not None:
            box.close()
        self.shutdown()
        event.accept()
        super().closeEvent(event)
