"""Exports from the app: the graph as SVG and PNG, views as PNG, the loss data as CSV."""
from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtGui import QImage

from engine.records import StepRecord
from gui import exports
from gui.export_menu import export_items, export_to
from test_window_session import trace_and_step


def test_graph_exports_hold_the_graph(window, qtbot, tmp_path):
    trace_and_step(window, qtbot, 2)
    scene = window.graph_panel.view.scene()
    svg = exports.graph_svg_bytes(scene).decode("utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    for label in ("binary_cross_entropy", "sigmoid", "x", "w"):
        assert f">{label}<" in svg, label  # node titles are text in the SVG, not pixels
    png = QImage.fromData(exports.graph_png_bytes(scene))
    rect = scene.itemsBoundingRect()
    assert png.width() == pytest.approx((rect.width() + 40) * 2, abs=2)
    export_to(window, str(tmp_path / "g.svg"), lambda: exports.graph_svg_bytes(scene), "graph")
    assert (tmp_path / "g.svg").read_bytes().startswith(b"<?xml")
    assert "Saved the graph" in window.statusBar().currentMessage()


def test_loss_csv_has_every_step_and_the_evaluations(window):
    view = window.loss_view
    for step in range(1, 6):
        view.add_metrics(StepRecord(step, 10 * step, 5.0 - step / 10, 1.0, 10.0, lr=1e-3,
                                    train_loss=4.0 if step == 5 else None,
                                    val_loss=4.5 if step == 5 else None))
    rows = list(csv.DictReader(io.StringIO(exports.loss_csv_text(view))))
    assert [int(r["step"]) for r in rows] == [1, 2, 3, 4, 5]
    assert float(rows[0]["loss"]) == pytest.approx(4.9) and rows[0]["train_loss"] == ""
    assert float(rows[4]["val_loss"]) == 4.5 and float(rows[2]["lr"]) == 1e-3
    assert float(rows[0]["smoothed"]) == pytest.approx(4.9)  # debiased: the first point itself


def test_every_export_renders_and_a_bad_place_is_a_message(window, tmp_path):
    for text, _, _, render, what in export_items(window):
        assert render(), text
    ok = export_to(window, str(tmp_path / "missing" / "deep" / "x.png"),
                   lambda: exports.widget_png_bytes(window.loss_view), "loss plot")
    assert not ok and "Could not save the loss plot" in window.last_error


def test_the_graph_view_offers_its_exports_on_right_click(window):
    texts = [a.text().replace("&", "") for a in window.graph_panel.view.actions()]
    assert texts == ["Graph as SVG…", "Graph as PNG…"]
