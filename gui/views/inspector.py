"""The Inspector: the node in focus — the backprop cursor's, or the one the learner clicked.

A thin view: engine/session/inspection.py decides what to show (in the learner's names,
with the chain rule as numbers); this widget lays it out. "Follow the cursor" brings it
back to the cursor after a click.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from engine.session.inspection import Inspection, inspect
from engine.session.session import StudioSession
from gui.i18n import render
from gui.views.tensor_widgets import TensorView, breakable, plain, wrapping_label


class Inspector(QWidget):
    MAX_TENSORS = 4  # grad in + up to three grads out; the rest are summarised in text

    def __init__(self, session: StudioSession, parent=None):
        super().__init__(parent)
        self.session = session
        self._dirty = True
        self.shown: Inspection | None = None
        # Every label word-wraps (long module paths get break points): the dock may be narrow,
        # and nothing should need a horizontal scroll bar or be cut off.
        self.header = wrapping_label(bold=True)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.header.setFont(font)
        self.subtitle = wrapping_label()
        self.follow = QCheckBox(self.tr("Follow the backprop cursor"))
        self.follow.setToolTip(self.tr("On: show the node under the cursor. A click on a node turns it off."))
        self.follow.setChecked(True)
        self.follow.toggled.connect(session.set_follow_cursor)
        self.info = wrapping_label()
        self.chain = wrapping_label()
        self.chain.setFont(QFont("monospace"))
        self.tensors = [TensorView() for _ in range(self.MAX_TENSORS)]
        self.updates = QTableWidget(0, 4)
        self.updates.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.updates.horizontalHeader().setStretchLastSection(True)
        self.updates.setMinimumWidth(40)  # scrolls inside itself rather than widen the dock
        self.updates.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.updates.itemSelectionChanged.connect(self._show_update_parts)
        content = QWidget()
        box = QVBoxLayout(content)
        for w in (self.header, self.subtitle, self.follow, self.info, self.chain, *self.tensors,
                  self.updates):
            box.addWidget(w)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # labels wrap
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    def connect_session(self, adapter) -> None:
        for signal in (adapter.modelRebuilding, adapter.traceChanged, adapter.cursorMoved,
                       adapter.selectionChanged):
            signal.connect(self.mark_dirty)

    def mark_dirty(self, *_event) -> None:
        self._dirty = True

    def refresh(self) -> None:
        """At most 30 Hz (the window's refresh timer): show the session's current inspection."""
        if not self._dirty:
            return
        self._dirty = False
        self.show_inspection(inspect(self.session))

    def show_inspection(self, shown: Inspection) -> None:
        self.shown = shown
        self.follow.blockSignals(True)
        self.follow.setChecked(self.session.follow_cursor)
        self.follow.blockSignals(False)
        self.follow.setVisible(self.session.traced is not None)
        # the engine's sentences, in the learner's language
        self.header.setText(breakable(render(shown.title)))
        self.subtitle.setText(render(shown.subtitle))
        self.subtitle.setVisible(bool(shown.subtitle))
        self.info.setText(breakable("\n".join(render(line) for line in shown.lines)))
        self.chain.setText("\n".join(render(line) for line in shown.chain))
        self.chain.setVisible(bool(shown.chain))
        for slot, view in enumerate(self.tensors):
            if slot < len(shown.tensors):
                title, summary = shown.tensors[slot]
                mask, what = shown.tensor_marks.get(slot, (None, ""))
                view.set_summary(summary, render(title), marked=mask, marked_text=render(what))
                view.show()
            else:
                view.hide()
        self._show_updates(shown)

    def _show_updates(self, shown: Inspection) -> None:
        self.updates.setRowCount(len(shown.updates))
        self.updates.setHorizontalHeaderLabels([self.tr("parameter"), self.tr("old"),
                                                render(shown.update_heading), self.tr("new")])
        for row, u in enumerate(shown.updates):
            for col, text in enumerate((u.parameter, u.old, u.change, u.new)):
                self.updates.setItem(row, col, QTableWidgetItem(render(text)))
        self.updates.resizeColumnsToContents()
        self.updates.setVisible(bool(shown.updates))

    def _show_update_parts(self) -> None:
        """A row of the update table: the tensors its change is made of (AdamW's parts)."""
        shown = self.shown
        rows = {index.row() for index in self.updates.selectedIndexes()}
        if shown is None or len(rows) != 1:
            return
        parts = shown.update_parts[rows.pop()] if shown.update_parts else []
        for slot, view in enumerate(self.tensors):
            if slot < len(parts):
                view.set_summary(parts[slot][1], render(parts[slot][0]))
                view.show()
            else:
                view.hide()

    def text(self) -> str:
        """Everything the inspector shows, as plain text."""
        parts = [plain(self.header.text()), self.subtitle.text(), plain(self.info.text())]
        if self.chain.isVisibleTo(self):
            parts.append(plain(self.chain.text()))
        for view in self.tensors:
            if view.isVisibleTo(self):
                parts.append(view.text())
        if self.updates.isVisibleTo(self):
            for r in range(self.updates.rowCount()):
                parts.append("  ".join(self.updates.item(r, c).text() for c in range(4)))
        return "\n".join(p for p in parts if p)
