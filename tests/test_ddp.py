"""Data-parallel training: 2 CPU processes with gloo under torchrun, against one process."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]
GPT = {"vocab_size": 50257, "context_length": 16, "emb_dim": 16, "n_heads": 2, "n_layers": 1,
       "drop_rate": 0.0, "qkv_bias": False}  # no dropout: 1 and 2 processes can agree exactly
TRAIN = {"batch_size": 4, "max_length": 16, "stride": 16, "max_steps": 4, "eval_interval": 2,
         "eval_batches": 1, "device": "cpu", "learning_rate": 1e-3, "seed": 7}


def _gloo() -> bool:
    import torch.distributed as dist
    return dist.is_available() and dist.is_gloo_available()


needs_gloo = pytest.mark.skipif(not _gloo(), reason="torch.distributed with gloo is not available")


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("ddp")
    from pydoc_data.topics import topics
    (d / "text.txt").write_text("\n\n".join(topics[k] for k in sorted(topics))[:40000], "utf-8")
    (d / "gpt.json").write_text(json.dumps(GPT))
    (d / "train.json").write_text(json.dumps(TRAIN))
    return d


def _argv(d: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "engine.cli", "train", "--config", str(d / "gpt.json"),
            "--train-config", str(d / "train.json"), "--text", str(d / "text.txt"), *extra]


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}


@pytest.fixture(scope="module")
def runs(setup) -> Path:
    """One process and two processes, same global batch, 4 steps each."""
    for name, extra in (("one", ()), ("two", ("--nproc-per-node", "2"))):
        done = subprocess.run(_argv(setup, "--run", str(setup / f"run-{name}"), "--checkpoint",
                                    str(setup / f"ckpt-{name}"), *extra),
                              cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-3000:]
    return setup


def _weights(folder: Path) -> dict:
    from engine.checkpoint import load_checkpoint
    model = load_checkpoint(folder).model
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


@needs_gloo
def test_two_processes_match_one(runs):
    one, two = _weights(runs / "ckpt-one"), _weights(runs / "ckpt-two")
    start = _weights_at_init()
    moved = 0
    for name, a in one.items():
        scale = a.abs().max().clamp_min(1e-12)
        assert ((a - two[name]).abs().max() / scale).item() < 1e-5, name
        moved += int(not torch.equal(a, start[name]))
    assert moved > 0  # the steps changed the weights: the comparison means something
    from engine.runs import RunReader
    a, b = RunReader(runs / "run-one").data, RunReader(runs / "run-two").data
    assert [r.step for r in b.metrics] == [1, 2, 3, 4]
    for x, y in zip(a.metrics, b.metrics):
        assert y.loss == pytest.approx(x.loss, rel=1e-5) and y.grad_norm == pytest.approx(x.grad_norm, rel=1e-4)
        assert y.tokens_seen == x.tokens_seen


def _weights_at_init() -> dict:
    from engine.config import GPTConfig
    from engine.models.gpt import GPTModel
    torch.manual_seed(TRAIN["seed"])
    return GPTModel(GPTConfig(**GPT)).state_dict()


@needs_gloo
def test_run_holds_each_ranks_own_numbers(runs):
    from engine.runs import RunReader, RunFollower
    data = RunReader(runs / "run-two").data
    assert sorted(data.ranks) == [0, 1]
    assert RunReader(runs / "run-one").data.ranks == {}
    for step, record in enumerate(data.metrics, start=1):
        local = [data.ranks[r][step - 1] for r in (0, 1)]
        assert [x.step for x in local] == [step, step]
        assert record.loss == pytest.approx(sum(x.loss for x in local) / 2, rel=1e-5)  # the global mean
        assert all(x.step_time_s > 0 and x.tokens_per_s > 0 for x in local)
    # the local norms are each rank's own: step 1 from the same weights on each half-batch
    assert [data.ranks[r][0].grad_norm for r in (0, 1)] == pytest.approx(_half_batch_norms(runs), rel=1e-4)
    at = RunReader(runs / "run-two").checkpoint_at(4)  # written by rank 0: the plain model
    from engine.checkpoint import load_checkpoint
    assert at.found == 4 and load_checkpoint(at.value).model.cfg == load_checkpoint(runs / "ckpt-one").model.cfg
    follower = RunFollower(runs / "run-two")
    update = follower.poll()
    assert {r: len(v) for r, v in update.ranks.items()} == {0: 4, 1: 4}
    assert not follower.poll().ranks


def _half_batch_norms(d: Path) -> list[float]:
    from engine.config import GPTConfig, TrainConfig
    from engine.trainer import Trainer, calc_loss_batch
    text = (d / "text.txt").read_text("utf-8")
    trainer = Trainer(GPTConfig(**GPT), TrainConfig.from_dict(TRAIN), text=text)
    inputs, targets = trainer.peek_batch()
    norms = []
    for r in (0, 1):
        trainer.model.zero_grad(set_to_none=True)
        calc_loss_batch(inputs[2 * r:2 * r + 2], targets[2 * r:2 * r + 2], trainer.model).backward()
        norms.append(torch.linalg.vector_norm(torch.stack(
            [p.grad.norm() for p in trainer.model.parameters() if p.grad is not None])).item())
    return norms


@needs_gloo
def test_a_killed_rank_stops_the_others_with_a_plain_message(setup, tmp_path):
    run = tmp_path / "run"
    proc = subprocess.Popen(_argv(setup, "--run", str(run), "--steps", "2000", "--nproc-per-node", "2"),
                            cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        log, deadline = run / "ranks" / "rank-1.jsonl", time.monotonic() + 90
        while not (log.exists() and log.read_bytes().count(b"\n") >= 2):
            assert proc.poll() is None and time.monotonic() < deadline, "rank 1 never logged a step"
            time.sleep(0.1)
        pid = json.loads((run / "ranks" / "rank-1.json").read_text())["pid"]
        os.kill(pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0
    last = err.strip().splitlines()[-1]
    assert last.startswith("error: distributed training failed") and "rank 1 died" in last, err[-2000:]
    from engine.runs import RunReader, WriterState
    from engine.runs.format import read_status
    status = read_status(run)
    assert status.state == WriterState.FAILED and "rank 1" in status.message
    data = RunReader(run).data
    assert data.state == WriterState.FAILED and len(data.metrics) >= 2 and len(data.ranks[1]) >= 2
    _the_app_names_the_dead_rank(run)


def _the_app_names_the_dead_rank(run: Path) -> None:
    """Opened in the app, the failed run says which rank died (the session's own words)."""
    from engine.session.run_viewing import stopped_text
    from engine.session.viewed_run import ViewedRun

    viewed = ViewedRun.open(run)
    assert "rank 1 died" in stopped_text(viewed)
    assert {row.rank for row in viewed.rank_rows()} == {0, 1}


def test_the_app_following_a_data_parallel_run_shows_both_ranks(runs, make_window, qtbot):
    window = make_window("scalar")
    qtbot.waitUntil(lambda: window.session.run.summary is not None, timeout=30000)
    with qtbot.waitSignal(window.adapter.runOpened, timeout=60000):
        assert window.follow_run(runs / "run-two")
    table = window.run_panel.ranks
    qtbot.waitUntil(lambda: table.rowCount() == 2 and table.isVisibleTo(window), timeout=10000)
    ranks = [table.item(r, 0).text() for r in range(2)]
    assert ranks[0].startswith("0") and ranks[1].startswith("1")
    assert sum("slowest" in text for text in ranks) == 1  # the slowest rank is marked
    losses = [float(table.item(r, 2).text()) for r in range(2)]
    record = window.session.viewed.metrics[-1]
    assert sum(losses) / 2 == pytest.approx(record.loss, rel=1e-3)  # the global loss is their mean


def test_a_global_batch_the_processes_cannot_share_is_refused(setup, capsys):
    from engine.cli import main
    code = main(["train", "--config", str(setup / "gpt.json"), "--train-config", str(setup / "train.json"),
                 "--text", str(setup / "text.txt"), "--nproc-per-node", "3"])
    assert code == 2
    assert "batch_size 4 cannot be split evenly over 3 processes" in capsys.readouterr().err


def test_torchrun_environment_is_read():
    from engine.distributed import DistContext
    from engine.errors import ConfigError
    assert DistContext.from_env({}) is None
    ctx = DistContext.from_env({"RANK": "1", "WORLD_SIZE": "2", "LOCAL_RANK": "1"})
    assert (ctx.rank, ctx.world_size, ctx.local_rank, ctx.is_main) == (1, 2, 1, False)
    with pytest.raises(ConfigError):
        DistContext.from_env({"RANK": "2", "WORLD_SIZE": "2"})


def test_rank_logs_skip_a_torn_last_line(tmp_path):
    from engine.records import RankRecord
    from engine.runs.ranks import RankLogWriter, read_rank_infos, read_ranks
    log = RankLogWriter(tmp_path, 1)
    log.write(RankRecord(1, 1, 2.0, 0.5, 0.1, 100.0))
    log.close("finished")
    with open(tmp_path / "ranks" / "rank-1.jsonl", "ab") as fh:
        fh.write(b'{"rank": 1, "step": 2, "lo')
    assert read_ranks(tmp_path) == {1: [RankRecord(1, 1, 2.0, 0.5, 0.1, 100.0)]}
    assert read_rank_infos(tmp_path)[1].state == "finished"


def test_torchrun_environment_errors_are_sentences():
    from engine.distributed import DistContext
    from engine.errors import ConfigError
    with pytest.raises(ConfigError) as caught:
        DistContext.from_env({"RANK": "x", "WORLD_SIZE": "2"})
    assert caught.value.messages() == ["RANK/WORLD_SIZE/LOCAL_RANK must be whole numbers, not 'x'/'2'/None."]
