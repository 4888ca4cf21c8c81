"""QGraphicsView that draws a laid-out graph and highlights the backprop cursor on it.

It knows nothing about traces: GraphPanel hands it a networkx graph, a Layout and the
texts; it offers zoom (wheel, anchored under the mouse), pan (drag), fit (F key), the
highlight API (set_current / set_done / set_dimmed) and node signals.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QTransform
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

from engine.tracing.types import NodeKind
from gui import palette
from engine.session.formatting import shape_text
from gui.views.graph_items import EDGE_LABEL_SCALE, EdgeItem, NodeItem, route
from gui.views.graph_overview import OVERVIEW_SCALE, GraphOverview, OverviewItem

EMPTY_MESSAGE = QT_TRANSLATE_NOOP("GraphView", "Press F5 to train, or F11 to step into backprop.")
MIN_SCALE, MAX_SCALE = 0.002, 4.0  # 0.002: a 96-layer GPT (200,000 units tall) still fits
MARGIN = 40.0
# Node texts are 8.5/7.5 pt (graph_items): below READABLE_SCALE they shrink under ~6 pt.
READABLE_SCALE = 0.75
FOCUS_SCALE = 0.9  # the zoom a big graph opens at, centred on one node
VISIBLE_MARGIN = 60  # pixels kept around the current node when the view follows it


class GraphView(QGraphicsView):
    nodeClicked = Signal(str)
    nodeDoubleClicked = Signal(str)
    viewChanged = Signal()  # zoom or scroll: the minimap redraws its frame
    sceneRebuilt = Signal()  # new items: the minimap re-renders its picture

    def __init__(self, parent=None):
        super().__init__(parent)
        scene = self._items_scene = QGraphicsScene(self)
        scene.setItemIndexMethod(QGraphicsScene.BspTreeIndex)  # items never move once placed
        self._overview_scene = QGraphicsScene(self)  # one item: no index needed
        self._overview_scene.setItemIndexMethod(QGraphicsScene.NoIndex)
        self.setScene(scene)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.DontAdjustForAntialiasing, True)
        self.setBackgroundBrush(QColor("#FFFFFF"))
        self.setFocusPolicy(Qt.StrongFocus)
        self.setToolTip("")
        self.empty_message = QCoreApplication.translate("GraphView", EMPTY_MESSAGE)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[tuple[str, str], EdgeItem] = {}
        self._out_edges: dict[str, list[EdgeItem]] = {}
        self._in_edges: dict[str, list[EdgeItem]] = {}
        self._current: str | None = None
        self._selected: str | None = None  # what the Inspector shows (not the cursor)
        self._marked: set[str] = set()  # search matches
        self._done: set[str] = set()
        # A click selects only once it is clear it was not the first half of a double-click,
        # so a double-click expands or collapses and changes nothing else.
        self._click_timer = QTimer(self)
        self._click_timer.setSingleShot(True)
        self._click_timer.timeout.connect(self._emit_click)
        self._clicked_node: str | None = None
        self._edge_rule = "target"  # forward graph: edge u->v carries a gradient once v is done
        self._labels_shown = False
        self._overview: GraphOverview | None = None  # the far-out picture (graph_overview)
        self._overview_item: OverviewItem | None = None
        self._overview_shown: bool | None = None
        self.horizontalScrollBar().valueChanged.connect(self.viewChanged)
        self.verticalScrollBar().valueChanged.connect(self.viewChanged)

    # -- building ---------------------------------------------------------------------------
    def clear_graph(self, message: str | None = None) -> None:
        self._show_items_scene()
        self._overview_scene.clear()
        self.scene().clear()
        self.nodes.clear()
        self.edges.clear()
        self._out_edges.clear()
        self._in_edges.clear()
        self._current = self._selected = self._clicked_node = None
        self._marked = set()
        self._done = set()
        self._overview = self._overview_item = None
        self._overview_shown = None
        if message is not None:
            self.empty_message = message
        self.scene().setSceneRect(QRectF(0, 0, 1, 1))
        self.viewport().update()
        self.sceneRebuilt.emit()

    def show_graph(self, graph, layout, texts: dict[str, tuple[str, str]],
                   sizes: dict[str, tuple[float, float]], *, grad_slots=frozenset(),
                   gradable=None, edge_rule: str = "target", tooltips: dict[str, str] | None = None,
                   keep_view: bool = False) -> None:
        """Replace the scene with `graph` placed by `layout` (one item per node and edge).

        grad_slots: nodes drawn with a "grad" half. gradable: nodes that ever receive a
        gradient (None = all); an edge from any other node (data, targets) never lights up.
        edge_rule: "target" (forward graph: u->v carries dL/du once v is done) or "source"
        (autograd graph: u->v carries the gradient u sent once u is done)."""
        center = self.mapToScene(self.viewport().rect().center()) if keep_view else None
        self._show_items_scene()
        self._overview_scene.clear()
        scene = self.scene()
        scene.clear()
        self.nodes, self.edges, self._out_edges, self._in_edges = {}, {}, {}, {}
        self._current, self._done, self._edge_rule = None, set(), edge_rule
        self._selected, self._marked, self._clicked_node = None, set(), None  # new items: no marks
        tooltips = tooltips or {}
        for node, attrs in graph.nodes(data=True):
            x, y = layout.positions.get(node, (0.0, 0.0))
            w, h = sizes.get(node, (120.0, 36.0))
            title, detail = texts.get(node, (str(node), ""))
            item = NodeItem(node, attrs.get("kind", NodeKind.FORWARD), title, detail, w, h,
                            grad_slot=node in grad_slots,
                            tooltip=tooltips.get(node, ""))
            item.setPos(x, y)
            self.nodes[node] = item
        for u, v, attrs in graph.edges(data=True):
            # an edge out of data that gets no gradient (inputs, targets) never lights up
            lights = gradable is None or (u if edge_rule == "target" else v) in gradable
            points = route(layout, u, v, self.nodes)
            label = attrs.get("shape")
            item = EdgeItem(u, v, points, shape_text(label) if label else "")
            scene.addItem(item)
            self.edges[(u, v)] = item
            if lights:
                self._out_edges.setdefault(u, []).append(item)
                self._in_edges.setdefault(v, []).append(item)
        for item in self.nodes.values():  # after the edges: nodes paint on top at equal z
            scene.addItem(item)
        rect = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        scene.setSceneRect(rect)  # explicit: no growing rect recomputed on every change
        self._overview = GraphOverview(self.nodes, self.edges, rect)
        self._overview_item = OverviewItem(self._overview, rect)
        self._overview_scene.addItem(self._overview_item)
        self._overview_scene.setSceneRect(rect)
        self._labels_shown = self._overview_shown = None  # force the visibility passes
        self._update_lod()
        if center is not None:
            self.centerOn(center)
        self.sceneRebuilt.emit()

    # -- highlight API ----------------------------------------------------------------------
    def set_current(self, node_id: str | None, center: bool = False) -> None:
        if self._current in self.nodes:
            self.nodes[self._current].set_current(False)
        self._current = node_id if node_id in self.nodes else None
        if self._current is not None:
            item = self.nodes[self._current]
            item.set_current(True)
            if center:
                self.ensure_node_visible(self._current)
        self._highlight_changed()

    def current(self) -> str | None:
        return self._current

    def set_done(self, node_ids, grad_texts: dict[str, str] | None = None) -> None:
        """Mark the nodes whose gradients are known; edges they traversed turn gradient colour."""
        done = {n for n in node_ids if n in self.nodes}
        grad_texts = grad_texts or {}
        changed = done ^ self._done
        for n in changed | set(grad_texts):
            if n in self.nodes:
                self.nodes[n].set_grad(n in done, grad_texts.get(n, "") if n in done else "")
        self._done = done
        edges_by = self._in_edges if self._edge_rule == "target" else self._out_edges
        for n in changed:
            for edge in edges_by.get(n, ()):
                edge.set_done(n in done)
        self._highlight_changed()

    def done(self) -> set[str]:
        return set(self._done)

    def set_dimmed(self, node_ids) -> None:
        dim = set(node_ids)
        for n, item in self.nodes.items():
            item.set_dimmed(n in dim)
        self._highlight_changed()

    def set_selected(self, node_id: str | None) -> None:
        """Outline the selected node (dashed, distinct from the cursor's solid outline)."""
        if self._selected in self.nodes:
            self.nodes[self._selected].set_selected_mark(False)
        self._selected = node_id if node_id in self.nodes else None
        if self._selected is not None:
            self.nodes[self._selected].set_selected_mark(True)
        self._highlight_changed()

    def selected(self) -> str | None:
        return self._selected

    def set_marked(self, node_ids) -> None:
        """Mark search matches with a halo."""
        marked = {n for n in node_ids if n in self.nodes}
        for n in (marked ^ self._marked) & set(self.nodes):
            self.nodes[n].set_search_mark(n in marked)
        self._marked = marked
        self._highlight_changed()

    def marked(self) -> set[str]:
        return set(self._marked)

    # -- zoom and pan -----------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = min(max(self.zoom() * factor, MIN_SCALE), MAX_SCALE)
        factor = target / self.zoom()
        self.scale(factor, factor)
        self._after_zoom()

    def set_zoom(self, scale: float) -> None:
        scale = min(max(scale, MIN_SCALE), MAX_SCALE)
        self.setTransform(QTransform.fromScale(scale, scale))
        self._after_zoom()

    def fit(self) -> None:
        if self.nodes:
            self.fitInView(self.sceneRect(), Qt.KeepAspectRatio)
            if self.zoom() > 1.5:  # tiny graphs: readable, not huge
                self.set_zoom(1.5)
                self.centerOn(self.sceneRect().center())
        self._after_zoom()

    def fit_scale(self) -> float:
        """The zoom at which the whole scene would fit the viewport."""
        rect = self.sceneRect()
        port = self.viewport().rect()
        if rect.width() <= 0 or rect.height() <= 0 or port.width() <= 2 or port.height() <= 2:
            return 1.0
        return min(port.width() / rect.width(), port.height() / rect.height())

    def open_view(self, focus: str | None = None) -> None:
        """A newly shown graph: fit it when its labels stay readable, else open at a readable
        zoom centred on `focus` (the current node or the loss). The Fit button still fits all."""
        if not self.nodes:
            return
        if self.fit_scale() >= READABLE_SCALE:
            self.fit()
            return
        self.set_zoom(FOCUS_SCALE)
        target = self.nodes.get(focus) if focus else None
        # centerOn stops at the scene's edge: the loss (bottom node) lands near the bottom
        # and the rest of the view shows the layers above it
        self.centerOn(target if target is not None else self.sceneRect().center())

    def ensure_node_visible(self, node_id: str) -> None:
        """Scroll just enough that the node (plus a margin) is on screen; no jump when it is."""
        item = self.nodes.get(node_id)
        if item is None:
            return
        port = self.viewport().rect()
        box = self.mapFromScene(item.sceneBoundingRect()).boundingRect()
        if port.adjusted(8, 8, -8, -8).contains(box):
            return
        mx = min(VISIBLE_MARGIN, max(0, (port.width() - box.width()) // 2))
        my = min(VISIBLE_MARGIN, max(0, (port.height() - box.height()) // 2))
        self.ensureVisible(item.sceneBoundingRect(), int(mx), int(my))

    def _after_zoom(self) -> None:
        self._update_lod()
        self.viewChanged.emit()

    def _update_lod(self) -> None:
        """Far out: the overview (a few batched draws) instead of thousands of items."""
        self._update_edge_labels()
        if self._overview is None:
            return
        overview = self.zoom() < OVERVIEW_SCALE
        if overview != self._overview_shown:
            self._overview_shown = overview
            if overview:
                self._swap_scene(self._overview_scene)
            else:
                self._show_items_scene()

    def _show_items_scene(self) -> None:
        self._swap_scene(self._items_scene)

    def _swap_scene(self, scene: QGraphicsScene) -> None:
        """Same place, same zoom, other scene (setScene may move the scroll bars)."""
        if self.scene() is scene:
            return
        center = self.mapToScene(self.viewport().rect().center())
        self.setScene(scene)
        self.centerOn(center)

    def overview_shown(self) -> bool:
        return bool(self._overview_shown)

    def _highlight_changed(self) -> None:
        if self._overview is not None:
            self._overview.invalidate()
            if self._overview_shown:
                self._overview_item.update()

    def render_overview(self, painter: QPainter, target: QRectF) -> None:
        """Paint the whole scene's overview into `target` (the minimap's picture)."""
        source = self.sceneRect()
        if self._overview is None or source.isEmpty():
            return
        painter.save()
        painter.translate(target.topLeft())
        painter.scale(target.width() / source.width(), target.height() / source.height())
        painter.translate(-source.topLeft())
        self._overview.paint(painter)
        painter.restore()

    def _update_edge_labels(self) -> None:
        show = self.zoom() >= EDGE_LABEL_SCALE
        if show == self._labels_shown:
            return  # only crossing the threshold costs a pass over the edges
        self._labels_shown = show
        for edge in self.edges.values():
            if edge.label_item is not None:
                edge.label_item.setVisible(show)

    def labels_shown(self) -> bool:
        return bool(self._labels_shown)

    # -- events -----------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.15 ** steps)
        event.accept()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key_F, Qt.Key_Home) and not event.modifiers() & ~Qt.KeypadModifier:
            self.fit()
        elif key in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom_by(1.25)
        elif key == Qt.Key_Minus:
            self.zoom_by(0.8)
        else:
            super().keyPressEvent(event)

    def _node_at(self, pos) -> NodeItem | None:
        # the items' scene even while the overview is shown: a far-out click still finds its node
        for item in self._items_scene.items(self.mapToScene(pos)):
            while item is not None and not isinstance(item, NodeItem):
                item = item.parentItem()
            if isinstance(item, NodeItem):
                return item
        return None

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        item = self._node_at(event.position().toPoint())
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            self._clicked_node = item.node_id
            self._click_timer.start(QApplication.styleHints().mouseDoubleClickInterval())

    def _emit_click(self) -> None:
        node, self._clicked_node = self._clicked_node, None
        if node is not None and node in self.nodes:
            self.nodeClicked.emit(node)

    def mouseDoubleClickEvent(self, event) -> None:
        item = self._node_at(event.position().toPoint())
        if item is not None:
            self._click_timer.stop()
            self._clicked_node = None
            self.nodeDoubleClicked.emit(item.node_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.viewChanged.emit()

    def drawForeground(self, painter, rect) -> None:
        if self.nodes:
            return
        painter.save()
        painter.resetTransform()  # viewport coordinates: the message stays centred
        painter.setPen(palette.TEXT)
        painter.drawText(self.viewport().rect(), Qt.AlignCenter | Qt.TextWordWrap, self.empty_message)
        painter.restore()
