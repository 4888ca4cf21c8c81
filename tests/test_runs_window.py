"""The app records its runs; File → Open run shows one at any step; bad folders change nothing."""
from __future__ import annotations

import shutil

import pytest

from engine.runs import RunReader, WriterState, runs_root
from engine.session.events import RebuildChoice
from gui.actions import ActionKey
from runs_fixtures import open_and_wait, set_manifest, write_gpt_run
from test_window_session import train_steps


@pytest.fixture(scope="module")
def gpt_run(tmp_path_factory):
    return write_gpt_run(tmp_path_factory.mktemp("runs") / "micro")


def test_the_app_records_each_generation_as_a_run(window, qtbot):
    train_steps(window, qtbot, 3)
    folder = window.session.run.folder
    assert folder and str(runs_root()) in folder
    data = RunReader(folder).data
    assert data.steps() == [1, 2, 3] and data.manifest.scenario == "scalar"
    assert data.state == WriterState.RUNNING
    window.ask_rebuild = lambda parent, question: RebuildChoice.REBUILD
    with qtbot.waitSignal(window.adapter.modelReady, timeout=30000):
        window.actions[ActionKey.RESET].trigger()
    assert RunReader(folder).data.state == WriterState.FINISHED  # closed on rebuild
    assert window.session.run.folder != folder


def test_open_run_scrubs_every_view_to_the_nearest_recorded_step(window, qtbot, gpt_run):
    train_steps(window, qtbot, 2)
    live_steps = window.session.run.steps
    open_and_wait(window, qtbot, gpt_run)
    s, w = window.session, window
    assert s.viewed is not None and w.dock_layout.run_dock.isVisibleTo(w)
    w.refresher.refresh_now()
    assert list(w.loss_view.step_loss.x) == [1, 2, 3, 4, 5, 6]
    w.run_panel.slider.setValue(4)  # stats at steps 1, 3, 5; attention at 2 and 6
    w.refresher.refresh_now()
    text = w.run_panel.at_text()
    assert "stats of step 3 (nearest to 4)" in text and "attention of step 2 (nearest to 4)" in text
    assert w.gradients_view.stats.step == 3 and w.attention_view.capture.step == 2
    assert w.health_view.run.latest_stats.step == 3 and len(w.health_view.run.param_stats) == 2
    assert w.loss_view.marker_step == 4
    w.run_panel.slider.setValue(5)
    w.refresher.refresh_now()
    assert "stats of step 5 ·" in w.run_panel.at_text() and w.gradients_view.stats.step == 5
    train_steps(w, qtbot, 1)  # the live model trains on underneath; the views stay on the run
    w.refresher.refresh_now()
    assert w.loss_view.step_loss.n == 6
    w.run_panel.close_button.click()
    w.refresher.refresh_now()
    assert s.viewed is None and not w.dock_layout.run_dock.isVisibleTo(w)
    assert w.loss_view.step_loss.n == live_steps + 1 == s.run.steps


@pytest.mark.parametrize("damage", ["not a run", "newer version"])
def test_a_folder_that_is_not_a_readable_run_changes_nothing(window, qtbot, gpt_run, tmp_path, damage):
    train_steps(window, qtbot, 1)
    folder = tmp_path / "x"
    if damage == "not a run":
        folder.mkdir()
        (folder / "notes.txt").write_text("hello")
    else:
        shutil.copytree(gpt_run, folder)
        set_manifest(folder, version=99)
    assert not window.open_run(folder)
    assert window.session.viewed is None and window.session.run.steps == 1
    assert window.loss_view.step_loss.n == 1
    expected = "99" if damage == "newer version" else "not a run"
    assert expected in window.last_error


def test_recent_menu_remembers_opened_runs(window, qtbot, gpt_run):
    open_and_wait(window, qtbot, gpt_run)
    assert window.recent_items()[0] == ("open_run", str(gpt_run))
    action = window.recent_menu.actions()[0]
    window.close_run()
    with qtbot.waitSignal(window.adapter.runOpened, timeout=60000):
        action.trigger()
    assert window.session.viewed is not None and window.session.viewed.folder == gpt_run
