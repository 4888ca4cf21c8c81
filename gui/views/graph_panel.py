"""The computation-graph panel: toolbar (mode, fit, expand, search), graph view, minimap.

Holds the trace and the expand/collapse state, builds the visible graph with
engine.tracing.hierarchy.collapsed_view, lays it out off the GUI thread (LayoutRunner) and maps
the backprop cursor onto visible nodes (a node hidden in a collapsed group lights its group).

Two modes: "forward" — one graph, two directions: forward ops top to bottom, gradients flowing
back up the same nodes (each node's grad half fills in); "autograd" — PyTorch's own backward
graph (AddmmBackward0, AccumulateGrad, ...), parameters' AccumulateGrad at the top, the loss's
grad_fn at the bottom, so both modes read the same way up.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from engine.tracing.hierarchy import group_id, group_module, is_group_id
from engine.tracing.types import NodeKind
from gui.layout_task import LayoutRunner
from gui.views.graph_items import fmt_number, node_size, node_texts, shape_text, first_shape
from gui.views.graph_view import EMPTY_MESSAGE, GraphView
from gui.views.minimap import Minimap

FORWARD, AUTOGRAD = "forward", "autograd"


def summary_scalar(summary) -> float | None:
    """The single value of a one-element TensorSummary, else None."""
    values = getattr(summary, "values", None)
    if values is not None and values.size == 1:
        return float(values.reshape(-1)[0])
    return None


def grad_text(summary) -> str:
    value = summary_scalar(summary)
    if value is not None:
        return fmt_number(value)
    return "‖g‖ " + fmt_number(summary.norm) if summary is not None else ""


class GraphPanel(QWidget):
    layoutApplied = Signal()  # the view shows a freshly laid-out graph
    nodeActivated = Signal(str)  # a click on a node: full-graph id of the node (or group id)
    message = Signal(str)  # plain status text (layout failure, search results)

    def __init__(self, parent=None, layout_runner: LayoutRunner | None = None):
        super().__init__(parent)
        self.trace = None
        self.mode = FORWARD
        self.expanded: set[str] = set()
        self.visible_graph = None
        self.layout = None
        self._layouts: dict[str, object] = {}  # mode -> last layout (seeds the next one)
        self._member_to_visible: dict[str, str] = {}
        self._fwd_value: dict[str, float] = {}
        self._names: dict[str, str] = {}
        self._data_names: dict[str, str] = {}  # input node -> the source material's name (x, y)
        self._gradable: set[str] = set()
        self._fwd_grad: dict[str, object] = {}  # forward node -> summary of dL/d(output)
        self._bwd_grad: dict[str, object] = {}  # backward node -> summary of its incoming grad
        self._fwd_to_bwd: dict[str, list[str]] = {}
        self._op_count: dict[str, int] = {}  # module path -> op nodes inside it (full graph)
        self._expandable: set[str] = set()
        self._cursor_state = None  # (current full id, phase, done_fwd, done_bwd)
        self._fit_next = True
        self._focus_after_layout: list[str] = []
        self._matches: list[str] = []
        self._match_index = -1

        self.runner = layout_runner or LayoutRunner(self)
        self.runner.layoutReady.connect(self._on_layout)
        self.runner.layoutFailed.connect(self._on_layout_failed)

        self.view = GraphView(self)
        self.view.nodeDoubleClicked.connect(self.toggle_node)
        self.view.nodeClicked.connect(self._on_clicked)
        self.minimap = Minimap(self.view, self)

        self.raw_toggle = QCheckBox("Raw autograd graph")
        self.raw_toggle.setToolTip("Show PyTorch's own backward graph (AddmmBackward0, AccumulateGrad, …)")
        self.raw_toggle.toggled.connect(lambda on: self.set_mode(AUTOGRAD if on else FORWARD))
        self.fit_button = QPushButton("Fit")
        self.fit_button.setToolTip("Fit the whole graph in view (F)")
        self.fit_button.clicked.connect(self.view.fit)
        self.expand_button = QPushButton("Expand all")
        self.expand_button.setToolTip("Expand every module (double-click a group to expand only it)")
        self.expand_button.clicked.connect(self.expand_all)
        self.collapse_button = QPushButton("Collapse")
        self.collapse_button.setToolTip("Back to the default view (repeated blocks collapsed)")
        self.collapse_button.clicked.connect(self.collapse_default)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find node by op or module (Ctrl+F)")
        self.search.setToolTip("Find a node by op or module name (Ctrl+F); Enter cycles the matches")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.find)
        self.search.returnPressed.connect(self.find_next)
        self.status = QLabel("")
        self.status.setMinimumWidth(120)

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for w in (self.raw_toggle, self.fit_button, self.expand_button, self.collapse_button):
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(bar)
        box.addWidget(self.view, 1)
        self._set_controls_enabled(False)

    # -- trace and mode ---------------------------------------------------------------------
    def set_trace(self, trace) -> None:
        """Show a new trace (keeps the mode; expand state resets to the trace's default)."""
        from engine.tracing.hierarchy import default_expanded, expandable_modules

        same_model = self.trace is not None and _same_structure(self.trace, trace)
        self.trace = trace
        self._index_trace(trace)
        graph = trace.forward_graph
        self._expandable = set(expandable_modules(graph)) | set(expandable_modules(trace.backward_graph))
        self._cursor_state = None
        if not same_model:  # a new model: default expand state, fresh layouts, fit
            self.expanded = set(default_expanded(graph))
            self._layouts.clear()
            self._fit_next = True
        # else: the next training step of the same model keeps expand state, zoom and places
        self._set_controls_enabled(True)
        self._relayout()

    def clear(self, message: str = EMPTY_MESSAGE) -> None:
        """No graph (e.g. another model was built): the empty state again."""
        self.trace = None
        self._cursor_state = None
        self._layouts.clear()
        self.visible_graph = None
        self.runner.cancel()
        self.view.clear_graph(message)
        self._set_controls_enabled(False)

    def set_mode(self, mode: str) -> None:
        if mode not in (FORWARD, AUTOGRAD) or mode == self.mode:
            return
        self.mode = mode
        self.raw_toggle.blockSignals(True)
        self.raw_toggle.setChecked(mode == AUTOGRAD)
        self.raw_toggle.blockSignals(False)
        self._fit_next = True
        if self.trace is not None:
            self._relayout()

    def full_graph(self):
        if self.trace is None:
            return None
        return self.trace.forward_graph if self.mode == FORWARD else self.trace.backward_graph

    # -- expand / collapse ------------------------------------------------------------------
    def expand(self, module: str) -> None:
        if module in self.expanded:
            return
        self.expanded.add(module)
        self._focus_after_layout = [group_id(module)]
        self._relayout()

    def collapse(self, module: str) -> None:
        if module not in self.expanded:
            return
        self.expanded.discard(module)
        self._focus_after_layout = [group_id(module)]
        self._relayout()

    def expand_all(self) -> None:
        if self.trace is not None:
            self.expanded = set(self._expandable)
            self._relayout()

    def collapse_default(self) -> None:
        if self.trace is not None:
            from engine.tracing.hierarchy import default_expanded

            self.expanded = set(default_expanded(self.trace.forward_graph))
            self._fit_next = True
            self._relayout()

    def toggle_node(self, visible_id: str) -> None:
        """Double-click: a group expands; a node inside an expanded module collapses that module."""
        graph = self.visible_graph
        if graph is None or visible_id not in graph:
            return
        attrs = graph.nodes[visible_id]
        if attrs.get("kind") == NodeKind.GROUP:
            self.expand(attrs.get("module") or group_module(visible_id))
            return
        module = self.collapsible_module_of(visible_id)
        if module is not None:
            self.collapse(module)

    def collapsible_module_of(self, node_id: str) -> str | None:
        """The innermost expanded module around `node_id` that holds more than one op."""
        graph = self.full_graph()
        if graph is None or node_id not in graph:
            return None
        path = graph.nodes[node_id].get("module") or ""
        parts = path.split(".") if path else []
        for depth in range(len(parts), 0, -1):
            module = ".".join(parts[:depth])
            if module in self.expanded and module in self._expandable and self._op_count.get(module, 0) > 1:
                return module
        return None

    # -- cursor highlight -------------------------------------------------------------------
    def show_cursor(self, cursor) -> None:
        """Light the cursor's node and every node whose gradient is known."""
        if cursor is None:
            self._cursor_state = None
        else:
            current = cursor.current()
            node = None
            if current is not None and current[0] in ("forward", "backward"):
                node = current[1].node_id
            self._cursor_state = (node, cursor.phase(), set(cursor.done_forward_nodes()),
                                  set(cursor.done_backward_nodes()))
        self._apply_highlight(center=True)

    def set_current(self, node_id: str | None) -> None:
        """Highlight one node given by its forward- or backward-graph id."""
        if self._cursor_state is not None:
            self._cursor_state = (node_id,) + tuple(self._cursor_state[1:])
        else:
            self._cursor_state = (node_id, "backward", set(), set())
        self.view.set_current(self._visible_for(node_id) if node_id else None, center=True)

    def set_done(self, node_ids) -> None:
        """Mark nodes (forward- or backward-graph ids) whose gradients are known."""
        if self.trace is None:
            return
        backward = self.trace.backward_graph
        done_bwd = {n for n in node_ids if n in backward}
        done_bwd |= {b for n in node_ids if n not in backward for b in self._fwd_to_bwd.get(n, ())}
        phase = self._cursor_state[1] if self._cursor_state else "backward"
        node = self._cursor_state[0] if self._cursor_state else None
        done_fwd = self._cursor_state[2] if self._cursor_state else set()
        self._cursor_state = (node, phase, done_fwd, done_bwd)
        self._apply_highlight()

    def _apply_highlight(self, center: bool = False) -> None:
        if self.visible_graph is None:
            return
        if self._cursor_state is None:
            self.view.set_current(None)
            self.view.set_done(())
            self.view.set_dimmed(())
            self.minimap.schedule_render()
            return
        node, phase, done_fwd, done_bwd = self._cursor_state
        graph = self.visible_graph
        if self.mode == FORWARD:
            # a forward node's gradient is known once a backward node it created has run
            grad_known = {self.trace.backward_graph.nodes[b].get("forward") for b in done_bwd
                          if b in self.trace.backward_graph}
            grad_known.discard(None)
            done = {self._member_to_visible.get(n) for n in grad_known} - {None}
            texts = {}
            for n in grad_known:
                v = self._member_to_visible.get(n)
                if v == n and n in self._fwd_grad:
                    texts[n] = grad_text(self._fwd_grad[n])
            self.view.set_done(done, texts)
            dim = set()
            if phase == "forward":  # ops not run yet are faded
                computed = {self._member_to_visible.get(n) for n in done_fwd}
                dim = {v for v, a in graph.nodes(data=True)
                       if a.get("kind") in (NodeKind.FORWARD, NodeKind.LOSS, NodeKind.GROUP) and v not in computed}
            self.view.set_dimmed(dim)
        else:
            done = {self._member_to_visible.get(n) for n in done_bwd} - {None}
            texts = {n: grad_text(self._bwd_grad[n]) for n in done_bwd
                     if self._member_to_visible.get(n) == n and n in self._bwd_grad}
            self.view.set_done(done, texts)
            # every node here is a gradient node: the ones that have not run yet are faded
            self.view.set_dimmed(set(graph.nodes) - done)
        self.view.set_current(self._visible_for(node) if node else None, center=center)
        self.minimap.schedule_render()

    def _visible_for(self, node_id: str | None) -> str | None:
        """The visible node that shows `node_id` (itself, its group, or its counterpart)."""
        if node_id is None or self.trace is None:
            return None
        if node_id in self._member_to_visible:
            return self._member_to_visible[node_id]
        if self.mode == FORWARD and node_id in self.trace.backward_graph:
            fwd = self.trace.backward_graph.nodes[node_id].get("forward")
            return self._member_to_visible.get(fwd) if fwd else None
        if self.mode == AUTOGRAD:
            for b in self._fwd_to_bwd.get(node_id, ()):
                if b in self._member_to_visible:
                    return self._member_to_visible[b]
        return None

    # -- search -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    def find(self, text: str) -> list[str]:
        """Visible nodes whose op, label, module or parameter name contains `text`.

        A match hidden in a collapsed group yields the group."""
        self._matches, self._match_index = [], -1
        needle = text.strip().lower()
        full = self.full_graph()
        if not needle or full is None:
            self.status.setText("")
            return []
        seen = set()
        for node, attrs in full.nodes(data=True):
            hay = " ".join(str(attrs.get(k) or "") for k in ("op", "label", "module", "param_name"))
            if needle in hay.lower():
                v = self._member_to_visible.get(node)
                if v is not None and v not in seen:
                    seen.add(v)
                    self._matches.append(v)
        self.status.setText(f"{len(self._matches)} match{'es' if len(self._matches) != 1 else ''}")
        return list(self._matches)

    def find_next(self) -> str | None:
        """Center on and select the next match (wraps around)."""
        if not self._matches:
            self.find(self.search.text())
        if not self._matches:
            return None
        self._match_index = (self._match_index + 1) % len(self._matches)
        node = self._matches[self._match_index]
        self.view.select_node(node)
        hint = " (double-click to expand)" if is_group_id(node) else ""
        self.status.setText(f"{self._match_index + 1} / {len(self._matches)}{hint}")
        return node

    # -- layout -----------------------------------------------------------------------------
    def _relayout(self) -> None:
        from engine.tracing.hierarchy import collapsed_view

        full = self.full_graph()
        graph = collapsed_view(full, set(self.expanded), group_repeats=True)
        forward_mode = self.mode == FORWARD
        gradable = {n for n, a in graph.nodes(data=True)
                    if a.get("kind") == NodeKind.GROUP or n in self._gradable} if forward_mode else None
        grad_slots = {n for n in gradable or () if graph.nodes[n].get("kind") != NodeKind.GROUP}
        texts, sizes, tips = {}, {}, {}
        for node, attrs in graph.nodes(data=True):
            value = self._fwd_value.get(node) if self.mode == FORWARD else None
            title, detail = node_texts(node, attrs, value)
            title = self._data_names.get(node, title)
            name = self._names.get(node)
            if value is not None and name and name != title:
                detail = f"{name}={detail}"  # scalar scenario: "sigmoid a=0.9183"
            texts[node] = (title, detail)
            sizes[node] = node_size(title, detail, node in grad_slots)
            tips[node] = _tooltip(node, attrs)
            if node in self._data_names:
                tips[node] = f"{self._data_names[node]}: " + tips[node]
        self._pending = (graph, texts, sizes, tips, grad_slots, gradable)
        layout_graph = graph if self.mode == FORWARD else _reversed_skeleton(graph)
        # Parameters on top, the loss at the bottom in both modes; common nodes keep their places.
        self.runner.request(layout_graph, node_size=_SizeLookup(sizes),
                            previous=self._layouts.get(self.mode), direction="down")
        self.status.setText("laying out…")

    def _on_layout(self, generation: int, layout_graph, layout) -> None:
        graph, texts, sizes, tips, grad_slots, gradable = self._pending
        self.visible_graph = graph
        self.layout = layout
        self._layouts[self.mode] = layout
        self._member_to_visible = {}
        for node, attrs in graph.nodes(data=True):
            self._member_to_visible[node] = node
            for member in attrs.get("members") or ():
                self._member_to_visible[member] = node
        keep = not self._fit_next
        self.view.show_graph(graph, layout, texts, sizes, grad_slots=grad_slots, gradable=gradable,
                             edge_rule="target" if self.mode == FORWARD else "source",
                             tooltips=tips, keep_view=keep)
        if self._fit_next:
            self.view.open_view(self._focus_node(graph))
            self._fit_next = False
        for node in self._focus_after_layout:
            if node in self.view.nodes:
                self.view.centerOn(self.view.nodes[node])
                break
        self._focus_after_layout = []
        self._apply_highlight()
        n = graph.number_of_nodes()
        self.status.setText(f"{n} nodes")
        if self.search.text():
            self.find(self.search.text())
        self.layoutApplied.emit()

    def _focus_node(self, graph) -> str | None:
        """Where a big graph opens: the cursor's node, else the loss (where backprop starts)."""
        node = self._cursor_state[0] if self._cursor_state else None
        visible = self._visible_for(node) if node else None
        if visible in graph:
            return visible
        for n, attrs in graph.nodes(data=True):
            if attrs.get("kind") == NodeKind.LOSS:
                return n
        return None

    def _on_layout_failed(self, generation: int, message: str) -> None:
        self.view.clear_graph(message)
        self.status.setText("layout failed")
        self.message.emit(message)

    # -- helpers ----------------------------------------------------------------------------
    def _index_trace(self, trace) -> None:
        self._fwd_value = {}
        for op in trace.forward_ops:
            value = summary_scalar(op.value)
            if value is not None:
                self._fwd_value[op.node_id] = value
        for node, attrs in trace.forward_graph.nodes(data=True):
            value = attrs.get("value")
            if node not in self._fwd_value and value is not None:
                scalar = value if isinstance(value, float) else summary_scalar(value)
                if scalar is not None:
                    self._fwd_value[node] = scalar
        self._names = value_names(trace)
        self._data_names = _data_names(trace)
        self._fwd_grad, self._bwd_grad, self._fwd_to_bwd = {}, {}, {}
        for step in trace.backward_steps:  # execution order: the first node of an op gets dL/d(output)
            grad = step.grad_in[0] if step.grad_in else None
            if grad is not None:
                self._bwd_grad[step.node_id] = grad
                if step.forward_node_id and step.forward_node_id not in self._fwd_grad:
                    self._fwd_grad[step.forward_node_id] = grad
        for node, attrs in trace.backward_graph.nodes(data=True):
            if attrs.get("forward"):
                self._fwd_to_bwd.setdefault(attrs["forward"], []).append(node)
        self._gradable = set(self._fwd_to_bwd)  # forward nodes that ever receive a gradient
        self._op_count = {}
        for graph in (trace.forward_graph,):
            for _, attrs in graph.nodes(data=True):
                if attrs.get("kind") not in (NodeKind.FORWARD, NodeKind.LOSS, NodeKind.BACKWARD):
                    continue
                parts = (attrs.get("module") or "").split(".")
                for depth in range(1, len(parts) + 1):
                    key = ".".join(parts[:depth])
                    if key:
                        self._op_count[key] = self._op_count.get(key, 0) + 1

    def _on_clicked(self, visible_id: str) -> None:
        self.nodeActivated.emit(visible_id)

    def _set_controls_enabled(self, on: bool) -> None:
        for w in (self.raw_toggle, self.fit_button, self.expand_button, self.collapse_button, self.search):
            w.setEnabled(on)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        geo = self.view.geometry()
        self.minimap.move(geo.right() - self.minimap.width() - 18, geo.bottom() - self.minimap.height() - 18)
        self.minimap.raise_()


def _reversed_skeleton(graph):
    """The graph with every edge flipped and no attributes (the layout needs only the
    structure and _SizeLookup); graph.reverse(copy=True) would deep-copy every attribute."""
    import networkx as nx

    rev = nx.DiGraph()
    rev.add_nodes_from(graph.nodes)
    rev.add_edges_from((v, u) for u, v in graph.edges)
    return rev


def _same_structure(old, new) -> bool:
    """Same scenario and the same graph shape: a later step of the same model."""
    return (old.scenario == new.scenario
            and old.forward_graph.number_of_nodes() == new.forward_graph.number_of_nodes()
            and old.backward_graph.number_of_nodes() == new.backward_graph.number_of_nodes()
            and set(old.forward_graph.nodes) == set(new.forward_graph.nodes))


def value_names(trace) -> dict[str, str]:
    """Forward op -> the letter the chain rule uses for its value (z, a, L): the ops whose
    value is the "of" of a recorded chain factor; only the scalar example has letters."""
    if trace.scenario != "scalar":
        return {}
    names: dict[str, str] = {}
    for step in trace.backward_steps:
        name = trace.value_names.get(step.forward_node_id or "")
        if name is not None and any(f.of == name for f in step.chain):
            names[step.forward_node_id] = name
    return names


def _data_names(trace) -> dict[str, str]:
    """Input node -> display name; only the scalar scenario renames ("inputs" reads "x")."""
    if trace.scenario != "scalar":
        return {}
    graph = trace.forward_graph
    return {n: name for n, name in trace.value_names.items()
            if n in graph and graph.nodes[n].get("kind") == NodeKind.INPUT}


class _SizeLookup:
    """node_size callable for the layout thread: a dict lookup, no Qt calls off the GUI thread."""

    def __init__(self, sizes: dict):
        self._sizes = sizes

    def __call__(self, node, attrs=None):
        return self._sizes.get(node, (120.0, 38.0))


def _tooltip(node: str, attrs: dict) -> str:
    lines = [str(attrs.get("label") or attrs.get("op") or node)]
    if attrs.get("module"):
        lines.append(f"module: {attrs['module']}" + (f" ({attrs['module_type']})" if attrs.get("module_type") else ""))
    if attrs.get("param_name"):
        lines.append(f"parameter: {attrs['param_name']}")
    shape = first_shape(attrs)
    if shape is not None:
        lines.append(f"shape: {shape_text(shape)} {attrs.get('dtype') or ''}".rstrip())
    if attrs.get("kind") == NodeKind.GROUP:
        lines.append(f"{len(attrs.get('members') or ())} nodes inside — double-click to expand")
    return "\n".join(lines)
