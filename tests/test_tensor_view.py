"""The one tensor widget: diverging colours centred on zero, ±3σ clipping, NaN/Inf markers,
sliders for rank ≥ 3, token labels, exact values on hover; the drawn pixels are checked."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication

from engine.learn.tensor_display import array_stats, as_2d, cell_grid, clip_bound
from gui import palette
from gui.views.tensor_grid import MAX_CELL, NAN_COLOR
from gui.views.tensor_widgets import TensorView

LUT = palette.diverging_lut()


def shown_view(qtbot, values, size=(700, 420), **kwargs) -> TensorView:
    view = TensorView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.set_array(values, "test tensor", **kwargs)
    view.show()
    QApplication.processEvents()
    return view


def outliers_and_specials() -> np.ndarray:
    values = np.random.default_rng(0).normal(size=(10, 10)).astype(np.float32)
    values[0, 0], values[1, 1], values[2, 2] = np.nan, np.inf, -np.inf
    values[3, 3], values[4, 4] = 50.0, -50.0  # far beyond 3σ of the rest
    return values


def pixel(image, grid, row: int, col: int, dx: float, dy: float) -> tuple[int, int, int]:
    """The colour drawn at a point of cell (row, col): dx, dy in cell fractions from its corner."""
    left, top = grid._margins()
    cell = grid.cell_size()
    ratio = image.devicePixelRatio()
    x, y = (left + (col + dx) * cell) * ratio, (top + (row + dy) * cell) * ratio
    c = QColor(image.pixel(int(x), int(y)))
    return c.red(), c.green(), c.blue()


def test_specials_and_outliers_get_distinct_colours_and_markers(qtbot):
    values = outliers_and_specials()
    view = shown_view(qtbot, values)
    grid = view.grid
    finite = values[np.isfinite(values)].astype(np.float64)
    assert view.bound == pytest.approx(abs(finite.mean()) + 3 * finite.std(), rel=1e-5)
    assert grid.markers.nan == [(0, 0)]
    assert grid.markers.pos_inf == [(1, 1)] and grid.markers.neg_inf == [(2, 2)]
    assert sorted(grid.markers.clipped) == [(3, 3), (4, 4)]  # only the outliers are clipped
    colors = grid.colors
    assert tuple(colors[0, 0]) == NAN_COLOR
    assert tuple(colors[1, 1]) == tuple(LUT[-1]) and tuple(colors[2, 2]) == tuple(LUT[0])
    assert tuple(colors[3, 3]) == tuple(LUT[-1]) and tuple(colors[4, 4]) == tuple(LUT[0])
    # an ordinary cell: the map at value / bound, with zero at the white centre
    v = float(values[5, 6])
    expected = LUT[int(round((v / view.bound + 1) * 0.5 * 255))]
    assert tuple(colors[5, 6]) == tuple(expected)
    assert tuple(LUT[127]) == pytest.approx((255, 255, 255), abs=3)
    # what was drawn: fills, the clipped corner, the NaN cross, the infinity triangles
    image = grid.grab().toImage()
    assert pixel(image, grid, 5, 6, 0.15, 0.85) == tuple(expected)
    assert pixel(image, grid, 0, 0, 0.1, 0.5) == NAN_COLOR
    assert pixel(image, grid, 0, 0, 0.5, 0.5) == (0, 0, 0)  # the ✕ crosses the centre
    assert pixel(image, grid, 1, 1, 0.5, 0.6) == (255, 255, 255)  # ▲ in white
    assert pixel(image, grid, 1, 1, 0.1, 0.1) == tuple(LUT[-1])
    assert pixel(image, grid, 2, 2, 0.5, 0.4) == (255, 255, 255)  # ▼
    assert pixel(image, grid, 3, 3, 0.93, 0.07) == (0, 0, 0)  # clipped: black corner
    assert pixel(image, grid, 3, 3, 0.1, 0.9) == tuple(LUT[-1])
    assert pixel(image, grid, 5, 5, 0.93, 0.07) != (0, 0, 0)  # not clipped: no corner
    text = view.text()
    assert "NaN 1" in text and "+Inf 1" in text and "−Inf 1" in text and "2 clipped" in text
    assert "shape [10, 10]" in text and "float32" in text and "rank 2" in text


def test_stats_line_counts_zeros_and_ignores_non_finite():
    values = np.array([0.0, 0.0, 1.0, 3.0, np.nan, np.inf], np.float32)
    stats = array_stats(values)
    assert stats.zeros == 2 and stats.nans == 1 and stats.pos_infs == 1
    assert stats.mean == pytest.approx(1.0) and stats.max == 3.0 and stats.min == 0.0
    assert clip_bound(np.zeros(4)) == 1.0  # all zero: any range shows white


def test_numbers_in_cells_when_they_fit_and_exact_on_hover(qtbot):
    values = np.array([[1, -2], [3, 40]], dtype=np.int64)
    view = shown_view(qtbot, values, size=(400, 300))
    grid = view.grid
    assert grid.cell_size() == MAX_CELL  # small tensors: big square cells, never stretched
    assert grid.digits_that_fit() > 0
    assert "1 -2\n3 40" in view.text()
    left, top = grid._margins()
    cell = grid.cell_size()
    pos = QPointF(left + 1.5 * cell, top + 1.5 * cell)
    event = QMouseEvent(QMouseEvent.Type.MouseMove, pos, grid.mapToGlobal(pos), Qt.MouseButton.NoButton,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(grid.hovered) as blocker:
        QApplication.sendEvent(grid, event)
    assert blocker.args == ["[1, 1] = 40"]
    assert view.hover.text() == "[1, 1] = 40"
    floats = shown_view(qtbot, np.array([[0.123456789]], np.float32))
    assert floats.grid.hover_text(0, 0) == "[0] = 0.123456791"  # every float32 digit


def test_rank3_slider_picks_the_slice(qtbot):
    values = np.arange(24).reshape(2, 3, 4)
    view = shown_view(qtbot, values)
    assert [s.isVisibleTo(view) for s in view.sliders] == [True]
    assert view.sliders[0].maximum() == 1
    assert np.array_equal(view.grid.grid.values, values[0])
    view.sliders[0].setValue(1)
    assert np.array_equal(view.grid.grid.values, values[1])
    assert "12 13 14 15" in view.text() and "axis 0: 1 / 1" in view.slider_labels[0].text()
    assert view.grid.hover_text(2, 3) == "[1, 2, 3] = 23"
    four = np.arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5)
    view.set_array(four, "rank 4")
    assert sum(s.isVisibleTo(view) for s in view.sliders) == 2
    view.set_slice(1, 2)
    assert np.array_equal(view.grid.grid.values, four[1, 2])
    view.set_array(np.ones((2, 2)), "rank 2")
    assert not view.slider_box.isVisibleTo(view)
    assert as_2d(four, (5, -3)).shape == (4, 5)  # indices are clamped to the axis


def test_token_labels_and_vector_strip(qtbot):
    values = np.random.default_rng(1).normal(size=(3, 8)).astype(np.float32)
    view = shown_view(qtbot, values, labels=["Hello", ",", "·world"])
    assert view.grid.row_labels == ["Hello", ",", "·world"]
    assert view.grid.hover_text(2, 0).startswith("[2, 0] '·world' = ")
    strip = shown_view(qtbot, np.arange(5, dtype=np.float32), size=(900, 400))
    assert strip.grid.grid.shape == (1, 5)
    assert strip.grid.cell_size() == MAX_CELL  # square cells in one row, not stretched to fill
    scalar = shown_view(qtbot, np.array(7))
    assert scalar.grid.grid.shape == (1, 1) and "rank 0" in scalar.text()


def test_cell_grid_marks_only_beyond_the_bound():
    grid = cell_grid(np.array([[-2.0, 2.0, 1.0]]), bound=1.5)
    assert grid.clipped.tolist() == [[True, True, False]]
    assert grid.scaled.tolist() == [[-1.0, 1.0, pytest.approx(2 / 3)]]
