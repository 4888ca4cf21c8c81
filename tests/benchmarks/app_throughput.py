"""Benchmark: training throughput in the app against the same training headless.

    python tests/benchmarks/app_throughput.py [--preset nano] [--seconds 8] [--pairs 3]

A: the app's MainWindow (offscreen Qt, every view open) trains continuously (F5) for
`seconds`; B: engine.trainer.Trainer.run() in the same process, same configs, same device,
for the same time, with the app paused. Both use the app's torch thread count (every core
but one, which the app leaves to its GUI thread), so the ratio is the app's own overhead;
--headless-threads default gives B torch's default count instead (as the CLI's `train`
runs; on a loaded 2-core machine that is the slower of the two). Trials interleave A B A B …; each pair gives a ratio
of steps per second, app / headless, and the result is the median of the paired ratios.
The last line is one JSON object; goal: app_vs_headless >= 0.90.
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "benchmarks")]
os.environ.setdefault("BACKPROP_STUDIO_LOG_DIR", tempfile.mkdtemp(prefix="app-throughput-logs-"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="nano")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--headless-threads", choices=("app", "default"), default="app")
    args = parser.parse_args()


    import torch
    from gui_latency import wait_ms, wait_until, window_with_every_view

    from engine.config import TrainConfig
    from engine.presets import PRESETS
    from engine.session.engine_loop import limit_intra_op_threads
    from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec
    from engine.trainer import Trainer
    from gui.actions import ActionKey
    from gui.app import make_application

    make_application([])
    headless_threads = torch.get_num_threads()  # what the CLI's `train` uses
    gpt_cfg = PRESETS[args.preset]
    train_cfg = TrainConfig(device="cpu", max_steps=10**9)
    window = window_with_every_view(ScenarioSpec(key=ScenarioKey.GPT, gpt_config=gpt_cfg,
                                                 train_config=train_cfg, device="cpu"))
    session = window.session
    wait_until(lambda: session.run.summary is not None, 600)
    headless = Trainer(gpt_cfg, train_cfg, device="cpu")
    headless.evaluate()  # as the app does before its first step

    def app_trial() -> float:
        limit_intra_op_threads(1)  # as the app's engine thread set it (process-wide)
        before, t0 = session.run.steps, time.perf_counter()
        window.actions[ActionKey.RUN].trigger()
        wait_ms(int(args.seconds * 1000))
        window.actions[ActionKey.RUN].trigger()  # pause (after the step in flight)
        wait_until(lambda: session.state != EngineState.RUNNING, 60)
        elapsed = time.perf_counter() - t0
        wait_ms(300)  # the last step's record arrives
        return (session.run.steps - before) / elapsed

    def headless_trial() -> float:
        if args.headless_threads == "default":
            torch.set_num_threads(headless_threads)
        else:
            limit_intra_op_threads(1)
        before, t0 = headless.step_count, time.perf_counter()
        headless.run(max_steps=10**9, should_stop=lambda: time.perf_counter() - t0 >= args.seconds)
        return (headless.step_count - before) / (time.perf_counter() - t0)

    limit_intra_op_threads(1)
    app_threads = torch.get_num_threads()
    app_trial()  # warm-up: first steps allocate
    headless_trial()
    ratios, app_rates, headless_rates = [], [], []
    for i in range(args.pairs):
        a = app_trial()
        b = headless_trial()
        app_rates.append(a)
        headless_rates.append(b)
        ratios.append(a / b if b else float("nan"))
        print(f"pair {i + 1}: app {a:.2f} steps/s, headless {b:.2f} steps/s, ratio {ratios[-1]:.3f}", flush=True)
    window.close()
    result = {"preset": args.preset, "seconds": args.seconds, "pairs": args.pairs,
              "headless_threads": args.headless_threads, "threads_app": app_threads,
              "app_steps_per_s": round(statistics.median(app_rates), 3),
              "headless_steps_per_s": round(statistics.median(headless_rates), 3),
              "app_vs_headless": round(statistics.median(ratios), 3)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
