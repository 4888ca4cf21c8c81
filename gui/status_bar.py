"""The window's status bar: a notice on the left, the session's status line on the right.

When both do not fit, the notice is shortened with "…" (its whole text on hover) instead of
running under the status line; currentMessage() still gives the whole text.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QStatusBar, QWidget

MIN_NOTICE_PX = 120  # below this the notice is cut rather than shrunk to a few letters
GAP_PX = 24  # the size grip and the spacing Qt puts between the parts


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._notice = ""
        self._permanent: list[QWidget] = []
        self.messageChanged.connect(self._on_message_changed)

    def addPermanentWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802 - Qt's name
        self._permanent.append(widget)
        super().addPermanentWidget(widget, stretch)

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 - Qt's name
        self._notice = text
        fitted = self._fitted(text)
        super().showMessage(fitted, timeout)
        self.setToolTip(text if fitted != text else "")  # the whole notice on hover when cut

    def currentMessage(self) -> str:  # noqa: N802 - Qt's name
        return self._notice if super().currentMessage() else ""

    def refit(self) -> None:
        """After the status line changed width: shorten or lengthen the notice to fit again."""
        shown, fitted = super().currentMessage(), self._fitted(self._notice)
        if shown and shown != fitted:
            self.blockSignals(True)
            super().showMessage(fitted)  # a timed notice stays until replaced
            self.blockSignals(False)
            self.setToolTip(self._notice if fitted != self._notice else "")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.refit()

    def _fitted(self, text: str) -> str:
        taken = sum(w.sizeHint().width() for w in self._permanent if not w.isHidden())
        room = max(self.width() - taken - GAP_PX * (len(self._permanent) + 1), MIN_NOTICE_PX)
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)

    def _on_message_changed(self, text: str) -> None:
        if not text:  # cleared or timed out
            self._notice = ""
            self.setToolTip("")
