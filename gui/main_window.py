"""The main window: toolbar, menus, graph in the middle, docks around it, status bar.

The window owns one EngineWorker (training in its own thread) and D2's BackpropWorkbench
(graph panel, backprop controls, inspector). Worker signals only store values; a 30 Hz
timer repaints the views (gui.refresh).
"""
from __future__ import annotations

import math

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (QComboBox, QDockWidget, QHBoxLayout, QLabel, QMainWindow,
                               QMessageBox, QToolButton, QVBoxLayout, QWidget)

from engine.device import available_devices
from engine.config import TrainConfig
from engine.presets import DEFAULT_PRESET, PRESETS, get_preset
from engine.scenarios import SCENARIOS
from gui import palette
from gui.engine_worker import IDLE, RUNNING, EngineWorker
from gui.refresh import Latest, RefreshTimer
from gui.views.backprop_workbench import BackpropWorkbench
from gui.views.attention_view import AttentionView
from gui.views.gradients_view import GradientsView
from gui.views.loss_view import LossView

APP_TITLE = "Backprop Studio"
# Default dock sizes (pixels); a saved layout replaces them. The graph keeps the rest.
INSPECTOR_WIDTH = 360
LOSS_HEIGHT = 200
EMPTY_HINT = "Press F5 to train, or F11 to step into backprop."

# (action key, menu text, shortcuts, tooltip)
SHORTCUTS = {
    "run": ("Run / &Pause", ["F5"], "Train continuously, or pause"),
    "step": ("&Step (one optimizer step)", ["Ctrl+Return"], "Run exactly one optimizer step"),
    "step_into": ("Step &into", ["F11"], "Step backprop into the next autograd node"),
    "step_over": ("Step &over", ["F10"], "Finish the current group, e.g. a whole TransformerBlock"),
    "step_out": ("Step o&ut", ["Shift+F11"], "Leave the current module"),
    "step_back": ("Step &back", ["Backspace", "Alt+Left"], "Go back one backprop node"),
    "reset": ("R&eset", ["Ctrl+R"], "Rebuild the model from scratch"),
    "find": ("&Find a node…", ["Ctrl+F"], "Search the graph by op or module name"),
    "config": ("&Config…", ["Ctrl+,"], "Edit the GPT model and training config"),
    "quit": ("&Quit", ["Ctrl+Q"], "Close Backprop Studio"),
}


def _shortcut_text(keys: list[str]) -> str:
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


class MainWindow(QMainWindow):
    def __init__(self, scenario: str = "gpt", preset: str = DEFAULT_PRESET, device: str = "auto",
                 settings: QSettings | None = None, remember_layout: bool = True,
                 worker: EngineWorker | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("MainWindow")
        self.resize(1400, 900)
        self._settings = settings if settings is not None else (QSettings() if remember_layout else None)
        self._scenario_key = scenario
        self._trace_fresh = False  # a trace is shown and no optimizer step happened since
        self._shutdown_done = False
        self._layout_restored = False  # a saved dock layout was applied: keep it
        self._default_docks_pending = True
        self.latest_metrics = Latest()
        self.scenario_info: dict | None = None
        self.last_error: str | None = None

        self.worker = worker or EngineWorker(scenario=scenario, preset=preset, device=device)
        # What the config dialog edits; the worker gets every change through apply_config.
        self.gpt_config = get_preset(preset)
        self.train_config = TrainConfig()
        self.workbench = BackpropWorkbench()
        self.loss_view = LossView()
        self.gradients_view = GradientsView()
        self.attention_view = AttentionView()
        self.refresher = RefreshTimer(self)
        for view in (self.loss_view, self.gradients_view, self.attention_view):
            self.refresher.add(view)  # each keeps only the newest payload until the next tick
        self.refresher.add(self)

        self.actions: dict[str, QAction] = {}
        self._make_actions()
        self._make_toolbar(scenario, preset)
        self._make_central()
        self._make_docks()
        self._make_menus()
        self._make_status_bar()
        self._connect_worker()
        self._restore_layout()

        self.refresher.start()
        self.worker.start()

    # ------------------------------------------------------------------ building

    def _action(self, key: str, slot, checkable: bool = False) -> QAction:
        text, keys, tip = SHORTCUTS[key]
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip} ({_shortcut_text(keys)})")
        action.setStatusTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when a toolbar or menu is hidden
        self.actions[key] = action
        return action

    def _make_actions(self) -> None:
        wb = self.workbench
        self._action("run", self.toggle_run)
        self._action("step", self.worker.step)
        self._action("step_into", wb.step_into)
        self._action("step_over", wb.step_over)
        self._action("step_out", wb.step_out)
        self._action("step_back", wb.step_back)
        self._action("reset", self.reset)
        self._action("find", self.focus_find)
        self._action("quit", self.close)
        self._action("config", self.open_config_dialog)
        self.actions["step_into"].setIconText("Step backprop")
        self.actions["run"].setIconText("▶ Run")
        self.actions["step"].setIconText("Step")

    def _make_toolbar(self, scenario: str, preset: str) -> None:
        bar = self.addToolBar("Training")
        bar.setObjectName("TrainingToolBar")
        self.scenario_combo = QComboBox()
        self.scenario_combo.setToolTip("What to train and trace")
        for key, title in SCENARIOS.items():
            self.scenario_combo.addItem(title, key)
        self.scenario_combo.setCurrentIndex(max(0, self.scenario_combo.findData(scenario)))
        self.scenario_combo.activated.connect(self._on_scenario_chosen)

        self.preset_combo = QComboBox()
        self.preset_combo.setToolTip("GPT model size (GPT pretraining only)")
        self.preset_combo.addItems(list(PRESETS))
        self.preset_combo.setCurrentText(preset)
        self.preset_combo.activated.connect(self._on_preset_chosen)

        self.device_combo = QComboBox()
        self.device_combo.setToolTip("Where the model trains")
        self.device_combo.addItems(available_devices())
        self.device_combo.activated.connect(self._on_device_chosen)

        for label, combo in (("Scenario ", self.scenario_combo), (" Preset ", self.preset_combo),
                             (" Device ", self.device_combo)):
            bar.addWidget(QLabel(label))
            bar.addWidget(combo)
        bar.addSeparator()
        for key in ("run", "step", "step_into", "reset"):
            bar.addAction(self.actions[key])
        bar.addSeparator()
        bar.addAction(self.actions["config"])
        self.toolbar = bar
        self._sync_preset_enabled()

    def _make_central(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # A banner for engine errors: visible, non-modal, so the window stays usable.
        self.error_banner = QWidget()
        banner_layout = QHBoxLayout(self.error_banner)
        banner_layout.setContentsMargins(8, 4, 4, 4)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Hide this message")
        close.clicked.connect(self.error_banner.hide)
        banner_layout.addWidget(self.error_label, 1)
        banner_layout.addWidget(close)
        fill = palette.tint(palette.GRADIENT, 0.2).name()
        self.error_banner.setStyleSheet(f"background: {fill};")
        self.error_banner.hide()
        layout.addWidget(self.error_banner)
        layout.addWidget(self.workbench.graph_panel, 1)
        self.setCentralWidget(central)

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() needs stable names
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _make_docks(self) -> None:
        wb = self.workbench
        self.inspector_dock = self._dock("Inspector", "InspectorDock", wb.inspector,
                                         Qt.DockWidgetArea.RightDockWidgetArea)
        self.backprop_dock = self._dock("Backprop", "BackpropDock", wb.backprop_panel,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.loss_dock = self._dock("Loss", "LossDock", self.loss_view,
                                    Qt.DockWidgetArea.BottomDockWidgetArea)
        self.splitDockWidget(self.backprop_dock, self.loss_dock, Qt.Orientation.Vertical)
        self.gradients_dock = self._dock("Gradients", "GradientsDock", self.gradients_view,
                                         Qt.DockWidgetArea.BottomDockWidgetArea)
        self.attention_dock = self._dock("Attention", "AttentionDock", self.attention_view,
                                         Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.loss_dock, self.gradients_dock)
        self.tabifyDockWidget(self.gradients_dock, self.attention_dock)
        self.loss_dock.raise_()
        self.apply_default_dock_sizes()

    def apply_default_dock_sizes(self) -> None:
        """The graph gets most of the window: inspector INSPECTOR_WIDTH wide, backprop controls
        one row, loss LOSS_HEIGHT tall. Sizes only stick once the window has its real size, so
        showEvent applies them again (unless a saved layout was restored)."""
        controls = self.workbench.backprop_panel.sizeHint().height()
        self.resizeDocks([self.inspector_dock], [INSPECTOR_WIDTH], Qt.Orientation.Horizontal)
        self.resizeDocks([self.backprop_dock, self.loss_dock], [controls, LOSS_HEIGHT],
                         Qt.Orientation.Vertical)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._default_docks_pending:
            self._default_docks_pending = False
            if not self._layout_restored:  # after the first layout pass: real sizes are known
                QTimer.singleShot(0, self.apply_default_dock_sizes)

    def _make_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.actions["config"])
        file_menu.addSeparator()
        file_menu.addAction(self.actions["quit"])
        run_menu = menu.addMenu("&Run")
        for key in ("run", "step"):
            run_menu.addAction(self.actions[key])
        run_menu.addSeparator()
        for key in ("step_into", "step_over", "step_out", "step_back"):
            run_menu.addAction(self.actions[key])
        run_menu.addSeparator()
        run_menu.addAction(self.actions["reset"])
        view_menu = menu.addMenu("&View")
        for dock in (self.inspector_dock, self.backprop_dock, self.loss_dock,
                     self.gradients_dock, self.attention_dock):
            toggle = dock.toggleViewAction()
            toggle.setToolTip(f"Show or hide the {dock.windowTitle()} panel")
            view_menu.addAction(toggle)
        view_menu.addSeparator()
        view_menu.addAction(self.actions["find"])
        help_menu = menu.addMenu("&Help")
        shortcuts = help_menu.addAction("&Keyboard shortcuts…")
        shortcuts.triggered.connect(self.show_shortcuts)
        about = help_menu.addAction("&About Backprop Studio")
        about.triggered.connect(self.show_about)
        self._help_box: QMessageBox | None = None

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.state_label = QLabel(IDLE)
        self.metrics_label = QLabel("step 0 · tokens 0")
        self.device_label = QLabel("")
        bar.addPermanentWidget(self.metrics_label, 1)
        bar.addPermanentWidget(self.device_label)
        bar.addPermanentWidget(self.state_label)
        bar.showMessage(EMPTY_HINT)

    def _connect_worker(self) -> None:
        w = self.worker
        w.stateChanged.connect(self._on_state)
        w.stepMetrics.connect(self._on_metrics)
        w.stateChanged.connect(self.attention_view.set_engine_state)
        w.paramStats.connect(self.gradients_view.set_stats)
        w.attentionCaptured.connect(self.attention_view.set_capture)
        self.attention_view.captureRequested.connect(
            lambda layer, heads, sample: w.request_attention(layer, heads, sample))
        w.traceReady.connect(self._on_trace)
        w.scenarioReady.connect(self._on_scenario_ready)
        w.errorOccurred.connect(self.show_error)
        self.workbench.needTrace.connect(w.request_trace)
        self.workbench.graph_panel.message.connect(lambda text: self.statusBar().showMessage(text, 8000))

    # ------------------------------------------------------------------ settings

    def _restore_layout(self) -> None:
        if self._settings is None:
            return
        geometry = self._settings.value("window/geometry")
        state = self._settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self._layout_restored = bool(self.restoreState(state))

    def save_layout(self) -> None:
        if self._settings is None:
            return
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.sync()

    # ------------------------------------------------------------------ commands

    def toggle_run(self) -> None:
        if self.worker.state == RUNNING:
            self.worker.pause()
        else:
            self.worker.run()

    def reset(self) -> None:
        self.error_banner.hide()
        self.worker.reset()

    def focus_find(self) -> None:
        self.workbench.focus_search()

    def show_error(self, message: str) -> None:
        self.last_error = message
        self.error_label.setText(message)
        self.error_banner.show()
        self.statusBar().showMessage(message, 10000)

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{_shortcut_text(keys)}</b></td><td>{tip}</td></tr>"
                       for _, keys, tip in SHORTCUTS.values())
        if self._help_box is None:
            self._help_box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard shortcuts", "",
                                         QMessageBox.StandardButton.Close, self)
            self._help_box.setModal(False)
        self._help_box.setText(f"<table cellspacing='6'>{rows}</table>")
        self._help_box.show()

    def show_about(self) -> None:
        QMessageBox.about(self, "About Backprop Studio",
                          "<b>Backprop Studio</b><p>Watch a GPT-style language model learn from the "
                          "inside: the computation graph with shapes, backprop node by node, live "
                          "loss and gradients. Every number is computed from real tensors.</p>")

    def _on_scenario_chosen(self, index: int) -> None:
        key = self.scenario_combo.itemData(index)
        if key != self._scenario_key:
            self._scenario_key = key
            self._sync_preset_enabled()
            self.worker.set_scenario(key)

    def _on_preset_chosen(self, index: int) -> None:
        name = self.preset_combo.itemText(index)
        if name in PRESETS:
            self.gpt_config = PRESETS[name]
            self.worker.set_preset(name)

    def open_config_dialog(self) -> None:
        """Edit both configs; OK rebuilds the GPT scenario with them (switching to it)."""
        from gui.dialogs.config_dialog import ConfigDialog

        dialog = ConfigDialog(self.gpt_config, self.train_config, self)
        if dialog.exec() != ConfigDialog.DialogCode.Accepted:
            return
        self.apply_configs(dialog.gpt_config(), dialog.train_config())

    def apply_configs(self, gpt_cfg, train_cfg) -> None:
        self.gpt_config, self.train_config = gpt_cfg, train_cfg
        self.worker.apply_config(gpt_cfg, train_cfg)
        name = next((n for n, cfg in PRESETS.items() if cfg == gpt_cfg), "custom")
        if self.preset_combo.findText(name) < 0:
            self.preset_combo.addItem(name)
        self.preset_combo.setCurrentText(name)
        if self._scenario_key != "gpt":
            self.scenario_combo.setCurrentIndex(self.scenario_combo.findData("gpt"))
            self._on_scenario_chosen(self.scenario_combo.currentIndex())

    def _on_device_chosen(self, index: int) -> None:
        self.worker.set_device(self.device_combo.itemText(index))

    def _sync_preset_enabled(self) -> None:
        self.preset_combo.setEnabled(self._scenario_key == "gpt")

    # ------------------------------------------------------------------ worker signals (GUI thread)

    def _on_state(self, state: str) -> None:
        self.state_label.setText(state)
        running = state == RUNNING
        self.actions["run"].setIconText("❚❚ Pause" if running else "▶ Run")
        if running:  # a fresh run: the last message is history
            self.error_banner.hide()

    def _on_metrics(self, metrics) -> None:
        self.latest_metrics.set(metrics)
        self.loss_view.add_metrics(metrics)
        if self._trace_fresh:  # the optimizer moved the weights: the trace shows the past
            self._trace_fresh = False
            self.workbench.mark_stale()

    def _on_trace(self, trace) -> None:
        self._trace_fresh = True
        self.workbench.set_trace(trace)

    def _on_scenario_ready(self, info: dict) -> None:
        self.scenario_info = info
        self._scenario_key = info["key"]
        self.scenario_combo.setCurrentIndex(max(0, self.scenario_combo.findData(info["key"])))
        config = info.get("config")
        if config:
            for name, cfg in PRESETS.items():
                if cfg.to_dict() == config:
                    self.preset_combo.setCurrentText(name)
        device_type = info["device"].split(":")[0]
        if self.device_combo.findText(device_type) >= 0:
            self.device_combo.setCurrentText(device_type)
        self._sync_preset_enabled()
        self.device_label.setText(info["device"])
        if info.get("reason") == "built":
            self.loss_view.clear()
            self.gradients_view.clear()
            self.attention_view.clear()
            if config:
                self.attention_view.set_model_info(config["n_layers"], config["n_heads"])
            else:  # attention maps exist only in the GPT
                self.attention_view.set_model_info(0, 0)
            self.latest_metrics.clear()
            self._trace_fresh = False
            if self.workbench.trace is not None:  # a different model now: its graph is gone
                self.workbench.mark_stale()
                self.workbench.graph_panel.clear()
            self.metrics_label.setText(f"{info['title']} · {info['parameters']:,} parameters · "
                                       f"step 0 · tokens 0")
            self.statusBar().showMessage(EMPTY_HINT)

    def refresh(self) -> None:
        """30 Hz: the status bar shows the newest metrics."""
        metrics = self.latest_metrics.take()
        if metrics is None:
            return
        parts = [f"step {metrics.step:,}", f"tokens {metrics.tokens_seen:,}",
                 f"loss {metrics.loss:.4f}"]
        view = self.loss_view
        if view.train_loss.n:
            parts.append(f"train {view.train_loss.last():.3f}")
        if view.val_loss.n:
            parts.append(f"val {view.val_loss.last():.3f}")
        if math.isfinite(metrics.tokens_per_s) and metrics.tokens_per_s > 0:
            parts.append(f"{metrics.tokens_per_s:,.0f} tok/s")
        self.metrics_label.setText(" · ".join(parts))

    # ------------------------------------------------------------------ closing

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop the engine and join its thread; True when it ended within the timeout."""
        if self._shutdown_done:
            return not self.worker.is_running_thread()
        self._shutdown_done = True
        self.refresher.stop()
        joined = self.worker.shutdown(timeout_ms)
        return joined

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if self._help_box is not None:
            self._help_box.close()
        self.shutdown()
        event.accept()
        super().closeEvent(event)
