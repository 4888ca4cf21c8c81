"""File → Export: each export asks where, writes atomically, and says what happened."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMenu

from gui import exports


def _ask_path(window, title: str, pattern: str, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(window, title, suggested, pattern)
    return path


def export_to(window, path: str, make_data: Callable[[], bytes | str], what: str) -> bool:
    """Write what `make_data` renders to `path`; the status bar or the banner says how it went."""
    try:
        exports.save(path, make_data())
    except (OSError, RuntimeError) as exc:
        window.show_error(f"Could not save the {what} to {path}: {getattr(exc, 'strerror', None) or exc}.")
        return False
    window.statusBar().showMessage(f"Saved the {what} to {path}.", 8000)
    return True


def export_items(window) -> list[tuple[str, str, str, Callable[[], bytes | str], str]]:
    """(menu text, file pattern, suggested name, renderer, what) for each export."""
    scene = window.graph_panel.view.scene()
    return [
        ("Graph as &SVG…", "SVG (*.svg)", "graph.svg", lambda: exports.graph_svg_bytes(scene), "graph"),
        ("Graph as &PNG…", "PNG (*.png)", "graph.png", lambda: exports.graph_png_bytes(scene), "graph"),
        ("&Loss plot as PNG…", "PNG (*.png)", "loss.png",
         lambda: exports.widget_png_bytes(window.loss_view), "loss plot"),
        ("Loss &data as CSV…", "CSV (*.csv)", "loss.csv",
         lambda: exports.loss_csv_text(window.loss_view), "loss data"),
        ("&Gradients as PNG…", "PNG (*.png)", "gradients.png",
         lambda: exports.widget_png_bytes(window.gradients_view), "gradients view"),
        ("&Attention map as PNG…", "PNG (*.png)", "attention.png",
         lambda: exports.widget_png_bytes(window.attention_view), "attention map"),
    ]


def add_export_menu(window, file_menu: QMenu) -> QMenu:
    """File → Export, and the same graph exports on the graph view's own right-click menu."""
    menu = file_menu.addMenu("&Export")
    graph_view = window.graph_panel.view
    graph_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for text, pattern, suggested, render, what in export_items(window):
        def run(_checked=False, pattern=pattern, suggested=suggested, render=render, what=what):
            path = _ask_path(window, f"Export the {what}", pattern, suggested)
            if path:
                export_to(window, path, render, what)
        action = menu.addAction(text)
        action.triggered.connect(run)
        if what == "graph":
            graph_view.addAction(action)  # right-click on the graph offers its exports too
    return menu
