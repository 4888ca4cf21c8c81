"""Benchmark: how late the GUI thread's event loop runs while the engine trains.

    python tests/benchmarks/gui_latency.py [--preset gpt2-124m] [--seconds 30] [--profile]

The app's MainWindow (offscreen Qt) on the GPT scenario, B=1, T=128 on the CPU, with the
graph (one traced step shown, every module expanded), loss, gradients and attention views
open. A 10 ms precise QTimer in the GUI thread records how late each tick comes (interval
minus 10 ms): first with the app idle, then while it trains continuously (F5). The default
preset is the issue's gpt2-124m (a step takes seconds on 2 CPU cores: --seconds 30 sees a
handful of steps); --preset nano (13.7M, many steps a second) stresses the per-step GUI
work hardest. --profile prints the GUI thread's top functions while training (cProfile).
The last line is one JSON object; goal: p99_ms_training <= 50.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BACKPROP_STUDIO_LOG_DIR", tempfile.mkdtemp(prefix="gui-latency-logs-"))

TICK_MS = 10


class Probe:
    def __init__(self):
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer
        self.lateness: list[float] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.lateness = []
        self._clock.start()
        self._timer.start()

    def stop(self) -> list[float]:
        self._timer.stop()
        return self.lateness

    def _tick(self) -> None:
        self.lateness.append(max(0.0, self._clock.nsecsElapsed() / 1e6 - TICK_MS))
        self._clock.restart()


def wait_ms(ms: float) -> None:
    """Run the event loop for `ms` as app.exec() does (QTest.qWait keeps the GIL while it
    sleeps, starving the engine thread: it made the app look 4x slower than it is)."""
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    QTimer.singleShot(int(ms), loop.quit)
    loop.exec()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered))) - 1))] if ordered else 0.0


def wait_until(predicate, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        wait_ms(20)
    return True


def window_with_every_view(spec):
    """The app's MainWindow on `spec` (fresh settings), 1400×900, every dock shown; the model
    build has started (wait for session.run.summary)."""
    from PySide6.QtCore import QSettings

    from engine.session.events import UnsavedChoice
    from gui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(spec=spec, settings=settings)
    window.ask_unsaved = lambda parent, question: UnsavedChoice.DISCARD  # closing never waits on a box
    window.resize(1400, 900)
    window.show()
    for dock in window.dock_layout.docks:
        dock.show()
    return window


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="gpt2-124m")
    parser.add_argument("--seconds", type=float, default=30.0, help="training phase length")
    parser.add_argument("--idle-seconds", type=float, default=5.0)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-trace", action="store_true",
                        help="skip the traced step (gpt2-124m traces for minutes on 2 cores)")
    args = parser.parse_args()

    from engine.config import TrainConfig
    from engine.presets import PRESETS
    from engine.session.spec import EngineState, ScenarioKey, ScenarioSpec
    from gui.actions import ActionKey
    from gui.app import make_application

    make_application([])
    train = TrainConfig(batch_size=1, max_length=128, stride=128)
    spec = ScenarioSpec(key=ScenarioKey.GPT, gpt_config=PRESETS[args.preset], train_config=train, device="cpu")
    window = window_with_every_view(spec)
    t0 = time.monotonic()
    if not wait_until(lambda: window.session.run.summary is not None, 600):
        print("the model was not built in 10 minutes")
        return 1
    print(f"{args.preset}: model built in {time.monotonic() - t0:.1f} s", flush=True)

    session, panel = window.session, window.graph_panel
    t0 = time.monotonic()
    if not args.no_trace:
        window.actions[ActionKey.STEP_INTO].trigger()  # one traced step: the graph shows it
        wait_until(lambda: panel.picture is not None, 600)
        panel.expand_all()
        wait_until(lambda: panel.picture is not None and len(panel.view.nodes) > 100
                   and panel._pending is None, 120)
        print(f"traced step shown in {time.monotonic() - t0:.1f} s: {len(panel.view.nodes)} nodes", flush=True)

    probe = Probe()
    wait_ms(500)
    probe.start()
    wait_ms(int(args.idle_seconds * 1000))
    idle = probe.stop()

    steps_before = session.run.steps
    window.actions[ActionKey.RUN].trigger()
    wait_until(lambda: session.state == EngineState.RUNNING, 30)
    profiler = cProfile.Profile() if args.profile else None
    probe.start()
    if profiler:
        profiler.enable()
    wait_ms(int(args.seconds * 1000))
    if profiler:
        profiler.disable()
    training = probe.stop()
    window.actions[ActionKey.RUN].trigger()  # pause
    steps = session.run.steps - steps_before
    window.close()

    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    result = {
        "preset": args.preset, "seconds": args.seconds, "traced": not args.no_trace, "steps_while_probed": steps,
        "p50_ms_idle": round(statistics.median(idle), 2), "p99_ms_idle": round(percentile(idle, 0.99), 2),
        "max_ms_idle": round(max(idle), 2),
        "p50_ms_training": round(statistics.median(training), 2),
        "p99_ms_training": round(percentile(training, 0.99), 2),
        "max_ms_training": round(max(training), 2), "ticks_training": len(training),
    }
    print(f"idle: p50 {result['p50_ms_idle']} ms, p99 {result['p99_ms_idle']} ms | training "
          f"({steps} steps): p50 {result['p50_ms_training']} ms, p99 {result['p99_ms_training']} ms, "
          f"max {result['max_ms_training']} ms")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
