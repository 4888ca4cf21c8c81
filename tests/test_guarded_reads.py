"""Every file the app reads is a regular, size-capped file: pipes, devices and huge files
get a message instead of a hang; unreadable is not reported as missing; no pickle is loaded."""
from __future__ import annotations

import json
import os
import pickle
import signal
from contextlib import contextmanager

import pytest
import torch

from engine.checkpoint import (CONFIG_FILE, MODEL_FILE, OPTIMIZER_FILE, OPTIMIZER_JSON, POINTER_FILE,
                               checkpoint_files, load_any, load_checkpoint, save_checkpoint)
from engine.cli import main
from engine.config import GPTConfig, load_gpt_config
from engine.data import MAX_RUN_CHARS, load_text
from engine.errors import DataError, UserError
from engine.models.gpt import GPTModel
from engine.safe_files import MAX_TEXT_BYTES, read_bytes_capped

TINY = GPTConfig(vocab_size=50257, context_length=8, emb_dim=8, n_heads=2, n_layers=1,
                 drop_rate=0.0, qkv_bias=False)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@contextmanager
def never_hangs(seconds: int = 20):
    """Turn a hang into a test failure instead of a stuck suite."""
    def expired(signum, frame):
        raise AssertionError(f"blocked for more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _message(fn, *args) -> str:
    with never_hangs(), pytest.raises(UserError) as info:
        fn(*args)
    return "\n".join(info.value.messages())


@pytest.fixture
def saved(tmp_path):
    model = GPTModel(TINY)
    opt = torch.optim.AdamW(model.parameters())
    model(torch.zeros(1, 4, dtype=torch.long)).sum().backward()
    opt.step()
    save_checkpoint(tmp_path / "ck", model, TINY, optimizer=opt, train_state={"step": 1})
    return tmp_path / "ck"


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _replace_with_fifo(path):
    path.unlink()
    os.mkfifo(path)


def test_named_pipes_are_refused_not_read(fifo, saved, tmp_path):
    assert "named pipe" in _message(load_gpt_config, fifo)
    assert "named pipe" in _message(load_text, str(fifo))
    files = checkpoint_files(saved)
    for name in (OPTIMIZER_JSON, OPTIMIZER_FILE, MODEL_FILE, CONFIG_FILE):
        _replace_with_fifo(files / name)
        assert "named pipe" in _message(load_checkpoint, saved), name
    _replace_with_fifo(saved / POINTER_FILE)
    assert "named pipe" in _message(load_any, saved)


def test_devices_are_refused(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    assert "device" in _message(load_gpt_config, "/dev/zero")
    assert "device" in _message(load_text, "/dev/zero")


def test_sizes_are_capped_before_reading(tmp_path):
    sparse = tmp_path / "big.txt"
    with open(sparse, "wb") as fh:  # a 1 GiB sparse file: costs no disk, would cost the RAM
        fh.truncate(2 ** 30)
    assert "the limit is" in _message(load_text, str(sparse))
    config = tmp_path / "big.json"
    with open(config, "wb") as fh:
        fh.truncate(50 * 2 ** 20)
    assert "the limit is" in _message(load_gpt_config, config)
    with pytest.raises(UserError, match="the limit is 1 B"):
        read_bytes_capped(config, 1)
    assert MAX_TEXT_BYTES < 2 ** 30


def test_a_run_the_tokenizer_would_choke_on_is_a_message(tmp_path):
    text = tmp_path / "run.txt"
    text.write_text("word " * 100 + "x" * (MAX_RUN_CHARS + 1), encoding="utf-8")
    from engine.config import TrainConfig
    with pytest.raises(DataError, match="characters in a row"):
        load_text(str(text), TrainConfig())


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their permissions")
def test_unreadable_is_not_reported_as_missing(tmp_path):
    config = tmp_path / "c.json"
    config.write_text("{}")
    config.chmod(0)
    message = _message(load_gpt_config, config)
    assert "permission denied" in message and "does not exist" not in message


def test_missing_and_folder_are_named_truly(tmp_path):
    assert "does not exist" in _message(load_gpt_config, tmp_path / "none.json")
    assert "is a folder" in _message(load_gpt_config, tmp_path)
    assert "does not exist" in _message(load_text, str(tmp_path / "none.txt"))


def test_strict_utf8_stdin_is_a_message(monkeypatch, capsys):
    import io
    import sys
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9 au lait")))
    assert main(["tokenize", "-"]) == 2
    err = capsys.readouterr().err
    assert "not UTF-8" in err and "Traceback" not in err


def test_tied_config_with_a_stored_head_is_refused(saved):
    files = checkpoint_files(saved)
    meta = json.loads((files / CONFIG_FILE).read_text())
    (files / CONFIG_FILE).write_text(json.dumps({**meta, "tie_weights": True}))
    message = _message(load_checkpoint, saved)
    assert "out_head.weight" in message and "tie_weights" in message


def test_generate_does_not_read_the_optimizer_state(saved, capsys):
    (checkpoint_files(saved) / OPTIMIZER_JSON).write_text('{"state": {"x": [')
    assert "optimizer.json" in _message(load_checkpoint, saved)
    assert main(["generate", "--checkpoint", str(saved), "--max-new-tokens", "2", "Hi"]) == 0
    assert capsys.readouterr().out.startswith("Hi")


def test_version_one_folders_still_load(saved, tmp_path):
    """The layout before checkpoint.json: the files directly in the folder."""
    old = tmp_path / "old"
    checkpoint_files(saved).rename(old)
    loaded = load_checkpoint(old)
    assert loaded.train_state["step"] == 1 and loaded.optimizer_state is not None
    model, _ = load_any(old)
    save_checkpoint(old, model, TINY, train_state={"step": 2})  # converted on the next save
    assert (old / POINTER_FILE).exists() and not (old / MODEL_FILE).exists()
    assert load_checkpoint(old).train_state["step"] == 2


class _Payload:
    """Unpickling this would create the marker file."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_pickle_payloads_in_every_disguise_never_run(saved, tmp_path):
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(marker), protocol=2)
    files = checkpoint_files(saved)
    for name in (MODEL_FILE, OPTIMIZER_FILE, OPTIMIZER_JSON, CONFIG_FILE):
        original = (files / name).read_bytes()
        (files / name).write_bytes(payload)
        _message(load_checkpoint, saved)
        if name in (MODEL_FILE, CONFIG_FILE):
            _message(load_any, saved)
        else:  # generation never opens the optimizer files
            load_any(saved)
        (files / name).write_bytes(original)
    pointer = (saved / POINTER_FILE).read_bytes()
    (saved / POINTER_FILE).write_bytes(payload)
    _message(load_checkpoint, saved)
    (saved / POINTER_FILE).write_bytes(pointer)
    disguised = tmp_path / "payload.json"
    disguised.write_bytes(payload)
    _message(load_gpt_config, disguised)
    _message(load_text, str(disguised))
    hf = tmp_path / "hf"
    hf.mkdir()
    (hf / CONFIG_FILE).write_text(json.dumps({"model_type": "gpt2", "n_embd": 8, "n_layer": 1,
                                              "n_head": 2, "vocab_size": 50257, "n_positions": 8}))
    (hf / "pytorch_model.bin").write_bytes(payload)
    assert "never unpickles" in _message(load_any, hf)
    assert not marker.exists()
