"""Soak: the app training for a long time; memory and GUI latency each minute.

    python tests/benchmarks/soak.py [--minutes 20] [--preset nano]

Not part of the default run (20 minutes). The app's MainWindow (offscreen Qt, every view
open) trains continuously (F5) on `preset`, B=1, T=128, on the CPU. A 10 ms precise timer
in the GUI thread measures lateness; every minute one line reports the process's RSS, the
steps so far and that minute's p50/p99/max lateness. Every 5 minutes a traced step is shown
(the graph view, every module expanded) and training resumes, so trace-related memory is
exercised too. The last line is one JSON object: rss_mb_first/last/max, rss_growth_mb_per_min
over the second half (a leak shows as steady growth), p99_ms_worst_minute, steps.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "benchmarks")]
os.environ.setdefault("BACKPROP_STUDIO_LOG_DIR", tempfile.mkdtemp(prefix="soak-logs-"))


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--preset", default="nano")
    parser.add_argument("--trace-every", type=int, default=5, help="minutes between traced steps")
    args = parser.parse_args()


    from engine.config import TrainConfig
    from engine.presets import PRESETS
    from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec
    from gui.actions import ActionKey
    from gui.app import make_application
    from gui_latency import Probe, percentile, wait_ms, wait_until, window_with_every_view

    make_application([])
    train = TrainConfig(batch_size=1, max_length=128, stride=128, device="cpu", max_steps=10**9)
    window = window_with_every_view(ScenarioSpec(key=ScenarioKey.GPT, gpt_config=PRESETS[args.preset],
                                                 train_config=train, device="cpu"))
    session = window.session
    wait_until(lambda: session.run.summary is not None, 600)
    probe = Probe()
    rows = []
    window.actions[ActionKey.RUN].trigger()
    for minute in range(1, int(round(args.minutes)) + 1):
        probe.start()
        wait_ms(60_000)
        late = probe.stop()
        row = {"minute": minute, "rss_mb": round(rss_mb(), 1), "steps": session.run.steps,
               "p50_ms": round(percentile(late, 0.5), 2), "p99_ms": round(percentile(late, 0.99), 2),
               "max_ms": round(max(late) if late else 0.0, 2)}
        rows.append(row)
        print(json.dumps(row), flush=True)
        if args.trace_every and minute % args.trace_every == 0:
            window.actions[ActionKey.STEP_INTO].trigger()  # a break: trace, show, expand
            wait_until(lambda: session.traced is not None, 300)
            window.graph_panel.expand_all()
            wait_ms(3000)
            if session.state != EngineState.RUNNING:
                window.actions[ActionKey.RUN].trigger()
    window.close()
    half = rows[len(rows) // 2:]
    growth = ((half[-1]["rss_mb"] - half[0]["rss_mb"]) / max(1, half[-1]["minute"] - half[0]["minute"])
              if len(half) > 1 else 0.0)
    result = {"minutes": len(rows), "preset": args.preset, "steps": rows[-1]["steps"] if rows else 0,
              "rss_mb_first": rows[0]["rss_mb"] if rows else None,
              "rss_mb_last": rows[-1]["rss_mb"] if rows else None,
              "rss_mb_max": max(r["rss_mb"] for r in rows) if rows else None,
              "rss_growth_mb_per_min": round(growth, 2),
              "p99_ms_worst_minute": max(r["p99_ms"] for r in rows) if rows else None,
              "max_ms": max(r["max_ms"] for r in rows) if rows else None}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
