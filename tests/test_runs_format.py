"""Run folders: write, reopen, nearest-step lookups, refusals, torn lines, rewinds, pruning."""
from __future__ import annotations

import json
import os

import numpy as np
import pytest

from engine.errors import OutputError
from engine.probes.attention import AttentionCapture
from engine.probes.param_stats import ParamStats
from engine.records import StepRecord
from engine.runs import (RunError, RunFollower, RunManifest, RunReader, RunWriter, WriterState, prune_runs,
                         runs_root)
from engine.runs.format import STATUS_FILE, read_status, write_status, writer_state


def _record(step: int, loss: float = 1.0) -> StepRecord:
    return StepRecord(step=step, tokens_seen=10 * step, loss=loss, grad_norm=0.5, tokens_per_s=100.0, lr=0.1)


def _stats(step: int) -> ParamStats:
    p, bins = 2, 4
    edges = np.tile(np.linspace(-1, 1, bins + 1), (p, 1))
    return ParamStats(step=step, names=["w", "b"], grad_norm=np.array([step, 1.0]), weight_norm=np.ones(p),
                      update_norm=np.ones(p), update_ratio=np.array([0.1, np.nan]),
                      grad_hist=np.full((p, bins), step, dtype=np.int64), grad_edges=edges,
                      weight_hist=np.ones((p, bins), dtype=np.int64), weight_edges=edges,
                      sampled=np.array([True, False]))


def _capture(step: int, layer: int = 0) -> AttentionCapture:
    return AttentionCapture(layer=layer, heads=[0, 1], sample=0, weights=np.full((2, 3, 3), step, np.float32),
                            pool_factor=1, tokens=[5, 6, 7], step=step)


def _write_run(folder, steps=10, stats=(2, 6), attention=(4,)) -> None:
    with RunWriter(folder, RunManifest(scenario="custom", train_config={"lr": 0.1})) as run:
        for s in range(1, steps + 1):
            run.log_step(_record(s, loss=1.0 / s))
            if s in stats:
                run.log_stats(_stats(s))
            if s in attention:
                run.log_attention(_capture(s))


def test_round_trip_keeps_every_field(tmp_path):
    _write_run(tmp_path / "run")
    data = RunReader(tmp_path / "run").data
    assert data.metrics == [_record(s, 1.0 / s) for s in range(1, 11)]
    assert (data.stats_steps, [k.step for k in data.attention], data.state) == ([2, 6], [4], WriterState.FINISHED)
    assert data.manifest.train_config == {"lr": 0.1} and data.manifest.created_by.startswith("backprop-studio ")
    manifest = json.loads((tmp_path / "run" / "run.json").read_text())
    assert (manifest["format"], manifest["version"]) == ("backprop-studio-run", 1)


def test_stats_and_attention_at_return_the_nearest_recorded_step(tmp_path):
    _write_run(tmp_path / "run", stats=(2, 6), attention=(4, 8))
    reader = RunReader(tmp_path / "run")
    found = {s: reader.stats_at(s).found for s in (0, 2, 3, 4, 5, 9)}
    assert found == {0: 2, 2: 2, 3: 2, 4: 2, 5: 6, 9: 6}  # a tie (4) goes to the earlier step
    at = reader.stats_at(5)
    assert (at.requested, at.found, at.exact) == (5, 6, False)
    assert at.value.names == ["w", "b"] and at.value.grad_hist[0, 0] == 6 and np.isnan(at.value.update_ratio[1])
    att = reader.attention_at(7)
    assert (att.found, att.value.heads, att.value.tokens) == (8, [0, 1], [5, 6, 7])
    assert float(att.value.weights[0, 0, 0]) == 8.0
    assert reader.attention_at(7, layer=3) is None and reader.checkpoint_at(7) is None


def test_newer_format_version_is_refused_naming_both_versions(tmp_path):
    _write_run(tmp_path / "run")
    path = tmp_path / "run" / "run.json"
    data = json.loads(path.read_text())
    data["version"] = 7
    path.write_text(json.dumps(data))
    with pytest.raises(RunError, match="format version 7") as info:
        RunReader(tmp_path / "run")
    assert "version 1" in str(info.value)


@pytest.mark.parametrize("make", ["missing", "empty", "file", "stranger"])
def test_a_folder_that_is_not_a_run_is_refused(tmp_path, make):
    folder = tmp_path / "x"
    if make == "empty":
        folder.mkdir()
    elif make == "file":
        folder.write_text("hi")
    elif make == "stranger":
        folder.mkdir()
        (folder / "run.json").write_text(json.dumps({"format": "something-else", "version": 1}))
    with pytest.raises(RunError, match="not a|Backprop Studio run"):
        RunReader(folder)


def test_writer_refuses_a_non_empty_folder_and_an_existing_run(tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="not empty and is not a run"):
        RunWriter(tmp_path / "busy", RunManifest(scenario="custom"))
    assert os.listdir(tmp_path / "busy") == ["notes.txt"]
    _write_run(tmp_path / "run")
    with pytest.raises(OutputError, match="already holds a run"):
        RunWriter(tmp_path / "run", RunManifest(scenario="custom"))


def test_a_partial_last_line_is_skipped_and_a_damaged_middle_line_named(tmp_path):
    _write_run(tmp_path / "run")
    metrics = tmp_path / "run" / "metrics.jsonl"
    with open(metrics, "ab") as fh:
        fh.write(b'{"step": 11, "tokens_se')
    assert RunReader(tmp_path / "run").data.steps() == list(range(1, 11))
    with RunWriter(tmp_path / "run", RunManifest(scenario="custom"), resume=True) as run:  # cuts the torn line
        run.log_step(_record(11))
    assert RunReader(tmp_path / "run").data.steps() == list(range(1, 12))
    lines = metrics.read_bytes().split(b"\n")
    lines[3] = b"garbage"
    metrics.write_bytes(b"\n".join(lines))
    with pytest.raises(RunError, match="line 4"):
        RunReader(tmp_path / "run")


def test_a_rewind_starts_a_new_timeline_and_drops_later_shards(tmp_path):
    _write_run(tmp_path / "run", steps=8, stats=(2, 6))
    follower = RunFollower(tmp_path / "run")
    assert len(follower.poll().steps) == 8
    with RunWriter(tmp_path / "run", RunManifest(scenario="custom"), resume=True) as run:
        run.rewind_to(4)
        for s in (5, 6):
            run.log_step(_record(s, loss=9.0))
    data = RunReader(tmp_path / "run").data
    assert data.steps() == [1, 2, 3, 4, 5, 6] and data.metrics[-1].loss == 9.0 and data.stats_steps == [2]
    update = follower.poll()
    assert update.rewound_to == 5 and [r.loss for r in update.steps] == [9.0, 9.0]
    assert [r.step for r in follower.history] == [1, 2, 3, 4, 5, 6]


def test_writer_state_running_finished_failed_vanished(tmp_path):
    folder = tmp_path / "run"
    with pytest.raises(ValueError):
        with RunWriter(folder, RunManifest(scenario="custom")):
            assert writer_state(read_status(folder)) == WriterState.RUNNING
            raise ValueError("boom")
    status = read_status(folder)
    assert status.state == WriterState.FAILED and "boom" in status.message
    write_status(folder, WriterState.RUNNING, 3)
    status = read_status(folder)
    assert writer_state(status, stale_after_s=30, now=status.heartbeat + 60) == WriterState.VANISHED
    data = json.loads((folder / STATUS_FILE).read_text())
    data["pid"] = 2 ** 22 + 12345  # above Linux's pid_max: no such process
    (folder / STATUS_FILE).write_text(json.dumps(data))
    assert RunFollower(folder).state() == WriterState.VANISHED


def _run_created(root, name, created, state=WriterState.FINISHED, size=1000):
    folder = root / name
    with RunWriter(folder, RunManifest(scenario="custom", created=created)) as run:
        run.log_step(_record(1))
    (folder / "payload.bin").write_bytes(b"x" * size)
    if state == WriterState.RUNNING:
        write_status(folder, WriterState.RUNNING, 1)  # this process: alive, fresh heartbeat
    return folder


def test_prune_runs_removes_the_oldest_finished_first_keeping_newest_and_running(tmp_path):
    root = tmp_path / "runs"
    old = _run_created(root, "a", "2026-01-01T00:00:00+00:00")
    running = _run_created(root, "b", "2026-01-02T00:00:00+00:00", WriterState.RUNNING)
    middle = _run_created(root, "c", "2026-01-03T00:00:00+00:00")
    newest = _run_created(root, "d", "2026-01-04T00:00:00+00:00", size=5000)
    (root / "not-a-run").mkdir()
    result = prune_runs(root, max_bytes=0, keep_latest=1)
    assert result.removed == [old, middle]
    assert sorted(p.name for p in root.iterdir()) == ["b", "d", "not-a-run"]
    assert set(result.kept) == {running, newest}


def test_runs_root_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BACKPROP_STUDIO_DATA_DIR", str(tmp_path))
    assert runs_root() == tmp_path / "runs"
    monkeypatch.delenv("BACKPROP_STUDIO_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert runs_root() == tmp_path / "xdg" / "backprop-studio" / "runs"
