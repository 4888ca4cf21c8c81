"""Layered layout: geometry invariants, crossing reduction, layering rules, stability."""
from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.config import GPTConfig
from engine.models.gpt import GPTModel
from engine.tracing.backward_graph import build_backward_graph
from engine.layout import Layout, count_crossings, layered_layout
from engine.layout.order import count_inversions, order_layers
from engine.layout.rank import longest_path_layers


def random_dag(n: int, p_edges: float, seed: int) -> nx.DiGraph:
    """Random DAG over shuffled labels (so insertion order says nothing about the order)."""
    rng = random.Random(seed)
    labels = list(range(n))
    rng.shuffle(labels)
    g = nx.DiGraph()
    g.add_nodes_from(labels)
    for i in range(n):
        for j in range(i + 1, min(n, i + 12)):
            if rng.random() < p_edges:
                g.add_edge(labels[i], labels[j])
    return g


def layered_synthetic(n_layers: int, width: int, seed: int) -> nx.DiGraph:
    """Edges only between neighbouring ranks, nodes added in random order."""
    rng = random.Random(seed)
    g = nx.DiGraph()
    nodes = [(r, i) for r in range(n_layers) for i in range(width)]
    rng.shuffle(nodes)
    g.add_nodes_from(nodes)
    for r in range(n_layers - 1):
        for i in range(width):
            for j in rng.sample(range(width), 2):
                g.add_edge((r, i), (r + 1, j))
    return g


def assert_valid(layout: Layout, g: nx.DiGraph, node_sep: float = 24.0, direction: str = "down"):
    assert set(layout.positions) == set(g.nodes)
    assert set(layout.layers) == set(g.nodes)
    for v, (x, y) in layout.positions.items():
        assert math.isfinite(x) and math.isfinite(y)
        w, h = layout.sizes[v]
        assert -1e-6 <= x - w / 2 and x + w / 2 <= layout.width + 1e-6
        assert -1e-6 <= y - h / 2 and y + h / 2 <= layout.height + 1e-6
    # No overlaps inside a layer.
    by_layer: dict[int, list] = {}
    for v, li in layout.layers.items():
        by_layer.setdefault(li, []).append(v)
    for members in by_layer.values():
        members.sort(key=lambda v: layout.positions[v][0])
        for a, b in zip(members, members[1:]):
            gap = layout.positions[b][0] - layout.positions[a][0]
            assert gap >= (layout.sizes[a][0] + layout.sizes[b][0]) / 2 + node_sep - 1e-6
    # Every edge has a route that leaves its source and reaches its target.
    acyclic = nx.is_directed_acyclic_graph(g)
    for u, v in g.edges:
        route = layout.edge_routes[(u, v)]
        assert len(route) >= 2
        assert route[0][0] == pytest.approx(layout.positions[u][0])
        assert route[-1][0] == pytest.approx(layout.positions[v][0])
        if u != v and acyclic:
            assert layout.layers[u] < layout.layers[v]
            span = layout.layers[v] - layout.layers[u]
            assert len(route) == span + 1  # one bend per layer crossed
            ys = [p[1] for p in route]
            if direction == "down":
                assert layout.positions[u][1] < layout.positions[v][1]
                assert ys == sorted(ys)
            else:
                assert layout.positions[u][1] > layout.positions[v][1]
                assert ys == sorted(ys, reverse=True)


def test_empty_graph():
    layout = layered_layout(nx.DiGraph())
    assert layout.positions == {} and layout.edge_routes == {} and layout.layers == {}
    assert layout.width == 0 and layout.height == 0
    assert count_crossings(layout, nx.DiGraph()) == 0


def test_single_node_and_default_size():
    g = nx.DiGraph()
    g.add_node("a")
    layout = layered_layout(g)
    assert layout.positions["a"] == (60.0, 18.0)
    assert (layout.width, layout.height) == (120.0, 36.0)


@pytest.mark.parametrize("direction", ["down", "up"])
def test_random_dag_is_valid(direction):
    g = random_dag(300, 0.15, seed=1)
    assert_valid(layered_layout(g, direction=direction), g, direction=direction)


def test_node_size_callable_and_separations():
    g = random_dag(80, 0.2, seed=2)
    sizes = {v: (40 + 7 * (v % 5), 20 + 3 * (v % 3)) for v in g}
    layout = layered_layout(g, node_size=lambda v, attrs: sizes[v], node_sep=10.0, rank_sep=30.0)
    assert layout.sizes == {v: (float(w), float(h)) for v, (w, h) in sizes.items()}
    assert_valid(layout, g, node_sep=10.0)
    ys = sorted({y for _, y in layout.positions.values()})
    tallest = max(h for _, h in sizes.values())
    assert all(b - a >= 30.0 - 1e-6 for a, b in zip(ys, ys[1:]))
    assert all(b - a <= 30.0 + tallest + 1e-6 for a, b in zip(ys, ys[1:]))


def test_bad_direction_is_rejected():
    with pytest.raises(ValueError, match="direction"):
        layered_layout(nx.DiGraph([(1, 2)]), direction="sideways")


def test_sweeps_reduce_crossings():
    # From a random initial order, the barycenter sweeps remove most crossings.
    g = random_dag(400, 0.15, seed=3)
    index = {v: i for i, v in enumerate(g)}
    src = np.array([index[u] for u, _ in g.edges])
    dst = np.array([index[v] for _, v in g.edges])
    layer = longest_path_layers(len(index), src, dst)
    short = layer[dst] - layer[src] == 1  # keep unit-length edges: no dummies needed here
    src, dst = src[short], dst[short]
    comp = np.zeros(len(index), dtype=np.int64)
    key = np.random.default_rng(0).permutation(len(index)).astype(float)
    _, initial = order_layers(layer, src, dst, comp, key, sweeps=0)
    orders, swept = order_layers(layer, src, dst, comp, key, sweeps=4)
    assert sorted(v for m in orders for v in m) == list(range(len(index)))
    assert swept < 0.3 * initial

    # In the full layout the sweeps improve on the seed order and never make it worse.
    g = layered_synthetic(12, 10, seed=3)
    seed_only = layered_layout(g, sweeps=0)
    swept = layered_layout(g, sweeps=4)
    assert seed_only.crossings == count_crossings(seed_only, g)
    assert swept.crossings == count_crossings(swept, g)
    assert swept.crossings < 0.85 * seed_only.crossings
    dag = random_dag(300, 0.15, seed=1)
    assert layered_layout(dag, sweeps=4).crossings <= layered_layout(dag, sweeps=0).crossings


def test_count_crossings_known_cases():
    # a, b on top; c, d below; a->d and b->c cross once, a->c and b->d do not.
    pos = {"a": (0.0, 0.0), "b": (100.0, 0.0), "c": (0.0, 100.0), "d": (100.0, 100.0)}
    layers = {"a": 0, "b": 0, "c": 1, "d": 1}
    crossed = nx.DiGraph([("a", "d"), ("b", "c")])
    straight = nx.DiGraph([("a", "c"), ("b", "d"), ("a", "d")])  # shares ends, no crossing
    for g, expected in ((crossed, 1), (straight, 0)):
        routes = {(u, v): [pos[u], pos[v]] for u, v in g.edges}
        assert count_crossings(Layout(pos, routes, 100, 100, layers), g) == expected


def test_count_inversions_matches_brute_force():
    rng = np.random.default_rng(0)
    for n in (0, 1, 2, 7, 64, 301):
        a = rng.integers(0, 20, n)
        brute = sum(1 for i in range(n) for j in range(i + 1, n) if a[i] > a[j])
        assert count_inversions(a) == brute


def test_leaves_sit_next_to_their_consumer():
    # Forward-style chain: x -> op0 -> ... -> loss, parameter p_i feeds op_i.
    g = nx.DiGraph()
    chain = ["x"] + [f"op{i}" for i in range(8)] + ["loss"]
    nx.add_path(g, chain)
    for i in range(8):
        g.add_edge(f"p{i}", f"op{i}")
    g.add_edge("target", "loss")
    layout = layered_layout(g)
    for i in range(8):
        assert layout.layers[f"p{i}"] == layout.layers[f"op{i}"] - 1
    assert layout.layers["target"] == layout.layers["loss"] - 1
    assert layout.layers["loss"] == max(layout.layers.values())  # the sink at the bottom


def tiny_gpt_backward_graph(n_layers: int = 2) -> nx.DiGraph:
    cfg = GPTConfig(vocab_size=97, context_length=8, emb_dim=8, n_heads=2,
                    n_layers=n_layers, drop_rate=0.0, qkv_bias=False)
    torch.manual_seed(0)
    model = GPTModel(cfg)
    x = torch.randint(0, 97, (1, 6))
    logits = model(x)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), x.flatten())
    g = build_backward_graph(loss, model)
    g.graph.pop("fn", None)
    return g


@pytest.mark.parametrize("reverse", [False, True])
def test_gpt_parameters_hug_their_consumers(reverse):
    """Backward graph as is (leaves = AccumulateGrad sinks) or reversed (leaves = sources):
    either way every parameter's node is one layer from the node it connects to, and
    the graph is as deep as its longest path, not wider than it needs."""
    g = tiny_gpt_backward_graph()
    if reverse:
        g = g.reverse(copy=True)
    layout = layered_layout(g, direction="up" if not reverse else "down")
    assert_valid(layout, g, direction="up" if not reverse else "down")
    acc = [v for v, d in g.nodes(data=True) if d["op"] == "AccumulateGrad"]
    assert len(acc) == 2 * 13 + 5  # every parameter of a 2-layer GPT has its leaf
    for v in acc:
        (nb,) = list(g.successors(v) if reverse else g.predecessors(v))
        assert abs(layout.layers[v] - layout.layers[nb]) == 1
    depth = max(layout.layers.values()) + 1
    assert depth == nx.dag_longest_path_length(g) + 1
    assert layout.crossings == count_crossings(layout, g)


def test_previous_layout_keeps_common_nodes_in_place():
    g = random_dag(200, 0.15, seed=4)
    first = layered_layout(g)
    # Same graph, nodes inserted in another order: without `previous` the picture changes,
    # with it the nodes stay (almost) where they were.
    shuffled = nx.DiGraph()
    nodes = list(g.nodes)
    random.Random(5).shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(sorted(g.edges, key=lambda e: nodes.index(e[0])))

    def mean_shift(a: Layout, b: Layout, common) -> float:
        return float(np.mean([abs(a.positions[v][0] - b.positions[v][0]) for v in common]))

    fresh = layered_layout(shuffled)
    kept = layered_layout(shuffled, previous=first)
    assert mean_shift(first, kept, g.nodes) < 0.25 * mean_shift(first, fresh, g.nodes)
    assert mean_shift(first, kept, g.nodes) < 24.0  # less than one node gap on average

    # Expanding: a few new nodes hang off existing ones; old nodes keep their in-layer order.
    grown = shuffled.copy()
    for i, v in enumerate(list(g.nodes)[:10]):
        grown.add_edge(("new", i), v)
    after = layered_layout(grown, previous=first)
    assert_valid(after, grown)
    same = 0
    total = 0
    for li in set(first.layers.values()):
        old = sorted((v for v in g if first.layers[v] == li and after.layers[v] == li),
                     key=lambda v: first.positions[v][0])
        new = sorted(old, key=lambda v: after.positions[v][0])
        same += sum(a == b for a, b in zip(old, new))
        total += len(old)
    assert total > 150 and same / total > 0.8


def test_cycles_and_self_loops_are_laid_out():
    g = nx.DiGraph([(1, 2), (2, 3), (3, 1), (3, 4), (4, 4), (4, 2), (5, 6), (6, 5)])
    layout = layered_layout(g)
    assert set(layout.positions) == set(g.nodes)
    assert set(layout.edge_routes) == set(g.edges)
    acyclic_part = [(1, 2), (2, 3), (3, 4)]
    for u, v in acyclic_part:
        assert layout.layers[u] < layout.layers[v]
    loop = layout.edge_routes[(4, 4)]
    assert len(loop) == 4 and min(p[0] for p in loop) >= layout.positions[4][0]
    assert max(p[0] for p in loop) <= layout.width + 1e-6
    for (u, v), route in layout.edge_routes.items():  # reversed edges still run u -> v
        if u == v:
            continue
        assert route[0][0] == pytest.approx(layout.positions[u][0])
        assert route[-1][0] == pytest.approx(layout.positions[v][0])


def test_disconnected_parts_do_not_interleave():
    g = nx.disjoint_union_all([random_dag(40, 0.2, seed=s) for s in range(4)])
    g.add_nodes_from(["lonely1", "lonely2"])
    layout = layered_layout(g)
    assert_valid(layout, g)
    part = {}
    for i, comp in enumerate(nx.weakly_connected_components(g)):
        for v in comp:
            part[v] = i
    by_layer: dict[int, list] = {}
    for v, li in layout.layers.items():
        by_layer.setdefault(li, []).append(v)
    for members in by_layer.values():
        members.sort(key=lambda v: layout.positions[v][0])
        seq = [part[v] for v in members]
        runs = [a for a, b in zip(seq, seq[1:] + [None]) if a != b]
        assert len(runs) == len(set(seq))  # each part forms one run in the layer


def test_large_synthetic_dag():
    g = random_dag(3000, 0.12, seed=6)
    layout = layered_layout(g)
    assert_valid(layout, g)
    assert layout.crossings == count_crossings(layout, g)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 25).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))),
    st.sampled_from(["down", "up"]))
def test_any_small_digraph_gets_a_sane_layout(graph_spec, direction):
    """Cycles, self-loops, two-way edges, isolated nodes: always a complete, non-overlapping
    layout whose non-reversed edges point the chosen way."""
    n, edges = graph_spec
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    layout = layered_layout(g, direction=direction)
    assert set(layout.positions) == set(g.nodes)
    assert set(layout.edge_routes) == set(g.edges)
    by_layer: dict[int, list] = {}
    for v, li in layout.layers.items():
        by_layer.setdefault(li, []).append(layout.positions[v][0])
    for xs in by_layer.values():
        xs.sort()
        assert all(b - a >= 120 + 24 - 1e-6 for a, b in zip(xs, xs[1:]))
    down = 1 if direction == "down" else -1
    for u, v in g.edges:
        if u != v and layout.layers[u] < layout.layers[v]:
            assert down * (layout.positions[v][1] - layout.positions[u][1]) > 0
    assert layout.crossings == count_crossings(layout, g) or not nx.is_directed_acyclic_graph(g)


def test_previous_without_common_nodes_or_empty():
    g = random_dag(30, 0.2, seed=7)
    plain = layered_layout(g)
    empty_prev = layered_layout(g, previous=layered_layout(nx.DiGraph()))
    other = nx.relabel_nodes(g, {v: ("other", v) for v in g})
    unrelated_prev = layered_layout(g, previous=layered_layout(other))
    assert empty_prev.positions == plain.positions
    assert unrelated_prev.positions == plain.positions
    # A previous layout that knows only half the nodes still gives a valid picture.
    half = g.subgraph(list(g)[:15]).copy()
    assert_valid(layered_layout(g, previous=layered_layout(half)), g)


def test_huge_graphs_take_one_round_of_x_passes_and_still_never_overlap(monkeypatch):
    """Above BIG_GRAPH the x passes run one round (effort scales down), but every layer still
    keeps its minimum gaps (the isotonic placement guarantees it on any round)."""
    import random

    import networkx as nx

    from engine.layout import layered
    rnd = random.Random(1)
    g = nx.DiGraph()
    for r in range(12):
        for i in range(15):
            g.add_edge(f"{r}_{i}", f"{r + 1}_{min(14, max(0, i + rnd.randint(-4, 4)))}")
    calls = []
    real_assign_x = layered.assign_x
    monkeypatch.setattr(layered, "assign_x", lambda *a, **k: calls.append(k["rounds"]) or real_assign_x(*a, **k))
    monkeypatch.setattr(layered, "BIG_GRAPH", 50)
    layout = layered.layered_layout(g, node_sep=24.0)
    assert calls == [1]
    by_layer: dict[int, list[float]] = {}
    for v, li in layout.layers.items():
        by_layer.setdefault(li, []).append(layout.positions[v][0])
    for xs in by_layer.values():
        xs.sort()
        assert all(b - a >= layered.DEFAULT_NODE_SIZE[0] + 24.0 - 1e-6 for a, b in zip(xs, xs[1:]))
