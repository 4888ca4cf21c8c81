"""`backprop-studio snapshot`: train, trace, step backprop, and save the window as a PNG.

Runs the real main window (offscreen when there is no display), so the picture shows what a
person would see after the same clicks: N optimizer steps, one traced step, K backprop nodes.
"""
from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

VIEWS = ("window", "graph", "inspector", "backprop", "loss", "tensor", "lab", "tokenizer", "generation",
         "attention", "gradients", "health", "update", "example")
DEFAULT_SIZE = "1400x900"
WAIT_S = 300.0  # a large preset on a CPU takes a while to build and trace


def add_parser(subparsers) -> None:
    from engine.presets import DEFAULT_PRESET
    p = subparsers.add_parser(
        "snapshot", help="save a PNG of the app after training and stepping backprop",
        description="Build the main window offscreen, train N optimizer steps, trace one step, "
                    "advance backprop K nodes and save the window (or one view) as a PNG.")
    p.add_argument("--scenario", required=True, help="scalar, simplenet or gpt")
    p.add_argument("--preset", default=DEFAULT_PRESET, help=f"GPT preset (default {DEFAULT_PRESET})")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda or mps (default auto)")
    p.add_argument("--steps", default="0", help="optimizer steps before tracing (default 0)")
    p.add_argument("--backprop-steps", default="0", help="backprop nodes to step into (default 0)")
    p.add_argument("--view", default="window", help=f"what to save: {', '.join(VIEWS)} (default window)")
    p.add_argument("--size", default=DEFAULT_SIZE, help=f"image size WxH in pixels (default {DEFAULT_SIZE})")
    p.add_argument("-o", "--output", required=True, help="the PNG file to write")
    p.set_defaults(func=run_snapshot)


def _count(value: str, name: str, problems: list[str]) -> int:
    if not re.fullmatch(r"\d+", value.strip()):
        problems.append(f"{name} must be a whole number of at least 0, not '{value}'.")
        return 0
    return int(value)


def parse_args(args) -> dict:
    """Check every argument; all problems at once as a UserError."""
    from engine.cli import UserError
    from engine.presets import PRESETS
    from engine.scenarios import SCENARIOS

    problems: list[str] = []
    if args.scenario not in SCENARIOS:
        problems.append(f"Unknown scenario '{args.scenario}'. Choose one of: {', '.join(SCENARIOS)}.")
    if args.preset not in PRESETS:
        problems.append(f"Unknown preset '{args.preset}'. Choose one of: {', '.join(PRESETS)}.")
    steps = _count(args.steps, "--steps", problems)
    backprop_steps = _count(args.backprop_steps, "--backprop-steps", problems)
    if args.view not in VIEWS:
        problems.append(f"Unknown view '{args.view}'. Choose one of: {', '.join(VIEWS)}.")
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", args.size)
    width = height = 0
    if not match:
        problems.append(f"--size must look like 1400x900 (width x height in pixels), not '{args.size}'.")
    else:
        width, height = int(match.group(1)), int(match.group(2))
        if not (200 <= width <= 8000 and 150 <= height <= 8000):
            problems.append(f"--size {width}x{height} is out of range: width 200-8000, height 150-8000.")
    output = Path(args.output)
    if output.suffix.lower() != ".png":
        problems.append(f"The output file must end in .png, not '{output.name}'.")
    elif output.is_dir():
        problems.append(f"'{output}' is a folder; give a file name ending in .png.")
    elif not output.parent.exists() and str(output.parent) != "":
        problems.append(f"The folder '{output.parent}' does not exist.")
    try:
        from engine.device import resolve_device
        resolve_device(args.device)
    except Exception as exc:  # DeviceError is a UserError with problems
        problems.extend(getattr(exc, "problems", [str(exc)]))
    if problems:
        raise UserError(*problems)
    return dict(scenario=args.scenario, preset=args.preset, device=args.device, steps=steps,
                backprop_steps=backprop_steps, view=args.view, size=(width, height), output=output)


class _Recorder:
    """Counts the session's events so the command can wait for them without a nested loop."""

    def __init__(self, adapter, graph_panel):
        self.layouts = 0
        self.ready = 0
        self.metrics = 0
        self.traces = 0
        self.error: str | None = None
        adapter.modelReady.connect(lambda _e: self._count("ready"))
        adapter.stepAdded.connect(lambda _e: self._count("metrics"))
        adapter.traceChanged.connect(lambda e: e.traced is not None and self._count("traces"))
        adapter.errorRaised.connect(lambda e: self._on_error(e.message))
        self.attention = 0
        adapter.attentionAdded.connect(lambda _e: self._count("attention"))
        graph_panel.layoutApplied.connect(lambda: self._count("layouts"))
        graph_panel.runner.layoutFailed.connect(lambda _generation, message: self._on_error(message))

    def _count(self, what: str) -> None:
        setattr(self, what, getattr(self, what) + 1)

    def _on_error(self, message: str) -> None:
        self.error = message


def _pump(app, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def _wait(app, recorder: _Recorder, done, what: str, timeout_s: float = WAIT_S) -> None:
    from PySide6.QtCore import QEventLoop
    end = time.monotonic() + timeout_s
    while not done():
        if recorder.error:
            raise RuntimeError(recorder.error)
        if time.monotonic() > end:
            raise RuntimeError(f"Gave up after {timeout_s:.0f} s waiting for {what}.")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)


def _settle(app, window) -> None:
    """Let the layout (computed on pool threads) arrive and the views repaint."""
    for _ in range(3):
        window.graph_panel.runner.wait_idle(30000)
        _pump(app, 0.15)
    window.refresher.refresh_now()
    _pump(app, 0.1)


def _target(window, view: str, size: tuple[int, int]):
    """Arrange the window so the chosen widget has `size`, and return that widget."""
    width, height = size
    layout = window.dock_layout
    docks = {"inspector": layout.inspector_dock, "backprop": layout.backprop_dock,
             "loss": layout.loss_dock, "lab": layout.tensor_lab_dock, "tensor": layout.tensor_lab_dock,
             "tokenizer": layout.tokenizer_dock, "generation": layout.generation_dock,
             "attention": layout.attention_dock, "gradients": layout.gradients_dock,
             "health": layout.health_dock, "update": layout.inspector_dock,
             "example": layout.example_dock}
    if view in docks:
        dock = docks[view]
        dock.setFloating(True)
        dock.resize(width, height)
        dock.show()
        return dock
    if view == "graph":  # only the central widget: hide everything around it
        for dock in docks.values():
            dock.hide()
        window.menuBar().hide()
        window.toolbar.hide()
        window.statusBar().hide()
        window.error_banner.hide()
    window.resize(width, height)
    return window


def _generate(app, window, recorder: _Recorder) -> None:
    """Generate from the trained model, as a click on Generate would, and show a token's candidates."""
    answers: list = []
    window.adapter.generationFinished.connect(answers.append)
    window.generation_view.request()
    _wait(app, recorder, lambda: bool(answers), "the generation")
    window.refresher.refresh_now()
    if answers[0].result is not None and answers[0].result.tokens:
        window.generation_view.select(0)


def _prepare_view(app, window, recorder: _Recorder, opts: dict) -> None:
    """What a view needs before its picture: a generation, an attention capture of every head,
    the optimizer update under the cursor."""
    view, gpt = opts["view"], opts["scenario"] == "gpt"
    if view == "generation" and gpt:
        _generate(app, window, recorder)
    elif view == "attention" and gpt:
        head_box = window.attention_view.head_box
        head_box.setCurrentIndex(head_box.count() - 1)  # "mean of all heads": every head captured
        window.session.capture_attention(0, None, 0)
        _wait(app, recorder, lambda: recorder.attention >= 1, "the attention capture")
    elif view == "update":
        window.session.run_to_end()
        window.inspector.updates.selectRow(0)


def _save_png_atomic(image, output: Path) -> bool:
    """PNG bytes written beside `output`, then renamed over it: never a half-written file."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from engine.safe_write import write_file_atomic

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        return False
    try:
        write_file_atomic(Path(output), bytes(data.data()))
    except OSError:
        return False
    return True


def run_snapshot(args) -> int:
    opts = parse_args(args)
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from .app import make_application
    app = make_application()
    from .main_window import MainWindow

    from engine.presets import get_preset
    from engine.session.events import UnsavedChoice
    from engine.session.spec import ScenarioKey, ScenarioSpec

    spec = ScenarioSpec(key=ScenarioKey(opts["scenario"]), gpt_config=get_preset(opts["preset"]),
                        device=opts["device"])
    window = MainWindow(spec=spec, remember_layout=False)
    window.ask_unsaved = lambda parent, question: UnsavedChoice.DISCARD  # a throwaway model: no prompt
    recorder = _Recorder(window.adapter, window.graph_panel)
    session = window.session
    try:
        window.resize(*opts["size"])
        window.show()
        # Arrange first, so the graph is fitted to the space it is finally drawn in.
        target = _target(window, opts["view"], opts["size"])
        _wait(app, recorder, lambda: recorder.ready >= 1, "the model to be built")
        for i in range(opts["steps"]):
            session.step_once()
            _wait(app, recorder, lambda n=i + 1: recorder.metrics >= n, f"optimizer step {i + 1}")
        session.trace_now()
        _wait(app, recorder, lambda: recorder.traces >= 1, "the trace")
        _wait(app, recorder, lambda: recorder.layouts >= 1, "the graph layout")
        for _ in range(opts["backprop_steps"]):
            session.step_into()
            app.processEvents()
        _prepare_view(app, window, recorder, opts)
        _settle(app, window)
        if opts["view"] == "tensor":  # the lab's tensor widget fills the dock
            window.tensor_lab.results.setCurrentRow(3)  # rank 3: its slider shows too
            window.tensor_lab.splitter.setSizes([0, 0, opts["size"][0]])
            _pump(app, 0.1)
        pixmap = target.grab()
        image = pixmap.toImage()
        if (image.width(), image.height()) != opts["size"]:
            print(f"note: the {opts['view']} needs at least {image.width()}x{image.height()} pixels; "
                  f"scaled to {opts['size'][0]}x{opts['size'][1]}", file=sys.stderr)
            image = image.scaled(*opts["size"], Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        if not _save_png_atomic(image, opts["output"]):
            print(f"error: could not write '{opts['output']}'.", file=sys.stderr)
            return 1
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        window.close()
    print(f"wrote {opts['output']} ({opts['size'][0]}x{opts['size'][1]}, scenario {opts['scenario']}, "
          f"{recorder.metrics} steps, {opts['backprop_steps']} backprop nodes)")
    return 0
