"""`train` across processes: `--nproc-per-node N` starts torchrun, and each process torchrun
starts (RANK/WORLD_SIZE in the environment) trains data-parallel.

Rank 0 prints progress and writes everything shared (metrics, run folder, checkpoints); every
rank appends its own ranks/rank-<r>.jsonl. When a rank dies, the others fail in their next
collective (or torchrun stops them with SIGTERM): each names the dead rank(s), rank 0 marks
the run failed with that message, and the launcher prints it as its last line.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import UserError

# the train options handed on to every process, as (attribute, option)
_FORWARDED = [("preset", "--preset"), ("config", "--config"), ("train_config", "--train-config"),
              ("steps", "--steps"), ("text", "--text"), ("metrics", "--metrics"),
              ("checkpoint", "--checkpoint"), ("checkpoint_every", "--checkpoint-every"),
              ("run", "--run"), ("stats_every", "--stats-every"), ("device", "--device")]


class PeerFailure(Exception):
    """Another rank died; this one stops."""


def forward_argv(args) -> list[str]:
    argv = ["train"]
    for attr, option in _FORWARDED:
        value = getattr(args, attr, None)
        if value is not None:
            argv += [option, str(value)]
    return argv


def launch(args, nproc: int) -> int:
    """Run `python -m torch.distributed.run --nproc-per-node N -m engine.cli train ...`."""
    if not 1 <= nproc <= 1024:
        raise UserError(f"--nproc-per-node must be between 1 and 1024, not {nproc}.")
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc-per-node", str(nproc),
           "--max-restarts", "0", "-m", "engine.cli", "--", *forward_argv(args)]
    # "--": torchrun would take an abbreviation such as --run for one of its own options
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    root = str(Path(__file__).resolve().parents[2])  # the engine package must be importable
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    try:
        code = subprocess.run(cmd, env=env).returncode
    except KeyboardInterrupt:
        return 130
    if code == 0:
        return 0
    message = _failure_message(args.run) if args.run else ""
    print(f"error: distributed training failed (torchrun exit status {code})"
          + (f": {message}" if message else "."), file=sys.stderr)
    return 1


def _failure_message(folder: str) -> str:
    """What the run folder says about a failed job; marks it failed if no rank could."""
    from ..runs.format import WriterState, read_status, write_status
    from ..runs.ranks import read_rank_infos
    status = read_status(Path(folder))
    if status is not None and status.state == WriterState.FAILED and status.message:
        return status.message
    silent = sorted(r for r, info in read_rank_infos(Path(folder)).items() if info.state == "running")
    message = (f"rank(s) {', '.join(map(str, silent))} stopped without a word (killed?)" if silent
               else "see the messages above")
    if status is not None and status.state == WriterState.RUNNING:
        write_status(Path(folder), WriterState.FAILED, status.step, message)
    return message


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    try:  # a killed child not yet reaped by torchrun
        return "\nState:\tZ" in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def dead_ranks(folder: str | None, me: int, wait_s: float = 3.0) -> list[int]:
    """Ranks whose process is gone (same host only) without saying they stopped."""
    if folder is None:
        return []
    import socket
    from ..runs.ranks import read_rank_infos
    deadline = time.monotonic() + wait_s
    while True:
        infos = read_rank_infos(Path(folder))
        dead = sorted(r for r, i in infos.items() if r != me and i.state == "running"
                      and i.host == socket.gethostname() and _gone(i.pid))
        if dead or time.monotonic() > deadline:
            return dead
        time.sleep(0.1)


def peer_message(folder: str | None, rank: int, step: int) -> str:
    dead = dead_ranks(folder, rank)
    who = f"rank {', '.join(map(str, dead))} died" if dead else "another rank failed"
    return f"{who}; rank {rank} stopped at step {step}"


class SigtermStops:
    """torchrun's agent sends SIGTERM to the ranks left when one fails: raise PeerFailure."""

    def __enter__(self):
        self._previous = signal.signal(signal.SIGTERM, self._handle)
        return self

    def __exit__(self, exc_type, *exc):
        # Leaving on an error (a lost peer): torchrun's SIGTERM may still come while the
        # failure is written down; it must not cut that short (torchrun SIGKILLs after 30 s).
        signal.signal(signal.SIGTERM, self._previous if exc_type is None else signal.SIG_IGN)

    def _handle(self, signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once is enough
        raise PeerFailure("stopped by torchrun")
