"""What the Inspector shows, derived from the session: the node in focus (the cursor's, or
the selected one), in the learner's names, with the chain rule as numbers.

Plain records; gui/views/inspector.py only lays them out. Words are `engine.text` Texts (the
app translates them); names, shapes and the chain rule's numbers stay as they are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..text import join_text, translate
from ..tracing.chain import chain_rules
from ..tracing.hierarchy import group_module
from ..tracing.types import NodeKind
from .explanations import explain_node, explain_op
from .formatting import first_shape, fmt_number, shape_text, summary_scalar
from .position import Phase, Position

if TYPE_CHECKING:
    from .backprop import TracedStep
    from .session import StudioSession

EMPTY_TEXT = translate("inspection", "Press F11 to trace a step and step into backprop, or F5 to train.")
ROLES = {"weight": translate("inspection", "weight"), "bias": translate("inspection", "bias"),
         "activation": translate("inspection", "activation"), "data": translate("inspection", "data"),
         "target": translate("inspection", "target")}


@dataclass(frozen=True)
class UpdateRow:
    parameter: str
    old: str
    change: str
    new: str


@dataclass
class Inspection:
    title: str
    subtitle: str = ""  # "backward 4 of 6 · step 1", or "selected" notes
    lines: list[str] = field(default_factory=list)
    chain: list[str] = field(default_factory=list)  # the chain rule, as numbers
    tensors: list[tuple[str, Any]] = field(default_factory=list)  # (title, TensorSummary)
    # tensor index -> (bool mask of its shape, what the ringed cells are)
    tensor_marks: dict[int, tuple[Any, str]] = field(default_factory=dict)
    update_heading: str = ""  # column heading of the change: "−lr·grad" (SGD) or "AdamW step"
    updates: list[UpdateRow] = field(default_factory=list)
    # per update row, the tensors that make up its change (AdamW: m, v, step, decay)
    update_parts: list[list[tuple[str, Any]]] = field(default_factory=list)


def inspect(session: "StudioSession") -> Inspection:
    traced = session.traced
    if traced is None:
        return Inspection(translate("inspection", "Inspector"), lines=[EMPTY_TEXT])
    step_note = translate("inspection", "step {step}").format(step=traced.step)
    if session.follow_cursor:
        return _at_cursor(traced, step_note)
    node = session.selection
    return _at_node(traced, node, step_note) if node else _at_cursor(traced, step_note)


def _at_cursor(traced: "TracedStep", step_note: str) -> Inspection:
    current = traced.cursor.current()
    trace = traced.trace
    if current is None:
        return Inspection(translate("inspection", "Before the forward pass"), step_note, lines=[
            translate("inspection", "{forward} forward ops and {backward} backward nodes recorded; loss L = "
                                    "{loss}.").format(forward=len(trace.forward_ops),
                                                      backward=len(trace.backward_steps),
                                                      loss=fmt_number(trace.loss)),
            translate("inspection", "F11 steps into backprop; ▶ Forward op runs the forward ops one by one.")])
    kind, item = current
    position = traced.position
    if kind == "forward":
        return forward_op(traced, item, position, step_note)
    if kind == "backward":
        return backward_step(traced, item, position, step_note)
    return update(traced, position, step_note)


def _at_node(traced: "TracedStep", node: str, step_note: str) -> Inspection:
    op = traced.forward_op(node)
    if op is not None:
        return forward_op(traced, op, _forward_position(traced, op), step_note)
    step = traced.backward_step(node)
    if step is not None:
        return backward_step(traced, step, _backward_position(traced, step), step_note)
    module = group_module(node)
    if module is not None:
        return _group(traced, node, module, step_note)
    return _source(traced, node, step_note)


def _forward_position(traced, op) -> Position:
    n = len(traced.trace.forward_ops)
    return Position(Phase.FORWARD, op.index + 1, n, op.index + 1, traced.cursor.total)


def _backward_position(traced, step) -> Position:
    n_fwd, n = len(traced.trace.forward_ops), len(traced.trace.backward_steps)
    return Position(Phase.BACKWARD, step.index + 1, n, n_fwd + step.index + 1, traced.cursor.total)


def _name(traced, node_id: str | None) -> str | None:
    return traced.facts.names.get(node_id) if node_id else None


def d(name: str | None) -> str:
    """The "d…" of a derivative: dL/dw, dL/d[linear (fc2)] for names with spaces."""
    name = name or "output"
    return f"d{name}" if re.fullmatch(r"[\w.·]+", name) else f"d[{name}]"


def _from_text(op: str, name: str | None) -> str:
    """"linear (fc2)" (the name already says the op), or "sigmoid → a"."""
    if not name or name == op:
        return op
    return name if name.startswith(op) else f"{op} → {name}"


def _role(ref) -> str:
    return ROLES.get(ref.role.value, ref.role.value)


def _ref_text(ref) -> str:
    return translate("inspection", "{name} ({role})").format(name=ref.name, role=_role(ref)) if ref else "—"


def _module_line(module: str) -> str:
    if module:
        return translate("inspection", "module: {module}").format(module=module)
    return translate("inspection", "module: (the model itself)")


def _value_line(name: str | None, value: float) -> str:
    if name:
        return translate("inspection", "value {name} = {value}").format(name=name, value=fmt_number(value))
    return translate("inspection", "value = {value}").format(value=fmt_number(value))


def _shape_line(shape, dtype) -> str:
    if dtype:
        return translate("inspection", "shape {shape}  {dtype}").format(shape=shape_text(shape), dtype=str(dtype))
    return translate("inspection", "shape {shape}").format(shape=shape_text(shape))


def forward_op(traced, op, position: Position, step_note: str) -> Inspection:
    name = _name(traced, op.node_id)
    title = _from_text(op.op, name)
    lines = [line for line in (explain_op(op.op, op.module, name),) if line]
    lines.append(_module_line(op.module))
    refs = list(getattr(op, "inputs", []) or [])
    inputs = [join_text(" ", [_ref_text(refs[i]) if i < len(refs) else translate("inspection", "input"),
                              shape_text(s)]) for i, s in enumerate(op.input_shapes)]
    lines.append(translate("inspection", "inputs: {inputs}").format(inputs=join_text(", ", inputs) if inputs else "—"))
    lines.append(translate("inspection", "output: {shapes}  {dtype}").format(
        shapes=", ".join(shape_text(s) for s in op.output_shapes), dtype=str(op.dtype)))
    if op.grad_fn:
        lines.append(translate("inspection", "autograd node it creates: {node}").format(node=op.grad_fn))
    value = summary_scalar(op.value)
    if value is not None:
        lines.append(_value_line(name, value))
    tensors = []
    if op.value is not None and value is None:
        tensors = [(translate("inspection", "value of {name}").format(name=name or op.op), op.value)]
    return Inspection(title, join_text(" · ", [position.text(), step_note]), lines, tensors=tensors)


def backward_step(traced, step, position: Position, step_note: str) -> Inspection:
    trace = traced.trace
    fwd = traced.forward_op(step.forward_node_id)
    of = _name(traced, step.forward_node_id) or (fwd.op if fwd else None)
    if step.param_name:
        of = _name(traced, step.forward_node_id) or step.param_name
        title = translate("inspection", "{node} · stores {name}.grad").format(node=step.name, name=of)
    elif fwd:
        title = translate("inspection", "{node} · from {op}").format(node=step.name, op=_from_text(fwd.op, of))
    else:
        title = step.name
    explanation = explain_node(step.name, fwd.op if fwd else None, step.module,
                               _name(traced, step.forward_node_id))
    lines = [line for line in (explanation, _module_line(step.module)) if line]
    if step.param_name:
        lines.append(translate("inspection", "parameter: {name}").format(name=step.param_name))
    attrs = trace.backward_graph.nodes[step.node_id] if step.node_id in trace.backward_graph else {}
    shape = first_shape(attrs)
    if shape is not None:
        lines.append(_shape_line(shape, attrs.get("dtype")))
    value = summary_scalar(fwd.value) if fwd is not None else None
    if value is not None:
        lines.append(_value_line(of, value))
    tensors, out = _grads(step, of, lines), None
    zeroed = relu_zeroed(step)
    marks = {}
    if zeroed is not None:
        lines.append(translate("inspection", "{zeroed} of {count} values zeroed by ReLU (where its input was ≤ 0)")
                     .format(zeroed=zeroed[0], count=zeroed[1]))
        out = next((i for i, (_, _, is_out) in enumerate(tensors) if is_out), None)
        if out is not None:
            mask = (step.grad_out[0].values == 0) & (step.grad_in[0].values != 0)
            marks[out] = (mask, translate("inspection", "zeroed by ReLU"))
    chain = [rule_text(rule) for rule in chain_rules(trace.backward_steps, step.index)]
    chain += [local_text(f) for f in step.chain if f.of != "L" and f.formula]
    return Inspection(title, join_text(" · ", [position.text(), step_note]), lines, chain,
                      [(heading, g) for heading, g, _ in tensors], tensor_marks=marks)


def _grads(step, of: str | None, lines: list) -> list[tuple[str, Any, bool]]:
    """The gradient arriving at `step` and those it sends on: scalars as lines (appended to
    `lines`), tensors as (title, summary, is a grad out)."""
    grad_in = step.grad_in[0] if step.grad_in else None
    tensors = []
    scalar_in = summary_scalar(grad_in)
    if scalar_in is not None:
        lines.append(translate("inspection", "grad in  dL/{d} = {value}").format(d=d(of), value=fmt_number(scalar_in)))
    elif grad_in is not None:
        tensors.append((translate("inspection", "grad in: dL/{d}").format(d=d(of)), grad_in, False))
    refs = list(getattr(step, "inputs", []) or [])
    for i, g in enumerate(step.grad_out):
        ref = refs[i] if i < len(refs) else None
        who = ref.name if ref is not None else translate("inspection", "input {index}").format(index=i + 1)
        role = translate("inspection", " ({role})").format(role=_role(ref)) if ref is not None else ""
        scalar = summary_scalar(g)
        if g is None:
            lines.append(translate("inspection", "grad out → {name}{role}: none (needs no gradient)").format(
                name=who, role=role))
        elif scalar is not None:
            lines.append(translate("inspection", "grad out  dL/{d}{role} = {value}").format(
                d=d(who), role=role, value=fmt_number(scalar)))
        else:
            tensors.append((translate("inspection", "grad out: dL/{d}{role}").format(d=d(who), role=role), g, True))
    return tensors


RELU_NODES = ("ReluBackward0", "ThresholdBackward0")


def relu_zeroed(step) -> tuple[int, int] | None:
    """(gradients the ReLU zeroed, all its gradients) for a ReLU's backward node with values."""
    if step.name not in RELU_NODES or not step.grad_in or not step.grad_out:
        return None
    g_in, g_out = step.grad_in[0], step.grad_out[0]
    if g_in is None or g_out is None or g_in.values is None or g_out.values is None:
        return None
    zeroed = (g_out.values == 0) & (g_in.values != 0)
    return int(zeroed.sum()), int(g_out.values.size)


def rule_text(rule) -> str:
    """"dL/dw = dL/da · da/dz · dz/dw = (−1.0889)(0.075)(1.1) = −0.0898"."""
    if len(rule.factors) <= 1:
        return f"dL/d{rule.wrt} = {fmt_number(rule.value)}"
    names = " · ".join(f"d{f.of}/d{f.wrt}" for f in rule.factors)
    numbers = "".join(f"({fmt_number(f.value)})" for f in rule.factors)
    return f"dL/d{rule.wrt} = {names} = {numbers} = {fmt_number(rule.value)}"


def local_text(factor) -> str:
    return translate("inspection", "local  d{of}/d{wrt} = {formula} = {value}").format(
        of=factor.of, wrt=factor.wrt, formula=factor.formula, value=fmt_number(factor.value))


ADAMW_TEXT = translate("inspection", "AdamW: m and v are running means of the gradient and its square; the step is "
                                     "−lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε), and the decoupled weight decay "
                                     "−lr·λ·old is added on top: new = old + decay + step. Click a row for its "
                                     "tensors.")


def update(traced, position: Position, step_note: str) -> Inspection:
    trace = traced.trace
    optimizer = str(trace.meta.get("optimizer") or "")
    lr = trace.meta.get("lr")
    lr_text = f" (lr {fmt_number(lr)})" if lr else ""
    rows = [UpdateRow(u.param_name, _value_text(u.old), _value_text(u.delta), _value_text(u.new))
            for u in trace.updates]
    parts = [_adamw_parts(u) for u in trace.updates]
    if optimizer == "SGD":
        heading, lines = "−lr·grad", [translate("inspection", "Each parameter: old value, the step −lr·grad, the new "
                                                              "value{lr}.").format(lr=lr_text)]
    elif any(parts):
        heading, lines = translate("inspection", "AdamW change"), [join_text("", [ADAMW_TEXT, lr_text])]
    elif optimizer:
        heading = translate("inspection", "{optimizer} change").format(optimizer=optimizer)
        lines = [translate("inspection", "Each parameter: old value, the change {optimizer} makes, the new "
                                         "value{lr}.").format(optimizer=optimizer, lr=lr_text)]
    else:
        heading = translate("inspection", "optimizer change")
        lines = [translate("inspection", "Each parameter: old value, the change the optimizer makes, the new "
                                         "value{lr}.").format(lr=lr_text)]
    return Inspection(translate("inspection", "Optimizer update"), join_text(" · ", [position.text(), step_note]),
                      lines, update_heading=heading, updates=rows, update_parts=parts)


def _adamw_parts(u) -> list[tuple[str, Any]]:
    if u.step is None:
        return []
    return [(translate("inspection", "m (running mean of {name}.grad)").format(name=u.param_name), u.moment1),
            (translate("inspection", "v (running mean of grad²)"), u.moment2),
            (translate("inspection", "bias-corrected step −lr/(1−β1^t)·m/(√v/√(1−β2^t)+ε)"), u.step),
            (translate("inspection", "weight decay −lr·λ·old"), u.decay)]


def _group(traced, node: str, module: str, step_note: str) -> Inspection:
    graph = traced.trace.forward_graph
    members = [n for n, a in graph.nodes(data=True)
               if (a.get("module") or "") == module or (a.get("module") or "").startswith(module + ".")]
    return Inspection(translate("inspection", "{module} (collapsed)").format(module=module), step_note,
                      [translate("inspection", "{count} forward nodes inside.").format(count=len(members)),
                       translate("inspection", "Double-click it to expand.")])


def _source(traced, node: str, step_note: str) -> Inspection:
    graph = traced.trace.forward_graph
    if node not in graph:
        return Inspection(translate("inspection", "Inspector"), step_note,
                          [translate("inspection", "This node is not part of the traced step.")])
    attrs = graph.nodes[node]
    kind = attrs.get("kind")
    name = _name(traced, node) or str(attrs.get("label") or "")
    what = {NodeKind.PARAMETER: translate("inspection", "parameter"),
            NodeKind.INPUT: translate("inspection", "input data")}.get(kind, str(kind))
    lines = [what, _shape_line(first_shape(attrs), attrs.get("dtype"))]
    value = traced.facts.fwd_value.get(node)
    if value is not None:
        lines.append(_value_line(name, value))
    grad = traced.facts.fwd_grad.get(node)
    for b in traced.facts.fwd_to_bwd.get(node, ()):
        grad = traced.facts.bwd_grad.get(b, grad)
    tensors = []
    if grad is not None:
        scalar = summary_scalar(grad)
        if scalar is not None:
            lines.append(f"{name}.grad = {fmt_number(scalar)}")
        else:
            tensors.append((f"{name}.grad", grad))
    return Inspection(name, join_text(" · ", [translate("inspection", "selected"), step_note]), lines,
                      tensors=tensors)


def _value_text(summary) -> str:
    value = summary_scalar(summary)
    if value is not None:
        return fmt_number(value)
    return f"‖·‖ {fmt_number(summary.norm)}  {shape_text(summary.shape)}"
