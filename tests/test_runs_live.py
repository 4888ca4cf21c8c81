"""Runs written by another process: followed live, killed at random moments, the example script."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.records import StepRecord
from engine.runs import RunFollower, RunManifest, RunReader, RunWriter, WriterState

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "own_model_training.py"
DEADLINE_S = 120.0  # a generous bound for a loaded machine; never the thing tested


def _example(run: Path, *args: str, stdin=None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(EXAMPLE), "--run", str(run), *args], cwd=ROOT, env=env,
                            stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _poll_until(follower: RunFollower, done, proc: subprocess.Popen) -> None:
    """Poll until done() is true; fail if the writer died or the deadline passed."""
    deadline = time.monotonic() + DEADLINE_S
    while not done():
        assert proc.poll() is None or done(), proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the writer made no progress before the deadline"
        follower.poll()
        time.sleep(0.005)  # a polling interval, not synchronisation: the loop waits on done()


def _wait_for_run(folder: Path, proc: subprocess.Popen) -> RunFollower:
    deadline = time.monotonic() + DEADLINE_S
    while not (folder / "run.json").exists():
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    return RunFollower(folder)


def test_the_example_script_writes_a_run_that_reopens(tmp_path):
    proc = _example(tmp_path / "run", "--steps", "20")
    _out, err = proc.communicate(timeout=DEADLINE_S)
    assert proc.returncode == 0, err.decode()
    data = RunReader(tmp_path / "run").data
    assert data.steps() == list(range(1, 21)) and data.stats_steps == [5, 10, 15, 20]
    assert data.state == WriterState.FINISHED and data.manifest.scenario == "custom"
    assert data.manifest.extra["model_class"] == "Sequential" and data.metrics[-1].tokens_seen == 20 * 64
    assert [r.val_loss is not None for r in data.metrics].count(True) == 2


def test_follower_sees_each_step_as_another_process_writes_it(tmp_path):
    folder = tmp_path / "run"
    proc = _example(folder, "--steps", "6", "--stats-every", "2", "--paced", stdin=subprocess.PIPE)
    try:
        follower = _wait_for_run(folder, proc)
        seen, states = [], []
        for step in range(1, 7):
            proc.stdin.write(b"go\n")
            proc.stdin.flush()  # the writer takes step `step` only now
            _poll_until(follower, lambda: follower.last_step == step, proc)
            seen.append([r.step for r in follower.history])
            update = follower.poll()
            states.append(update.state)
        proc.stdin.close()
        assert proc.wait(timeout=DEADLINE_S) == 0
    finally:
        proc.kill()
        proc.wait()
    assert seen == [list(range(1, k + 1)) for k in range(1, 7)]  # every intermediate state observed
    assert WriterState.RUNNING in states
    final = follower.poll()
    assert final.state == WriterState.FINISHED and follower.last_step == 6
    assert follower.stats_steps == [2, 4, 6]


def test_runs_killed_at_random_moments_reopen_with_every_complete_step(tmp_path):
    rng = random.Random(20261130)
    for trial in range(8):
        folder = tmp_path / f"run{trial}"
        proc = _example(folder, "--steps", "1000000", "--stats-every", "3")
        try:
            follower = _wait_for_run(folder, proc)
            target = rng.randint(1, 40)
            _poll_until(follower, lambda: (follower.last_step or 0) >= target, proc)
            time.sleep(rng.uniform(0, 0.004))  # a random moment to kill at, not a wait for anything
            observed = follower.last_step
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait()
        reader = RunReader(folder)
        steps = reader.data.steps()
        assert steps == list(range(1, len(steps) + 1)) and len(steps) >= observed, trial
        for step in reader.data.stats_steps:
            assert reader.stats_at(step).value.step == step  # every listed shard is whole
        assert reader.data.state == WriterState.VANISHED
        with RunWriter(folder, RunManifest(scenario="custom"), resume=True) as run:  # and it continues
            run.log_step(StepRecord(len(steps) + 1, 0, 1.0, 1.0, 0.0))
        assert RunReader(folder).data.steps() == list(range(1, len(steps) + 2))


@pytest.mark.parametrize("offset", [1, 17, 40])
def test_a_torn_last_line_at_any_byte_is_skipped(tmp_path, offset):
    with RunWriter(tmp_path / "run", RunManifest(scenario="custom")) as run:
        for s in (1, 2, 3):
            run.log_step(StepRecord(s, s, 1.0, 1.0, 1.0))
    metrics = tmp_path / "run" / "metrics.jsonl"
    lines = metrics.read_bytes().splitlines(keepends=True)
    metrics.write_bytes(b"".join(lines[:2]) + lines[2][:offset])
    assert RunReader(tmp_path / "run").data.steps() == [1, 2]
