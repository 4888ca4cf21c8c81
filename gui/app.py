"""Start the desktop app: QApplication, the main window, the event loop."""
from __future__ import annotations

import os
import subprocess
import sys
import time

from importlib import resources

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

APP_NAME = ORG_NAME = "Backprop Studio"  # QSettings keys the saved layout under these
AUTOCLOSE_ENV = "BACKPROP_STUDIO_AUTOCLOSE_MS"  # tests: close this long after the window shows
AUTORUN_ENV = "BACKPROP_STUDIO_AUTORUN"  # tests and demos: start training once the model is built
GIL_SWITCH_S = 0.001  # see make_application
REPORT_ENV = "BACKPROP_STUDIO_REPORT"  # tests: print what the session did when the app ends


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName(APP_NAME)
    icon = resources.files("resources").joinpath("icons", "backprop-studio.svg")
    app.setWindowIcon(QIcon(str(icon)))  # the wheel ships it as a plain file
    # The GUI thread takes the GIL back within 1 ms, not Python's default 5 ms, while the
    # engine thread trains: each of its many GIL hand-overs per frame would otherwise wait.
    sys.setswitchinterval(GIL_SWITCH_S)
    collect_garbage_in_gui_thread(app)
    return app


def collect_garbage_in_gui_thread(app: QApplication) -> None:
    """Python's cyclic GC runs in whichever thread allocates; when it frees a Qt wrapper in
    the engine thread, shiboken defers the C++ delete to the GUI thread, where it can land
    inside another object's destructor and deadlock on a Qt mutex (seen in tests). So turn
    automatic GC off and collect on a GUI-thread timer instead (pyqtgraph's recipe)."""
    if getattr(app, "_gui_thread_gc", None) is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector
        app._gui_thread_gc = GarbageCollector(interval=0.5)


def report_unexpected_errors(window) -> None:
    """An exception escaping a slot: its traceback goes to a crash log, the window says so in
    one sentence and keeps running (the model and the run stay as they were)."""
    previous = sys.excepthook

    def handle(exc_type, exc, tb) -> None:
        if not issubclass(exc_type, Exception):  # KeyboardInterrupt, SystemExit
            previous(exc_type, exc, tb)
            return
        from engine.crash_log import write_crash_log
        path = write_crash_log(exc.with_traceback(tb), "GUI thread")
        error = f"{exc_type.__name__}: {exc}"
        if path is None:
            message = QCoreApplication.translate(
                "CrashReport", "Something went wrong in the app ({error}). Your model and run are kept.")
        else:
            message = QCoreApplication.translate(
                "CrashReport", "Something went wrong in the app ({error}). Your model and run are kept. "
                "Details: {path}")
        window.show_error(message.format(error=error, path=str(path)))

    sys.excepthook = handle


def run_app(argv: list[str] | None = None) -> int:
    app = make_application(argv)
    from .main_window import MainWindow  # after QApplication: pyqtgraph reads its settings

    from PySide6.QtCore import QSettings

    from engine.session.events import UnsavedChoice

    from .i18n import chosen_language, install_language
    problem = install_language(app, chosen_language(QSettings()))
    window = MainWindow()
    if problem:
        window.show_error(problem)
    report_unexpected_errors(window)
    # Quitting any other way (session end, app.quit()) still stops and joins the engine.
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    if os.environ.get(REPORT_ENV, "").strip() not in ("", "0"):  # the start-up benchmark's mark
        QTimer.singleShot(0, lambda: print(f"ready at {time.time():.3f}", flush=True))
    if os.environ.get(AUTORUN_ENV, "").strip() not in ("", "0"):
        window.session.run_training()  # queued: runs right after the first model is built
    autoclose = os.environ.get(AUTOCLOSE_ENV, "").strip()
    if autoclose.isdigit():
        # Nobody is there to answer: unsaved weights are discarded (the run's metrics are on
        # disk), so no modal question can keep the process from ending.
        window.ask_unsaved = lambda parent, question: UnsavedChoice.DISCARD
        QTimer.singleShot(int(autoclose), window.close)
    code = app.exec()
    if os.environ.get(REPORT_ENV, "").strip() not in ("", "0"):
        session = window.session
        print(f"session: scenario {session.spec.key.value}, {session.run.steps} steps, "
              f"generation {session.generation}", flush=True)
    if window.restart_requested:  # View → Language: the same app again, in the new language
        subprocess.Popen([sys.executable, "-m", "gui.launcher"], start_new_session=True)
    if not window.shutdown():
        # The engine is inside one very long step and cannot be interrupted. Destroying a
        # running QThread aborts the process, so leave without tearing Python down.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
