"""Step-through backprop on real traces: the cursor moves the highlight and the inspector."""
from __future__ import annotations

import pytest

from gui.views.backprop_panel import BackpropPanel
from gui.views.backprop_workbench import BackpropWorkbench






def make_workbench(qtbot, trace=None) -> BackpropWorkbench:
    bench = BackpropWorkbench()
    for w in (bench.graph_panel, bench.backprop_panel, bench.inspector):
        qtbot.addWidget(w)
        w.show()
    bench.graph_panel.resize(800, 600)
    if trace is not None:
        with qtbot.waitSignal(bench.graph_panel.layoutApplied, timeout=30000):
            bench.set_trace(trace)
    return bench


def test_needs_a_trace_then_performs_the_pending_step(qtbot, scalar_trace):
    panel = BackpropPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.needTrace, timeout=1000):
        panel.step_into()
    assert panel.pending == "step_into"
    with qtbot.waitSignal(panel.cursorChanged, timeout=1000) as blocker:
        panel.set_trace(scalar_trace)
    cursor = blocker.args[0]
    assert cursor.phase() == "backward"
    kind, step = cursor.current()
    assert kind == "backward" and step.name == "BinaryCrossEntropyBackward0"
    assert panel.pending is None
    assert panel.slider.value() == cursor.position
    assert f"{cursor.position} / {cursor.total}" in panel.position_label.text()
    # an optimizer step makes the trace stale: the next step asks again, once
    panel.mark_stale()
    signals = []
    panel.needTrace.connect(lambda: signals.append(1))
    panel.step_into()
    panel.step_over()
    assert signals == [1] and panel.pending == "step_over"


def test_stepping_moves_highlight_and_inspector(qtbot, scalar_trace):
    bench = make_workbench(qtbot, scalar_trace)
    panel, graph, inspector = bench.backprop_panel, bench.graph_panel, bench.inspector
    assert "Before the forward pass" in inspector.text()
    names, currents = [], []
    for _ in scalar_trace.backward_steps:
        bench.step_into()
        kind, step = panel.cursor.current()
        names.append(step.name)
        currents.append(graph.view.current())
        assert step.forward_node_id == graph.view.current()
        assert step.name in inspector.text()
        if step.name == "MulBackward0":
            text = inspector.text()
            assert "-0.0898" in text
            assert "dL/dw = dL/da · da/dz · dz/dw = (-1.0889)(0.075)(1.1) = -0.0898" in text
            assert graph.view.nodes["f0"].grad_known
    assert names[0] == "BinaryCrossEntropyBackward0"
    assert {"SigmoidBackward0", "AddBackward0", "MulBackward0"} <= set(names)
    assert names.count("AccumulateGrad") == 2
    assert len(set(currents)) >= 4  # the highlight moved from node to node
    # one more step: the optimizer update with old, -lr*grad, new
    bench.step_into()
    assert panel.cursor.phase() == "update"
    text = inspector.text()
    assert "Optimizer update" in text
    w_row = next(line for line in text.splitlines() if line.startswith("w "))
    old, delta, new = (float(x) for x in w_row.split()[1:4])
    assert old == pytest.approx(2.2, abs=1e-4)
    assert new == pytest.approx(old + delta, abs=1e-4)
    assert delta > 0  # w.grad is negative, so -lr*grad is positive
    assert "update" in panel.position_label.text()
    # back returns to the last backward node and its highlight
    bench.step_back()
    assert panel.cursor.phase() == "backward"
    assert graph.view.current() == panel.cursor.current()[1].forward_node_id


def test_slider_scrubs_and_run_to_end(qtbot, simplenet_trace):
    bench = make_workbench(qtbot, simplenet_trace)
    panel = bench.backprop_panel
    n_forward = len(simplenet_trace.forward_ops)
    panel.slider.setValue(1)
    kind, op = panel.cursor.current()
    assert kind == "forward" and bench.graph_panel.view.current() == op.node_id
    # the ops not yet run are faded during the forward phase
    later = simplenet_trace.forward_ops[-1].node_id
    assert bench.graph_panel.view.nodes[later].dimmed
    bench.forward_step()
    assert panel.cursor.position == 2
    bench.run_to_end()
    assert panel.cursor.phase() == "update"
    assert panel.slider.value() == panel.slider.maximum() == panel.cursor.total
    assert "fc1.weight" in bench.inspector.text()
    panel.slider.setValue(n_forward + 1)
    assert panel.cursor.current()[0] == "backward"
    # every gradient is known at the end; all grad halves are filled
    bench.run_to_end()
    view = bench.graph_panel.view
    assert all(view.nodes[s.forward_node_id].grad_known for s in simplenet_trace.backward_steps
               if s.forward_node_id in view.nodes)


def test_step_over_and_out_advance_in_backward_phase(qtbot, simplenet_trace):
    bench = make_workbench(qtbot, simplenet_trace)
    panel = bench.backprop_panel
    bench.step_into()
    start = panel.cursor.position
    bench.step_over()
    assert panel.cursor.position > start
    pos = panel.cursor.position
    bench.step_out()
    assert panel.cursor.position >= pos
    assert panel.cursor.current() is not None


def test_tooltips_show_shortcuts(qtbot):
    panel = BackpropPanel()
    qtbot.addWidget(panel)
    assert "F11" in panel.buttons["step_into"].toolTip()
    assert "F10" in panel.buttons["step_over"].toolTip()
    assert "Shift+F11" in panel.buttons["step_out"].toolTip()
