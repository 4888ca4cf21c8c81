"""Wires the graph panel, the backprop panel and the inspector into one step-through tool.

The main window places the three widgets and connects needTrace to the engine worker's
request_trace; traces come back through set_trace.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from engine.tracing.hierarchy import group_module
from engine.tracing.types import NodeKind
from gui.views.backprop_panel import BackpropPanel
from gui.views.graph_panel import GraphPanel
from gui.views.inspector import Inspector


class BackpropWorkbench(QObject):
    needTrace = Signal()
    cursorChanged = Signal(object)  # StepCursor after each move

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.graph_panel = GraphPanel()
        self.backprop_panel = BackpropPanel()
        self.inspector = Inspector()
        self.trace = None
        self.backprop_panel.groups_provider = self.collapsed_groups
        self.backprop_panel.needTrace.connect(self.needTrace)
        self.backprop_panel.cursorChanged.connect(self._on_cursor)
        self.graph_panel.nodeActivated.connect(self._on_node_clicked)

    # -- trace ------------------------------------------------------------------------------
    @Slot(object)
    def set_trace(self, trace) -> None:
        """A new traced step: redraw the graph, reset the cursor, run any step that waited."""
        self.trace = trace
        self.graph_panel.set_trace(trace)
        self.backprop_panel.set_trace(trace)  # emits cursorChanged

    @Slot()
    def mark_stale(self) -> None:
        self.backprop_panel.mark_stale()

    @Slot()
    def clear(self) -> None:
        """Forget the trace (another model was built): every part shows its empty state."""
        self.trace = None
        self.graph_panel.clear()
        self.backprop_panel.clear()
        self.inspector.show_empty()

    def collapsed_groups(self) -> set[str]:
        """Module paths shown as collapsed group nodes right now (what "step over" finishes)."""
        graph = self.graph_panel.visible_graph
        if graph is None:
            return set()
        return {attrs.get("module") or group_module(n)
                for n, attrs in graph.nodes(data=True) if attrs.get("kind") == NodeKind.GROUP}

    # -- step slots (menus and shortcuts call these) ----------------------------------------
    @Slot()
    def step_into(self) -> None:
        self.backprop_panel.step_into()

    @Slot()
    def step_over(self) -> None:
        self.backprop_panel.step_over()

    @Slot()
    def step_out(self) -> None:
        self.backprop_panel.step_out()

    @Slot()
    def step_back(self) -> None:
        self.backprop_panel.step_back()

    @Slot()
    def forward_step(self) -> None:
        self.backprop_panel.forward_step()

    @Slot()
    def run_to_end(self) -> None:
        self.backprop_panel.run_to_end()

    @Slot()
    def focus_search(self) -> None:
        self.graph_panel.focus_search()

    # -- reactions --------------------------------------------------------------------------
    def _on_cursor(self, cursor) -> None:
        self.graph_panel.show_cursor(cursor)
        self.inspector.show_cursor(cursor, self.trace)
        self.cursorChanged.emit(cursor)

    def _on_node_clicked(self, node_id: str) -> None:
        """A click shows that node in the inspector (the cursor stays where it is)."""
        trace = self.trace
        if trace is None:
            return
        for step in trace.backward_steps:
            if step.node_id == node_id and self.graph_panel.mode == "autograd":
                self.inspector.show_backward_step(step, trace)
                return
        for op in trace.forward_ops:
            if op.node_id == node_id and self.graph_panel.mode == "forward":
                self.inspector.show_forward_op(op, trace)
                return
