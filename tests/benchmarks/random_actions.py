"""Benchmark: 2,000 seeded random actions on the whole window.

    python tests/benchmarks/random_actions.py [--actions 2000] [--seed 1]

The actions, watchers and pass rules are those of tests/test_random_actions.py
(tests/random_actions_driver.py): no uncaught exception, no Qt warning, no crash log, no
event-loop stall over 1 s, the window answers at the end and closes with its engine thread
joined. Problems are printed with the seed and the action index; the last line is one JSON
object (problems, max_gap_s, close_s, wall_s).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("BACKPROP_STUDIO_LOG_DIR", tempfile.mkdtemp(prefix="random-actions-logs-"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings

    from engine.presets import PRESETS
    from engine.session.spec import ScenarioKey, ScenarioSpec
    from gui.app import make_application
    from gui.main_window import MainWindow
    from random_actions_driver import (STALL_S, wait_ms, Problems, RandomActions, Watchers, close_window,
                                       log_dir, still_responds)

    make_application([])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(spec=ScenarioSpec(key=ScenarioKey.GPT, gpt_config=PRESETS["micro"], device="cpu"),
                        settings=settings)
    window.resize(1200, 800)
    window.show()
    while window.session.run.summary is None:
        wait_ms(50)
    problems = Problems(args.seed)
    t0 = time.monotonic()
    with Watchers(problems, log_dir()):
        RandomActions(window, args.seed, problems).run(args.actions)
        problems.action, problems.name = args.actions, "still responds"
        if not still_responds(window):
            problems.add("the window did not answer a zero-delay timer")
        close_s = close_window(window, problems)
    wall = time.monotonic() - t0
    problems.found += problems.stalls  # here a stall over STALL_S fails the run
    for line in problems.found:
        print(line, flush=True)
    print(f"seed {args.seed}: {args.actions} actions in {wall:.0f} s, {len(problems.found)} problems, "
          f"longest event-loop gap {problems.max_gap_s:.2f} s (stall limit {STALL_S} s)")
    print(json.dumps({"seed": args.seed, "actions": args.actions, "problems": len(problems.found),
                      "max_gap_s": round(problems.max_gap_s, 3), "close_s": round(close_s, 3),
                      "wall_s": round(wall, 1)}))
    code = 1 if problems.found else 0
    if window.adapter.is_running():  # as run_app: never destroy a running QThread
        sys.stdout.flush()
        os._exit(code)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
