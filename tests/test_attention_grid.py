"""Every head of a layer as a grid equal to the captured tensor, the learner's own text, the
probe recorded while training, and the layers × heads overview."""
from __future__ import annotations

import numpy as np
import pytest

from engine.config import TrainConfig
from engine.presets import PRESETS
from engine.session import events as ev
from engine.session.attention_summary import PROBE_TEXT, head_entropy, layer_head_overview
from engine.session.spec import ScenarioKey, ScenarioSpec
from engine.tokenizer import encode
from session_helpers import SyncStudio

TINY = TrainConfig(batch_size=2, max_length=16, stride=16, eval_interval=1000)


@pytest.fixture(scope="module")
def studio():
    studio = SyncStudio(spec=ScenarioSpec(key=ScenarioKey.GPT, gpt_config=PRESETS["micro"],
                                          train_config=TINY, device="cpu"))
    studio.session.start()
    studio.pump()
    return studio


def test_own_text_captures_every_head_on_those_tokens(studio):
    studio.session.capture_attention(1, None, 0, "Every effort moves you", "prompt")
    studio.pump()
    capture = studio.of_type(ev.AttentionAdded)[-1].capture
    assert capture.source == "prompt" and capture.tokens == encode("Every effort moves you")
    assert capture.weights.shape == (PRESETS["micro"].n_heads, len(capture.tokens), len(capture.tokens))
    np.testing.assert_allclose(capture.weights.sum(axis=-1), 1.0, atol=1e-5)


def test_the_probe_is_recorded_every_n_steps_while_training(studio):
    s = studio.session
    s.set_probe(0, every=2)
    studio.train_steps(0)  # running
    for _ in range(20):  # steps, and the probe captures they ask for in between
        if s.run.steps >= 4:
            break
        for output in studio.loop.run_once():
            s.handle(output)
    s.pause()
    studio.pump()
    probes = [e.capture for e in studio.of_type(ev.AttentionAdded) if e.capture.source == "probe"]
    assert [p.step for p in probes] == [2, 4] and probes[0].tokens == encode(PROBE_TEXT)[:16 * 100]
    s.set_probe(None)


def test_entropy_overview_from_the_captures(studio):
    capture = [e.capture for e in studio.of_type(ev.AttentionAdded)][-1]
    spread = head_entropy(capture.weights)
    first_row = -(capture.weights[0, 3] * np.log2(np.clip(capture.weights[0, 3], 1e-12, 1))).sum()
    assert spread.shape == (len(capture.heads),) and 0 <= first_row <= np.log2(4) + 1e-9
    grid = layer_head_overview({capture.layer: capture}, PRESETS["micro"].n_layers, len(capture.heads))
    np.testing.assert_allclose(grid[capture.layer], spread)
    assert np.isnan(grid[(capture.layer + 1) % grid.shape[0]]).all()


def test_the_grid_shows_the_captured_tensor_and_a_click_focuses(qtbot, studio):
    from gui.views.attention_view import AttentionView

    capture = [e.capture for e in studio.of_type(ev.AttentionAdded) if e.capture.source == "prompt"][-1]
    view = AttentionView()
    qtbot.addWidget(view)
    view.resize(1200, 300)
    view.show()
    view.set_model_info(PRESETS["micro"].n_layers, PRESETS["micro"].n_heads)
    view.set_capture(capture)
    view.refresh()
    images = view.heads_grid.images
    assert len(images) == len(capture.heads)
    for image, expected in zip(images, capture.weights):
        np.testing.assert_array_equal(image.image, expected)
    assert "your text" in view._summary.text()
    view.heads_grid.headClicked.emit(1)
    view.refresh()
    np.testing.assert_array_equal(view.shown, capture.weights[1])
