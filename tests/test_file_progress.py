"""File actions in the window: a progress dialog with Cancel once an action lasts half a
second, nothing for a fast one, and a Cancel that leaves model, run and views as they were.

A "slow" action is made slow deterministically: `Gate` holds the working thread (the engine
loop or a job thread) at one chunk until the test lets it go. Nothing in the app sleeps, and
no test asserts on the clock (the dialog's own 0.5 s timer is waited for, with a timeout)."""
from __future__ import annotations

import threading

import pytest
import torch

import gui.file_progress as file_progress
from engine import progress
from engine.session import events as ev
from runs_fixtures import write_gpt_run
from test_window_session import train_steps


@pytest.fixture(scope="module")
def gpt_run(tmp_path_factory):
    return write_gpt_run(tmp_path_factory.mktemp("progress") / "micro")


class Gate:
    """Holds the first file action that reports a chunk of `what` until `release()`."""

    def __init__(self, monkeypatch, what: str):
        self.held = threading.Event()
        self.opened = threading.Event()
        original = progress.Reporter.advance

        def advance(reporter, report):
            original(reporter, report)
            if what in report.what and report.done > 0 and not self.held.is_set():
                self.held.set()
                self.opened.wait(120)  # the test releases it; the timeout only guards a failure
        monkeypatch.setattr(progress.Reporter, "advance", advance)

    def release(self) -> None:
        self.opened.set()


@pytest.fixture
def gate(monkeypatch):
    gates = []

    def make(what: str) -> Gate:
        gates.append(Gate(monkeypatch, what))
        return gates[-1]
    yield make
    for g in gates:
        g.release()  # never leave a thread waiting


def _press_cancel(dialog) -> None:
    from PySide6.QtWidgets import QPushButton
    dialog.findChild(QPushButton).click()  # as the learner does


def _model_state(window) -> tuple:
    s, loop = window.session, window.adapter.loop
    weights = {k: v.clone() for k, v in loop.scenario.model.state_dict().items()}
    return (s.generation, s.spec, s.run, s.run.steps, len(s.runs), loop.generation, loop.scenario), weights


def _unchanged(window, before) -> bool:
    (state, weights), (now, now_weights) = before, _model_state(window)
    return state == now and all(torch.equal(weights[k], now_weights[k]) for k in weights)


def test_a_slow_load_shows_progress_and_cancel_changes_nothing(window, qtbot, gpt_run, gate):
    train_steps(window, qtbot, 1)
    before = _model_state(window)
    window.ask_rebuild = lambda parent, question: ev.RebuildChoice.REBUILD
    held = gate("Reading model.safetensors")
    assert window.load_checkpoint(gpt_run / "checkpoints" / "step-00000002")
    presenter = window.file_progress
    # The engine thread is held inside the load, yet the GUI thread runs its timer and shows
    # the dialog: it never waits for the action.
    qtbot.waitUntil(presenter.is_showing, timeout=60000)
    assert held.held.is_set() and window.session.file_tasks
    assert presenter.latest  # the progress events arrived
    assert "Reading model.safetensors" in presenter.dialog.labelText()
    assert presenter.dialog.maximum() == file_progress.STEPS and presenter.dialog.value() < file_progress.STEPS
    with qtbot.waitSignal(window.adapter.fileTaskFinished, timeout=60000,
                          check_params_cb=lambda e: e.outcome == "cancelled"):
        _press_cancel(presenter.dialog)
        held.release()
    assert not presenter.is_showing() and presenter.dialog is None
    assert _unchanged(window, before) and window.session.pending_load is None
    assert window.last_error is None and "cancelled" in window.statusBar().currentMessage()


def test_a_slow_open_run_can_be_cancelled_and_the_live_views_stay(window, qtbot, gpt_run, gate):
    train_steps(window, qtbot, 2)
    opened = []
    window.adapter.runOpened.connect(opened.append)
    held = gate("Reading stats")
    assert window.open_run(gpt_run)
    qtbot.waitUntil(window.file_progress.is_showing, timeout=60000)
    with qtbot.waitSignal(window.adapter.fileTaskFinished, timeout=60000,
                          check_params_cb=lambda e: e.outcome == "cancelled"):
        _press_cancel(window.file_progress.dialog)
        held.release()
    assert opened == [] and window.session.viewed is None
    assert not window.dock_layout.run_dock.isVisibleTo(window)
    assert window.loss_view.step_loss.n == 2  # still the live run
    assert ("open_run", str(gpt_run)) not in window.recent_items()  # a cancelled open is not recent


def test_a_fast_file_action_shows_no_dialog(window, qtbot, gpt_run, monkeypatch):
    # "Fast" must not depend on this machine's speed: the action ends before a threshold no
    # action here reaches, and its end must stop the timer that would show the dialog.
    monkeypatch.setattr(file_progress, "SHOW_AFTER_MS", 600_000)
    presenter = window.file_progress
    started = []
    window.adapter.fileTaskStarted.connect(lambda e: started.append(presenter.timers[e.task.number].interval()))
    with qtbot.waitSignal(window.adapter.fileTaskFinished, timeout=60000):
        assert window.open_run(gpt_run)
    assert window.session.viewed is not None  # it was read and shown
    assert window.recent_items()[0] == ("open_run", str(gpt_run))  # and remembered once done
    assert started == [600_000]
    assert presenter.timers == {} and presenter.dialog is None and not presenter.is_showing()
