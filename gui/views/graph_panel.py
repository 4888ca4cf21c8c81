"""The computation-graph panel: toolbar (mode, fit, expand, search), graph view, minimap.

A thin view of the session: it draws the session's traced step with the session's expand
state, lights the session's cursor, outlines the session's selection and shows the session's
search. Clicks become session requests (select, expand, collapse, search); what to draw comes
from engine/session/graph_picture.py; layouts run off the GUI thread (LayoutRunner).
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from engine.session import events as ev
from engine.session.graph_picture import (GraphMode, GraphPicture, group_focus, group_node,
                                          highlight, make_picture, search, visible_for)
from engine.session.session import StudioSession
from gui.i18n import fill, render
from gui.layout_task import LayoutRunner
from gui.views.graph_items import node_size
from gui.views.graph_view import EMPTY_MESSAGE, GraphView
from gui.views.minimap import Minimap

BUILDING_MESSAGE = QT_TRANSLATE_NOOP("GraphPanel", "Building the model…")


class GraphPanel(QWidget):
    layoutApplied = Signal()  # the view shows a freshly laid-out graph
    message = Signal(str)  # plain status text (layout failure)

    def __init__(self, session: StudioSession, parent=None, layout_runner: LayoutRunner | None = None):
        super().__init__(parent)
        self.session = session
        self.mode = GraphMode.FORWARD  # a view choice, not session state
        self.picture: GraphPicture | None = None  # what the view shows now
        self._pending: GraphPicture | None = None  # what the running layout is for
        self._layouts: dict[GraphMode, object] = {}  # mode -> last layout (seeds the next one)
        self._fit_next = True
        self._focus_module: str | None = None
        self._matches: list[str] = []
        self._match_index = -1

        self.runner = layout_runner or LayoutRunner(self)
        self.runner.layoutReady.connect(self._on_layout)
        self.runner.layoutFailed.connect(self._on_layout_failed)
        self.view = GraphView(self)
        self.view.nodeDoubleClicked.connect(self.toggle_node)
        self.view.nodeClicked.connect(self._on_clicked)
        self.minimap = Minimap(self.view, self)
        self._make_toolbar()

    def _make_toolbar(self) -> None:
        self.raw_toggle = QCheckBox(self.tr("Raw autograd graph"))
        self.raw_toggle.setToolTip(self.tr("Show PyTorch's own backward graph (AddmmBackward0, AccumulateGrad, …)"))
        self.raw_toggle.toggled.connect(
            lambda on: self.set_mode(GraphMode.AUTOGRAD if on else GraphMode.FORWARD))
        self.fit_button = QPushButton(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Fit the whole graph in view (F)"))
        self.fit_button.clicked.connect(self.view.fit)
        self.expand_button = QPushButton(self.tr("Expand all"))
        self.expand_button.setToolTip(self.tr("Expand every module (double-click a group to expand only it)"))
        self.expand_button.clicked.connect(self.expand_all)
        self.collapse_button = QPushButton(self.tr("Collapse"))
        self.collapse_button.setToolTip(self.tr("Back to the default view (repeated blocks collapsed)"))
        self.collapse_button.clicked.connect(self.collapse_default)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Find node by op, module or name (Ctrl+F)"))
        self.search_box.setToolTip(self.tr("Find a node (Ctrl+F); Enter cycles the matches, Escape clears"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self.session.search)
        self.search_box.returnPressed.connect(self.find_next)
        self.search_box.installEventFilter(self)
        self.status = QLabel("")
        self.status.setMinimumWidth(120)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for w in (self.raw_toggle, self.fit_button, self.expand_button, self.collapse_button):
            bar.addWidget(w)
        bar.addWidget(self.search_box, 1)
        bar.addWidget(self.status)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(bar)
        box.addWidget(self.view, 1)
        self._set_controls_enabled(False)

    def connect_session(self, adapter) -> None:
        adapter.modelRebuilding.connect(
            lambda e: self.clear(QCoreApplication.translate("GraphPanel", BUILDING_MESSAGE)))
        adapter.modelReady.connect(lambda e: self.picture is None and self.view.clear_graph(
            QCoreApplication.translate("GraphView", EMPTY_MESSAGE)))
        adapter.traceChanged.connect(self._on_trace)
        adapter.expansionChanged.connect(self._on_expansion)
        adapter.cursorMoved.connect(lambda e: self._apply_highlight(center=True))
        adapter.selectionChanged.connect(lambda e: self._show_selection())
        adapter.searchChanged.connect(self._on_search)

    # -- session events ---------------------------------------------------------------------
    def _on_trace(self, event: ev.TraceChanged) -> None:
        if event.traced is None:
            self.clear()
            return
        self._set_controls_enabled(True)
        # The ExpansionChanged that follows lays the graph out.

    def _on_expansion(self, event: ev.ExpansionChanged) -> None:
        self._focus_module = event.focus
        if self.session.traced is not None:
            self._relayout()

    def _on_search(self, event: ev.SearchChanged) -> None:
        if self.search_box.text() != event.query:
            self.search_box.setText(event.query)
        self._find(event.query)

    def clear(self, message: str | None = None) -> None:
        """No graph (another model is being built): the empty state again (`message`, or
        the usual hint)."""
        if message is None:
            message = QCoreApplication.translate("GraphView", EMPTY_MESSAGE)
        self.picture = self._pending = None
        self._layouts.clear()
        self._fit_next = True
        self._matches, self._match_index = [], -1
        self.runner.cancel()
        self.view.clear_graph(message)
        self.search_box.clear()
        self.status.setText("")
        self._set_controls_enabled(False)

    # -- user requests ----------------------------------------------------------------------
    def set_mode(self, mode: GraphMode) -> None:
        if mode == self.mode:
            return
        self.mode = mode
        self.raw_toggle.blockSignals(True)
        self.raw_toggle.setChecked(mode == GraphMode.AUTOGRAD)
        self.raw_toggle.blockSignals(False)
        self._fit_next = True
        if self.session.traced is not None:
            self._relayout()

    def expand_all(self) -> None:
        if self.session.traced is not None:
            self.session.set_expanded(self.session.traced.facts.expandable)

    def collapse_default(self) -> None:
        if self.session.traced is not None:
            self._fit_next = True
            self.session.set_expanded(self.session.traced.facts.default_expanded)

    def toggle_node(self, visible_id: str) -> None:
        """Double-click: a group expands; a node inside an expanded module collapses that
        module. Nothing else changes (the selection and the cursor stay)."""
        traced = self.session.traced
        if traced is None or self.picture is None or visible_id not in self.picture.graph:
            return
        module = group_focus(visible_id)
        if module is not None:
            self.session.expand(module)
            return
        module = traced.facts.collapsible_module_of(self.mode, visible_id, self.session.expanded)
        if module is not None:
            self.session.collapse(module)

    def _on_clicked(self, visible_id: str) -> None:
        self.session.select(visible_id)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """In the search box Backspace edits text (the window's Backspace steps back only
        elsewhere); Escape clears the search and gives the keyboard back to the graph."""
        if obj is self.search_box and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.ShortcutOverride and event.matches(QKeySequence.StandardKey.Backspace):
                event.accept()  # the line edit gets the key, not the step-back shortcut
                return False
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self.session.search("")
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(obj, event)

    def find_next(self) -> str | None:
        """Center on and outline the next match (wraps around)."""
        if not self._matches:
            return None
        self._match_index = (self._match_index + 1) % len(self._matches)
        node = self._matches[self._match_index]
        self.view.ensure_node_visible(node)
        template = (self.tr("{index:,} / {count:,} (double-click to expand)") if group_focus(node) is not None
                    else "{index:,} / {count:,}")
        self.status.setText(fill(template, index=self._match_index + 1, count=len(self._matches)))
        return node

    def matches(self) -> list[str]:
        return list(self._matches)

    # -- drawing ----------------------------------------------------------------------------
    def _find(self, query: str) -> None:
        traced = self.session.traced
        if traced is None or self.picture is None:
            self._matches = []
        else:
            self._matches = search(traced.facts, self.picture, query)
        self._match_index = -1
        self.view.set_marked(self._matches)
        if query.strip():
            n = len(self._matches)
            self.status.setText(self.tr("%n match", "", n) if n == 1 else self.tr("%n matches", "", n))
        elif self.picture is not None:
            n = self.picture.graph.number_of_nodes()
            self.status.setText(self.tr("%n node", "", n) if n == 1 else self.tr("%n nodes", "", n))

    def _relayout(self) -> None:
        traced = self.session.traced
        picture = make_picture(traced.facts, self.mode, self.session.expanded)
        sizes = {n: node_size(render(f.title), render(f.detail), f.grad_slot) for n, f in picture.faces.items()}
        self._pending = picture
        # Parameters on top, the loss at the bottom in both modes; common nodes keep their places.
        self.runner.request(picture.layout_graph, node_size=_SizeLookup(sizes),
                            previous=self._layouts.get(self.mode), direction="down")
        self.status.setText(self.tr("laying out…"))

    def _on_layout(self, generation: int, layout_graph, layout) -> None:
        picture, self._pending = self._pending, None
        if picture is None:
            return
        self.picture = picture
        self._layouts[self.mode] = layout
        # the engine's sentences (group details, tooltips) in the learner's language
        texts = {n: (render(f.title), render(f.detail)) for n, f in picture.faces.items()}
        sizes = {n: node_size(title, detail, picture.faces[n].grad_slot) for n, (title, detail) in texts.items()}
        tips = {n: render(f.tooltip) for n, f in picture.faces.items()}
        grad_slots = {n for n, f in picture.faces.items() if f.grad_slot}
        self.view.show_graph(picture.graph, layout, texts, sizes, grad_slots=grad_slots,
                             gradable=picture.gradable, edge_rule=picture.edge_rule,
                             tooltips=tips, keep_view=not self._fit_next)
        if self._fit_next:
            self.view.open_view(self._focus_node())
            self._fit_next = False
        elif self._focus_module is not None:
            node = group_node(self._focus_module)
            if node in self.view.nodes:
                self.view.centerOn(self.view.nodes[node])
        self._focus_module = None
        self._apply_highlight()
        self._show_selection()
        self._find(self.session.search_query)
        self.layoutApplied.emit()

    def _focus_node(self) -> str | None:
        """Where a big graph opens: the cursor's node, else the loss (where backprop starts)."""
        traced, picture = self.session.traced, self.picture
        visible = visible_for(traced.facts, picture, traced.current_node())
        if visible is not None:
            return visible
        return picture.loss_node()

    def _apply_highlight(self, center: bool = False) -> None:
        traced, picture = self.session.traced, self.picture
        if traced is None or picture is None:
            return
        lit = highlight(traced.facts, picture, traced.cursor)
        self.view.set_done(lit.done, lit.grad_texts)
        self.view.set_dimmed(lit.dimmed)
        self.view.set_current(lit.current, center=center)
        self.minimap.schedule_render()

    def _show_selection(self) -> None:
        traced, picture = self.session.traced, self.picture
        if traced is None or picture is None:
            return
        selected = None if self.session.follow_cursor else self.session.selection
        self.view.set_selected(visible_for(traced.facts, picture, selected))

    def _on_layout_failed(self, generation: int, message: str) -> None:
        self._pending = None
        self.view.clear_graph(render(message))
        self.status.setText(self.tr("layout failed"))
        self.message.emit(render(message))

    def _set_controls_enabled(self, on: bool) -> None:
        for w in (self.raw_toggle, self.fit_button, self.expand_button, self.collapse_button,
                  self.search_box):
            w.setEnabled(on)

    def shutdown(self) -> None:
        self.runner.shutdown()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        geo = self.view.geometry()
        self.minimap.fit_to(geo.width(), geo.height())
        self.minimap.move(geo.right() - self.minimap.width() - 18, geo.bottom() - self.minimap.height() - 18)
        self.minimap.raise_()


class _SizeLookup:
    """node_size callable for the layout thread: a dict lookup, no Qt calls off the GUI thread."""

    def __init__(self, sizes: dict):
        self._sizes = sizes

    def __call__(self, node, attrs=None):
        return self._sizes.get(node, (120.0, 38.0))
