"""Each op the issue names has its one-line explanation, on hover in the graph and in the
Inspector."""
from __future__ import annotations

from engine.session.explanations import SHORTCUT, explain_node, explain_op
from engine.session.graph_picture import GraphMode, TraceFacts, make_picture

NAMED = {"softmax": "softmax", "masked_fill": "causal mask", "gelu": "GELU",
         "layer_norm": "LayerNorm", "dropout": "drop_rate", "cross_entropy": "Cross-entropy"}


def test_the_ops_the_source_material_teaches_are_explained(micro_trace):
    ops = {(op.op, op.module) for op in micro_trace.forward_ops}
    for op, word in NAMED.items():
        module = next(m for o, m in ops if o == op)
        assert word in explain_op(op, module), op
    shortcut = [m for o, m in ops if o == "add" and m.rpartition(".")[2].isdigit()]
    assert shortcut and explain_op("add", shortcut[0]) == SHORTCUT
    assert ".grad" in explain_node("AccumulateGrad")
    assert explain_node("SoftmaxBackward0", "softmax", "trf_blocks.0.att").startswith("Backwards through")
    assert "z = x·w + b" in explain_op("add", "", "z")


def test_explanations_reach_the_tooltips(micro_trace):
    facts = TraceFacts(micro_trace)
    picture = make_picture(facts, GraphMode.FORWARD, frozenset(facts.expandable))
    tips = {picture.graph.nodes[n].get("op"): face.tooltip for n, face in picture.faces.items()}
    assert "causal mask" in tips["masked_fill"] and "LayerNorm" in tips["layer_norm"]
    autograd = make_picture(facts, GraphMode.AUTOGRAD, frozenset(facts.expandable))
    assert any(".grad" in face.tooltip for face in autograd.faces.values())
