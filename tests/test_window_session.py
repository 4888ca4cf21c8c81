"""The behaviours the session gives the window (one test each): nothing stale after a switch,
break while training, the rebuild question, selection vs cursor, one position scheme, the
learner's names, a status bar that fits, remembered choices, and search keys."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from engine.session.events import RebuildChoice
from engine.session.position import Phase
from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec
from engine.session.status import FIRST_HINT
from gui.actions import ActionKey

# f12, b7, sigmoid3, linear2 (dtypes such as float32 are not ids)
INTERNAL_ID = re.compile(r"\b(?:[fb]\d+|(?!float|int|bfloat)[a-z_]+\d+)\b")


def trace_and_step(window, qtbot, n: int = 1) -> None:
    with qtbot.waitSignal(window.graph_panel.layoutApplied, timeout=60000):
        window.actions[ActionKey.STEP_INTO].trigger()
    for _ in range(n - 1):
        window.actions[ActionKey.STEP_INTO].trigger()
    window.refresher.refresh_now()


def train_steps(window, qtbot, n: int) -> None:
    for _ in range(n):
        with qtbot.waitSignal(window.adapter.stepAdded, timeout=60000):
            window.actions[ActionKey.STEP].trigger()
    qtbot.waitUntil(lambda: window.session.state == EngineState.PAUSED, timeout=10000)


def views_are_empty(window) -> None:
    """No view shows anything of a previous model generation."""
    window.refresher.refresh_now()
    assert window.session.traced is None
    assert window.graph_panel.view.nodes == {} and window.graph_panel.search_box.text() == ""
    assert window.graph_panel.matches() == []
    assert not window.backprop_panel.slider.isEnabled()
    assert "no trace" in window.backprop_panel.position_text()
    assert window.inspector.shown.title == "Inspector"
    assert window.loss_view.is_empty() and window.gradients_view.is_empty()
    assert window.attention_view.is_empty()
    assert "trace:" not in window.metrics_label.text()


def test_switching_scenario_clears_every_view(window, qtbot):
    trace_and_step(window, qtbot, 3)
    window.graph_panel.search_box.setText("sigmoid")
    assert window.graph_panel.matches()
    with qtbot.waitSignal(window.adapter.modelReady, timeout=60000):
        window.toolbar.scenario_combo.setCurrentIndex(
            window.toolbar.scenario_combo.findData(ScenarioKey.SIMPLENET))
        window.toolbar.scenario_combo.activated.emit(window.toolbar.scenario_combo.currentIndex())
    views_are_empty(window)
    assert window.session.spec.key == ScenarioKey.SIMPLENET
    assert "Backprop in a small net" in window.metrics_label.text()


def test_reset_and_preset_clear_every_view(make_window, qtbot):
    w = make_window(ScenarioSpec(key=ScenarioKey.GPT, gpt_config=_micro()))
    trace_and_step(w, qtbot, 2)
    w.ask_rebuild = lambda parent, question: RebuildChoice.REBUILD  # no steps: never asked
    with qtbot.waitSignal(w.adapter.modelReady, timeout=90000):
        w.actions[ActionKey.RESET].trigger()
    views_are_empty(w)


def test_break_while_training(make_window, qtbot):
    w = make_window(ScenarioSpec(key=ScenarioKey.SIMPLENET))
    with qtbot.waitSignal(w.adapter.stepAdded, timeout=30000):
        w.actions[ActionKey.RUN].trigger()
    assert w.session.state == EngineState.RUNNING
    with qtbot.waitSignal(w.graph_panel.layoutApplied, timeout=30000):
        w.actions[ActionKey.STEP_INTO].trigger()  # F11 while training: a break
    s = w.session
    assert s.state == EngineState.PAUSED
    traced_step = s.traced.step
    assert s.position.phase == Phase.BACKWARD and s.position.index == 1
    assert traced_step == s.run.steps + 1  # the step the model takes next
    assert f"Traced step {traced_step}" in w.statusBar().currentMessage()
    w.actions[ActionKey.STEP_INTO].trigger()
    w.actions[ActionKey.STEP_BACK].trigger()
    w.actions[ActionKey.STEP_INTO].trigger()
    assert s.position.index == 2 and s.traced.step == traced_step  # no re-trace
    with qtbot.waitSignal(w.adapter.stepAdded, timeout=30000):
        w.actions[ActionKey.RUN].trigger()  # F5 resumes; the trace stays, labelled
    qtbot.waitUntil(lambda: s.run.steps > traced_step, timeout=30000)
    w.refresher.refresh_now()
    assert s.traced.step == traced_step
    assert f"step {traced_step} (model now at step" in w.backprop_panel.position_text()
    w.actions[ActionKey.RUN].trigger()  # pause
    qtbot.waitUntil(lambda: s.state == EngineState.PAUSED, timeout=10000)


def test_rebuild_question_keeps_or_replaces_the_run(window, qtbot):
    w = window
    train_steps(w, qtbot, 2)
    asked = []

    def answer(choice):
        def ask(parent, question):
            asked.append(question)
            return choice
        return ask

    combo = w.toolbar.scenario_combo
    w.ask_rebuild = answer(RebuildChoice.CANCEL)
    combo.setCurrentIndex(combo.findData(ScenarioKey.GPT))
    combo.activated.emit(combo.currentIndex())
    assert asked[-1].steps == 2 and w.session.generation == 1
    assert combo.currentData() == ScenarioKey.SCALAR  # the toolbar shows the model in use
    assert w.session.run.steps == 2 and not w.loss_view.is_empty()
    w.ask_rebuild = answer(RebuildChoice.REBUILD)
    with qtbot.waitSignal(w.adapter.modelReady, timeout=60000):
        combo.setCurrentIndex(combo.findData(ScenarioKey.SIMPLENET))
        combo.activated.emit(combo.currentIndex())
    assert [run.steps for run in w.session.runs] == [2]  # kept for comparison
    assert w.session.spec.key == ScenarioKey.SIMPLENET and w.session.run.steps == 0


def test_rebuild_question_box_offers_three_choices(window):
    from engine.session.events import RebuildQuestion
    from gui.rebuild_question import rebuild_box

    question = RebuildQuestion(window.session.spec, ScenarioSpec(key=ScenarioKey.GPT), 200)
    box, buttons = rebuild_box(window, question)
    # (with unsaved weights, a fourth: save, then rebuild; tests/test_unsaved_prompt.py)
    assert sorted(buttons.values()) == sorted(set(RebuildChoice) - {RebuildChoice.SAVE_AND_REBUILD})
    assert "200 steps" in box.text() and "GPT pretraining (nano)" in box.informativeText()


def test_click_selects_double_click_only_expands(make_window, qtbot):
    w = make_window(ScenarioSpec(key=ScenarioKey.GPT, gpt_config=_micro()))
    trace_and_step(w, qtbot, 1)
    view, s = w.graph_panel.view, w.session
    cursor_node = view.current()
    param = next(n for n, item in view.nodes.items() if item.kind == "parameter" and n != cursor_node)
    _click(view, param, qtbot)
    qtbot.waitUntil(lambda: s.selection == param, timeout=3000)
    assert view.selected() == param and view.current() == cursor_node  # two things, two looks
    assert view.nodes[param].selected_mark and not view.nodes[param].current
    w.refresher.refresh_now()
    assert s.traced.facts.names[param] in w.inspector.shown.title
    w.actions[ActionKey.STEP_INTO].trigger()
    w.refresher.refresh_now()
    assert s.selection == param  # the cursor moved, the Inspector did not
    w.inspector.follow.setChecked(True)
    w.refresher.refresh_now()
    assert s.follow_cursor and "backward 2 of" in w.inspector.shown.subtitle
    group = next(n for n, item in view.nodes.items() if item.kind == "group")
    with qtbot.waitSignal(w.graph_panel.layoutApplied, timeout=30000):
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                          pos=view.mapFromScene(view.nodes[group].scenePos()))
    qtbot.wait(QApplication.styleHints().mouseDoubleClickInterval() + 100)
    assert s.follow_cursor and s.selection is None  # double-click changed nothing else
    assert group not in w.graph_panel.view.nodes  # it expanded


def test_one_position_scheme_everywhere(window, qtbot):
    w = window
    trace_and_step(w, qtbot, 5)
    n = len(w.session.traced.trace.backward_steps)
    text = f"backward 5 of {n}"
    assert text in w.backprop_panel.position_text()
    assert text in w.inspector.shown.subtitle
    assert text in w.metrics_label.text()
    assert w.backprop_panel.slider.value() == w.session.position.value


def test_learner_names_in_the_scalar_example(window, qtbot):
    w = window
    trace_and_step(w, qtbot, 1)
    names = set(w.session.traced.facts.names.values())
    assert {"x", "y", "w", "b", "z", "a", "L"} <= names
    texts = []
    for _ in range(w.session.traced.cursor.total):
        w.refresher.refresh_now()
        texts.append(w.inspector.text())
        w.actions[ActionKey.STEP_INTO].trigger()
    joined = "\n".join(texts)
    assert "dL/dw = dL/da · da/dz · dz/dw = (-1.0889)(0.075)(1.1) = -0.0898" in joined
    assert "(weight)" in joined and "(data)" in joined
    for title, detail in ((i.full_title, i.detail) for i in w.graph_panel.view.nodes.values()):
        assert not INTERNAL_ID.search(title + " " + detail), (title, detail)
    assert not INTERNAL_ID.search(joined.replace("Backward0", "")), joined


def test_status_bar_fits_the_scenario(window, qtbot):
    train_steps(window, qtbot, 2)
    window.refresher.refresh_now()
    text = window.metrics_label.text()
    assert "step 2" in text and "tok/s" not in text and "tokens" not in text


def test_first_launch_opens_autograd_basics_with_a_hint(qtbot, settings_file, make_window):
    w = make_window(None)  # nothing remembered yet
    assert w.session.spec.key == ScenarioKey.SCALAR and w.first_launch
    assert w.statusBar().currentMessage() == FIRST_HINT


def test_last_scenario_preset_and_device_are_remembered(make_window, qtbot, settings_file):
    first = make_window(None)
    qtbot.waitUntil(lambda: first.session.run.summary is not None, timeout=30000)
    first.session.choose_scenario(ScenarioKey.GPT)
    first.session.choose_preset("micro")
    first.session.choose_device("cpu")
    first.close()
    second = make_window(None)
    spec = second.session.spec
    assert (spec.key, spec.preset, spec.device) == (ScenarioKey.GPT, "micro", "cpu")
    assert not second.first_launch


def test_search_escape_backspace_and_alt_left(window, qtbot):
    w = window
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    trace_and_step(w, qtbot, 3)
    search = w.graph_panel.search_box
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(search.hasFocus, timeout=2000)
    qtbot.keyClicks(search, "sigm")
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    assert search.text() == "sig" and w.session.position.index == 3  # Backspace edited text
    assert w.graph_panel.view.marked()
    qtbot.keyClick(search, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert w.session.position.index == 2  # Alt+Left stepped back
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == "" and w.session.search_query == ""
    assert not w.graph_panel.view.marked() and w.graph_panel.view.hasFocus()


def _micro():
    from engine.presets import PRESETS
    return PRESETS["micro"]


def _click(view, node, qtbot):
    view.ensure_node_visible(node)
    pos = view.mapFromScene(view.nodes[node].scenePos())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_editing_x_updates_every_number(window, qtbot):
    w = window
    trace_and_step(w, qtbot, 4)
    with qtbot.waitSignal(w.graph_panel.layoutApplied, timeout=30000):
        w.example_panel.boxes["x"].setValue(2.0)
    w.refresher.refresh_now()
    details = {item.title: item.detail for item in w.graph_panel.view.nodes.values()}
    assert details["x"] == "2" and details["mul"] == "x·w=4.4" and details["add"] == "z=4.4"
    assert w.session.position.text() == f"backward 4 of {len(w.session.traced.trace.backward_steps)}"
    assert "dL/db" in w.inspector.text() and "-0.0121" in w.inspector.text()
    with qtbot.waitSignal(w.adapter.gradientCheckReady, timeout=30000):
        w.example_panel.check_button.click()
    rows = {w.example_panel.table.item(r, 0).text(): (w.example_panel.table.item(r, 1).text(),
                                                      w.example_panel.table.item(r, 2).text())
            for r in range(w.example_panel.table.rowCount())}
    assert rows["w[0]"] == ("-0.0243", "-0.0243") and rows["b[0]"][0] == rows["b[0]"][1]
