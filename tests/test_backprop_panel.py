"""Step-through backprop on real traces: the panel's buttons move the session's cursor, and
the graph's highlight, the Inspector and the slider follow (no engine thread: the session is
fed known traces)."""
from __future__ import annotations

import pytest

from engine.session import commands as cmd
from engine.session import outputs as out
from engine.session.backprop import Move
from engine.session.position import Phase
from engine.session.spec import EngineState, ScenarioKey
from gui.views.backprop_panel import NO_TRACE_TEXT, BackpropPanel
from gui.views.graph_panel import GraphPanel
from gui.views.inspector import Inspector
from session_helpers import feed_trace, offline_adapter, sent_commands


class Bench:
    """The three backprop views on one session, wired as the main window wires them."""

    def __init__(self, qtbot, key: ScenarioKey):
        self.adapter = a = offline_adapter(key)
        self.session = s = a.session
        self.graph, self.panel, self.inspector = GraphPanel(s), BackpropPanel(s), Inspector(s)
        self.graph.connect_session(a)
        self.inspector.connect_session(a)
        for signal, slot in ((a.modelRebuilding, self.panel.on_rebuilding),
                             (a.tracingStarted, self.panel.on_tracing),
                             (a.traceChanged, self.panel.on_trace),
                             (a.cursorMoved, self.panel.on_cursor)):
            signal.connect(slot)
        for w in (self.graph, self.panel, self.inspector):
            qtbot.addWidget(w)
            w.show()
        self.graph.resize(800, 600)
        self.qtbot = qtbot

    def feed(self, trace, step: int = 1) -> None:
        with self.qtbot.waitSignal(self.graph.layoutApplied, timeout=30000):
            feed_trace(self.session, trace, step)

    def click(self, button: str) -> None:
        self.panel.buttons[button].click()

    def text(self) -> str:
        """What the Inspector shows after the window's next refresh tick."""
        self.inspector.refresh()
        return self.inspector.text()

    def current_step(self):
        kind, item = self.session.traced.cursor.current()
        assert kind == "backward"
        return item


def test_a_step_without_a_trace_asks_for_one_then_is_carried_out(qtbot, scalar_trace):
    bench = Bench(qtbot, ScenarioKey.SCALAR)
    panel, s = bench.panel, bench.session
    assert panel.position_text() == NO_TRACE_TEXT and not panel.slider.isEnabled()
    bench.click("step_into")
    assert sent_commands(bench.adapter) == [cmd.TraceNext()]
    assert [m.move for m in s.pending_moves] == [Move.STEP_INTO]
    assert panel.position_text() == "tracing step 1…"
    bench.feed(scalar_trace)
    step = bench.current_step()
    assert step.name == "BinaryCrossEntropyBackward0" and s.pending_moves == []
    assert panel.slider.isEnabled()
    assert panel.slider.value() == s.position.value and panel.slider.maximum() == s.position.total
    assert panel.position_text() == "backward 1 of 6 · step 1"
    assert bench.graph.view.current() == step.forward_node_id


def test_a_stale_trace_still_answers_and_says_so(qtbot, scalar_trace):
    """Training on after a trace keeps it (labelled with its step); moves while paused use it."""
    bench = Bench(qtbot, ScenarioKey.SCALAR)
    s, panel = bench.session, bench.panel
    bench.feed(scalar_trace)
    sent_commands(bench.adapter)
    s.handle(out.StepTrained(1, _record(1)))
    panel.refresh_label()  # the window's refresh tick
    assert panel.position_text() == "before the forward pass · step 1 (model now at step 1)"
    bench.click("step_into")
    assert sent_commands(bench.adapter) == [] and s.position.index == 1
    assert panel.position_text() == "backward 1 of 6 · step 1 (model now at step 1)"


def test_a_move_while_training_breaks_with_one_fresh_trace(qtbot, scalar_trace):
    bench = Bench(qtbot, ScenarioKey.SCALAR)
    s, panel = bench.session, bench.panel
    bench.feed(scalar_trace)
    s.handle(out.StepTrained(1, _record(1)))
    s.handle(out.StateReported(1, EngineState.RUNNING))
    sent_commands(bench.adapter)
    bench.click("step_into")
    assert sent_commands(bench.adapter) == [cmd.TraceNext()]
    assert [m.move for m in s.pending_moves] == [Move.STEP_INTO]
    bench.feed(scalar_trace, step=2)
    assert s.pending_moves == [] and s.traced.step == 2 and s.position.index == 1
    assert panel.slider.value() == s.position.value
    assert panel.position_text() == "backward 1 of 6 · step 2"


def test_moves_made_while_the_break_is_traced_wait_for_the_new_trace(qtbot, scalar_trace):
    bench = Bench(qtbot, ScenarioKey.SCALAR)
    s = bench.session
    bench.feed(scalar_trace)
    s.handle(out.StateReported(1, EngineState.RUNNING))
    sent_commands(bench.adapter)
    bench.click("step_into")  # F11 while training: a break
    bench.click("step_over")  # F10 before the trace arrived
    assert sent_commands(bench.adapter) == [cmd.TraceNext()]  # asked once
    assert [m.move for m in s.pending_moves] == [Move.STEP_INTO, Move.STEP_OVER]
    bench.feed(scalar_trace, step=2)
    assert s.pending_moves == [] and s.position.index > 1  # both moves were made


def test_stepping_moves_highlight_and_inspector(qtbot, scalar_trace):
    bench = Bench(qtbot, ScenarioKey.SCALAR)
    bench.feed(scalar_trace)
    graph, panel, s = bench.graph, bench.panel, bench.session
    assert "Before the forward pass" in bench.text()
    mul = next(n for n, item in graph.view.nodes.items() if item.full_title == "mul")
    names, currents = [], []
    for _ in scalar_trace.backward_steps:
        bench.click("step_into")
        step = bench.current_step()
        names.append(step.name)
        currents.append(graph.view.current())
        assert step.forward_node_id == graph.view.current()
        text = bench.text()
        assert step.name in text and panel.slider.value() == s.position.value
        if step.name == "MulBackward0":
            assert "dL/dw = dL/da · da/dz · dz/dw = (-1.0889)(0.075)(1.1) = -0.0898" in text
            assert "grad out → x (data): none (needs no gradient)" in text
            assert graph.view.nodes[mul].grad_known
            assert graph.view.nodes[mul].grad_text == "-0.0817"  # dL/d(x·w)
    assert names[0] == "BinaryCrossEntropyBackward0"
    assert {"SigmoidBackward0", "AddBackward0", "MulBackward0"} <= set(names)
    assert names.count("AccumulateGrad") == 2
    assert len(set(currents)) >= 4  # the highlight moved from node to node
    # one more step: the optimizer update with old, -lr*grad, new
    bench.click("step_into")
    assert s.position.phase == Phase.UPDATE and graph.view.current() is None
    text = bench.text()
    assert "Optimizer update" in text and "−lr·grad" in bench.inspector.shown.update_heading
    w_row = next(line for line in text.splitlines() if line.startswith("w "))
    old, delta, new = (float(x) for x in w_row.split()[1:4])
    assert old == pytest.approx(2.2, abs=1e-4)
    assert new == pytest.approx(old + delta, abs=1e-4)
    assert delta > 0  # w.grad is negative, so -lr*grad is positive
    assert panel.position_text() == "update 1 of 1 · step 1"
    # back returns to the last backward node and its highlight
    bench.click("step_back")
    assert s.position.phase == Phase.BACKWARD
    assert graph.view.current() == bench.current_step().forward_node_id


def test_slider_scrubs_and_run_to_end(qtbot, simplenet_trace):
    bench = Bench(qtbot, ScenarioKey.SIMPLENET)
    bench.feed(simplenet_trace)
    panel, s, view = bench.panel, bench.session, bench.graph.view
    n_forward = len(simplenet_trace.forward_ops)
    panel.slider.setValue(1)
    kind, op = s.traced.cursor.current()
    assert kind == "forward" and view.current() == op.node_id
    assert panel.position_text() == f"forward 1 of {n_forward} · step 1"
    # the ops not yet run are faded during the forward phase
    later = simplenet_trace.forward_ops[-1].node_id
    assert view.nodes[later].dimmed and not view.nodes[op.node_id].dimmed
    bench.click("forward_op")
    assert s.position.value == 2 == panel.slider.value()
    bench.click("run_to_end")
    assert s.position.phase == Phase.UPDATE
    assert panel.slider.value() == panel.slider.maximum() == s.traced.cursor.total
    assert "fc1.weight" in bench.text()
    panel.slider.setValue(n_forward + 1)
    assert s.traced.cursor.current()[0] == "backward" and s.position.index == 1
    # every gradient is known at the end; all grad halves are filled
    bench.click("run_to_end")
    assert all(view.nodes[st.forward_node_id].grad_known for st in simplenet_trace.backward_steps
               if st.forward_node_id in view.nodes)


def test_step_over_and_out_advance_in_backward_phase(qtbot, simplenet_trace):
    bench = Bench(qtbot, ScenarioKey.SIMPLENET)
    bench.feed(simplenet_trace)
    s = bench.session
    bench.click("step_into")
    start = s.position.value
    bench.click("step_over")
    assert s.position.value > start
    pos = s.position.value
    bench.click("step_out")
    assert s.position.value >= pos
    assert s.traced.cursor.current() is not None
    assert bench.panel.slider.value() == s.position.value


def test_tooltips_show_shortcuts(qtbot):
    panel = BackpropPanel(offline_adapter().session)
    qtbot.addWidget(panel)
    assert "F11" in panel.buttons["step_into"].toolTip()
    assert "F10" in panel.buttons["step_over"].toolTip()
    assert "Shift+F11" in panel.buttons["step_out"].toolTip()
    assert "Ctrl+T" in panel.buttons["trace"].toolTip()


def _record(step: int):
    """A StepTrained record of the scalar example (only what the session reads)."""
    from types import SimpleNamespace
    return SimpleNamespace(step=step, loss=0.08, grad_norm=0.1, tokens_seen=step, tokens_per_s=0.0,
                           train_loss=None, val_loss=None, lr=0.01)
