"""MainWindow: menus and shortcuts, training from the toolbar, errors, traces, layout memory,
throttled repaints and a clean close while training."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from engine.presets import PRESETS
from engine.records import StepRecord
from engine.scenarios import SCENARIOS
from gui.engine_worker import ERROR, IDLE, PAUSED, RUNNING
from gui.main_window import EMPTY_HINT


def _menu(window, title: str):
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            return action.menu()
    raise AssertionError(f"no menu {title}")


def _texts(menu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_window_layout_menus_and_shortcuts(main_window):
    w = main_window
    assert "Backprop Studio" in w.windowTitle()
    assert [a.text().replace("&", "") for a in w.menuBar().actions()] == ["File", "Run", "View", "Help"]
    assert _texts(_menu(w, "File")) == ["Config…", "Quit"]
    assert _texts(_menu(w, "Run")) == ["Run / Pause", "Step (one optimizer step)", "Step into", "Step over",
                                      "Step out", "Step back", "Reset"]
    assert _texts(_menu(w, "View")) == ["Inspector", "Backprop", "Loss", "Gradients", "Attention",
                                       "Find a node…"]
    assert _texts(_menu(w, "Help")) == ["Keyboard shortcuts…", "About Backprop Studio"]
    expected = {"run": "F5", "step": "Ctrl+Return", "step_into": "F11", "step_over": "F10",
                "step_out": "Shift+F11", "find": "Ctrl+F", "quit": "Ctrl+Q", "step_back": "Backspace",
                "config": "Ctrl+,"}
    for key, keys in expected.items():
        action = w.actions[key]
        assert action.shortcut() == QKeySequence(keys), key
        native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        assert f"({native}" in action.toolTip(), f"{key} tooltip shows its shortcut"
    assert QKeySequence("Alt+Left") in w.actions["step_back"].shortcuts()
    # Scenario chooser in menu order, presets, devices; preset only for GPT.
    assert [w.scenario_combo.itemText(i) for i in range(w.scenario_combo.count())] == list(SCENARIOS.values())
    assert [w.preset_combo.itemText(i) for i in range(w.preset_combo.count())] == list(PRESETS)
    assert w.device_combo.itemText(0) == "cpu"
    assert w.scenario_combo.currentData() == "scalar" and not w.preset_combo.isEnabled()
    # Docks where the sketch puts them; the graph panel is the centre.
    assert w.dockWidgetArea(w.inspector_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert w.dockWidgetArea(w.backprop_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert w.dockWidgetArea(w.loss_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert w.workbench.graph_panel.isAncestorOf(w.workbench.graph_panel.view)
    assert w.centralWidget().isAncestorOf(w.workbench.graph_panel)
    # Empty states say what to do.
    assert w.statusBar().currentMessage() == EMPTY_HINT
    assert w.loss_view.is_empty() and "F5" in w.loss_view._empty.text()


def test_step_action_trains_once_and_updates_views(main_window, qtbot):
    w = main_window
    with qtbot.waitSignal(w.worker.stepMetrics, timeout=5000):
        w.actions["step"].trigger()
    qtbot.waitUntil(lambda: w.worker.state == PAUSED, timeout=2000)
    qtbot.waitUntil(lambda: "step 1 " in w.metrics_label.text() + " ", timeout=2000)
    assert "loss 0.0852" in w.metrics_label.text()  # the source material's L = 0.085188
    assert w.loss_view.step_loss.n == 1 and w.loss_view.step_loss.last() == pytest.approx(0.085188, abs=1e-5)
    qtbot.waitUntil(lambda: not w.loss_view.is_empty() and w.loss_view._stack.currentIndex() == 1, timeout=2000)
    qtbot.waitUntil(lambda: w.state_label.text() == PAUSED, timeout=2000)  # label follows a queued signal


def test_run_pause_toggle(main_window, qtbot):
    w = main_window
    with qtbot.waitSignal(w.worker.stateChanged, check_params_cb=lambda s: s == RUNNING, timeout=5000):
        w.actions["run"].trigger()
    assert "Pause" in w.actions["run"].iconText()
    with qtbot.waitSignal(w.worker.stepMetrics, timeout=30000):  # pause after a real step
        pass
    with qtbot.waitSignal(w.worker.stateChanged, check_params_cb=lambda s: s == PAUSED, timeout=5000):
        w.actions["run"].trigger()
    assert "Run" in w.actions["run"].iconText()
    assert w.worker.scenario.step > 0


def test_engine_error_shown_window_usable_and_reset_works(main_window, qtbot):
    w = main_window

    def broken():
        raise ValueError("the engine tripped over a bad tensor")

    w.worker.scenario.train_step = broken
    with qtbot.waitSignal(w.worker.errorOccurred, timeout=5000):
        w.actions["step"].trigger()
    qtbot.waitUntil(lambda: w.state_label.text() == ERROR, timeout=2000)
    assert not w.error_banner.isHidden()
    assert "bad tensor" in w.error_label.text() and "Reset" in w.error_label.text()
    # Still usable: the other actions are enabled and the window answers.
    assert all(a.isEnabled() for a in w.actions.values())
    with qtbot.waitSignal(w.worker.scenarioReady, timeout=30000):
        w.actions["reset"].trigger()
    assert w.error_banner.isHidden()
    qtbot.waitUntil(lambda: w.state_label.text() == IDLE, timeout=2000)
    with qtbot.waitSignal(w.worker.stepMetrics, timeout=5000) as blocker:
        w.actions["step"].trigger()
    assert blocker.args[0].step == 1


def test_step_into_traces_and_a_step_makes_the_trace_stale(main_window, qtbot):
    w = main_window
    panel = w.workbench.backprop_panel
    with qtbot.waitSignal(w.worker.traceReady, timeout=20000):
        w.actions["step_into"].trigger()  # no trace yet: the workbench asks the worker for one
    qtbot.waitUntil(lambda: panel.cursor is not None and panel.cursor.phase() == "backward", timeout=5000)
    kind, node = panel.cursor.current()
    assert kind == "backward" and node.name == "BinaryCrossEntropyBackward0"
    assert w.scenario_info["step"] == 0 and w.worker.scenario.step == 0, "tracing is not training"
    with qtbot.waitSignal(w.worker.stepMetrics, timeout=5000):
        w.actions["step"].trigger()
    qtbot.waitUntil(lambda: panel.stale, timeout=2000)


def test_scenario_change_rebuilds(main_window, qtbot):
    w = main_window
    with qtbot.waitSignal(w.worker.stepMetrics, timeout=5000):
        w.actions["step"].trigger()
    index = w.scenario_combo.findData("simplenet")
    w.scenario_combo.setCurrentIndex(index)
    with qtbot.waitSignal(w.worker.scenarioReady, timeout=30000) as blocker:
        w.scenario_combo.activated.emit(index)
    assert blocker.args[0]["key"] == "simplenet"
    assert w.loss_view.step_loss.n == 0, "a new model starts a new curve"
    assert not w.preset_combo.isEnabled()
    assert "Backprop in a small net" in w.metrics_label.text()


def test_default_is_gpt_nano(qtbot, settings_file):
    from gui.main_window import MainWindow
    w = MainWindow(settings=settings_file)  # the defaults a user gets
    qtbot.addWidget(w)
    try:
        qtbot.waitUntil(lambda: w.scenario_info is not None, timeout=90000)
        assert w.scenario_info["key"] == "gpt" and w.scenario_info["config"] == PRESETS["nano"].to_dict()
        assert w.scenario_combo.currentText() == "GPT pretraining"
        assert w.preset_combo.currentText() == "nano" and w.preset_combo.isEnabled()
    finally:
        joined = w.shutdown(5000) or w.worker.shutdown(120000) and False  # never destroy a running thread
        assert joined


def test_layout_is_remembered(make_main_window, qtbot, settings_file):
    first = make_main_window(settings=settings_file)
    first.show()
    qtbot.waitExposed(first)
    qtbot.waitUntil(lambda: first.scenario_info is not None, timeout=30000)
    first.resize(first.minimumSizeHint().width() + 13, first.minimumSizeHint().height() + 7)
    qtbot.waitUntil(lambda: first.size().width() == first.minimumSizeHint().width() + 13, timeout=2000)
    saved_size = first.size()
    first.loss_dock.hide()
    first.close()
    assert not first.worker.is_running_thread()
    assert settings_file.value("window/geometry") is not None
    second = make_main_window(settings=settings_file)
    second.show()
    qtbot.waitExposed(second)
    qtbot.waitUntil(lambda: second.scenario_info is not None, timeout=30000)
    assert second.size() == saved_size
    assert second.loss_dock.isHidden() and not second.inspector_dock.isHidden()


def test_fast_engine_does_not_flood_the_view(main_window, qtbot):
    """10,000 metrics as fast as a thread can emit them: ≤ ~30 repaints a second, last value kept."""
    w = main_window
    view = w.loss_view
    qtbot.waitUntil(lambda: w.refresher.is_active(), timeout=1000)
    before = view.repaints
    n = 10_000

    def produce():
        for i in range(1, n + 1):
            w.worker.stepMetrics.emit(StepRecord(i, i, 1.0 / i, 0.5, 100.0))

    ticks_before = w.refresher.ticks
    producer = threading.Thread(target=produce)
    producer.start()
    qtbot.waitUntil(lambda: view.step_loss.n == n, timeout=30000)
    producer.join()
    qtbot.waitUntil(lambda: f"step {n:,}" in w.metrics_label.text(), timeout=5000)  # a later tick painted it
    repaints = view.repaints - before
    ticks = w.refresher.ticks - ticks_before
    # Paints follow the refresh timer (≤ 30 Hz, see gui/refresh.py), never the metrics:
    # at most one repaint per tick, whatever the clock says.
    assert repaints <= ticks + 1 < n // 10, (repaints, ticks)
    assert view.step_loss.last() == pytest.approx(1.0 / n)
    assert f"step {n:,}" in w.metrics_label.text()


def test_close_while_training_joins_within_2s(make_main_window, qtbot):
    w = make_main_window(scenario="simplenet")
    with qtbot.waitSignal(w.worker.stepMetrics, timeout=30000):
        w.actions["run"].trigger()
    assert w.worker.state == RUNNING
    w.close()  # waits at most 2 s for the engine thread (MainWindow.shutdown(2000))
    assert not w.worker.is_running_thread(), "close() returned before the engine thread ended"


def test_find_shortcut_focuses_search_and_backspace_still_edits(main_window, qtbot):
    w = main_window
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)  # shortcuts need it
    search = w.workbench.graph_panel.search
    with qtbot.waitSignal(w.workbench.graph_panel.layoutApplied, timeout=20000):
        qtbot.keyClick(w, Qt.Key.Key_F11)  # trace a step: now there is a graph to search
    assert search.isEnabled()
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(search.hasFocus, timeout=2000)
    position = w.workbench.backprop_panel.cursor.position
    qtbot.keyClicks(search, "sigm")
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    assert search.text() == "sig", "Backspace edits the text instead of stepping backprop"
    assert w.workbench.backprop_panel.cursor.position == position


def test_preset_change_rebuilds_gpt(make_main_window, qtbot):
    w = make_main_window(scenario="gpt", preset="micro")
    qtbot.waitUntil(lambda: w.scenario_info is not None, timeout=90000)
    assert w.scenario_info["config"] == PRESETS["micro"].to_dict()
    index = w.preset_combo.findText("nano")
    w.preset_combo.setCurrentIndex(index)
    with qtbot.waitSignal(w.worker.scenarioReady, timeout=90000) as blocker:
        w.preset_combo.activated.emit(index)
    assert blocker.args[0]["config"] == PRESETS["nano"].to_dict()
    assert w.preset_combo.currentText() == "nano"


def test_latest_keeps_only_the_newest_value():
    from gui.refresh import Latest
    latest = Latest()
    assert latest.take() is None
    for value in range(5):
        latest.set(value)
    assert latest.take() == 4
    assert latest.take() is None, "handed over once"
    assert latest.peek() == 4


def test_keyboard_shortcuts_help_lists_every_key(main_window, qtbot):
    w = main_window
    help_menu = _menu(w, "Help")
    next(a for a in help_menu.actions() if a.text().startswith("&Keyboard")).trigger()
    box = w._help_box
    qtbot.waitUntil(box.isVisible, timeout=2000)
    assert not box.isModal(), "the window stays usable while the list is open"
    for key in ("F5", "F10", "F11", "Shift+F11", "Ctrl+F", "Ctrl+Q", "Backspace"):
        assert key in box.text(), key


def test_default_docks_leave_most_height_to_the_graph(make_main_window, qtbot):
    w = make_main_window()  # fresh settings: no saved layout
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    graph = w.workbench.graph_panel
    qtbot.waitUntil(lambda: graph.height() >= 0.6 * w.height(), timeout=3000)
    assert graph.height() > 2 * w.loss_dock.height()
    assert 150 <= w.loss_view.height() <= 240
    controls = w.workbench.backprop_panel
    assert controls.height() <= controls.sizeHint().height() + 4  # one row, never stretched
    qtbot.waitUntil(lambda: w.scenario_info is not None, timeout=30000)  # a clean shutdown


def test_loss_summary_names_the_curves_without_a_plot_legend(main_window, qtbot):
    view = main_window.loss_view
    view.refresh()
    assert not view._summary.isVisibleTo(view)  # empty: the dock title says "Loss" once
    view.add_metrics(StepRecord(step=1, tokens_seen=8, loss=2.5, grad_norm=1.0,
                                 tokens_per_s=10.0, train_loss=2.4, val_loss=2.6))
    view.refresh()
    assert view._summary.isVisibleTo(view)
    assert view.summary_text() == "step 1 · — step loss 2.5000 · ● train 2.4000 · ▲ val 2.6000"
    assert view.plot_item.legend is None  # nothing drawn over the curves


def test_config_dialog_ok_rebuilds_gpt_with_the_edited_config(main_window, qtbot, monkeypatch):
    from gui.dialogs.config_dialog import ConfigDialog

    w = main_window  # opens on the scalar scenario: OK must switch to GPT
    qtbot.waitUntil(lambda: w.scenario_info is not None, timeout=90000)
    edited = PRESETS["micro"].replace(n_layers=1)

    def fake_exec(dialog):
        assert dialog.gpt_config() == w.gpt_config  # opens on what the window runs
        dialog.preset_combo.setCurrentText("micro")  # fills the model fields
        dialog.editors["n_layers"].setText("1")
        return ConfigDialog.DialogCode.Accepted

    monkeypatch.setattr(ConfigDialog, "exec", fake_exec)
    with qtbot.waitSignal(w.worker.scenarioReady, timeout=90000,
                          check_params_cb=lambda info: info["key"] == "gpt") as blocker:
        w.actions["config"].trigger()
    assert blocker.args[0]["config"] == edited.to_dict()
    assert w.gpt_config == edited and w.preset_combo.currentText() == "custom"
    assert w.scenario_combo.currentData() == "gpt"


def test_gradients_and_attention_docks_get_real_engine_data(make_main_window, qtbot):
    w = make_main_window(scenario="gpt", preset="micro")
    qtbot.waitUntil(lambda: w.scenario_info is not None, timeout=90000)
    with qtbot.waitSignal(w.worker.paramStats, timeout=90000) as stats:
        w.actions["step"].trigger()
    qtbot.waitUntil(lambda: not w.gradients_view.is_empty(), timeout=5000)
    names = stats.args[0].names
    assert w.gradients_view.table.rowCount() == len(names)
    with qtbot.waitSignal(w.worker.attentionCaptured, timeout=90000) as capture:
        w.attention_view.request_capture()
    qtbot.waitUntil(lambda: not w.attention_view.is_empty(), timeout=5000)
    weights = capture.args[0].weights
    assert weights.shape[-1] == weights.shape[-2]  # (heads, T, T): query x key
    assert w.attention_view.shown.shape == weights.shape[-2:]
