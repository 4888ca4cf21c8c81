"""Faults while the app runs: memory running out in a step, the corpus file deleted while
training. Each ends in a sentence (or, where nothing is lost, in no message at all) and an
app that keeps working."""
from __future__ import annotations

import dataclasses
import os

import torch

from engine.config import TrainConfig
from engine.data import default_text
from engine.presets import PRESETS
from engine.scenarios import GPTScenario
from engine.session.events import RebuildChoice
from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec
from gui.actions import ActionKey


def _crash_logs() -> set[str]:
    folder = os.environ.get("BACKPROP_STUDIO_LOG_DIR", "")
    return set(os.listdir(folder)) if folder and os.path.isdir(folder) else set()


def _step(window, qtbot) -> None:
    with qtbot.waitSignal(window.adapter.stepAdded, timeout=60000):
        window.actions[ActionKey.STEP].trigger()


def test_out_of_memory_in_a_step_says_so_and_a_smaller_preset_trains(make_window, qtbot, monkeypatch):
    real_step = GPTScenario.train_step

    def step_or_oom(self):  # nano "does not fit"; micro does
        if self.trainer.gpt_cfg == PRESETS["nano"]:
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB")
        return real_step(self)

    monkeypatch.setattr(GPTScenario, "train_step", step_or_oom)
    logs = _crash_logs()
    w = make_window(ScenarioSpec(key=ScenarioKey.GPT, gpt_config=PRESETS["nano"], device="cpu"))
    qtbot.waitUntil(lambda: w.session.run.summary is not None, timeout=60000)
    w.ask_rebuild = lambda parent, question: RebuildChoice.REBUILD
    w.actions[ActionKey.STEP].trigger()
    qtbot.waitUntil(lambda: "Ran out of memory" in (w.last_error or ""), timeout=60000)
    assert "smaller preset" in w.last_error
    assert w.session.state == EngineState.PAUSED and w.session.run.steps == 0
    combo = w.toolbar.preset_combo
    with qtbot.waitSignal(w.adapter.modelReady, timeout=60000):
        combo.setCurrentIndex(combo.findText("micro"))
        combo.activated.emit(combo.currentIndex())
    _step(w, qtbot)
    _step(w, qtbot)
    assert w.session.run.steps == 2 and w.session.spec.preset == "micro"
    assert _crash_logs() == logs  # running out of memory is no bug: no crash log


def test_corpus_deleted_while_training_changes_nothing_until_the_next_build(make_window, qtbot, tmp_path):
    """The trainer tokenizes the whole corpus when it builds the model, so deleting the file
    while training loses nothing: steps go on, no message. Only a rebuild reads it again, and
    then the missing file is named in a sentence."""
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(default_text(), encoding="utf-8")
    train = dataclasses.replace(TrainConfig(), text_source=str(corpus), device="cpu")
    w = make_window(ScenarioSpec(key=ScenarioKey.GPT, gpt_config=PRESETS["micro"], train_config=train,
                                 device="cpu"))
    qtbot.waitUntil(lambda: w.session.run.summary is not None, timeout=60000)
    with qtbot.waitSignal(w.adapter.stepAdded, timeout=60000):
        w.actions[ActionKey.RUN].trigger()
    corpus.unlink()
    steps = w.session.run.steps
    qtbot.waitUntil(lambda: w.session.run.steps >= steps + 3, timeout=60000)
    assert w.session.state == EngineState.RUNNING and not w.last_error
    w.actions[ActionKey.RUN].trigger()  # pause
    qtbot.waitUntil(lambda: w.session.state == EngineState.PAUSED, timeout=30000)
    w.ask_rebuild = lambda parent, question: RebuildChoice.REBUILD
    w.actions[ActionKey.RESET].trigger()
    qtbot.waitUntil(lambda: bool(w.last_error), timeout=60000)
    assert "corpus.txt" in w.last_error and "Traceback" not in w.last_error
