"""Details of the node under the backprop cursor: what it is, its value, the gradients it
receives and sends on, the chain rule (scalar scenario) and the optimizer update."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from engine.tracing.chain import ACCUMULATE_GRAD, chain_rules, derivative_text
from engine.tracing.types import NodeKind
from gui.views.graph_items import fmt_number, shape_text
from gui.views.graph_panel import value_names
from gui.views.graph_view import EMPTY_MESSAGE
from gui.views.tensor_widgets import TensorView, breakable, plain, wrapping_label

def _scalar(summary) -> float | None:
    values = getattr(summary, "values", None)
    if values is not None and values.size == 1:
        return float(values.reshape(-1)[0])
    return None


def chain_lines(steps, upto_index: int) -> list[str]:
    """The chain factors of steps[upto_index] as text, each dL/dX expanded through the local
    factors recorded by earlier nodes, e.g.
    "dL/dw = dL/da · da/dz · dz/dw = (-1.0889)(0.075)(1.1) = -0.0898"."""
    step = steps[upto_index]
    rules = {rule.wrt: rule for rule in chain_rules(steps, upto_index)}
    lines = []
    for factor in step.chain:
        rule = rules.get(factor.wrt) if factor.is_total else None
        if step.name == ACCUMULATE_GRAD:
            lines.append(f"{factor.wrt}.grad = {fmt_number(factor.value)}")
        elif rule is not None and len(rule.factors) > 1:
            names = " · ".join(derivative_text(f) for f in rule.factors)
            numbers = "".join(f"({fmt_number(f.value)})" for f in rule.factors)
            lines.append(f"{derivative_text(factor)} = {names} = {numbers} = {fmt_number(rule.value)}")
        else:
            lines.append(f"{derivative_text(factor)} = {fmt_number(factor.value)}")
    return lines


class Inspector(QWidget):
    MAX_TENSORS = 4  # grad in + up to three grads out; the rest are summarised in text

    def __init__(self, parent=None):
        super().__init__(parent)
        # Every label word-wraps (long module paths get break points): the dock may be narrow,
        # and nothing should need a horizontal scroll bar or be cut off.
        self.header = wrapping_label(bold=True)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.header.setFont(font)
        self.info = wrapping_label()
        self.chain = wrapping_label()
        self.chain.setFont(QFont("monospace"))
        self.tensors = [TensorView() for _ in range(self.MAX_TENSORS)]
        self._ops_index = (None, {})
        self.updates = QTableWidget(0, 4)
        self.updates.setHorizontalHeaderLabels(["parameter", "old", "−lr·grad", "new"])
        self.updates.setEditTriggers(QTableWidget.NoEditTriggers)
        self.updates.horizontalHeader().setStretchLastSection(True)
        self.updates.setMinimumWidth(40)  # scrolls inside itself rather than widen the dock
        content = QWidget()
        box = QVBoxLayout(content)
        for w in (self.header, self.info, self.chain, *self.tensors, self.updates):
            box.addWidget(w)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # labels wrap instead
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.show_empty()

    # -- what to show -----------------------------------------------------------------------
    def show_empty(self, message: str = EMPTY_MESSAGE) -> None:
        self._reset()
        self.header.setText("Inspector")
        self.info.setText(message)

    def show_cursor(self, cursor, trace) -> None:
        """Show whatever the cursor points at (forward op, backward node, update, or the start)."""
        if cursor is None or trace is None:
            self.show_empty()
            return
        current = cursor.current()
        if current is None:
            self._reset()
            self.header.setText("Before the forward pass")
            self.info.setText(
                f"{len(trace.forward_ops)} forward ops and {len(trace.backward_steps)} backward nodes "
                f"recorded; loss {fmt_number(trace.loss)}.\n"
                "F11 steps into backprop; ▶ Forward op runs the forward ops one by one.")
            return
        kind, item = current
        if kind == "forward":
            self.show_forward_op(item, trace)
        elif kind == "backward":
            self.show_backward_step(item, trace)
        else:
            self.show_update(item, trace)

    def show_forward_op(self, op, trace) -> None:
        self._reset()
        self.header.setText(f"{op.op} · forward op {op.index + 1} of {len(trace.forward_ops)}")
        lines = [f"module: {op.module or '(root)'}",
                 "inputs: " + (", ".join(shape_text(s) for s in op.input_shapes) or "—"),
                 "output: " + ", ".join(shape_text(s) for s in op.output_shapes) + f"  {op.dtype}"]
        if op.grad_fn:
            lines.append(f"autograd node it creates: {op.grad_fn}")
        value = _scalar(op.value)
        if value is not None:
            lines.append(f"value = {fmt_number(value)}")
        self.info.setText(breakable("\n".join(lines)))
        if op.value is not None and value is None:
            self._show_tensor(0, op.value, "value (output)")

    def show_backward_step(self, step, trace) -> None:
        self._reset()
        fwd_op = self._forward_op(trace, step.forward_node_id)
        created_by = fwd_op.op if fwd_op is not None else _attr(trace.forward_graph, step.forward_node_id, "op")
        if step.param_name and created_by in (None, NodeKind.PARAMETER):  # AccumulateGrad
            header = f"{step.name} · stores {step.param_name}.grad"
        else:
            header = f"{step.name} · created by {created_by}" if created_by else step.name
        self.header.setText(breakable(header))
        attrs = trace.backward_graph.nodes[step.node_id] if step.node_id in trace.backward_graph else {}
        shapes = attrs.get("shapes") or []
        lines = [f"backward node {step.index + 1} of {len(trace.backward_steps)}",
                 f"module: {step.module or '(root)'}"]
        if step.param_name:
            lines.append(f"parameter: {step.param_name}")
        if shapes:
            lines.append(f"shape {shape_text(shapes[0])}  {attrs.get('dtype') or ''}".rstrip())
        value = _scalar(fwd_op.value) if fwd_op is not None else None
        if value is not None:
            name = value_names(trace).get(step.forward_node_id or "")
            lines.append(f"value {name} = {fmt_number(value)}" if name else f"value = {fmt_number(value)}")
        grad_in = step.grad_in[0] if step.grad_in else None
        scalar_in = _scalar(grad_in)
        if scalar_in is not None:
            lines.append(f"grad in = {fmt_number(scalar_in)}")
        outs = [_scalar(g) for g in step.grad_out]
        if step.grad_out and all(v is not None or g is None for v, g in zip(outs, step.grad_out)):
            # None: that input needs no gradient (e.g. the data x)
            lines.append("grad out = " + ", ".join("—" if v is None else fmt_number(v) for v in outs))
        self.info.setText(breakable("\n".join(lines)))
        if step.chain:
            self.chain.setText("\n".join(chain_lines(trace.backward_steps, step.index)))
            self.chain.show()
        slot = 0
        for i, g in enumerate(step.grad_in[:1]):
            if g is not None and scalar_in is None:
                self._show_tensor(slot, g, "grad in: dL/d(output)")
                slot += 1
        for i, g in enumerate(step.grad_out):
            if slot >= self.MAX_TENSORS:
                break
            if g is not None and _scalar(g) is None:
                self._show_tensor(slot, g, f"grad out → input {i}")
                slot += 1

    def show_update(self, updates, trace) -> None:
        self._reset()
        lr = trace.meta.get("lr") or trace.meta.get("learning_rate")
        self.header.setText("Optimizer update")
        self.info.setText("Each parameter: old value, the step −lr·grad, the new value"
                          + (f" (lr {fmt_number(lr)})" if lr else "") + ".")
        self.updates.setRowCount(len(updates))
        for row, u in enumerate(updates):
            cells = [u.param_name, _value_text(u.old), _value_text(u.delta), _value_text(u.new)]
            for col, text in enumerate(cells):
                self.updates.setItem(row, col, QTableWidgetItem(text))
        self.updates.resizeColumnsToContents()
        self.updates.show()

    # -- helpers ----------------------------------------------------------------------------
    def text(self) -> str:
        """Everything the inspector shows, as plain text."""
        parts = [plain(self.header.text()), plain(self.info.text())]
        if self.chain.isVisibleTo(self):
            parts.append(plain(self.chain.text()))
        for view in self.tensors:
            if view.isVisibleTo(self):
                parts.append(view.text())
        if self.updates.isVisibleTo(self):
            for r in range(self.updates.rowCount()):
                parts.append("  ".join(self.updates.item(r, c).text() for c in range(4)))
        return "\n".join(p for p in parts if p)

    def _reset(self) -> None:
        self.chain.clear()
        self.chain.hide()
        for view in self.tensors:
            view.hide()
        self.updates.setRowCount(0)
        self.updates.hide()

    def _show_tensor(self, slot: int, summary, title: str) -> None:
        view = self.tensors[slot]
        view.set_summary(summary, title)
        view.show()

    def _forward_op(self, trace, node_id):
        if node_id is None:
            return None
        if self._ops_index[0] is not trace:  # built once per trace
            self._ops_index = (trace, {op.node_id: op for op in trace.forward_ops})
        return self._ops_index[1].get(node_id)


def _attr(graph, node, key):
    if node is None or node not in graph:
        return None
    return graph.nodes[node].get(key)


def _value_text(summary) -> str:
    value = _scalar(summary)
    if value is not None:
        return fmt_number(value)
    return f"‖·‖ {fmt_number(summary.norm)}  {shape_text(summary.shape)}"
