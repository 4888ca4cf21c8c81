"""Trained weights no checkpoint holds are never lost silently: closing asks Save… / Discard /
Cancel, a rebuild asks once (the rebuild question, with "Save…, then rebuild"), and nothing is
asked when nothing would be lost. The prompts are replaced here, as every test's are
(tests/conftest.py: make_window discards, so no test can hang on a modal box)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from engine.checkpoint import load_checkpoint
from engine.runs import RunReader
from engine.session import events as ev
from engine.session.model_loading import spec_of_run
from engine.session.spec import ScenarioSpec
from gui.actions import ActionKey
from gui.rebuild_question import rebuild_box
from gui.unsaved_question import SaveFirst, UnsavedBox
from runs_fixtures import write_gpt_run
from test_window_session import train_steps


@pytest.fixture(scope="module")
def gpt_spec(tmp_path_factory):
    run = write_gpt_run(tmp_path_factory.mktemp("unsaved") / "micro", steps=1, attention_at=(), checkpoint_at=())
    return spec_of_run(RunReader(run).manifest, ScenarioSpec(device="cpu"))  # micro, a short corpus


@pytest.fixture
def gpt_window(make_window, qtbot, gpt_spec):
    window = make_window(gpt_spec)
    window.show()
    qtbot.waitUntil(lambda: window.session.run.summary is not None, timeout=60000)
    return window


def _never(*_args):
    raise AssertionError("nothing should be asked here")


def test_closing_with_unsaved_weights_asks_and_cancel_keeps_the_window(gpt_window, qtbot):
    window = gpt_window
    asked = []
    window.ask_unsaved = lambda parent, question: asked.append(question) or ev.UnsavedChoice.CANCEL
    train_steps(window, qtbot, 1)
    window.restart_requested = True  # as View → Language does before it closes the window
    assert not window.close() and window.isVisible() and window.adapter.is_running()
    assert asked == [ev.UnsavedQuestion(steps=1, saved_step=0, preset="micro")]
    assert not window.restart_requested  # the window stayed: no restart either
    window.ask_unsaved = lambda parent, question: ev.UnsavedChoice.DISCARD
    assert window.close() and not window.isVisible() and not window.adapter.is_running()


def test_save_in_the_close_prompt_saves_then_closes(gpt_window, qtbot, tmp_path):
    window = gpt_window
    window.ask_unsaved = lambda parent, question: ev.UnsavedChoice.SAVE
    window.ask_save_path = lambda parent: str(tmp_path / "ckpt")
    train_steps(window, qtbot, 2)
    with qtbot.waitSignal(window.adapter.fileTaskFinished, timeout=60000):
        assert not window.close()  # open until the checkpoint is whole
    assert not window.isVisible() and not window.adapter.is_running()
    assert load_checkpoint(tmp_path / "ckpt").train_state["step"] == 2


def test_a_save_that_fails_keeps_the_window_open(gpt_window, qtbot, tmp_path):
    window = gpt_window
    (tmp_path / "a-file").write_text("not a folder")
    window.ask_unsaved = lambda parent, question: ev.UnsavedChoice.SAVE
    window.ask_save_path = lambda parent: str(tmp_path / "a-file")
    train_steps(window, qtbot, 1)
    with qtbot.waitSignal(window.adapter.fileTaskFinished, timeout=60000):
        assert not window.close()
    assert window.isVisible() and "Not closed" in window.statusBar().currentMessage()
    assert window.session.weights_dirty


def test_a_rebuild_with_unsaved_weights_asks_once_and_saves_first(gpt_window, qtbot, tmp_path):
    window = gpt_window
    questions = []
    window.ask_rebuild = lambda parent, question: questions.append(question) or ev.RebuildChoice.SAVE_AND_REBUILD
    window.ask_save_path = lambda parent: str(tmp_path / "before-reset")
    window.ask_unsaved = _never
    train_steps(window, qtbot, 2)
    generation = window.session.generation
    window.actions[ActionKey.RESET].trigger()
    qtbot.waitUntil(lambda: window.session.generation == generation + 1
                    and window.session.run.summary is not None, timeout=60000)
    assert len(questions) == 1 and questions[0].unsaved and questions[0].steps == 2
    assert load_checkpoint(tmp_path / "before-reset").train_state["step"] == 2
    assert not window.session.weights_dirty and window.close()  # nothing left to ask about


def test_nothing_is_asked_when_nothing_would_be_lost(window, qtbot, gpt_window, tmp_path):
    for w in (window, gpt_window):
        w.ask_unsaved = _never
    train_steps(window, qtbot, 2)  # Autograd basics has no checkpoints: nothing to save
    assert window.close()
    train_steps(gpt_window, qtbot, 1)
    with qtbot.waitSignal(gpt_window.adapter.fileTaskFinished, timeout=60000):
        assert gpt_window.save_checkpoint(tmp_path / "ckpt")
    assert gpt_window.close()  # saved: clean


def test_the_boxes_offer_save_discard_cancel(gpt_window):
    question = ev.UnsavedQuestion(steps=40, saved_step=20, preset="micro")
    box = UnsavedBox(gpt_window, question)
    assert set(box.choices.values()) == set(ev.UnsavedChoice)
    assert "step 40" in box.text() and "step 20" in box.text()
    assert box.escapeButton() is box.button(QMessageBox.StandardButton.Cancel)
    spec = gpt_window.session.spec
    rebuild, buttons = rebuild_box(gpt_window, ev.RebuildQuestion(spec, spec, 40, unsaved=True))
    SaveFirst().add_to(rebuild, buttons)
    assert set(buttons.values()) == set(ev.RebuildChoice)
    assert "not saved" in rebuild.informativeText()
    for b in (box, rebuild):
        b.deleteLater()
