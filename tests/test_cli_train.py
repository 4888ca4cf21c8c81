"""`tokenize`, `train` and `generate` subcommands: real runs, files written, plain errors."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import engine.cli
from engine.cli import main

ROOT = Path(__file__).resolve().parents[1]
ALL_SUBCOMMANDS = list(engine.cli.SUBCOMMANDS)
TEXT = ("A gradient says which way to nudge each weight and how much the loss cares. " * 80)


@pytest.fixture(autouse=True)
def only_present_subcommands(monkeypatch):
    """Other helpers' subcommands may land later; these tests exercise this brief's three."""
    present = [n for n in engine.cli.SUBCOMMANDS if importlib.util.find_spec(f"engine.cli.{n}")]
    monkeypatch.setattr(engine.cli, "SUBCOMMANDS", present)


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def train_config(tmp_path):
    path = tmp_path / "train.json"
    path.write_text(json.dumps({"batch_size": 2, "max_length": 16, "stride": 16, "eval_interval": 2,
                                "eval_batches": 1, "learning_rate": 1e-3}), encoding="utf-8")
    return path


def test_tokenize_json_and_table(capsys):
    assert main(["tokenize", "--json", "Hello, do you like tea? <|endoftext|>"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ids"] == [15496, 11, 466, 345, 588, 8887, 30, 220, 50256]
    assert out["tokens"][2] == " do" and out["tokens"][-1] == "<|endoftext|>"
    assert main(["tokenize", "sunlit terraces"]) == 0
    table = capsys.readouterr().out
    assert '4252  "sun' not in table and '" terr"' in table and "4 tokens" in table


def test_train_writes_metrics_and_checkpoint_then_generates(tmp_path, corpus, train_config, capsys):
    metrics, ckpt = tmp_path / "m.jsonl", tmp_path / "ckpt"
    code = main(["train", "--preset", "micro", "--train-config", str(train_config), "--steps", "4",
                 "--text", str(corpus), "--metrics", str(metrics), "--checkpoint", str(ckpt),
                 "--device", "cpu"])
    err = capsys.readouterr().err
    assert code == 0, err
    rows = [json.loads(line) for line in metrics.read_text().splitlines()]
    assert [r["step"] for r in rows] == [0, 2, 4]
    assert set(rows[0]) == {"step", "tokens_seen", "train_loss", "val_loss"}
    assert rows[-1]["tokens_seen"] == 4 * 2 * 16 and rows[-1]["train_loss"] < rows[0]["train_loss"]
    assert "parameters on cpu" in err and "saved checkpoint" in err

    from engine.checkpoint import load_checkpoint
    loaded = load_checkpoint(ckpt)
    assert loaded.train_state["step"] == 4 and loaded.optimizer_state is not None

    assert main(["generate", "--checkpoint", str(ckpt), "--max-new-tokens", "5", "A gradient"]) == 0
    assert capsys.readouterr().out.startswith("A gradient")


@pytest.mark.parametrize("argv, message", [
    (["train", "--preset", "tiny"], "Unknown preset 'tiny'"),
    (["train", "--config", "missing.json"], "does not exist"),
    (["train", "--preset", "micro", "--steps", "0"], "--steps must be greater than 0"),
    (["train", "--preset", "micro", "--device", "tpu"], "device must be one of"),
    (["train", "--preset", "micro", "--text", "no/such.txt"], "does not exist"),
    (["train", "--preset", "micro", "--train-config", "TRAIN", "--steps", "1", "--text", "SHORT"], "too short"),
    (["generate", "--checkpoint", "no/such/dir", "hi"], "no/such/dir"),
    (["generate", "--checkpoint", "x", "--temperature", "-1", "hi"], "--temperature must be 0"),
])
def test_user_errors_are_plain(argv, message, capsys, tmp_path, train_config):
    short = tmp_path / "short.txt"
    short.write_text("too short to train on", encoding="utf-8")
    argv = [str(train_config) if a == "TRAIN" else str(short) if a == "SHORT" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_absent_gpu_is_a_plain_error(capsys):
    import torch
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    assert main(["train", "--preset", "micro", "--device", "cuda", "--steps", "1"]) == 2
    assert "not available on this machine" in capsys.readouterr().err


def test_entry_point_subprocess(tmp_path):
    missing = [n for n in ALL_SUBCOMMANDS if not importlib.util.find_spec(f"engine.cli.{n}")]
    if missing:  # the real entry point imports every subcommand
        pytest.skip(f"subcommand modules not written yet: {missing}")
    exe = ROOT / ".venv" / "bin" / "backprop-studio"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "gui.launcher"]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00 not utf-8 \xff")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(cmd + ["train", "--preset", "micro", "--text", str(bad)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 2, result.stderr
    assert "not UTF-8" in result.stderr and "Traceback" not in result.stderr
