"""File → Follow run on a process writing a run; File → Import TensorBoard scalars overlays a curve."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from engine.runs.export import export_tensorboard
from runs_fixtures import open_and_wait, write_gpt_run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "own_model_training.py"


def _paced_example(run: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(EXAMPLE), "--run", str(run), "--steps", "50", "--paced",
                             "--stats-every", "2"], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _step(proc: subprocess.Popen) -> None:
    proc.stdin.write(b"\n")
    proc.stdin.flush()


def test_follow_run_shows_each_step_the_writer_adds_and_when_it_finishes(window, qtbot, tmp_path):
    folder = tmp_path / "mlp"
    proc = _paced_example(folder)
    try:
        _step(proc)
        qtbot.waitUntil(lambda: (folder / "metrics.jsonl").exists()
                        and (folder / "metrics.jsonl").read_text().count("\n") == 1, timeout=60000)
        open_and_wait(window, qtbot, folder, follow=True)
        w = window
        assert w.run_presenter.timer.isActive() and w.run_presenter.timer.interval() <= 250
        assert w.loss_view.step_loss.n == 1
        for n in (2, 3, 4):
            _step(proc)
            qtbot.waitUntil(lambda n=n: w.loss_view.step_loss.n == n, timeout=60000)
        assert w.session.viewed.step == 4  # the slider follows the newest step
        assert "stats of step 4" in w.run_panel.at_text()
        proc.stdin.close()  # the script stops and closes its run: finished
        qtbot.waitUntil(lambda: "finished" in w.statusBar().currentMessage(), timeout=60000)
        assert "finished at step 4" in w.statusBar().currentMessage()
        assert not w.run_presenter.timer.isActive()
    finally:
        if proc.stdin and not proc.stdin.closed:
            proc.stdin.close()
        proc.wait(60)


def test_tensorboard_scalars_overlay_the_loss_plot(window, qtbot, tmp_path):
    run = write_gpt_run(tmp_path / "run", steps=4, attention_at=(), checkpoint_at=())
    logdir = export_tensorboard(run, tmp_path / "tb")
    with qtbot.waitSignal(window.adapter.overlaysChanged, timeout=60000):
        assert window.import_tensorboard(logdir)
    overlays = window.loss_view._overlays
    assert len(overlays) == 1 and list(overlays[0].step.x) == [1, 2, 3, 4]
    assert window.session.run.steps == 0  # the live run is untouched


def test_a_folder_without_tensorboard_scalars_is_refused(window, tmp_path):
    (tmp_path / "empty").mkdir()
    assert not window.import_tensorboard(tmp_path / "empty")
    assert window.last_error and window.loss_view._overlays == []
