"""Benchmark: app start-up time against importing its two big dependencies.

    python tests/benchmarks/startup.py [--pairs 5]

A: `python -m gui.launcher` (offscreen Qt, a fresh settings folder: a first launch) from the
spawn until its window is shown and the event loop turns (BACKPROP_STUDIO_REPORT=1 makes it
print the wall-clock time then; BACKPROP_STUDIO_AUTOCLOSE_MS=1 closes it right after; the
whole process life, shutdown included, is reported too as app_exit_s); B: `python -c
"import torch, PySide6.QtWidgets"`, spawn to exit. Trials interleave A B A B …; each pair gives A / B and the
result is the median of the paired ratios. The last line is one JSON object; goal:
startup_ratio <= 1.5.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - t0


def app_times(cmd: list[str], env: dict) -> tuple[float, float]:
    """(spawn to window ready, spawn to exit) in seconds."""
    t0, w0 = time.perf_counter(), time.time()
    done = subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=300)
    total = time.perf_counter() - t0
    ready = next(float(line.split()[-1]) for line in done.stdout.splitlines() if line.startswith("ready at"))
    return ready - w0, total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    base = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app_cmd = [sys.executable, "-m", "gui.launcher"]
    import_cmd = [sys.executable, "-c", "import torch, PySide6.QtWidgets"]
    timed(import_cmd, base)  # warm the file cache for both
    ratios, app_s, import_s, exit_s = [], [], [], []
    for i in range(args.pairs):
        with tempfile.TemporaryDirectory() as home:
            env = {**base, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": home,
                   "BACKPROP_STUDIO_AUTOCLOSE_MS": "1", "BACKPROP_STUDIO_REPORT": "1"}
            a, whole = app_times(app_cmd, env)
            exit_s.append(whole)
        b = timed(import_cmd, base)
        app_s.append(a)
        import_s.append(b)
        ratios.append(a / b)
        print(f"pair {i + 1}: app ready {a:.2f} s (exit {whole:.2f} s), imports {b:.2f} s, "
              f"ratio {a / b:.3f}", flush=True)
    result = {"app_s": round(statistics.median(app_s), 3), "imports_s": round(statistics.median(import_s), 3),
              "app_exit_s": round(statistics.median(exit_s), 3),
              "startup_ratio": round(statistics.median(ratios), 3), "pairs": args.pairs}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
