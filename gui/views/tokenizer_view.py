"""Text as GPT-2 sees it: coloured token spans, each token's id, and the token count.

A thin view over engine/learn/token_spans.py. Tokens alternate between four light Okabe–Ito
tints so their borders show; a token holding only part of a character shows its bytes,
e.g. <0xE2 0x80>, instead of "�". Retokenizes at most 30 times a second while typing.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QPlainTextEdit, QSplitter, QTableWidget,
                               QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget)

from engine.learn.token_spans import TokenSpan, token_spans
from gui import palette
from gui.i18n import fill
from gui.views.tensor_widgets import wrapping_label

# GPT-2's tokenizer was made for English text: the example stays English (the learner may type any text)
EXAMPLE = "Hello, I am a language model — naïve, but I learn fast 🦙.<|endoftext|>"
TINTS = [palette.tint(palette.QColor(c), 0.35).name() for c in
         (palette.SKY_BLUE, palette.ORANGE, palette.BLUISH_GREEN, palette.REDDISH_PURPLE)]
PARTIAL_TEXT = palette.VERMILLION
NARROW = 720
MAX_TABLE_ROWS = 2000  # the spans show every token; the table lists the first ones


def spans_html(spans: list[TokenSpan]) -> str:
    """Each token on its tint, with its id in small grey after it."""
    parts = []
    for span in spans:
        style = f"background-color:{TINTS[span.index % len(TINTS)]};white-space:nowrap;"
        if not span.whole:
            style += f"color:{PARTIAL_TEXT};font-style:italic;"
        text = html.escape(span.display)
        parts.append(f'<span style="{style}" title="id {span.token_id}">{text}</span>'
                     f'<sub style="color:#777777;">{span.token_id}</sub> ')
    return "<div style='line-height:160%;'>" + "".join(parts) + "</div>"


class TokenizerView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.spans: list[TokenSpan] = []
        self._dirty = True
        self.input = QPlainTextEdit(EXAMPLE)
        self.input.setPlaceholderText(self.tr("Type text to see its GPT-2 tokens"))
        self.input.textChanged.connect(self._mark_dirty)
        self.count = wrapping_label(bold=True)
        self.spans_view = QTextBrowser()
        self.spans_view.setOpenLinks(False)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["#", "id", self.tr("token"), self.tr("bytes")])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setFont(QFont("monospace"))
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.input, 1)
        box.addWidget(self.count)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for w in (left, self.spans_view, self.table):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 3)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2, 2, 2, 2)
        outer.addWidget(self.splitter)
        self.refresh()

    def _mark_dirty(self) -> None:
        self._dirty = True

    def set_text(self, text: str) -> None:
        self.input.setPlainText(text)
        self.refresh()

    def refresh(self) -> None:
        """At most 30 Hz (the window's refresh timer): retokenize what was typed."""
        if not self._dirty:
            return
        self._dirty = False
        text = self.input.toPlainText()
        self.spans = token_spans(text)
        partial = sum(not s.whole for s in self.spans)
        counts = fill(self.tr("{tokens:,} tokens · {characters:,} characters · {bytes:,} bytes"),
                      tokens=len(self.spans), characters=len(text), bytes=len(text.encode("utf-8")))
        if partial:
            counts += " · " + fill(self.tr("{partial:,} hold part of a character (shown as bytes)"), partial=partial)
        self.count.setText(counts)
        self.spans_view.setHtml(spans_html(self.spans))
        self._fill_table()

    def _fill_table(self) -> None:
        shown = self.spans[:MAX_TABLE_ROWS]
        self.table.setRowCount(len(shown))
        for row, span in enumerate(shown):
            cells = (str(span.index), str(span.token_id), span.display, " ".join(f"{b:02X}" for b in span.raw))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col < 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()

    def resizeEvent(self, event) -> None:
        orientation = Qt.Orientation.Vertical if event.size().width() < NARROW else Qt.Orientation.Horizontal
        if orientation != self.splitter.orientation():
            self.splitter.setOrientation(orientation)
            along = event.size().height() if orientation == Qt.Orientation.Vertical else event.size().width()
            self.splitter.setSizes([int(along * f) for f in (0.3, 0.35, 0.35)])
        super().resizeEvent(event)

    def token_ids(self) -> list[int]:
        return [s.token_id for s in self.spans]
