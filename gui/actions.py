"""The window's actions: menu text, shortcuts and tooltips in one table (ActionKey -> spec).

The table is built at import, before a translator is installed: its texts are marked with
QT_TRANSLATE_NOOP and translated where an action is made (context "Actions")."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
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
    text: str  # English; translated by `action_text`
    keys: tuple[str, ...]
    tip: str  # English; translated by `action_tip`


ACTIONS: dict[ActionKey, ActionSpec] = {
    ActionKey.RUN: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Run / &Pause"), ("F5",),
                              QT_TRANSLATE_NOOP("Actions", "Train continuously, or pause")),
    ActionKey.STEP: ActionSpec(QT_TRANSLATE_NOOP("Actions", "&Step (one optimizer step)"), ("Ctrl+Return",),
                               QT_TRANSLATE_NOOP("Actions", "Run exactly one optimizer step")),
    ActionKey.TRACE: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Trace the next step"), ("Ctrl+T",),
        QT_TRANSLATE_NOOP("Actions", "Record the next training step's forward and backward pass")),
    ActionKey.STEP_INTO: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Step &into"), ("F11",),
        QT_TRANSLATE_NOOP("Actions", "The next autograd node (while training: pause and trace)")),
    ActionKey.STEP_OVER: ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Step &over"), ("F10",),
        QT_TRANSLATE_NOOP("Actions", "Finish the current group, e.g. a whole TransformerBlock")),
    ActionKey.STEP_OUT: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Step o&ut"), ("Shift+F11",),
                                   QT_TRANSLATE_NOOP("Actions", "Leave the current module")),
    ActionKey.STEP_BACK: ActionSpec(QT_TRANSLATE_NOOP("Actions", "Step &back"), ("Backspace", "Alt+Left"),
                                    QT_TRANSLATE_NOOP("Actions", "Go back one backprop node")),
    ActionKey.RESET: ActionSpec(QT_TRANSLATE_NOOP("Actions", "R&eset"), ("Ctrl+R",),
                                QT_TRANSLATE_NOOP("Actions", "Rebuild the model from scratch")),
    ActionKey.FIND: ActionSpec(QT_TRANSLATE_NOOP("Actions", "&Find a node…"), ("Ctrl+F",),
                               QT_TRANSLATE_NOOP("Actions", "Search the graph by op or module name")),
    ActionKey.CONFIG: ActionSpec(QT_TRANSLATE_NOOP("Actions", "&Config…"), ("Ctrl+,",),
                                 QT_TRANSLATE_NOOP("Actions", "Edit the GPT model and training config")),
    ActionKey.QUIT: ActionSpec(QT_TRANSLATE_NOOP("Actions", "&Quit"), ("Ctrl+Q",),
                               QT_TRANSLATE_NOOP("Actions", "Close Backprop Studio")),
}


def action_text(spec: ActionSpec) -> str:
    return QCoreApplication.translate("Actions", spec.text)


def action_tip(spec: ActionSpec) -> str:
    return QCoreApplication.translate("Actions", spec.tip)


def shortcut_text(keys) -> str:
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def make_action(owner: QWidget, key: ActionKey, slot) -> QAction:
    spec = ACTIONS[key]
    action = QAction(action_text(spec), owner)
    action.setShortcuts([QKeySequence(k) for k in spec.keys])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    tip = action_tip(spec)
    action.setToolTip(f"{tip} ({shortcut_text(spec.keys)})")
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    owner.addAction(action)  # shortcuts work even when a toolbar or menu is hidden
    return action


def shortcuts_table_html() -> str:
    rows = "".join(f"<tr><td><b>{shortcut_text(s.keys)}</b></td><td>{action_tip(s)}</td></tr>"
                   for s in ACTIONS.values())
    return f"<table cellspacing='6'>{rows}</table>"
