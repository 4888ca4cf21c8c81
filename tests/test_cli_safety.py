"""Where the CLI writes is checked before training; sizes are bounded before allocating;
one error policy: user errors exit 2, bugs exit 1 with a log file, Ctrl+C exits 130."""
from __future__ import annotations

import json
import os

import pytest

import engine.cli
from engine.checkpoint import POINTER_FILE, load_checkpoint
from engine.cli import main
from engine.crash_log import LOG_DIR_ENV
from engine.metrics_log import MetricsWriter
from engine.errors import OutputError

TINY = {"vocab_size": 50257, "context_length": 16, "emb_dim": 8, "n_heads": 2, "n_layers": 1,
        "drop_rate": 0.0, "qkv_bias": False}
TEXT = "Each weight moves a little against its gradient, and the loss falls. " * 60


@pytest.fixture
def args(tmp_path):
    """A complete tiny `train` command line; tests add the outputs."""
    (tmp_path / "tiny.json").write_text(json.dumps(TINY))
    (tmp_path / "train.json").write_text(json.dumps({"batch_size": 2, "max_length": 16, "stride": 16,
                                                     "eval_interval": 2, "eval_batches": 1}))
    (tmp_path / "t.txt").write_text(TEXT)
    return ["train", "--config", str(tmp_path / "tiny.json"), "--train-config",
            str(tmp_path / "train.json"), "--text", str(tmp_path / "t.txt"), "--device", "cpu"]


def _run(argv, capsys) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().err


def test_a_hugging_face_folder_is_never_overwritten(tmp_path, args, capsys):
    hf = tmp_path / "gpt2"
    hf.mkdir()
    (hf / "config.json").write_text('{"model_type": "gpt2"}')
    (hf / "vocab.json").write_text("{}")
    code, err = _run(args + ["--steps", "2", "--checkpoint", str(hf)], capsys)
    assert code == 2 and "not empty and is not a Backprop Studio checkpoint" in err
    assert "config.json" in err and "vocab.json" in err
    assert "parameters on" not in err  # refused before any training
    assert (hf / "config.json").read_text() == '{"model_type": "gpt2"}'
    assert sorted(p.name for p in hf.iterdir()) == ["config.json", "vocab.json"]


def test_impossible_places_are_refused_up_front(tmp_path, args, capsys):
    (tmp_path / "file").write_text("x")
    code, err = _run(args + ["--checkpoint", str(tmp_path / "file" / "ck")], capsys)
    assert code == 2 and "is a file, not a folder" in err and "parameters on" not in err
    code, err = _run(args + ["--checkpoint", str(tmp_path / "file")], capsys)
    assert code == 2 and "is a file" in err
    code, err = _run(args + ["--metrics", str(tmp_path)], capsys)
    assert code == 2 and "is a folder" in err
    code, err = _run(args + ["--metrics", str(tmp_path / "no" / "m.jsonl")], capsys)
    assert code == 2 and "does not exist" in err


def test_a_symlink_at_the_pointer_is_replaced_not_followed(tmp_path, args, capsys):
    ck = tmp_path / "ck"
    assert _run(args + ["--steps", "1", "--checkpoint", str(ck)], capsys)[0] == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (ck / POINTER_FILE).unlink()
    os.symlink(victim, ck / POINTER_FILE)
    (ck / ".checkpoint.json.000000000000.tmp").symlink_to(victim)  # a planted temp name
    assert _run(args + ["--steps", "2", "--checkpoint", str(ck)], capsys)[0] == 0
    assert victim.read_text() == "keep me"
    assert not (ck / POINTER_FILE).is_symlink()
    assert load_checkpoint(ck).train_state["step"] == 2


def test_metrics_lines_stay_valid_json(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_bytes(b'{"step": 0}\n{"step": 2, "train_lo')  # a crash mid-line
    writer = MetricsWriter(path)
    writer.write({"step": 4})
    writer.close()
    assert [json.loads(line) for line in path.read_text().splitlines()] == [{"step": 0}, {"step": 4}]
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not metrics")
    with pytest.raises(OutputError, match="does not look like a metrics file"):
        MetricsWriter(notes)
    assert notes.read_text() == "my notes, not metrics"


def test_a_model_that_cannot_fit_is_refused_with_the_estimate(tmp_path, args, capsys):
    huge = {**TINY, "emb_dim": 16_384, "n_heads": 128, "n_layers": 256, "context_length": 32_768}
    (tmp_path / "huge.json").write_text(json.dumps(huge))
    argv = [a if not a.endswith("tiny.json") else str(tmp_path / "huge.json") for a in args]
    code, err = _run(argv + ["--steps", "1"], capsys)
    assert code == 2 and "needs about" in err and "is available" in err, err
    assert main(["info", "--config", str(tmp_path / "huge.json")]) == 0
    out = capsys.readouterr().out
    assert "causal masks" in out and "256.00 GiB" in out  # 256 layers x 32768^2 bytes


@pytest.mark.parametrize("extra, fragment", [
    ({"seed": 2 ** 64}, "seed must be at most"),
    ({"batch_size": 10 ** 6}, "batch_size must be at most"),
    ({"eval_batches": 5000}, "eval_batches must be at most"),
])
def test_out_of_range_training_values_are_messages(tmp_path, args, capsys, extra, fragment):
    (tmp_path / "train.json").write_text(json.dumps({"max_length": 16, **extra}))
    code, err = _run(args + ["--steps", "1"], capsys)
    assert code == 2 and fragment in err and "Traceback" not in err


def test_generation_length_is_capped(capsys):
    code, err = _run(["generate", "--checkpoint", "x", "--max-new-tokens", "10000000", "hi"], capsys)
    assert code == 2 and "--max-new-tokens must be between 0 and 10,000" in err
    code, err = _run(["generate", "--checkpoint", "x", "--seed", str(2 ** 70), "hi"], capsys)
    assert code == 2 and "--seed must be between" in err


def _raise(exc):
    def func(args):
        raise exc
    return func


def test_an_unexpected_error_is_one_sentence_and_a_log(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "logs"))
    monkeypatch.setattr(engine.cli.info, "run", _raise(RuntimeError("boom\nsecond line")))
    code, err = _run(["info", "--preset", "nano"], capsys)
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    (log,) = (tmp_path / "logs").iterdir()
    assert str(log) in err and "RuntimeError: boom" in err
    assert "Traceback" in log.read_text() and "boom" in log.read_text()


def test_ctrl_c_anywhere_is_interrupted_130(monkeypatch, capsys):
    monkeypatch.setattr(engine.cli.info, "run", _raise(KeyboardInterrupt()))
    code, err = _run(["info", "--preset", "nano"], capsys)
    assert code == 130 and err.strip() == "interrupted"


def test_a_permission_error_deep_inside_is_not_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "logs"))
    monkeypatch.setattr(engine.cli.info, "run", _raise(PermissionError(13, "Permission denied")))
    code, err = _run(["info", "--preset", "nano"], capsys)
    assert code == 1 and "Traceback" not in err and "Permission denied" in err
