"""The views' shared empty state: a centred hint until the first data arrives."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


def empty_state_stack(hint: str, content: QWidget) -> tuple[QStackedWidget, QLabel]:
    """A stack showing `hint` (page 0) until the view switches to `content` (page 1)."""
    label = QLabel(hint)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    stack = QStackedWidget()
    stack.addWidget(label)
    stack.addWidget(content)
    return stack, label
