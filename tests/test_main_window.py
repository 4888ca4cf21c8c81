"""MainWindow: menus and shortcuts, training from the toolbar, errors, layout memory, throttled
repaints, the config dialog, the GPT docks and a clean close while training. (What the session
gives the window — clearing on a switch, breaks, the rebuild question, selection, positions,
search keys — is tests/test_window_session.py.)"""
from __future__ import annotations

import itertools

import numpy as np

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from engine.presets import PRESETS
from engine.records import StepRecord
from engine.session import commands as cmd
from engine.session.engine_loop import build_scenario
from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec
from gui.actions import ActionKey
from gui.main_window import READY_HINT
from gui.session_adapter import SessionAdapter


def _menu(window, title: str):
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            return action.menu()
    raise AssertionError(f"no menu {title}")


def _texts(menu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def _gpt(preset: str = "micro") -> ScenarioSpec:
    return ScenarioSpec(key=ScenarioKey.GPT, gpt_config=PRESETS[preset], device="cpu")


def _built(window, qtbot, timeout: int = 90000) -> None:
    qtbot.waitUntil(lambda: window.session.run.summary is not None, timeout=timeout)


def test_window_layout_menus_and_shortcuts(window):
    w = window
    assert "Backprop Studio" in w.windowTitle()
    assert [a.text().replace("&", "") for a in w.menuBar().actions()] == ["File", "Run", "View", "Help"]
    assert _texts(_menu(w, "File")) == ["Open run…", "Follow run…", "Import TensorBoard scalars…",
                                       "Open text corpus…", "Save checkpoint…", "Load checkpoint…",
                                       "Import Hugging Face GPT-2 folder…", "Recent", "Config…", "Export",
                                       "Quit"]
    assert _texts(_menu(w, "Run")) == ["Run / Pause", "Step (one optimizer step)", "Trace the next step",
                                      "Step into", "Step over", "Step out", "Step back", "Reset"]
    assert _texts(_menu(w, "View")) == ["Inspector", "Autograd example", "Backprop", "Loss", "Gradients",
                                       "Gradient health", "Attention", "Generate", "Tokens",
                                       "Tensor lab", "Run", "Find a node…", "Language"]
    assert _texts(_menu(w, "Help")) == ["Keyboard shortcuts…", "About Backprop Studio"]
    expected = {ActionKey.RUN: "F5", ActionKey.STEP: "Ctrl+Return", ActionKey.TRACE: "Ctrl+T",
                ActionKey.STEP_INTO: "F11", ActionKey.STEP_OVER: "F10", ActionKey.STEP_OUT: "Shift+F11",
                ActionKey.FIND: "Ctrl+F", ActionKey.QUIT: "Ctrl+Q", ActionKey.STEP_BACK: "Backspace",
                ActionKey.RESET: "Ctrl+R", ActionKey.CONFIG: "Ctrl+,"}
    assert set(expected) == set(ActionKey)
    for key, keys in expected.items():
        action = w.actions[key]
        assert action.shortcut() == QKeySequence(keys), key
        native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        assert f"({native}" in action.toolTip(), f"{key} tooltip shows its shortcut"
    assert QKeySequence("Alt+Left") in w.actions[ActionKey.STEP_BACK].shortcuts()
    # Scenario chooser in menu order, presets, devices; preset only for GPT.
    bar = w.toolbar
    assert [bar.scenario_combo.itemText(i) for i in range(bar.scenario_combo.count())] == \
        [key.title for key in ScenarioKey]
    assert [bar.preset_combo.itemText(i) for i in range(bar.preset_combo.count())] == list(PRESETS)
    assert bar.device_combo.itemText(0) == "cpu"
    assert bar.scenario_combo.currentData() == ScenarioKey.SCALAR and not bar.preset_combo.isEnabled()
    # Docks where the sketch puts them; the graph panel is the centre.
    docks = w.dock_layout
    assert w.dockWidgetArea(docks.inspector_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert w.dockWidgetArea(docks.backprop_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert w.dockWidgetArea(docks.loss_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    for learner in (docks.generation_dock, docks.tokenizer_dock, docks.tensor_lab_dock):
        assert learner in w.tabifiedDockWidgets(docks.loss_dock)  # one click away, beside Loss
    assert w.graph_panel.isAncestorOf(w.graph_panel.view)
    assert w.centralWidget().isAncestorOf(w.graph_panel)
    # Empty states say what to do.
    assert w.statusBar().currentMessage() == READY_HINT
    assert w.loss_view.is_empty() and "F5" in w.loss_view._empty.text()


def test_step_action_trains_once_and_updates_views(window, qtbot):
    w = window
    with qtbot.waitSignal(w.adapter.stepAdded, timeout=30000):
        w.actions[ActionKey.STEP].trigger()
    qtbot.waitUntil(lambda: w.session.state == EngineState.PAUSED, timeout=10000)
    assert w.session.run.steps == 1
    qtbot.waitUntil(lambda: "step 1 " in w.metrics_label.text() + " ", timeout=2000)  # a refresh tick
    assert "loss 0.0852" in w.metrics_label.text()  # the source material's L = 0.085188
    assert w.loss_view.step_loss.n == 1
    assert w.loss_view.step_loss.last() == pytest.approx(0.085188, abs=1e-5)
    qtbot.waitUntil(lambda: w.loss_view._stack.currentIndex() == 1, timeout=2000)
    assert w.state_label.text() == EngineState.PAUSED.value


def test_run_pause_toggle(window, qtbot):
    w = window
    with qtbot.waitSignal(w.adapter.engineStateChanged, timeout=10000,
                          check_params_cb=lambda e: e.state == EngineState.RUNNING):
        w.actions[ActionKey.RUN].trigger()
    assert "Pause" in w.actions[ActionKey.RUN].iconText() and w.state_label.text() == "running"
    with qtbot.waitSignal(w.adapter.stepAdded, timeout=30000):  # pause after a real step
        pass
    with qtbot.waitSignal(w.adapter.engineStateChanged, timeout=10000,
                          check_params_cb=lambda e: e.state == EngineState.PAUSED):
        w.actions[ActionKey.RUN].trigger()
    assert "Run" in w.actions[ActionKey.RUN].iconText()
    assert w.session.run.steps > 0


def test_engine_error_shown_window_usable_and_reset_works(make_window, qtbot):
    built = []

    def first_model_breaks(spec):
        scenario = build_scenario(spec)
        built.append(scenario)
        if len(built) == 1:
            def broken():
                raise ValueError("the engine tripped over a bad tensor")
            scenario.train_step = broken
        return scenario

    spec = ScenarioSpec(key=ScenarioKey.SCALAR, device="cpu")
    w = make_window(spec, adapter=SessionAdapter(spec, scenario_factory=first_model_breaks))
    _built(w, qtbot)
    with qtbot.waitSignal(w.adapter.errorRaised, timeout=30000):
        w.actions[ActionKey.STEP].trigger()
    qtbot.waitUntil(lambda: w.state_label.text() == EngineState.PAUSED.value, timeout=10000)
    assert not w.error_banner.isHidden()
    assert "bad tensor" in w.error_banner.text() and "Reset" in w.error_banner.text()
    assert "Traceback" not in w.error_banner.text() and w.last_error == w.error_banner.text()
    # Still usable: the actions are enabled and the window answers.
    assert all(a.isEnabled() for a in w.actions.values())
    with qtbot.waitSignal(w.adapter.modelReady, timeout=30000):
        w.actions[ActionKey.RESET].trigger()  # no steps were made: rebuilt without a question
    assert w.error_banner.isHidden() and len(built) == 2
    qtbot.waitUntil(lambda: w.state_label.text() == EngineState.IDLE.value, timeout=10000)
    with qtbot.waitSignal(w.adapter.stepAdded, timeout=30000) as blocker:
        w.actions[ActionKey.STEP].trigger()
    assert blocker.args[0].record.step == 1


def test_preset_change_rebuilds_gpt(make_window, qtbot):
    w = make_window(_gpt("nano"))  # the default GPT preset
    presets = w.toolbar.preset_combo
    assert presets.currentText() == "nano" and presets.isEnabled()
    assert w.toolbar.scenario_combo.currentData() == ScenarioKey.GPT
    _built(w, qtbot)
    index = presets.findText("micro")
    presets.setCurrentIndex(index)
    with qtbot.waitSignal(w.adapter.modelReady, timeout=90000) as blocker:
        presets.activated.emit(index)
    assert blocker.args[0].summary.config == PRESETS["micro"]
    assert w.session.spec.gpt_config == PRESETS["micro"] and w.session.generation == 2
    assert presets.currentText() == "micro"


def test_layout_is_remembered(make_window, qtbot, settings_file):
    first = make_window()
    first.show()
    qtbot.waitExposed(first)
    _built(first, qtbot)
    # Only the height is compared: the window is wider than the offscreen screen (800 px),
    # and restoreGeometry fits a restored window to its screen.
    height = first.minimumSizeHint().height() + 7
    first.resize(first.width(), height)
    qtbot.waitUntil(lambda: first.height() == height, timeout=2000)
    first.dock_layout.loss_dock.hide()
    first.close()
    assert not first.adapter.is_running()
    assert settings_file.value("window/geometry") is not None
    second = make_window()
    second.show()
    qtbot.waitExposed(second)
    assert second.dock_layout.restored
    assert second.height() == height
    assert second.dock_layout.loss_dock.isHidden() and not second.dock_layout.inspector_dock.isHidden()
    _built(second, qtbot)  # a clean shutdown


def test_fast_engine_does_not_flood_the_view(make_window, qtbot):
    """10,000 steps as fast as the engine thread can report them: loss repaints follow the
    ≤ 30 Hz refresh timer, never the steps, and the last value is kept."""
    n = 10_000
    holder = {}

    def instant_steps(spec):
        scenario = build_scenario(spec)
        scenario.train_step()  # real gradients for the first statistics sample
        count = itertools.count(1)

        def step():
            i = next(count)
            scenario.step = i
            if i == n:
                holder["adapter"].loop.send(cmd.Pause())  # taken before the next step
            return StepRecord(i, i, 1.0 / i, 0.5, 100.0)

        scenario.train_step = step
        return scenario

    spec = ScenarioSpec(key=ScenarioKey.SCALAR, device="cpu")
    holder["adapter"] = SessionAdapter(spec, scenario_factory=instant_steps, param_stats_every=10**9)
    w = make_window(spec, adapter=holder["adapter"])
    _built(w, qtbot)
    view = w.loss_view
    qtbot.waitUntil(w.refresher.is_active, timeout=1000)
    before, ticks_before = view.repaints, w.refresher.ticks
    w.actions[ActionKey.RUN].trigger()
    qtbot.waitUntil(lambda: w.session.run.steps == n, timeout=60000)
    qtbot.waitUntil(lambda: f"step {n:,}" in w.metrics_label.text(), timeout=5000)  # a later tick
    qtbot.waitUntil(lambda: w.session.state == EngineState.PAUSED, timeout=5000)
    assert view.step_loss.n == n and w.last_error is None
    repaints = view.repaints - before
    ticks = w.refresher.ticks - ticks_before
    # at most one repaint per tick, whatever the clock says
    assert repaints <= ticks + 1 < n // 10, (repaints, ticks)
    assert view.step_loss.last() == pytest.approx(1.0 / n)


def test_close_while_training_joins_within_2s(make_window, qtbot):
    w = make_window("simplenet")
    with qtbot.waitSignal(w.adapter.stepAdded, timeout=30000):
        w.actions[ActionKey.RUN].trigger()
    assert w.session.state == EngineState.RUNNING
    w.close()  # waits at most 2 s for the engine thread (MainWindow.shutdown(2.0))
    assert not w.adapter.is_running(), "close() returned before the engine thread ended"


def test_latest_keeps_only_the_newest_value():
    from gui.refresh import Latest
    latest = Latest()
    assert latest.take() is None
    for value in range(5):
        latest.set(value)
    assert latest.take() == 4
    assert latest.take() is None, "handed over once"
    assert latest.peek() == 4


def test_keyboard_shortcuts_help_lists_every_key(window, qtbot):
    w = window
    help_menu = _menu(w, "Help")
    next(a for a in help_menu.actions() if a.text().startswith("&Keyboard")).trigger()
    box = w._help_box
    qtbot.waitUntil(box.isVisible, timeout=2000)
    assert not box.isModal(), "the window stays usable while the list is open"
    for key in ("F5", "F10", "F11", "Shift+F11", "Ctrl+F", "Ctrl+Q", "Ctrl+T", "Backspace"):
        assert key in box.text(), key


def test_default_docks_leave_most_height_to_the_graph(make_window, qtbot):
    w = make_window()  # fresh settings: no saved layout
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    graph = w.graph_panel
    qtbot.waitUntil(lambda: graph.height() >= 0.5 * w.height(), timeout=3000)
    assert graph.height() > 1.8 * w.dock_layout.loss_dock.height()
    assert 150 <= w.loss_view.height() <= 300
    plot = w.loss_view._plots.widget
    assert plot.height() >= 120 or not plot.isVisible()  # readable: the plot is not squeezed
    controls = w.backprop_panel
    assert controls.height() <= controls.sizeHint().height() + 4  # one row, never stretched
    _built(w, qtbot)  # a clean shutdown


def test_loss_summary_names_the_curves_without_a_plot_legend(window):
    view = window.loss_view
    view.refresh()
    assert not view._summary.isVisibleTo(view)  # empty: the dock title says "Loss" once
    view.add_metrics(StepRecord(step=1, tokens_seen=8, loss=2.5, grad_norm=1.0,
                                tokens_per_s=10.0, train_loss=2.4, val_loss=2.6))
    view.refresh()
    assert view._summary.isVisibleTo(view)
    assert view.summary_text() == "step 1 · — step loss 2.5000 · ● train 2.4000 · ▲ val 2.6000"
    assert view.plot_item.legend is None  # nothing drawn over the curves


def test_config_dialog_ok_rebuilds_gpt_with_the_edited_config(window, qtbot, monkeypatch):
    from gui.dialogs.config_dialog import ConfigDialog

    w = window  # opens on the scalar scenario: OK must switch to GPT
    edited = PRESETS["micro"].replace(n_layers=1)

    def fake_exec(dialog):
        assert dialog.gpt_config() == w.session.spec.gpt_config  # opens on the session's spec
        dialog.preset_combo.setCurrentText("micro")  # fills the model fields
        dialog.editors["n_layers"].setText("1")
        return ConfigDialog.DialogCode.Accepted

    monkeypatch.setattr(ConfigDialog, "exec", fake_exec)
    with qtbot.waitSignal(w.adapter.modelReady, timeout=90000) as blocker:
        w.actions[ActionKey.CONFIG].trigger()
    assert blocker.args[0].summary.config == edited
    assert w.session.spec.key == ScenarioKey.GPT and w.session.spec.gpt_config == edited
    assert w.toolbar.preset_combo.currentText() == "custom"
    assert w.toolbar.scenario_combo.currentData() == ScenarioKey.GPT


def test_gradients_and_attention_docks_get_real_engine_data(make_window, qtbot):
    w = make_window(_gpt("micro"))
    _built(w, qtbot)
    with qtbot.waitSignal(w.adapter.statsAdded, timeout=90000) as stats:
        w.actions[ActionKey.STEP].trigger()
    qtbot.waitUntil(lambda: not w.gradients_view.is_empty(), timeout=5000)
    names = stats.args[0].stats.names
    assert w.gradients_view.table.rowCount() == len(names)
    qtbot.waitUntil(lambda: w.session.state == EngineState.PAUSED, timeout=30000)
    with qtbot.waitSignal(w.adapter.attentionAdded, timeout=90000) as capture:
        w.attention_view.request_capture()
    qtbot.waitUntil(lambda: not w.attention_view.is_empty(), timeout=5000)
    weights = capture.args[0].capture.weights
    assert weights.shape[-1] == weights.shape[-2]  # (heads, T, T): query x key
    assert w.attention_view.shown.shape == weights.shape[-2:]


def test_unexpected_gui_error_is_logged_and_the_window_goes_on(window, monkeypatch):
    import sys

    from gui.app import report_unexpected_errors

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    report_unexpected_errors(window)
    handler = sys.excepthook
    try:
        raise LookupError("a bug in a slot")
    except LookupError as exc:
        handler(type(exc), exc, exc.__traceback__)
    message = window.last_error
    assert message.startswith("Something went wrong in the app (LookupError: a bug in a slot).")
    log = message.rpartition("Details: ")[2]
    assert "a bug in a slot" in open(log, encoding="utf-8").read() and "Traceback" in open(log).read()
    assert window.session.run.summary is not None  # the model is still there


def test_loss_tools_smooth_log_perplexity_tokens_and_overlays(qtbot):
    """The smoothed curve is the debiased EMA of the step losses; perplexity is exp(loss); x can
    be tokens; the first step is framed; earlier runs are drawn behind; hover reads a step."""
    from engine.records import StepRecord
    from engine.session.curves import debiased_ema
    from gui.views.loss_controls import LossChoices, XAxis
    from gui.views.loss_view import LossView

    view = LossView()
    qtbot.addWidget(view)
    view.resize(900, 260)
    view.show()
    rng = np.random.default_rng(1)
    losses = 8 - np.linspace(0, 3, 300) + rng.normal(0, 0.3, 300)
    view.add_metrics(StepRecord(1, 128, float(losses[0]), 1.0, 100.0, lr=1e-3))
    view.refresh()
    x_range = view.plot_item.getViewBox().viewRange()[0]
    assert x_range[0] <= 0 and x_range[1] >= 2  # one point framed, not −130…130
    for i, loss in enumerate(losses[1:], start=2):
        view.add_metrics(StepRecord(i, 128 * i, float(loss), 1.0, 100.0, lr=1e-3))
    view.set_choices(LossChoices(smoothing=0.9))
    view.refresh()
    plots = view._plots
    np.testing.assert_allclose(plots.smooth.yData, debiased_ema(losses, 0.9), rtol=1e-9)
    assert plots.raw.opts["pen"].color().alpha() < 128  # the raw curve stays faint behind
    view.set_choices(LossChoices(smoothing=0.9, perplexity=True, x_axis=XAxis.TOKENS, log_y=True))
    view.refresh()
    np.testing.assert_allclose(plots.raw.yData, np.exp(losses), rtol=1e-9)
    assert plots.raw.xData[-1] == 128 * 300
    earlier = type("Run", (), {"metrics": [StepRecord(i, 128 * i, 9.0, 1.0, 1.0) for i in range(1, 50)]})
    view.set_overlays([earlier])
    view.refresh()
    assert len(plots.overlays[0].yData) == 49 and not len(plots.overlays[1].yData or [])
    text = plots.readout(view.run, view._smoothed, view.choices, 128 * 10)
    assert text.startswith("step 10 · tokens 1,280 · perplexity")


def test_engine_thread_starts_once_the_event_loop_runs(make_window, qtbot):
    """The first build is queued at once, but the engine thread starts on the event loop's
    first turn, so its imports do not slow down building and showing the window."""
    w = make_window("scalar")
    assert not w.adapter.is_running()
    qtbot.waitUntil(w.adapter.is_running, timeout=5000)
    qtbot.waitUntil(lambda: w.session.run.summary is not None, timeout=30000)


def test_a_window_closed_before_its_engine_started_never_starts_it(make_window, qtbot):
    w = make_window("scalar")
    assert w.shutdown(2.0)
    from PySide6.QtCore import QTimer
    turned = []
    QTimer.singleShot(0, lambda: turned.append(True))  # queued after the deferred start
    qtbot.waitUntil(lambda: bool(turned), timeout=5000)  # so that start has had its turn
    assert not w.adapter.is_running() and w.adapter._worker is None
