"""Shared test set-up: Qt runs offscreen, and every window's engine thread is joined."""
from __future__ import annotations

import os

# Before anything imports Qt: no display needed, same rendering everywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _crash_logs_in_a_temporary_folder(tmp_path_factory):
    """Unexpected errors write crash logs: never into the user's own state folder."""
    os.environ.setdefault("BACKPROP_STUDIO_LOG_DIR", str(tmp_path_factory.mktemp("crash-logs")))
    os.environ.setdefault("BACKPROP_STUDIO_DATA_DIR", str(tmp_path_factory.mktemp("data")))  # recorded runs
    yield


@pytest.fixture(autouse=True, scope="session")
def _garbage_collected_in_gui_thread(qapp):
    """As in the app: cyclic GC only on a GUI-thread timer, never in the engine thread."""
    from gui.app import collect_garbage_in_gui_thread
    collect_garbage_in_gui_thread(qapp)
    yield


@pytest.fixture(scope="session")
def scalar_trace():
    """One traced step of the scalar example (x=1.1, y=1, w=2.2, b=0; SGD lr 0.01). Read only."""
    from engine.scenarios import make_scenario
    from engine.tracing.trace_step import trace_scenario
    return trace_scenario(make_scenario("scalar", device="cpu"))


@pytest.fixture(scope="session")
def simplenet_trace():
    """One traced step of SimpleNet on the source material's single sample, seed 1: three of the
    five hidden units are negative, so the ReLU zeroes their gradients. Read only."""
    from engine.scenarios import SimpleNetScenario
    from engine.tracing.trace_step import trace_scenario
    return trace_scenario(SimpleNetScenario(device="cpu", seed=1, batch_size=1))


@pytest.fixture(scope="session")
def micro_trace():
    """One traced step of the micro GPT preset on 8 random tokens, with AdamW. Read only."""
    import torch

    from engine.presets import PRESETS
    from engine.tracing.trace_step import trace_training_step
    from engine.models.gpt import GPTModel
    from engine.models.loss import next_token_loss

    torch.manual_seed(0)
    cfg = PRESETS["micro"]
    model = GPTModel(cfg)
    tokens = torch.randint(0, cfg.vocab_size, (1, 9))
    optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4)
    return trace_training_step(model, tokens[:, :-1], tokens[:, 1:], next_token_loss,
                               optimizer=optimizer, scenario="gpt")


@pytest.fixture
def settings_file(tmp_path):
    """A throwaway QSettings (INI file) so tests never touch the user's saved layout."""
    from PySide6.QtCore import QSettings
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings_file):
    """Factory for MainWindow(spec) (None: what the settings remember, else a first launch);
    each window's engine is stopped and its thread joined in teardown."""
    from engine.session.events import UnsavedChoice
    from engine.session.spec import ScenarioKey, ScenarioSpec
    from gui.main_window import MainWindow

    windows = []

    def make(spec="scalar", **kwargs):
        if isinstance(spec, (str, ScenarioKey)):
            spec = ScenarioSpec(key=ScenarioKey(spec), device="cpu")
        kwargs.setdefault("settings", settings_file)
        window = MainWindow(spec=spec, **kwargs)
        # No modal box in a test: closing with unsaved weights discards them, and Save… in a
        # question gets no folder (a test that saves replaces these).
        window.ask_unsaved = lambda parent, question: UnsavedChoice.DISCARD
        window.ask_save_path = lambda parent: ""
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    late = [window for window in windows if not window.shutdown(2.0)]
    for window in late:  # a step that cannot be interrupted: wait it out, then fail
        window.adapter.shutdown(120.0)
    assert not late, "the engine thread did not end within 2 s"


@pytest.fixture
def window(make_window, qtbot):
    """A MainWindow on the scalar scenario whose model is built (ModelReady arrived)."""
    w = make_window()
    qtbot.waitUntil(lambda: w.session.run.summary is not None, timeout=30000)
    return w
