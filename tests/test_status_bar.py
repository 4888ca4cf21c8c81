"""A notice that does not fit beside the status line is shortened with "…", never run under it."""
from __future__ import annotations

from PySide6.QtWidgets import QStatusBar

LONG = ("Traced step 151: backward 1 of 309. F11 steps on; F5 trains on (the trace stays). "
        "This notice is made long on purpose so that it cannot fit beside the status line.")


def test_a_long_notice_is_elided_and_whole_on_hover(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.resize(900, 700)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.width() == 900, timeout=3000)
    bar.showMessage(LONG)
    drawn = QStatusBar.currentMessage(bar)  # what Qt paints
    assert drawn.endswith("…") and len(drawn) < len(LONG)
    assert bar.currentMessage() == LONG and bar.toolTip() == LONG
    taken = sum(w.sizeHint().width() for w in (window.metrics_label, window.state_label))
    assert bar.fontMetrics().horizontalAdvance(drawn) <= bar.width() - taken

    window.resize(4000, 700)  # room for everything: the whole notice, no tooltip
    qtbot.waitUntil(lambda: QStatusBar.currentMessage(bar) == LONG, timeout=3000)
    assert bar.toolTip() == ""

    bar.clearMessage()
    assert bar.currentMessage() == "" and bar.toolTip() == ""
