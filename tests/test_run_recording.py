"""The engine loop records each model generation as a run; a failing disk never stops training."""
from __future__ import annotations

import shutil

from engine.records import StepRecord
from engine.runs import RunManifest, RunReader, RunWriter, WriterState
from engine.session import commands as cmd
from engine.session import outputs as out
from engine.session.engine_loop import EngineLoop
from engine.session.events import RebuildChoice
from engine.session.run_recording import KEEP_LATEST
from engine.session.session import StudioSession
from engine.session.spec import ScenarioKey, ScenarioSpec


def _studio(root, key=ScenarioKey.SIMPLENET):
    loop = EngineLoop(None, param_stats_every=2, runs_root=root)
    session = StudioSession(loop.send, ScenarioSpec(key=key, device="cpu"))
    return loop, session


def _pump(loop, session, steps: int = 0) -> list:
    seen = []
    while not loop.commands.empty():
        for output in loop.run_once():
            seen.append(output)
            session.handle(output)
    for _ in range(steps):
        loop.send(cmd.StepOnce())
        for output in loop.run_once():
            seen.append(output)
            session.handle(output)
    return seen


def test_each_generation_is_a_run_closed_on_rebuild_and_shutdown(tmp_path):
    loop, session = _studio(tmp_path)
    session.start()
    _pump(loop, session, steps=4)
    first = session.run.folder
    assert RunReader(first).data.steps() == [1, 2, 3, 4] and RunReader(first).data.stats_steps == [1, 3]
    session.request_spec(ScenarioSpec(key=ScenarioKey.SCALAR, device="cpu"))
    session.answer_rebuild(RebuildChoice.REBUILD)
    _pump(loop, session, steps=1)
    assert RunReader(first).data.state == WriterState.FINISHED
    second = session.run.folder
    assert second != first and RunReader(second).manifest.scenario == "scalar"
    loop.send(cmd.Shutdown())
    loop.run_once()
    assert RunReader(second).data.state == WriterState.FINISHED


def test_a_folder_that_vanishes_stops_recording_once_and_training_goes_on(tmp_path):
    loop, session = _studio(tmp_path)
    session.start()
    _pump(loop, session, steps=1)
    shutil.rmtree(session.run.folder)
    tmp_path.chmod(0o500)  # nothing can be recreated there either
    try:
        seen = _pump(loop, session, steps=3)
    finally:
        tmp_path.chmod(0o700)
    failures = [o for o in seen if isinstance(o, out.EngineFailed)]
    assert len(failures) == 1 and not failures[0].stopped
    assert "Recording this run stopped" in failures[0].message
    assert session.run.steps == 4


def test_old_runs_are_pruned_at_start_and_the_newest_kept(tmp_path):
    for i in range(KEEP_LATEST + 3):
        manifest = RunManifest(scenario="scalar", created=f"2020-01-01T00:00:{i:02d}")
        with RunWriter(tmp_path / f"old-{i:02d}", manifest) as run:
            run.log_step(StepRecord(1, 0, 1.0, 0.0, 0.0))
    loop = EngineLoop(None, runs_root=tmp_path)
    loop.recording.prune_bytes = 0  # every run is over the cap: only the newest KEEP_LATEST stay
    outputs = loop.outputs()
    loop.send(cmd.Shutdown())
    list(outputs)
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert names == [f"old-{i:02d}" for i in range(3, KEEP_LATEST + 3)]
