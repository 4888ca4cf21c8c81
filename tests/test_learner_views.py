"""The learner views with real data: the tensor lab's results and refusals, token spans as
tiktoken encodes them, and generation from the window's own engine thread."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QUrl

from engine import tokenizer
from engine.config import TrainConfig
from engine.presets import PRESETS
from engine.session.spec import ScenarioKey, ScenarioSpec
from gui.views.generation_view import GenerationView, percent
from gui.views.tensor_lab import TensorLab
from gui.views.tokenizer_view import TokenizerView

TINY_TRAIN = TrainConfig(batch_size=2, max_length=16, stride=16, eval_interval=1000)


def test_lab_shows_the_examples_and_each_result(qtbot):
    lab = TensorLab()
    qtbot.addWidget(lab)
    lab.resize(1200, 260)
    assert lab.last_run.problem is None and lab.results.count() == len(lab.last_run.results)
    rows = [lab.results.item(i).text() for i in range(lab.results.count())]
    assert "tensor3d: shape [2, 2, 2], int64, rank 3" in rows
    lab.results.setCurrentRow(rows.index("tensor3d: shape [2, 2, 2], int64, rank 3"))
    view = lab.tensor_view
    assert view.slider_box.isVisibleTo(lab) and np.array_equal(view.grid.grid.values, [[1, 2], [3, 4]])
    assert "shape [2, 2, 2]" in view.text() and "int64" in view.text() and "rank 3" in view.text()
    lab.results.setCurrentRow(rows.index("tensor2d.shape = torch.Size([2, 2])"))
    assert view.values is None and "torch.Size([2, 2])" in view.text()


@pytest.mark.parametrize("line, named", [("__import__('os')", "__import__"), ("a.__class__", ".__class__"),
                                         ("(lambda: 1)()", "lambda"), ("torch.zeros(10**8)", "100,000,000")])
def test_lab_shows_refusals_and_keeps_earlier_results(qtbot, line, named):
    lab = TensorLab()
    qtbot.addWidget(lab)
    lab.editor.setPlainText(f"a = torch.tensor([1.5, -2.0])\n{line}")
    lab.run_button.click()
    assert "Line 2: refused" in lab.message.text() and named in lab.message.text()
    assert lab.results.count() == 1 and lab.tensor_view.values.dtype == np.float32


def test_tokenizer_view_spans_are_tiktokens_tokens(qtbot):
    view = TokenizerView()
    qtbot.addWidget(view)
    text = "Naïve models — learn 🦙 fast.\nThe end<|endoftext|>"
    view.set_text(text)
    expected = tokenizer.get_tokenizer().encode(text, allowed_special={tokenizer.ENDOFTEXT})
    assert view.token_ids() == expected
    assert view.count.text().startswith(f"{len(expected)} tokens")
    assert view.table.rowCount() == len(expected)
    assert [int(view.table.item(r, 1).text()) for r in range(len(expected))] == expected
    shown = view.spans_view.toPlainText()
    assert "<0xF0 0x9F>" in shown and "\ufffd" not in shown  # partial bytes, never "�"
    view.input.setPlainText("Hello world")  # typing: retokenized on the next refresh
    view.refresh()
    assert view.token_ids() == [15496, 995]


def test_generation_needs_gpt_and_says_so(window, qtbot):
    view = window.generation_view
    with qtbot.waitSignal(window.adapter.generationFinished, timeout=5000):
        view.button.click()
    view.refresh()
    assert "GPT pretraining" in view.status.text() and view.button.isEnabled()


def test_generation_from_the_windows_engine(make_window, qtbot):
    spec = ScenarioSpec(key=ScenarioKey.GPT, gpt_config=PRESETS["micro"], train_config=TINY_TRAIN, device="cpu")
    w = make_window(spec)
    qtbot.waitUntil(lambda: w.session.run.summary is not None, timeout=90000)
    view: GenerationView = w.generation_view
    view.prompt.setText("Every effort moves")
    view.tokens.setValue(4)
    view.top_k.setValue(10)
    with qtbot.waitSignal(w.adapter.generationFinished, timeout=60000) as finished:
        view.button.click()
    result = finished.args[0].result
    assert result is not None and len(result.tokens) == 4
    qtbot.waitUntil(lambda: view.generation is result, timeout=2000)  # the 30 Hz refresh showed it
    assert w.adapter.loop.scenario.model.training  # training mode is back
    view._on_link(QUrl("tok:2"))
    token = result.tokens[2]
    assert view.selected == 2
    assert list(view.model_bars.opts["width"]) == pytest.approx([c.probability for c in token.top])
    assert sum(view.draw_bars.opts["width"]) == pytest.approx(1.0)  # top-10 sampling: all the mass
    assert token.chosen.text in view.chart_title.text() and percent(0.1234) == "12.3%"
    html = view.output.toHtml()
    assert all(f"tok:{i}" in html for i in range(4))


def test_every_n_steps_regenerates_while_training(qtbot):
    from types import SimpleNamespace

    from engine.session import events as ev

    asked = []
    session = SimpleNamespace(generate=lambda prompt, settings: asked.append(settings.seed) or True)
    view = GenerationView(session)
    qtbot.addWidget(view)
    view.every.setValue(5)
    step = lambda n: view.on_step(SimpleNamespace(record=SimpleNamespace(step=n)))  # noqa: E731
    step(4)
    step(5)
    step(10)  # still waiting for the answer to step 5's request: no pile-up
    assert asked == [123] and not view.button.isEnabled()
    view.latest.set(ev.GenerationFinished(None, "the model was replaced"))
    view.refresh()
    assert view.button.isEnabled() and "replaced" in view.status.text()
    step(15)
    assert asked == [123, 123]
