"""Every string a learner can see in a window or dialog, keyed by where it sits, so the same
window built in two languages can be compared string by string."""
from __future__ import annotations

import re

from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QGroupBox, QLabel,
                               QLineEdit, QMenu, QTabBar, QTableWidget, QTreeWidget, QWidget)
from PySide6.QtGui import QAction

# Strings that are the same in every language: names, code, symbols (say why when adding one).
SAME_IN_EVERY_LANGUAGE = {
    "English", "Srpski",  # each language in its own words
    "Backprop Studio",  # the app's name
    "token", "Token", "model", "Model", "Scenario", "temp.",  # the same word in Serbian
    "nano", "micro", "gpt2-124m", "gpt2-medium", "cpu", "cuda", "mps",  # presets and devices
}
_CODE_LIKE = re.compile(r"^[\s\d.,:;+\-−×·=()\[\]{}%/<>|#@*^~'\"!?…→←↑↓∞σ√∑∂εμ]*$")
_NAME_LIKE = re.compile(r"^[\w.\-]*[\w\-]$")  # emb_dim, trf_blocks.0, GELU, AdamW, F5


def needs_translation(text: str) -> bool:
    text = re.sub(r"<[^>]+>", " ", text).replace("&", "").strip()
    if not text or text in SAME_IN_EVERY_LANGUAGE or _CODE_LIKE.match(text):
        return False
    if _NAME_LIKE.match(text) and (not text.isalpha() or text.isupper() or len(text) < 3
                                   or any(c.isupper() for c in text[1:])):
        return False  # snake_case, dotted paths, shortcuts, abbreviations, AdamW
    return bool(re.search(r"[A-Za-z]{3,}", text))


def _path(widget: QWidget, root: QWidget) -> str:
    parts = []
    while widget is not None and widget is not root:
        parent = widget.parentWidget()
        siblings = parent.findChildren(type(widget)) if parent is not None else []
        parts.append(f"{type(widget).__name__}{siblings.index(widget) if widget in siblings else ''}"
                     f"#{widget.objectName()}")
        widget = parent
    return "/".join(reversed(parts))


def visible_strings(root: QWidget) -> dict[str, str]:
    """{place: text} for titles, labels, buttons, tabs, tooltips, actions, menus, headers,
    placeholders, combo items and pyqtgraph axis labels under `root` (itself included)."""
    found: dict[str, str] = {}

    def put(place: str, text: str | None) -> None:
        if text:
            found[place] = text

    for i, widget in enumerate([root, *root.findChildren(QWidget)]):
        where = f"{i}:{_path(widget, root)}"
        put(where + ".toolTip", widget.toolTip())
        put(where + ".windowTitle", widget.windowTitle() if isinstance(widget, (QDockWidget, QMenu)) or widget is root else "")
        if isinstance(widget, QLabel):
            put(where + ".text", widget.text())
        elif isinstance(widget, QAbstractButton):
            put(where + ".text", widget.text())
        elif isinstance(widget, QGroupBox):
            put(where + ".title", widget.title())
        elif isinstance(widget, QLineEdit):
            put(where + ".placeholder", widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for k in range(widget.count()):
                put(f"{where}.item{k}", widget.itemText(k))
        elif isinstance(widget, QTabBar):
            for k in range(widget.count()):
                put(f"{where}.tab{k}", widget.tabText(k))
                put(f"{where}.tabTip{k}", widget.tabToolTip(k))
        elif isinstance(widget, QMenu):
            put(where + ".title", widget.title())
        if isinstance(widget, (QTableWidget, QTreeWidget)):
            header = widget.headerItem() if isinstance(widget, QTreeWidget) else None
            columns = widget.columnCount()
            for k in range(columns):
                item = header if header is not None else widget.horizontalHeaderItem(k)
                if item is not None:
                    put(f"{where}.header{k}", item.text(k) if header is not None else item.text())
        plot_item = getattr(widget, "plotItem", None)
        if plot_item is not None and hasattr(plot_item, "getAxis"):
            for side in ("left", "bottom", "right", "top"):
                axis = plot_item.getAxis(side)
                put(f"{where}.axis.{side}", getattr(axis, "labelText", ""))
            put(where + ".plotTitle", plot_item.titleLabel.text if plot_item.titleLabel else "")
    for i, action in enumerate(root.findChildren(QAction)):
        where = f"action{i}"
        put(where + ".text", action.text())
        put(where + ".toolTip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else "")
        put(where + ".statusTip", action.statusTip())
        put(where + ".iconText", action.iconText() if action.iconText() != action.text().replace("&", "") else "")
    return found


def untranslated(english: dict[str, str], translated: dict[str, str]) -> list[str]:
    """Places whose text is the same in both languages although it is words."""
    return [f"{place}: {text!r}" for place, text in english.items()
            if needs_translation(text) and translated.get(place) == text
            and "#fieldName." not in place]  # config keys (seed, stride) are names
