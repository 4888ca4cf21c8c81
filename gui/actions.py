"""The window's actions: menu text, shortcuts and tooltips in one table (ActionKey -> spec)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class ActionKey(str, Enum):
    RUN = "run"
    STEP = "step"
    TRACE = "trace"
    STEP_INTO = "step_into"
    STEP_OVER = "step_over"
    STEP_OUT = "step_out"
    STEP_BACK = "step_back"
    RESET = "reset"
    FIND = "find"
    CONFIG = "config"
    QUIT = "quit"


@dataclass(frozen=True)
class ActionSpec:
    text: str
    keys: tuple[str, ...]
    tip: str


ACTIONS: dict[ActionKey, ActionSpec] = {
    ActionKey.RUN: ActionSpec("Run / &Pause", ("F5",), "Train continuously, or pause"),
    ActionKey.STEP: ActionSpec("&Step (one optimizer step)", ("Ctrl+Return",),
                               "Run exactly one optimizer step"),
    ActionKey.TRACE: ActionSpec("&Trace the next step", ("Ctrl+T",),
                                "Record the next training step's forward and backward pass"),
    ActionKey.STEP_INTO: ActionSpec("Step &into", ("F11",),
                                    "The next autograd node (while training: pause and trace)"),
    ActionKey.STEP_OVER: ActionSpec("Step &over", ("F10",),
                                    "Finish the current group, e.g. a whole TransformerBlock"),
    ActionKey.STEP_OUT: ActionSpec("Step o&ut", ("Shift+F11",), "Leave the current module"),
    ActionKey.STEP_BACK: ActionSpec("Step &back", ("Backspace", "Alt+Left"),
                                    "Go back one backprop node"),
    ActionKey.RESET: ActionSpec("R&eset", ("Ctrl+R",), "Rebuild the model from scratch"),
    ActionKey.FIND: ActionSpec("&Find a node…", ("Ctrl+F",), "Search the graph by op or module name"),
    ActionKey.CONFIG: ActionSpec("&Config…", ("Ctrl+,",), "Edit the GPT model and training config"),
    ActionKey.QUIT: ActionSpec("&Quit", ("Ctrl+Q",), "Close Backprop Studio"),
}


def shortcut_text(keys) -> str:
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def make_action(owner: QWidget, key: ActionKey, slot) -> QAction:
    spec = ACTIONS[key]
    action = QAction(spec.text, owner)
    action.setShortcuts([QKeySequence(k) for k in spec.keys])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setToolTip(f"{spec.tip} ({shortcut_text(spec.keys)})")
    action.setStatusTip(spec.tip)
    action.triggered.connect(slot)
    owner.addAction(action)  # shortcuts work even when a toolbar or menu is hidden
    return action


def shortcuts_table_html() -> str:
    rows = "".join(f"<tr><td><b>{shortcut_text(s.keys)}</b></td><td>{s.tip}</td></tr>"
                   for s in ACTIONS.values())
    return f"<table cellspacing='6'>{rows}</table>"
