"""Checkpoint saves killed at random moments: the folder always holds one whole checkpoint.

A forked child saves in a loop, alternating between two model shapes (as an older checkpoint
of another preset would); each save's step is written into the weights, the optimizer state
and train_state. The parent kills it with SIGKILL or SIGINT after a random delay (fixed seed)
and checks the folder loads, with step, weights, optimizer state and config in agreement.
"""
from __future__ import annotations

import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from engine.checkpoint import POINTER_FILE, load_checkpoint, save_checkpoint
from engine.config import GPTConfig
from engine.models.gpt import GPTModel

ROOT = Path(__file__).resolve().parents[1]
TRIALS = 40
SHAPES = [GPTConfig(vocab_size=50257, context_length=8, emb_dim=8, n_heads=2, n_layers=n,
                    drop_rate=0.0, qkv_bias=False) for n in (1, 2)]


def _trained(cfg: GPTConfig):
    torch.manual_seed(0)
    model = GPTModel(cfg, tie_weights=True)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    model(torch.zeros(1, 4, dtype=torch.long)).sum().backward()
    opt.step()
    return model, opt


def _mark(model, opt, step: int) -> None:
    """Write `step` into a small weight and every optimizer step counter (no big tensor ops)."""
    with torch.no_grad():
        model.final_norm.shift.fill_(float(step))
    for state in opt.state.values():
        state["step"].fill_(float(step))


def _save(path, pairs, step: int) -> None:
    model, opt = pairs[step % 2]
    _mark(model, opt, step)
    save_checkpoint(path, model, SHAPES[step % 2], optimizer=opt, train_state={"step": step})


def _check_consistent(path) -> int:
    ck = load_checkpoint(path)
    step = ck.train_state["step"]
    assert ck.cfg == SHAPES[step % 2]
    assert torch.all(ck.model.final_norm.shift == float(step))
    steps = {float(entries["step"]) for entries in ck.optimizer_state["state"].values()}
    assert steps == {float(step)}
    return step


def _run_child(path, pairs, first: int) -> None:
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        step = first
        while True:
            _save(path, pairs, step)
            step += 1
    finally:
        os._exit(0)


def _reap(pid: int) -> None:
    for _ in range(500):  # an interrupted child exits at once; never wait forever
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


@pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(signal, "pthread_sigmask"),
                    reason="needs os.fork and signal masks")
def test_saves_killed_at_random_moments_leave_one_whole_checkpoint(tmp_path):
    path = tmp_path / "ck"
    pairs = [_trained(cfg) for cfg in SHAPES]
    save_times = []
    for step in range(3):
        started = time.monotonic()
        _save(path, pairs, step)
        save_times.append(time.monotonic() - started)
    # Kill delays scale with how long one save takes on this machine right now (a busy
    # machine saves slower), so the kills land before, during and after saves everywhere;
    # when four kills in a row land before any save finished, the delays grow.
    save_s = max(statistics.median(save_times), 0.005)
    rng = random.Random(1234)
    last, advanced, missed = _check_consistent(path), 0, 0
    for trial in range(TRIALS):
        # SIGINT stays blocked until the child has its own handler and its own `finally`,
        # so an early one never unwinds into pytest's frames inside the child.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        pid = os.fork()
        if pid == 0:
            _run_child(path, pairs, last + 1)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        time.sleep(rng.uniform(0.0, 4 * save_s) * 2 ** min(missed // 4, 3))
        os.kill(pid, signal.SIGKILL if trial % 2 else signal.SIGINT)
        _reap(pid)
        step = _check_consistent(path)
        assert step >= last  # never older than what was already published
        advanced += step > last
        missed = 0 if step > last else missed + 1
        last = step
    assert advanced >= TRIALS // 4  # the kills did land across saves, not only before them
    _save(path, pairs, last + 1)  # a clean save removes what killed saves left behind
    assert sorted(p.name for p in path.iterdir())[0] == POINTER_FILE
    assert len(list(path.iterdir())) == 2


def test_interrupt_inside_a_save_keeps_the_previous_checkpoint(tmp_path, monkeypatch):
    path = tmp_path / "ck"
    pairs = [_trained(cfg) for cfg in SHAPES]
    _save(path, pairs, 0)
    import engine.checkpoint_layout as layout

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(layout, "write_file_atomic", interrupted)  # just before the switch
    with pytest.raises(KeyboardInterrupt):
        _save(path, pairs, 1)
    assert _check_consistent(path) == 0
    assert len(list(path.iterdir())) == 2  # the unpublished version folder was removed


def test_ctrl_c_during_cli_training_saves_matching_step_and_weights(tmp_path):
    """A real `train --checkpoint-every 1` run, interrupted: exit 130, no traceback, and the
    saved step equals the optimizer's own step count."""
    text = tmp_path / "t.txt"
    text.write_text("Gradients flow backwards through every layer of the network. " * 60)
    cfg = tmp_path / "tiny.json"
    cfg.write_text('{"vocab_size": 50257, "context_length": 16, "emb_dim": 8, "n_heads": 2, '
                   '"n_layers": 1, "drop_rate": 0.0, "qkv_bias": false}')
    train = tmp_path / "train.json"
    train.write_text('{"batch_size": 2, "max_length": 16, "stride": 16, "eval_interval": 1000, '
                     '"eval_batches": 1}')
    ck = tmp_path / "ck"
    env = {**os.environ, "BACKPROP_STUDIO_LOG_DIR": str(tmp_path / "logs")}
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from engine.cli import main; sys.exit(main())",
         "train", "--config", str(cfg), "--train-config", str(train), "--text", str(text), "--steps", "100000",
         "--checkpoint", str(ck), "--checkpoint-every", "1", "--device", "cpu"],
        cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        for _ in range(1200):  # until the first checkpoint exists (start-up takes a few s)
            if (ck / POINTER_FILE).exists():
                break
            time.sleep(0.05)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted at step" in err
    loaded = load_checkpoint(ck)
    step = loaded.train_state["step"]
    assert step >= 1
    assert {int(e["step"]) for e in loaded.optimizer_state["state"].values()} == {step}
