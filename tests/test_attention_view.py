"""AttentionView paints a real captured attention map and asks for the chosen layer/head."""
import numpy as np
import pytest
import torch

from engine.models.gpt import GPTModel
from engine.presets import get_preset
from engine.probes.attention import AttentionCapture, capture_attention
from gui.views.attention_view import EMPTY_TEXT, NO_MODEL_TEXT, AttentionView


def _capture(model, ids, layer, heads=None, budget_mb=50.0):
    """The AttentionCapture the worker emits, from a real forward pass."""
    with torch.no_grad(), capture_attention(model, [layer], heads, budget_mb=budget_mb) as cap:
        model(ids)
    return AttentionCapture(layer=layer, heads=cap.heads, sample=0, weights=cap.weights[layer],
                            pool_factor=cap.factor, tokens=ids[0].tolist(), step=0)


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    return GPTModel(get_preset("micro")).eval()  # 2 layers, 2 heads


@pytest.fixture(scope="module")
def ids():
    # GPT-2 ids of "Every effort moves you"
    return torch.tensor([[6109, 3626, 6100, 345, 2651, 11, 290, 262, 3797, 3332]])


@pytest.fixture
def view(qtbot):
    v = AttentionView()
    qtbot.addWidget(v)
    v.set_model_info(2, 2)
    v.resize(700, 450)
    return v


def test_empty_and_non_gpt_states(qtbot):
    v = AttentionView()
    qtbot.addWidget(v)
    assert NO_MODEL_TEXT in v._empty.text() and not v.capture_button.isEnabled()
    v.set_model_info(4, 3)
    assert EMPTY_TEXT in v._empty.text() and v.capture_button.isEnabled()
    assert v.layer_box.maximum() == 3
    assert [v.head_box.itemData(i) for i in range(v.head_box.count())] == [0, 1, 2, -1]


def test_heatmap_is_the_captured_head(view, model, ids):
    payload = _capture(model, ids, layer=1)
    view.head_box.setCurrentIndex(view.head_box.findData(1))
    view.set_capture(payload)
    view.refresh()
    img = view.image_item.image
    np.testing.assert_array_equal(img, payload.weights[1])
    assert img.shape == (10, 10)
    assert np.all(np.triu(img, 1) == 0)  # causal: no query sees a later key
    np.testing.assert_allclose(img.sum(1), 1.0, rtol=1e-5)
    assert tuple(view.image_item.levels) == (0.0, 1.0)
    # Token strings on the query axis, and in the hover text.
    ticks = view._plot_widget.getPlotItem().getAxis("left")._tickLevels[0]
    assert [t for _, t in ticks][:3] == ["0 Every", "1 ␣effort", "2 ␣moves"]
    assert view.hover_text(2, 1) == f"query 2 '␣moves' → key 1 '␣effort': {img[2, 1]:.4f}"
    assert "masked" in view.hover_text(1, 2)
    # The head chooser repaints the stored capture without a new payload; the mean is real.
    view.head_box.setCurrentIndex(view.head_box.findData(-1))
    view.refresh()
    np.testing.assert_allclose(view.image_item.image, payload.weights.mean(0))


def test_pooled_capture_has_no_token_ticks(view, model):
    ids = torch.randint(0, 50257, (1, 64), generator=torch.Generator().manual_seed(0))
    payload = _capture(model, ids, layer=0, budget_mb=0.02)
    assert payload.pool_factor == 2
    view.set_capture(payload)
    view.refresh()
    np.testing.assert_array_equal(view.image_item.image, payload.weights[0])
    assert view.hover_text(3, 1).startswith("queries 6–7 → keys 2–3")


def test_many_captures_without_refresh_paint_nothing(view, model, ids):
    payloads = [_capture(model, ids, layer=l) for l in (0, 1)] * 5
    for p in payloads:
        view.set_capture(p)
    assert view.repaints == 0 and view.image_item.image is None and view.is_empty()
    view.refresh()
    view.refresh()
    assert view.repaints == 1 and view.capture is payloads[-1]


def test_capture_button_emits_the_choice(view, qtbot):
    view.layer_box.setValue(1)
    view.head_box.setCurrentIndex(view.head_box.findData(1))
    with qtbot.waitSignal(view.captureRequested) as blocker:
        view.capture_button.click()
    assert blocker.args == [1, [1], 0]
    view.head_box.setCurrentIndex(view.head_box.findData(-1))
    with qtbot.waitSignal(view.captureRequested) as blocker:
        view.capture_button.click()
    assert blocker.args == [1, None, 0]


def test_auto_capture_only_while_running(view, qtbot):
    got = []
    view.captureRequested.connect(lambda *a: got.append(a))
    view.auto_box.setChecked(True)
    assert not view._auto_timer.isActive()
    view.set_engine_state("running")
    assert view._auto_timer.isActive()
    view._auto_capture()
    view._auto_capture()  # the first request is not answered yet: no second one
    assert got == [(0, [0], 0)]
    view.set_engine_state("paused")
    assert not view._auto_timer.isActive()
