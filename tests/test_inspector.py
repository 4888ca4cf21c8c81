"""Inspector on real traces: scalar chain rule, small-tensor tables, big-tensor heatmaps."""
from __future__ import annotations

import numpy as np
import pytest

from engine.models.scalar import chain_rule
from engine.presets import PRESETS
from engine.scenarios import make_scenario
from engine.tracing.cursor import StepCursor
from engine.tracing.trace_step import trace_scenario
from gui.views.inspector import Inspector, chain_lines
from gui.views.tensor_widgets import TensorView, as_matrix






def make_inspector(qtbot) -> Inspector:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show()
    return inspector


def cursor_at(trace, name: str) -> StepCursor:
    cursor = StepCursor(trace)
    step = next(s for s in trace.backward_steps if s.name == name)
    cursor.seek(len(trace.forward_ops) + 1 + step.index)
    assert cursor.current()[1] is step
    return cursor


def test_empty_state(qtbot):
    inspector = make_inspector(qtbot)
    assert "Press F5 to train, or F11 to step into backprop." in inspector.text()


def test_scalar_chain_rule_numbers_match_hand_computation(qtbot, scalar_trace):
    ref = chain_rule()
    inspector = make_inspector(qtbot)
    inspector.show_cursor(cursor_at(scalar_trace, "SigmoidBackward0"), scalar_trace)
    text = inspector.text()
    assert text.splitlines()[0] == "SigmoidBackward0 · created by sigmoid"
    assert f"value a = {ref.a:.4f}" in text  # a = 0.9183
    assert "grad in = -1.0889" in text and "grad out = -0.0817" in text
    assert "da/dz = 0.075" in text
    assert "dL/dz = dL/da · da/dz = (-1.0889)(0.075) = -0.0817" in text

    inspector.show_cursor(cursor_at(scalar_trace, "MulBackward0"), scalar_trace)
    text = inspector.text()
    assert "MulBackward0 · created by mul" in text
    assert f"{ref.dL_dw:.4f}" == "-0.0898" and "-0.0898" in text
    assert "grad out = —, -0.0898" in text  # x needs no gradient
    assert "dL/dw = dL/da · da/dz · dz/dw = (-1.0889)(0.075)(1.1) = -0.0898" in text


def test_chain_lines_follow_recorded_factors(scalar_trace):
    steps = scalar_trace.backward_steps
    add = next(s for s in steps if s.name == "AddBackward0")
    lines = chain_lines(steps, add.index)
    assert "dL/db = dL/da · da/dz · dz/db = (-1.0889)(0.075)(1) = -0.0817" in lines


def test_simplenet_small_tensors_as_numbers(qtbot, simplenet_trace):
    inspector = make_inspector(qtbot)
    inspector.show_cursor(cursor_at(simplenet_trace, "ReluBackward0"), simplenet_trace)
    step = next(s for s in simplenet_trace.backward_steps if s.name == "ReluBackward0")
    view = inspector.tensors[0]
    assert view.isVisibleTo(inspector) and view.table.isVisibleTo(view)
    shown = [view.table.item(0, c).text() for c in range(view.table.columnCount())]
    assert len(shown) == step.grad_in[0].values.size == 5
    assert "ReluBackward0 · created by relu" in inspector.text()
    # the ReLU's zeroed gradients are visible as exact zeros
    out_view = inspector.tensors[1]
    out_numbers = [out_view.table.item(0, c).text() for c in range(out_view.table.columnCount())]
    zeros = [i for i, v in enumerate(step.grad_out[0].values.reshape(-1)) if v == 0]
    assert zeros and all(out_numbers[i] == "0" for i in zeros)


def test_big_tensor_heatmap_symmetric_levels(qtbot):
    view = TensorView()
    qtbot.addWidget(view)
    view.show()
    rng = np.random.default_rng(0)
    values = rng.normal(size=(4, 32, 16)).astype(np.float64)
    values[0, 0, 0] = -9.0
    from engine.tracing.summary import summarize_many
    import torch

    summary = summarize_many([torch.tensor(values)], value_cap=4096)[0]
    view.set_summary(summary, "grad in")
    assert view.plots.isVisibleTo(view) and not view.table.isVisibleTo(view)
    assert view.heatmap.image.shape == (128, 16)
    low, high = view.heatmap.levels
    assert low == pytest.approx(-9.0) and high == pytest.approx(9.0)  # 0 sits in the middle
    x, y = view.histogram.getOriginalDataset()
    assert (y - 1).sum() == values.size  # 1 + count per bin, drawn on a log axis
    assert view.hist_box.getAxis("left").logMode  # one dominant bin must not hide the tails
    shown = view.histogram.getData()[1]
    assert shown.max() == pytest.approx(np.log10(y.max()))
    assert "min -9" in view.text()
    assert as_matrix(np.arange(6).reshape(1, 2, 3)).shape == (2, 3)


def test_gpt_large_gradient_without_values_shows_stats(qtbot):
    from engine.config import TrainConfig
    scenario = make_scenario("gpt", gpt_config=PRESETS["micro"],
                             train_config=TrainConfig(batch_size=1, max_length=16, stride=16),
                             device="cpu")
    trace = trace_scenario(scenario)
    inspector = make_inspector(qtbot)
    step = next(s for s in trace.backward_steps
                if s.grad_in and s.grad_in[0] is not None and s.grad_in[0].values is None)
    cursor = StepCursor(trace)
    cursor.seek(len(trace.forward_ops) + 1 + step.index)
    inspector.show_cursor(cursor, trace)
    text = inspector.text()
    assert step.name in text and "only statistics and the histogram" in text
    assert "‖·‖" in text


def test_narrow_dock_wraps_everything(qtbot):
    """At ~320 px nothing needs a horizontal scroll bar: long module paths and stats wrap."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    from engine.config import TrainConfig
    scenario = make_scenario("gpt", gpt_config=PRESETS["micro"],
                             train_config=TrainConfig(batch_size=1, max_length=16, stride=16),
                             device="cpu")
    trace = trace_scenario(scenario)
    inspector = make_inspector(qtbot)
    inspector.resize(320, 700)
    scroll = inspector.findChild(QScrollArea)
    deep = [s for s in trace.backward_steps if s.param_name and s.module.count(".") >= 2]
    assert deep, "the micro GPT has parameters inside trf_blocks.N.att"
    cursor = StepCursor(trace)
    for step in (deep[0], max(trace.backward_steps, key=lambda s: len(s.name))):
        cursor.seek(len(trace.forward_ops) + 1 + step.index)
        inspector.show_cursor(cursor, trace)
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
