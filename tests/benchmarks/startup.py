"""Benchmark: app start-up time against importing its two big dependencies.

    python tests/benchmarks/startup.py [--pairs 5]

A: `python -m gui.launcher` (offscreen Qt, a fresh settings folder: a first launch) until its
window is shown and the event loop runs (BACKPROP_STUDIO_AUTOCLOSE_MS=1 closes it on the first
turn of the loop; the process's whole life is timed, shutdown included); B: `python -c
"import torch, PySide6.QtWidgets"`. Trials interleave A B A B …; each pair gives A / B and the
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    base = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app_cmd = [sys.executable, "-m", "gui.launcher"]
    import_cmd = [sys.executable, "-c", "import torch, PySide6.QtWidgets"]
    timed(import_cmd, base)  # warm the file cache for both
    ratios, app_s, import_s = [], [], []
    for i in range(args.pairs):
        with tempfile.TemporaryDirectory() as home:
            env = {**base, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": home,
                   "BACKPROP_STUDIO_AUTOCLOSE_MS": "1"}
            a = timed(app_cmd, env)
        b = timed(import_cmd, base)
        app_s.append(a)
        import_s.append(b)
        ratios.append(a / b)
        print(f"pair {i + 1}: app {a:.2f} s, imports {b:.2f} s, ratio {a / b:.3f}", flush=True)
    result = {"app_s": round(statistics.median(app_s), 3), "imports_s": round(statistics.median(import_s), 3),
              "startup_ratio": round(statistics.median(ratios), 3), "pairs": args.pairs}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
