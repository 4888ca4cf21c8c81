"""Benchmark: training throughput in the app against the same training headless.

    python tests/benchmarks/app_throughput.py [--preset nano] [--seconds 8] [--pairs 3]

A: the app's MainWindow (offscreen Qt, every view open) trains continuously (F5) for
`seconds`; B: engine.trainer.Trainer.run() in the same process, same configs, same device,
for the same time, with the app paused. Trials interleave A B A B …; each pair gives a ratio
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
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BACKPROP_STUDIO_LOG_DIR", tempfile.mkdtemp(prefix="app-throughput-logs-"))


def wait_until(predicate, timeout_s: float) -> bool:
    from PySide6.QtTest import QTest
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QTest.qWait(20)
    return True


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="nano")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from engine.config import TrainConfig
    from engine.presets import PRESETS
    from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec
    from engine.trainer import Trainer
    from gui.actions import ActionKey
    from gui.app import make_application
    from gui.main_window import MainWindow

    make_application([])
    gpt_cfg = PRESETS[args.preset]
    train_cfg = TrainConfig(device="cpu", max_steps=10**9)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(spec=ScenarioSpec(key=ScenarioKey.GPT, gpt_config=gpt_cfg, train_config=train_cfg,
                                          device="cpu"), settings=settings)
    window.resize(1400, 900)
    window.show()
    for dock in window.dock_layout.docks:
        dock.show()
    session = window.session
    wait_until(lambda: session.run.summary is not None, 600)
    headless = Trainer(gpt_cfg, train_cfg, device="cpu")
    headless.evaluate()  # as the app does before its first step

    def app_trial() -> float:
        before, t0 = session.run.steps, time.perf_counter()
        window.actions[ActionKey.RUN].trigger()
        QTest.qWait(int(args.seconds * 1000))
        window.actions[ActionKey.RUN].trigger()  # pause (after the step in flight)
        wait_until(lambda: session.state != EngineState.RUNNING, 60)
        elapsed = time.perf_counter() - t0
        QTest.qWait(300)  # the last step's record arrives
        return (session.run.steps - before) / elapsed

    def headless_trial() -> float:
        before, t0 = headless.step_count, time.perf_counter()
        headless.run(max_steps=10**9, should_stop=lambda: time.perf_counter() - t0 >= args.seconds)
        return (headless.step_count - before) / (time.perf_counter() - t0)

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
              "app_steps_per_s": round(statistics.median(app_rates), 3),
              "headless_steps_per_s": round(statistics.median(headless_rates), 3),
              "app_vs_headless": round(statistics.median(ratios), 3)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
