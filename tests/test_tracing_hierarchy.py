"""Collapse/expand module groups and repeated blocks."""
import networkx as nx
import pytest

from engine.models.simple_net import make_simple_net_training
from engine.tracing.hierarchy import (collapsed_view, default_expanded, expandable_modules, group_id,
                                      repeated_containers)
from engine.tracing.trace_step import trace_training_step
from engine.tracing.types import NodeKind




@pytest.mark.parametrize("which", ["forward_graph", "backward_graph"])
def test_repeats_collapse_to_one_node(micro_trace, which):
    g = getattr(micro_trace, which)
    assert repeated_containers(g) == {"trf_blocks": ("TransformerBlock", 2)}
    expanded = default_expanded(g)
    assert "trf_blocks" not in expanded and "trf_blocks.0.att" in expanded
    view = collapsed_view(g, expanded)
    groups = {n: d for n, d in view.nodes(data=True) if d["kind"] == NodeKind.GROUP}
    assert list(groups) == [group_id("trf_blocks")]
    block = groups[group_id("trf_blocks")]
    assert block["label"] == "TransformerBlock × 2" and block["repeat"] == 2
    members = set(block["members"])
    assert members == {n for n, d in g.nodes(data=True) if d["module"].startswith("trf_blocks")}
    assert view.number_of_nodes() == g.number_of_nodes() - len(members) + 1
    assert nx.is_directed_acyclic_graph(view)
    for u, v, d in view.edges(data=True):
        assert "shape" in d and d["count"] >= 1
    # The block group is wired in and out with the residual-stream shape.
    assert (1, 8, 64) in block["shapes"]


def test_expand_round_trip(micro_trace):
    g = micro_trace.forward_graph
    full = collapsed_view(g, set(expandable_modules(g)))
    assert set(full.nodes) == set(g.nodes) and set(full.edges) == set(g.edges)
    # collapse then expand again gives the original graph back
    collapsed = collapsed_view(g, set())
    assert collapsed.number_of_nodes() < 15
    again = collapsed_view(g, set(expandable_modules(g)))
    assert set(again.edges) == set(g.edges)
    for n in g:
        assert again.nodes[n] == g.nodes[n]


def test_without_repeat_merging_each_block_is_a_group(micro_trace):
    g = micro_trace.backward_graph
    view = collapsed_view(g, default_expanded(g), group_repeats=False)
    labels = {n: d["label"] for n, d in view.nodes(data=True) if d["kind"] == NodeKind.GROUP}
    assert labels == {group_id("trf_blocks.0"): "TransformerBlock", group_id("trf_blocks.1"): "TransformerBlock"}
    assert view.has_edge(group_id("trf_blocks.1"), group_id("trf_blocks.0"))  # gradient flows back


def test_partial_expansion(micro_trace):
    g = micro_trace.forward_graph
    expanded = default_expanded(g) - {"trf_blocks.0.att"} | {"trf_blocks"}
    view = collapsed_view(g, expanded)
    groups = {n: d for n, d in view.nodes(data=True) if d["kind"] == NodeKind.GROUP}
    assert set(groups) == {group_id("trf_blocks.0.att")}
    assert groups[group_id("trf_blocks.0.att")]["label"] == "MultiHeadAttention"
    ops = {g.nodes[m]["op"] for m in groups[group_id("trf_blocks.0.att")]["members"]}
    assert {"linear", "softmax", "masked_fill"} <= ops


def test_small_models_open_fully_expanded():
    net, criterion, _, inputs, labels = make_simple_net_training()
    trace = trace_training_step(net, inputs, labels, criterion)
    g = trace.forward_graph
    assert default_expanded(g) == set(expandable_modules(g)) >= {"fc1", "fc2", "relu", "sigmoid"}
    view = collapsed_view(g, default_expanded(g))
    assert set(view.nodes) == set(g.nodes)


def test_group_id_helpers_round_trip():
    from engine.tracing.hierarchy import group_module, is_group_id

    gid = group_id("trf_blocks.0.att")
    assert is_group_id(gid) and group_module(gid) == "trf_blocks.0.att"
    assert not is_group_id("f12") and group_module("f12") is None
    assert group_module(group_id("")) == ""  # the root module is a module too
