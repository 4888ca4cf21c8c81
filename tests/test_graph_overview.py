"""The graph view's far-out level of detail: a batched overview instead of thousands of items.

A layered graph of 30 x 20 nodes drawn by GraphView alone (no session): below
OVERVIEW_SCALE the view swaps to the overview scene, keeps its place, still finds nodes under
the mouse, and the overview (and its cached pixmap) shows the highlight."""
from __future__ import annotations

import networkx as nx
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from engine.layout import layered_layout
from gui import palette
from gui.views.graph_items import node_size
from gui.views.graph_overview import OVERVIEW_SCALE
from gui.views.graph_view import GraphView

RANKS, WIDTH = 30, 20


@pytest.fixture
def view(qtbot):
    g = nx.DiGraph()
    for r in range(RANKS - 1):
        for i in range(WIDTH):
            g.add_edge(f"n{r}_{i}", f"n{r + 1}_{(i * 7 + r) % WIDTH}")
    texts = {v: (v, "(1, 8)") for v in g}
    sizes = {v: node_size(t, d, False) for v, (t, d) in texts.items()}
    layout = layered_layout(g, node_size=lambda v, a: sizes[v])
    view = GraphView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.show_graph(g, layout, texts, sizes)
    view.set_zoom(1.0)
    return view


def count_colour(image, colour: QColor, tolerance: int = 30) -> int:
    hits = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (abs(c.red() - colour.red()) + abs(c.green() - colour.green())
                    + abs(c.blue() - colour.blue())) <= tolerance:
                hits += 1
    return hits


def test_far_out_swaps_to_the_overview_and_back_in_place(view):
    items_scene = view.scene()
    assert not view.overview_shown() and len(items_scene.items()) > 1000
    view.set_zoom(OVERVIEW_SCALE * 0.8)
    assert view.overview_shown()
    overview_scene = view.scene()
    assert overview_scene is not items_scene and len(overview_scene.items()) == 1
    assert overview_scene.sceneRect() == items_scene.sceneRect()

    def seen():
        return view.mapToScene(view.viewport().rect().center())

    view.centerOn(view.nodes["n20_10"])
    before = seen()
    view._swap_scene(items_scene)  # what crossing the threshold does, without the zoom change
    assert (seen() - before).manhattanLength() * view.zoom() <= 3  # pixels: centerOn rounds
    view._swap_scene(overview_scene)
    assert (seen() - before).manhattanLength() * view.zoom() <= 3  # pixels: centerOn rounds
    view.set_zoom(1.0)
    assert not view.overview_shown() and view.scene() is items_scene


def test_a_far_out_double_click_still_finds_its_node(view, qtbot):
    view.set_zoom(0.2)
    assert view.overview_shown()
    node = view.nodes["n10_5"]
    pos = view.mapFromScene(node.pos())
    with qtbot.waitSignal(view.nodeDoubleClicked) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))
    assert blocker.args == ["n10_5"]


@pytest.mark.parametrize("zoom", [0.3, 0.03])  # drawn band by band; from the cached pixmap
def test_the_overview_shows_the_gradient_lit_edges_and_the_cursor(view, zoom):
    view.set_zoom(zoom)
    view.centerOn(view.sceneRect().center())
    assert view.overview_shown()
    before = view.viewport().grab().toImage()
    assert count_colour(before, palette.GRADIENT) == 0
    view.set_done(list(view.nodes))  # every edge carries its gradient now
    view.set_current("n15_10")
    after = view.viewport().grab().toImage()
    assert count_colour(after, palette.GRADIENT, tolerance=60) > 20
    assert count_colour(after, QColor("#000000"), tolerance=60) > 0  # the cursor's outline


def test_minimap_renders_the_overview(qtbot, view):
    from gui.views.minimap import Minimap
    minimap = Minimap(view)
    qtbot.addWidget(minimap)
    minimap.render_scene()
    image = minimap._pixmap.toImage()
    assert count_colour(image, QColor("#FFFFFF"), tolerance=3) < image.width() * image.height() / 4
