"""Benchmark: what the app's run checkpoints cost in training speed.

    python tests/benchmarks/run_checkpoints.py [--preset nano] [--steps 100] [--pairs 3]

Two engine loops as the app drives them (EngineLoop + StudioSession, recording runs into a
scratch runs folder, torch leaving one core to the GUI thread as the app does), same configs:
A records checkpoints as the app does (before step 1 and every CHECKPOINT_EVERY steps, within
CHECKPOINT_BUDGET, older ones removed), B records the same run without checkpoints (budget 0).
Blocks of `steps` steps alternate A B A B …; each pair gives a ratio of steps per second,
with / without, and the result is the median of the paired ratios. On a loaded machine that
ratio is within noise, so A also times its checkpoint work itself (`checkpoint_share`: seconds
in the recording's before_step, saves and removals, over A's seconds). The last line is JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT)]
os.environ.setdefault("BACKPROP_STUDIO_LOG_DIR", tempfile.mkdtemp(prefix="run-checkpoints-logs-"))


def _studio(root: Path, preset: str, budget: int | None):
    from engine.config import TrainConfig
    from engine.presets import PRESETS
    from engine.session.engine_loop import EngineLoop
    from engine.session.session import StudioSession
    from engine.session.spec import ScenarioKey, ScenarioSpec
    loop = EngineLoop(None, runs_root=root)
    if budget is not None:
        loop.recording.checkpoint_budget = budget
    spec = ScenarioSpec(key=ScenarioKey.GPT, gpt_config=PRESETS[preset], device="cpu",
                        train_config=TrainConfig(device="cpu", max_steps=10 ** 9))
    session = StudioSession(loop.send, spec)
    session.start()
    _drain(loop, session)
    return loop, session


def _drain(loop, session) -> None:
    while not loop.commands.empty():
        for output in loop.run_once():
            session.handle(output)


def _block(loop, session, steps: int) -> float:
    """Steps per second over `steps` steps."""
    from engine.session import commands as cmd
    started = time.perf_counter()
    for _ in range(steps):
        loop.send(cmd.StepOnce())
        for output in loop.run_once():
            session.handle(output)
    return steps / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="nano")
    parser.add_argument("--steps", type=int, default=100, help="steps per block (a multiple of CHECKPOINT_EVERY)")
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()

    from engine.runs.storage import folder_bytes
    from engine.session.engine_loop import limit_intra_op_threads
    from engine.session.run_checkpoints import CHECKPOINT_BUDGET, CHECKPOINT_EVERY
    limit_intra_op_threads(1)  # as the app: one core left to the GUI thread
    scratch = Path(tempfile.mkdtemp(prefix="run-checkpoints-"))
    with_ck = _studio(scratch / "with", args.preset, None)
    without = _studio(scratch / "without", args.preset, 0)
    spent = [0.0]
    plain_before = with_ck[0].recording.before_step

    def timed_before(scenario):
        started = time.perf_counter()
        try:
            return plain_before(scenario)
        finally:
            spent[0] += time.perf_counter() - started
    with_ck[0].recording.before_step = timed_before
    _block(*with_ck, 2)  # warm-up (and the first checkpoint, before step 1), both sides
    _block(*without, 2)
    pairs, spent[0], a_seconds = [], 0.0, 0.0
    for i in range(args.pairs):
        a = _block(*with_ck, args.steps)
        a_seconds += args.steps / a
        b = _block(*without, args.steps)
        pairs.append((a, b))
        print(f"pair {i + 1}: with {a:.2f} steps/s, without {b:.2f} steps/s, ratio {a / b:.3f}", flush=True)
    run = Path(with_ck[1].run.folder)
    result = {"preset": args.preset, "steps_per_block": args.steps, "pairs": args.pairs,
              "checkpoint_every": CHECKPOINT_EVERY, "budget_bytes": CHECKPOINT_BUDGET,
              "with_steps_per_s": round(statistics.median(a for a, _ in pairs), 3),
              "without_steps_per_s": round(statistics.median(b for _, b in pairs), 3),
              "ratio_with_over_without": round(statistics.median(a / b for a, b in pairs), 3),
              "checkpoint_share": round(spent[0] / a_seconds, 4),
              "checkpoint_s_per_save": round(spent[0] / max(1, args.pairs * args.steps // CHECKPOINT_EVERY), 3),
              "checkpoint_bytes": folder_bytes(run / "checkpoints"),
              "checkpoint_steps": sorted(p.name for p in (run / "checkpoints").iterdir() if not p.name.startswith("."))}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
