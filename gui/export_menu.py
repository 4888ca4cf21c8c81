"""File → Export: each export asks where, writes atomically, and says what happened."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMenu

from gui import exports

# What each export writes, said as whole sentences (a noun inside a sentence would not take
# the right case in every language): what -> (dialog title, saved, could not save).
MESSAGES: dict[str, tuple[str, str, str]] = {
    "graph": (QT_TRANSLATE_NOOP("Exports", "Export the graph"),
              QT_TRANSLATE_NOOP("Exports", "Saved the graph to {path}."),
              QT_TRANSLATE_NOOP("Exports", "Could not save the graph to {path}: {reason}.")),
    "loss plot": (QT_TRANSLATE_NOOP("Exports", "Export the loss plot"),
                  QT_TRANSLATE_NOOP("Exports", "Saved the loss plot to {path}."),
                  QT_TRANSLATE_NOOP("Exports", "Could not save the loss plot to {path}: {reason}.")),
    "loss data": (QT_TRANSLATE_NOOP("Exports", "Export the loss data"),
                  QT_TRANSLATE_NOOP("Exports", "Saved the loss data to {path}."),
                  QT_TRANSLATE_NOOP("Exports", "Could not save the loss data to {path}: {reason}.")),
    "gradients view": (
        QT_TRANSLATE_NOOP("Exports", "Export the gradients view"),
        QT_TRANSLATE_NOOP("Exports", "Saved the gradients view to {path}."),
        QT_TRANSLATE_NOOP("Exports", "Could not save the gradients view to {path}: {reason}.")),
    "attention map": (
        QT_TRANSLATE_NOOP("Exports", "Export the attention map"),
        QT_TRANSLATE_NOOP("Exports", "Saved the attention map to {path}."),
        QT_TRANSLATE_NOOP("Exports", "Could not save the attention map to {path}: {reason}.")),
}


def _message(what: str, which: int) -> str:
    return QCoreApplication.translate("Exports", MESSAGES[what][which])


def _ask_path(window, title: str, pattern: str, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(window, title, suggested, pattern)
    return path


def export_to(window, path: str, make_data: Callable[[], bytes | str], what: str) -> bool:
    """Write what `make_data` renders to `path`; the status bar or the banner says how it went.
    `what` is one of MESSAGES' keys."""
    try:
        exports.save(path, make_data())
    except (OSError, RuntimeError) as exc:
        reason = str(getattr(exc, "strerror", None) or exc)
        window.show_error(_message(what, 2).format(path=path, reason=reason))
        return False
    window.statusBar().showMessage(_message(what, 1).format(path=path), 8000)
    return True


def export_items(window) -> list[tuple[str, str, str, Callable[[], bytes | str], str]]:
    """(menu text, file pattern, suggested name, renderer, what) for each export."""
    scene = window.graph_panel.view.scene()
    return [
        (QCoreApplication.translate("Exports", "Graph as &SVG…"), "SVG (*.svg)", "graph.svg",
         lambda: exports.graph_svg_bytes(scene), "graph"),
        (QCoreApplication.translate("Exports", "Graph as &PNG…"), "PNG (*.png)", "graph.png",
         lambda: exports.graph_png_bytes(scene), "graph"),
        (QCoreApplication.translate("Exports", "&Loss plot as PNG…"), "PNG (*.png)", "loss.png",
         lambda: exports.widget_png_bytes(window.loss_view), "loss plot"),
        (QCoreApplication.translate("Exports", "Loss &data as CSV…"), "CSV (*.csv)", "loss.csv",
         lambda: exports.loss_csv_text(window.loss_view), "loss data"),
        (QCoreApplication.translate("Exports", "&Gradients as PNG…"), "PNG (*.png)", "gradients.png",
         lambda: exports.widget_png_bytes(window.gradients_view), "gradients view"),
        (QCoreApplication.translate("Exports", "&Attention map as PNG…"), "PNG (*.png)", "attention.png",
         lambda: exports.widget_png_bytes(window.attention_view), "attention map"),
    ]


def add_export_menu(window, file_menu: QMenu) -> QMenu:
    """File → Export, and the same graph exports on the graph view's own right-click menu."""
    menu = file_menu.addMenu(QCoreApplication.translate("Exports", "&Export"))
    graph_view = window.graph_panel.view
    graph_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for text, pattern, suggested, render, what in export_items(window):
        def run(_checked=False, pattern=pattern, suggested=suggested, render=render, what=what):
            path = _ask_path(window, _message(what, 0), pattern, suggested)
            if path:
                export_to(window, path, render, what)
        action = menu.addAction(text)
        action.triggered.connect(run)
        if what == "graph":
            graph_view.addAction(action)  # right-click on the graph offers its exports too
    return menu
