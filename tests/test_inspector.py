"""Inspector on real traces: scalar chain rule, small-tensor tables, big-tensor heatmaps, the
optimizer update and a narrow dock. The session is fed known traces (no engine thread)."""
from __future__ import annotations

import numpy as np
import pytest

from engine.models.scalar import chain_rule
from engine.session.inspection import EMPTY_TEXT, rule_text
from engine.session.spec import ScenarioKey
from engine.tracing.chain import chain_rules
from gui import palette
from gui.views.inspector import Inspector
from gui.views.tensor_widgets import TensorView, as_matrix
from session_helpers import feed_trace, offline_adapter


def make_inspector(qtbot, trace=None, key=ScenarioKey.SCALAR) -> Inspector:
    adapter = offline_adapter(key)
    inspector = Inspector(adapter.session)
    inspector.connect_session(adapter)
    inspector.adapter = adapter  # kept alive with the widget
    qtbot.addWidget(inspector)
    inspector.show()
    if trace is not None:
        feed_trace(adapter.session, trace)
    inspector.refresh()
    return inspector


def show_step(inspector: Inspector, name: str):
    """Seek the session's cursor to the backward node `name`; the next refresh shows it."""
    session = inspector.session
    trace = session.traced.trace
    step = next(s for s in trace.backward_steps if s.name == name)
    session.seek(len(trace.forward_ops) + 1 + step.index)
    assert session.traced.cursor.current()[1] is step
    inspector.refresh()
    return step


def test_empty_state(qtbot):
    inspector = make_inspector(qtbot)
    assert EMPTY_TEXT in inspector.text() and "F11" in EMPTY_TEXT and "F5" in EMPTY_TEXT
    assert not inspector.follow.isVisibleTo(inspector)  # nothing to follow yet


def test_refresh_paints_only_after_a_session_event(qtbot, scalar_trace):
    inspector = make_inspector(qtbot, scalar_trace)
    shown = inspector.shown
    inspector.refresh()
    assert inspector.shown is shown  # nothing changed: no repaint
    inspector.session.seek(5)  # a cursor move marks it dirty
    assert inspector.shown is shown
    inspector.refresh()
    assert inspector.shown is not shown and "backward 1 of 6" in inspector.shown.subtitle


def test_scalar_chain_rule_numbers_match_hand_computation(qtbot, scalar_trace):
    ref = chain_rule()
    inspector = make_inspector(qtbot, scalar_trace)
    show_step(inspector, "SigmoidBackward0")
    text = inspector.text()
    title = text.splitlines()[0]
    assert title.startswith("SigmoidBackward0 · from sigmoid") and title.endswith("a")
    assert "backward 2 of 6 · step 1" in text
    assert f"value a = {ref.a:.4f}" in text  # a = 0.9183
    assert "grad in  dL/da = -1.0889" in text and "grad out  dL/dz (activation) = -0.0817" in text
    assert "local  da/dz = a(1−a) = 0.075" in text
    assert "dL/dz = dL/da · da/dz = (-1.0889)(0.075) = -0.0817" in text

    show_step(inspector, "MulBackward0")
    text = inspector.text()
    title = text.splitlines()[0]
    assert title.startswith("MulBackward0 · from mul") and title.endswith("x·w")
    assert f"{ref.dL_dw:.4f}" == "-0.0898"
    assert "grad out  dL/dw (weight) = -0.0898" in text
    assert "grad out → x (data): none (needs no gradient)" in text
    assert "dL/dw = dL/da · da/dz · dz/dw = (-1.0889)(0.075)(1.1) = -0.0898" in text


def test_chain_rule_text_follows_recorded_factors(scalar_trace):
    steps = scalar_trace.backward_steps
    add = next(s for s in steps if s.name == "AddBackward0")
    lines = [rule_text(rule) for rule in chain_rules(steps, add.index)]
    assert "dL/db = dL/da · da/dz · dz/db = (-1.0889)(0.075)(1) = -0.0817" in lines


def test_selected_parameter_shows_its_gradient_until_follow_is_on(qtbot, scalar_trace):
    inspector = make_inspector(qtbot, scalar_trace)
    session = inspector.session
    show_step(inspector, "BinaryCrossEntropyBackward0")
    w = next(n for n, name in session.traced.facts.names.items() if name == "w")
    session.select(w)
    inspector.refresh()
    text = inspector.text()
    assert text.splitlines()[0] == "w" and "selected · step 1" in text
    assert "value w = 2.2" in text and "w.grad = -0.0898" in text
    assert not inspector.follow.isChecked()
    inspector.follow.setChecked(True)  # back to the cursor
    assert session.follow_cursor and session.selection is None
    inspector.refresh()
    assert inspector.text().startswith("BinaryCrossEntropyBackward0")


def test_update_table_old_change_new(qtbot, scalar_trace, micro_trace):
    inspector = make_inspector(qtbot, scalar_trace)
    inspector.session.run_to_end()
    inspector.refresh()
    table = inspector.updates
    assert table.isVisibleTo(inspector) and table.rowCount() == len(scalar_trace.updates)
    headings = [table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headings == ["parameter", "old", "−lr·grad", "new"]
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "w")
    old, change, new = (float(table.item(row, c).text()) for c in (1, 2, 3))
    assert old == pytest.approx(2.2) and new == pytest.approx(old + change, abs=1e-4)
    assert "lr 0.01" in inspector.text()
    gpt = make_inspector(qtbot, micro_trace, ScenarioKey.GPT)
    gpt.session.run_to_end()
    gpt.refresh()
    assert gpt.updates.horizontalHeaderItem(2).text() == "AdamW change"  # not −lr·grad
    assert "AdamW" in gpt.text() and "‖·‖" in gpt.updates.item(0, 1).text()
    gpt.session.seek(0)
    gpt.refresh()
    assert not gpt.updates.isVisibleTo(gpt)


def test_simplenet_small_tensors_as_numbers(qtbot, simplenet_trace):
    inspector = make_inspector(qtbot, simplenet_trace, ScenarioKey.SIMPLENET)
    step = show_step(inspector, "ReluBackward0")
    view = inspector.tensors[0]
    assert view.isVisibleTo(inspector) and view.grid.isVisibleTo(view)
    shown = view.grid.grid.values.reshape(-1)
    assert len(shown) == step.grad_in[0].values.size == 5
    assert np.allclose(shown, step.grad_in[0].values.reshape(-1))
    assert inspector.text().startswith("ReluBackward0 · from relu")
    # the ReLU's zeroed gradients are visible as exact zeros
    out_view = inspector.tensors[1]
    assert out_view.isVisibleTo(inspector)
    out_numbers = out_view.text().splitlines()[2].split(" ")  # title, stats, then the cells
    zeros = [i for i, v in enumerate(step.grad_out[0].values.reshape(-1)) if v == 0]
    assert zeros and all(out_numbers[i] == "0" for i in zeros)
    assert f"zeros {len(zeros)}" in out_view.text()
    assert not inspector.tensors[2].isVisibleTo(inspector)  # unused slots are hidden


def test_big_tensor_cells_symmetric_range(qtbot):
    import torch

    from engine.tracing.summary import summarize_many

    view = TensorView()
    qtbot.addWidget(view)
    view.show()
    rng = np.random.default_rng(0)
    values = rng.normal(size=(4, 32, 16)).astype(np.float64)
    values[0, 0, 0] = -9.0
    summary = summarize_many([torch.tensor(values)], value_cap=4096)[0]
    view.set_summary(summary, "grad in")
    assert view.grid.isVisibleTo(view) and not view.hist_plot.isVisibleTo(view)
    assert view.grid.grid.shape == (32, 16)  # rank 3: one slice, a slider for the first axis
    assert view.sliders[0].isVisibleTo(view) and view.sliders[0].maximum() == 3
    finite = values.reshape(-1)
    assert view.bound == pytest.approx(abs(finite.mean()) + 3 * finite.std(), rel=1e-4)
    assert (0, 0) in view.grid.markers.clipped  # -9 is beyond 3σ: clipped and marked
    assert tuple(view.grid.colors[0, 0]) == tuple(palette.diverging_lut()[0])
    assert "min -9" in view.text()
    assert as_matrix(np.arange(6).reshape(1, 2, 3)).shape == (2, 3)


def test_gpt_large_gradient_without_values_shows_stats(qtbot, micro_trace):
    inspector = make_inspector(qtbot, micro_trace, ScenarioKey.GPT)
    step = next(s for s in micro_trace.backward_steps
                if s.grad_in and s.grad_in[0] is not None and s.grad_in[0].values is None)
    show_step(inspector, step.name)
    text = inspector.text()
    assert step.name in text and "only statistics and the histogram" in text
    assert "‖·‖" in text
    view = inspector.tensors[0]
    assert not view.grid.isVisible()  # no values: no cells
    assert view.hist_plot.isVisibleTo(view)
    x, y = view.histogram.getOriginalDataset()
    assert (y - 1).sum() == step.grad_in[0].hist_counts.sum()  # 1 + count per bin, on a log axis
    assert view.hist_plot.getPlotItem().getAxis("left").logMode  # one bin must not hide the tails


def test_narrow_dock_wraps_everything(qtbot, micro_trace):
    """At ~320 px nothing needs a horizontal scroll bar: long module paths and stats wrap."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    inspector = make_inspector(qtbot, micro_trace, ScenarioKey.GPT)
    inspector.resize(320, 700)
    scroll = inspector.findChild(QScrollArea)
    trace = micro_trace
    deep = [s for s in trace.backward_steps if s.param_name and s.module.count(".") >= 2]
    assert deep, "the micro GPT has parameters inside trf_blocks.N.att"
    for step in (deep[0], max(trace.backward_steps, key=lambda s: len(s.name))):
        inspector.session.seek(len(trace.forward_ops) + 1 + step.index)
        inspector.refresh()
        QApplication.processEvents()  # let the scroll area lay out the new content
        content = scroll.widget()
        assert content.minimumSizeHint().width() <= scroll.viewport().width()
        assert content.width() <= scroll.viewport().width()
        assert not scroll.horizontalScrollBar().isVisible()
        text = inspector.text()
        assert "\u200b" not in text  # break points are invisible and never copied
        assert step.name in text
        if step.param_name:
            assert f"parameter: {step.param_name}" in text


def test_small_net_batch_names_the_gradients_relu_zeroed(qtbot):
    """The app's small net trains on a batch of 8: some ReLU units are off for some samples,
    and the Inspector counts the gradients the ReLU zeroed (checked against the values)."""
    from engine.scenarios import SimpleNetScenario
    from engine.session.inspection import backward_step, relu_zeroed
    from engine.session.session import StudioSession
    from engine.session.spec import ScenarioSpec
    from engine.tracing.trace_step import trace_scenario

    trace = trace_scenario(SimpleNetScenario(device="cpu"))
    relu = next(s for s in trace.backward_steps if s.name in ("ReluBackward0", "ThresholdBackward0"))
    g_in, g_out = relu.grad_in[0].values, relu.grad_out[0].values
    assert g_in.shape == (8, 5)
    expected = int(((g_out == 0) & (g_in != 0)).sum())
    assert 0 < expected < 40  # off for some samples, on for others
    assert relu_zeroed(relu) == (expected, 40)
    session = StudioSession(lambda command: None, ScenarioSpec(key=ScenarioKey.SIMPLENET))
    session.start()
    feed_trace(session, trace)
    shown = backward_step(session.traced, relu, session.traced.position, "step 1")
    assert f"{expected} of 40 values zeroed by ReLU" in "\n".join(shown.lines)


def test_adamw_update_is_what_torch_adamw_did(qtbot, micro_trace):
    """The update view's AdamW parts (moments, bias-corrected step, decoupled decay) add up to
    the new value, and the new value is what a real torch.optim.AdamW step produced."""
    import copy

    import torch

    from engine.models.gpt import GPTModel
    from engine.models.loss import next_token_loss
    from engine.presets import PRESETS
    from engine.tracing.trace_step import trace_training_step

    torch.manual_seed(0)
    model = GPTModel(PRESETS["micro"])
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.1)
    tokens = torch.randint(0, PRESETS["micro"].vocab_size, (1, 9))
    for _ in range(2):  # moments that are not just the first gradient
        optimizer.zero_grad()
        next_token_loss(model(tokens[:, :-1]), tokens[:, 1:]).backward()
        optimizer.step()
    trace = trace_training_step(model, tokens[:, :-1], tokens[:, 1:], next_token_loss,
                                optimizer=optimizer, scenario="gpt", value_cap=10**6)
    real = copy.deepcopy(model)
    real_opt = torch.optim.AdamW(real.parameters(), lr=1e-3, weight_decay=0.1)
    real_opt.load_state_dict(optimizer.state_dict())
    for p, q in zip(model.parameters(), real.parameters()):
        q.grad = p.grad.clone()
    real_opt.step()
    new_values = dict(real.named_parameters())
    checked = [u for u in trace.updates if u.new.values is not None]
    assert len(checked) >= 4
    for update in checked:
        expected = new_values[update.param_name].detach().numpy()
        np.testing.assert_allclose(update.new.values, expected, rtol=1e-5, atol=1e-7)
        parts = update.old.values + update.decay.values + update.step.values
        np.testing.assert_allclose(parts, expected, rtol=1e-5, atol=1e-6)
    inspector = make_inspector(qtbot, trace, ScenarioKey.GPT)
    inspector.session.run_to_end()
    inspector.refresh()
    assert inspector.shown.update_heading == "AdamW change" and "decoupled" in inspector.text()
    inspector.updates.selectRow(0)
    titles = [v.title.text() for v in inspector.tensors if v.isVisibleTo(inspector)]
    assert any(t.startswith("m (running mean") for t in titles) and len(titles) == 4


def test_zeroed_relu_gradients_are_ringed_in_the_tensor_widget(qtbot):
    from engine.scenarios import SimpleNetScenario
    from engine.tracing.trace_step import trace_scenario

    trace = trace_scenario(SimpleNetScenario(device="cpu"))
    inspector = make_inspector(qtbot, trace, ScenarioKey.SIMPLENET)
    relu = next(s for s in trace.backward_steps if s.name in ("ReluBackward0", "ThresholdBackward0"))
    show_step(inspector, relu.name)
    expected = int(((relu.grad_out[0].values == 0) & (relu.grad_in[0].values != 0)).sum())
    ringed = [v for v in inspector.tensors if v.isVisibleTo(inspector) and v.grid.markers.marked]
    assert len(ringed) == 1 and len(ringed[0].grid.markers.marked) == expected
    assert "zeroed by ReLU" in ringed[0].note.text()
