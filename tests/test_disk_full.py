"""A full disk mid-run: checkpoints keep the last good one, metrics stay valid JSON lines,
exports keep the old file; each stops with a message. Runs on a small tmpfs (root only)."""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import uuid

import pytest
import torch

from engine.checkpoint import load_checkpoint, save_checkpoint
from engine.cli import main
from engine.config import GPTConfig
from engine.errors import CheckpointError, OutputError
from engine.metrics_log import MetricsWriter
from engine.models.gpt import GPTModel
from engine.safe_write import write_file_atomic

TINY = GPTConfig(vocab_size=50257, context_length=16, emb_dim=8, n_heads=2, n_layers=1,
                 drop_rate=0.0, qkv_bias=False)


@contextlib.contextmanager
def tmpfs(mount, options: str):
    """A tmpfs mounted at `mount` with `options` for the block (skips where mounting is not
    allowed); unmounted afterwards."""
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip() or 'not permitted'})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 12 MiB tmpfs: room for one tiny checkpoint with optimizer state (~10 MiB), not two."""
    with tmpfs(tmp_path / f"disk-{uuid.uuid4().hex[:6]}", "size=12m") as mount:
        yield mount


def _fill(folder, leave: int) -> None:
    """Fill the disk until about `leave` bytes are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with open(folder / "filler", "wb") as fh:
        try:
            fh.write(b"\0" * max(free - leave, 0))
        except OSError:
            pass


def _trained():
    model = GPTModel(TINY)
    opt = torch.optim.AdamW(model.parameters())
    model(torch.zeros(1, 4, dtype=torch.long)).sum().backward()
    opt.step()
    return model, opt


def test_a_checkpoint_save_on_a_full_disk_keeps_the_previous_one(small_disk):
    model, opt = _trained()
    ck = small_disk / "ck"
    save_checkpoint(ck, model, TINY, optimizer=opt, train_state={"step": 1})
    with pytest.raises(CheckpointError, match="The previous checkpoint there, if any, is kept"):
        save_checkpoint(ck, model, TINY, optimizer=opt, train_state={"step": 2})
    assert load_checkpoint(ck).train_state["step"] == 1
    assert len(list(ck.iterdir())) == 2  # the pointer and the one good version


def test_training_stops_with_a_message_and_the_last_good_checkpoint(small_disk, tmp_path, capsys):
    (tmp_path / "tiny.json").write_text(json.dumps(TINY.to_dict()))
    (tmp_path / "train.json").write_text(json.dumps({"batch_size": 2, "max_length": 16, "stride": 16,
                                                     "eval_interval": 100, "eval_batches": 1}))
    (tmp_path / "t.txt").write_text("Loss goes down as the weights learn the text. " * 60)
    ck = small_disk / "ck"
    code = main(["train", "--config", str(tmp_path / "tiny.json"), "--train-config",
                 str(tmp_path / "train.json"), "--text", str(tmp_path / "t.txt"), "--steps", "5",
                 "--checkpoint", str(ck), "--checkpoint-every", "1", "--device", "cpu"])
    err = capsys.readouterr().err
    assert code == 2 and "No space left on device" in err and "Traceback" not in err
    loaded = load_checkpoint(ck)
    assert loaded.train_state["step"] == 1
    assert {int(e["step"]) for e in loaded.optimizer_state["state"].values()} == {1}


def test_metrics_on_a_full_disk_never_leave_half_a_line(small_disk):
    path = small_disk / "m.jsonl"
    writer = MetricsWriter(path)
    writer.write({"step": 0, "loss": 1.0})
    _fill(small_disk, leave=0)
    with pytest.raises(OutputError, match="No space left on device"):
        for step in range(1, 10_000):
            writer.write({"step": step, "loss": 1.0, "pad": "x" * 3000})
    writer.close()
    (small_disk / "filler").unlink()
    MetricsWriter(path).write({"step": -1})  # the next run appends to whole lines
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert rows[0]["step"] == 0 and rows[-1] == {"step": -1}


def test_an_export_on_a_full_disk_keeps_the_old_file(small_disk, capsys):
    out = small_disk / "trace.json"
    out.write_text('{"old": true}')
    _fill(small_disk, leave=0)
    with pytest.raises(OSError):
        write_file_atomic(out, b"x" * 2 ** 20)
    assert out.read_text() == '{"old": true}'
    assert [p.name for p in small_disk.iterdir() if p.name.endswith(".tmp")] == []
    code = main(["trace", "--scenario", "scalar", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "No space left on device" in err
    assert out.read_text() == '{"old": true}'


def test_a_read_only_place_is_refused_before_training(tmp_path, capsys):
    with tmpfs(tmp_path / "ro", "ro,size=1m") as mount:
        for argv in (["--checkpoint", str(mount / "ck")], ["--metrics", str(mount / "m.jsonl")]):
            code = main(["train", "--preset", "micro", "--steps", "1", *argv])
            err = capsys.readouterr().err
            assert code == 2 and "not writable" in err and "parameters on" not in err, err


def test_a_full_disk_for_metrics_stops_training_and_still_saves(small_disk, tmp_path, capsys):
    (tmp_path / "tiny.json").write_text(json.dumps(TINY.to_dict()))
    (tmp_path / "train.json").write_text(json.dumps({"batch_size": 2, "max_length": 16, "stride": 16,
                                                     "eval_interval": 1, "eval_batches": 1}))
    (tmp_path / "t.txt").write_text("Loss goes down as the weights learn the text. " * 60)
    metrics = small_disk / "m.jsonl"
    metrics.write_text(json.dumps({"step": -1, "pad": "x" * 4000}) + "\n")  # its page nearly full
    _fill(small_disk, leave=0)
    ck = tmp_path / "ck"
    code = main(["train", "--config", str(tmp_path / "tiny.json"), "--train-config",
                 str(tmp_path / "train.json"), "--text", str(tmp_path / "t.txt"), "--steps", "50",
                 "--metrics", str(metrics), "--checkpoint", str(ck), "--device", "cpu"])
    err = capsys.readouterr().err
    assert code == 2 and "Could not write the metrics file" in err and "Traceback" not in err
    assert "Training stopped at step" in err and "saved checkpoint" in err
    rows = [json.loads(line) for line in metrics.read_text().splitlines()]
    assert rows[0]["step"] == -1
    loaded = load_checkpoint(ck)
    assert loaded.train_state["step"] < 50
    steps = {int(e["step"]) for e in loaded.optimizer_state["state"].values()}
    assert steps <= {loaded.train_state["step"]}
