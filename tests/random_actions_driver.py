"""Seeded random actions on a MainWindow, with the watchers that judge the run.

Shared by tests/test_random_actions.py (a CI-sized run) and tests/benchmarks/random_actions.py
(2,000 actions). Watchers: an excepthook counter, a Qt message handler (warnings and worse),
crash logs written meanwhile, and an event-loop probe (a 20 ms timer: any gap over
STALL_S is a stall; stalls are wall-clock facts, so the benchmark judges them and the test
only prints them). Every problem is recorded with the seed and the action index.
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, QtMsgType, qInstallMessageHandler

from engine.session.events import RebuildChoice, UnsavedChoice
from engine.session.spec import ScenarioKey
from gui.actions import ActionKey

STALL_S = 1.0
PRESETS = ("micro", "nano")
# The offscreen platform plugin (tests only) says this whenever a dock is shown or floats.
PLATFORM_NOISE = {"This plugin does not support propagateSizeHints()"}  # small enough for a 2-core CPU while running


@dataclass
class Problems:
    seed: int
    action: int = -1  # index of the action being run (-1: before the first)
    name: str = ""
    found: list[str] = field(default_factory=list)
    stalls: list[str] = field(default_factory=list)  # gaps over STALL_S (judged by the benchmark)
    max_gap_s: float = 0.0
    recent: list[str] = field(default_factory=list)  # the last few actions, for the report

    def begin(self, index: int, name: str) -> None:
        self.action, self.name = index, name
        self.recent = (self.recent + [f"{index}:{name}"])[-6:]

    def add(self, what: str) -> None:
        self.found.append(f"seed {self.seed}, action {self.action} ({self.name}): {what} "
                          f"[recent actions: {', '.join(self.recent)}]")


class StallProbe(QObject):
    """A 20 ms timer in the GUI thread; records the longest gap between two ticks."""

    def __init__(self, problems: Problems):
        super().__init__()
        self.problems = problems
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        gap = self._clock.restart() / 1000.0
        self.problems.max_gap_s = max(self.problems.max_gap_s, gap)
        if gap > STALL_S:
            self.problems.stalls.append(f"seed {self.problems.seed}, action {self.problems.action} "
                                        f"({self.problems.name}): event loop stalled {gap:.2f} s")


class Watchers:
    """Install with `with Watchers(problems, log_dir):`; restores the previous hooks."""

    def __init__(self, problems: Problems, log_dir: Path | None):
        self.problems = problems
        self.log_dir = log_dir
        self._logs_before: set[str] = set()

    def _logs(self) -> set[str]:
        if self.log_dir is None or not self.log_dir.is_dir():
            return set()
        return {p.name for p in self.log_dir.iterdir()}

    def __enter__(self):
        self._previous_hook = sys.excepthook
        sys.excepthook = self._hook
        self._previous_handler = qInstallMessageHandler(self._message)
        self._logs_before = self._logs()
        self.probe = StallProbe(self.problems)
        self.probe.start()
        return self

    def __exit__(self, *exc) -> None:
        self.probe.stop()
        sys.excepthook = self._previous_hook
        qInstallMessageHandler(self._previous_handler)
        for name in sorted(self._logs() - self._logs_before):
            self.problems.add(f"crash log written: {name}")

    def _hook(self, exc_type, exc, tb) -> None:
        import traceback
        self.problems.add("uncaught " + "".join(traceback.format_exception(exc_type, exc, tb)))

    def _message(self, mode, context, message) -> None:
        if message in PLATFORM_NOISE:
            return
        if mode in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            self.problems.add(f"Qt message: {message}")


def wait_ms(ms: float) -> None:
    """Run the event loop for `ms` as app.exec() does (QTest.qWait keeps the GIL while it
    sleeps, starving the engine thread: it made the app look 4x slower than it is)."""
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    QTimer.singleShot(int(ms), loop.quit)
    loop.exec()


class RandomActions:
    """Runs random actions on `window`; `choice` answers the rebuild question each time."""

    def __init__(self, window, seed: int, problems: Problems):
        self.window = window
        self.rng = random.Random(seed)
        self.problems = problems
        window.ask_rebuild = lambda parent, question: self.rng.choice(list(RebuildChoice))
        saves = Path(tempfile.mkdtemp(prefix="random-actions-"))  # "Save…, then rebuild" saves here
        window.ask_save_path = lambda parent: str(saves / f"ckpt-{self.rng.randint(0, 3)}")
        window.ask_unsaved = lambda parent, question: UnsavedChoice.DISCARD  # closing never waits on a box
        self.actions = [
            (4, "run/pause", lambda: self._trigger(ActionKey.RUN)),
            (2, "step", lambda: self._trigger(ActionKey.STEP)),
            (2, "trace", lambda: self._trigger(ActionKey.TRACE)),
            (5, "step into", lambda: self._trigger(ActionKey.STEP_INTO)),
            (2, "step over", lambda: self._trigger(ActionKey.STEP_OVER)),
            (2, "step out", lambda: self._trigger(ActionKey.STEP_OUT)),
            (2, "step back", lambda: self._trigger(ActionKey.STEP_BACK)),
            (3, "scrub", self._scrub),
            (1, "scenario", self._scenario),
            (1, "preset", self._preset),
            (1, "device", self._device),
            (1, "reset", lambda: self._trigger(ActionKey.RESET)),
            (3, "expand/collapse", self._expand),
            (3, "zoom/pan", self._zoom_pan),
            (1, "search", self._search),
            (1, "config dialog", self._config),
            (1, "dock", self._dock),
            (1, "resize", self._resize),
            (4, "wait", lambda: wait_ms(self.rng.choice((50, 150, 400)))),
        ]
        self._weights = [w for w, _, _ in self.actions]

    def run(self, count: int) -> None:
        for i in range(count):
            _, name, action = self.rng.choices(self.actions, self._weights)[0]
            self.problems.begin(i, name)
            action()
            wait_ms(self.rng.choice((0, 5, 20)))

    # -- actions ----------------------------------------------------------------------------
    def _trigger(self, key: ActionKey) -> None:
        action = self.window.actions[key]
        if action.isEnabled():
            action.trigger()

    def _scrub(self) -> None:
        slider = self.window.backprop_panel.slider
        if slider.isEnabled() and slider.maximum() > 0:
            slider.setValue(self.rng.randint(slider.minimum(), slider.maximum()))

    def _activate(self, combo, index: int) -> None:
        if combo.isEnabled() and 0 <= index < combo.count():
            combo.setCurrentIndex(index)
            combo.activated.emit(index)

    def _scenario(self) -> None:
        combo = self.window.toolbar.scenario_combo
        key = self.rng.choice([ScenarioKey.GPT, ScenarioKey.GPT, ScenarioKey.SCALAR, ScenarioKey.SIMPLENET])
        self._activate(combo, combo.findData(key))

    def _preset(self) -> None:
        combo = self.window.toolbar.preset_combo
        self._activate(combo, combo.findText(self.rng.choice(PRESETS)))

    def _device(self) -> None:
        combo = self.window.toolbar.device_combo
        self._activate(combo, combo.findText("cpu"))

    def _expand(self) -> None:
        panel, session = self.window.graph_panel, self.window.session
        traced = session.traced
        pick = self.rng.random()
        if traced is None:
            return
        if pick < 0.2:
            panel.expand_all()
        elif pick < 0.4:
            panel.collapse_default()
        else:
            modules = sorted(traced.facts.expandable)
            if modules:
                module = self.rng.choice(modules)
                (session.expand if module not in session.expanded else session.collapse)(module)

    def _zoom_pan(self) -> None:
        view = self.window.graph_panel.view
        pick = self.rng.random()
        if pick < 0.4:
            view.zoom_by(self.rng.choice((0.5, 0.8, 1.25, 2.0)))
        elif pick < 0.5:
            view.fit()
        else:
            bar = self.rng.choice((view.horizontalScrollBar(), view.verticalScrollBar()))
            bar.setValue(self.rng.randint(bar.minimum(), max(bar.minimum(), bar.maximum())))

    def _search(self) -> None:
        box = self.window.graph_panel.search_box
        box.setText(self.rng.choice(("", "linear", "att", "W_query", "zzz", "sigmoid")))

    def _config(self) -> None:
        from gui.dialogs.config_dialog import ConfigDialog
        rng = self.rng

        def exec_(dialog) -> int:  # instead of the modal loop: edit, then OK or Cancel
            edits = [("n_layers", rng.choice(("1", "2", "0", "-3", "x"))),
                     ("emb_dim", rng.choice(("16", "32", "", "7"))),
                     ("n_heads", rng.choice(("1", "2", "3"))),
                     ("learning_rate", rng.choice(("0.001", "1e-3", "-1", "abc"))),
                     ("batch_size", rng.choice(("1", "2", "0")))]
            for key, text in rng.sample(edits, rng.randint(0, 3)):
                dialog.editors[key].setText(text)
                dialog.editors[key].textEdited.emit(text)  # as typing does
            dialog.accept() if rng.random() < 0.6 else dialog.reject()
            return dialog.result()

        original = ConfigDialog.exec
        ConfigDialog.exec = exec_
        try:
            self._trigger(ActionKey.CONFIG)
        finally:
            ConfigDialog.exec = original

    def _dock(self) -> None:
        docks = self.window.dock_layout.docks
        if docks:
            dock = self.rng.choice(docks)
            dock.setVisible(not dock.isVisible())

    def _resize(self) -> None:
        self.window.resize(self.rng.randint(700, 1600), self.rng.randint(500, 1000))


def still_responds(window, timeout_s: float = 2.0) -> bool:
    """A zero-delay timer fires and a repaint completes within the timeout."""
    fired = []
    QTimer.singleShot(0, lambda: fired.append(True))
    deadline = time.monotonic() + timeout_s
    while not fired and time.monotonic() < deadline:
        wait_ms(10)
    window.repaint()
    return bool(fired)


def close_window(window, problems: Problems) -> float:
    """Close (as the user does): closeEvent joins the engine thread with a 2 s timeout, so
    a thread still running afterwards means close did not finish its work in 2 s."""
    problems.begin(-1, "close")
    state = window.session.state.value
    t0 = time.monotonic()
    window.close()
    took = time.monotonic() - t0
    if window.adapter.is_running():
        problems.add(f"the engine thread outlived close() ({took:.2f} s; engine state was {state})")
    return took


def log_dir() -> Path | None:
    path = os.environ.get("BACKPROP_STUDIO_LOG_DIR")
    return Path(path) if path else None
