"""Layered (Sugiyama-style) layout of computation graphs, fast enough for 5,000+ nodes.

Steps, each in its own module:
  rank   break cycles, layer by the longest path to the sink, connected parts
  order  dummy-aware barycenter sweeps that cut crossings
  coords x positions that keep order and spacing, pulled toward neighbours
Plain Python + numpy + networkx, no Qt: the GUI calls this from a worker thread.
Time grows about linearly with nodes + edges (+ dummy nodes on long edges).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable, Hashable

import networkx as nx
import numpy as np

from .coords import assign_x
from .order import count_segment_crossings, order_layers, seed_keys
from .rank import find_back_edges, longest_path_layers, pendant_mask, weak_components

DEFAULT_NODE_SIZE = (120.0, 36.0)  # scene units (w, h)
BIG_GRAPH = 12_000  # nodes plus bend points above which the x passes run one round, not two

Point = tuple[float, float]


@dataclass
class Layout:
    positions: dict[Hashable, Point]  # node centre, scene units, y grows downward
    edge_routes: dict[tuple[Hashable, Hashable], list[Point]]  # source -> target polyline
    width: float
    height: float
    layers: dict[Hashable, int]  # 0 = the sources' end (top for "down", bottom for "up")
    crossings: int = 0  # edge crossings of the chosen order (segments between layers)
    sizes: dict[Hashable, Point] = field(default_factory=dict)  # (w, h) used per node


def layered_layout(graph: nx.DiGraph, *, node_size: Callable[[Hashable, dict], Point] | None = None,
                   rank_sep: float = 60.0, node_sep: float = 24.0, sweeps: int = 4,
                   previous: Layout | None = None, direction: str = "down") -> Layout:
    """Lay out a directed graph in layers.

    direction "down": sources at the top, sinks (the loss) at the bottom; "up" mirrors it.
    Edge routes start on the source box's border, pass through one bend point per layer
    crossed and end on the target box's border. A node on an edge that closes a cycle is
    laid out as if that edge were reversed. `previous`: nodes it knows start from their
    old x and are pulled toward it, so an expanded or refreshed graph keeps its shape.
    """
    if direction not in ("down", "up"):
        raise ValueError(f"direction must be 'down' or 'up', not {direction!r}")
    nodes = list(graph.nodes)
    n = len(nodes)
    if n == 0:
        return Layout({}, {}, 0.0, 0.0, {})
    index = {v: i for i, v in enumerate(nodes)}
    sizes = [_size(node_size, v, graph.nodes[v]) for v in nodes]
    edges, self_loops, src, dst = _edge_arrays(graph, index)

    # 1. Acyclic version; 2. dummy nodes on long edges.
    pairs = _acyclic_pairs(n, src, dst)
    chains = _dummy_chains(n, pairs)

    # 3. Seed order keys (old x where a previous layout knows the node), then sweeps.
    prev_x = _previous_x(previous, nodes)
    key, comp = _order_keys(n, pairs, chains, edges, previous, prev_x)
    orders, crossings = order_layers(chains.all_layer, chains.seg_src, chains.seg_dst, comp, key, sweeps)

    # 4. Coordinates.
    widths = [s[0] for s in sizes] + [0.0] * (chains.n_all - n)
    heights = [s[1] for s in sizes] + [0.0] * (chains.n_all - n)
    x = _x_positions(n, pairs, chains, orders, widths, comp, key, prev_x, node_sep)
    layer_y, top = _layer_centres_y(orders, heights, rank_sep)
    y = [layer_y[li] for li in chains.all_layer.tolist()]

    # 5. Shift into [0, width] x [0, height]; routes; mirror for "up".
    left, right = _horizontal_extent(x, widths, n)
    loop_w = node_sep / 2.0 if self_loops else 0.0
    width = right - left + loop_w
    height = top - rank_sep
    flip = direction == "up"

    def pt(px: float, py: float) -> Point:
        return (px - left, height - py if flip else py)

    positions = {v: pt(x[i], y[i]) for i, v in enumerate(nodes)}
    routes = _edge_routes(edges, pairs, chains, x, y, heights, pt)
    routes.update(_self_loop_routes(self_loops, positions, sizes, index, loop_w))
    layers = {v: int(li) for v, li in zip(nodes, pairs.layer.tolist())}
    return Layout(positions, routes, width, height, layers, crossings,
                  {v: sizes[i] for i, v in enumerate(nodes)})


@dataclass
class _Pairs:
    """The acyclic version of the graph: back edges reversed, duplicates merged into pairs
    (a->b plus a reversed b->a is one pair)."""
    back: np.ndarray  # per non-loop edge: reversed to break a cycle
    edge_to_pair: np.ndarray  # per non-loop edge: the pair it became
    src: np.ndarray  # per pair
    dst: np.ndarray  # per pair
    layer: np.ndarray  # per real node: longest path layer


@dataclass
class _Chains:
    """Each pair as a chain of unit segments, through one dummy node per layer it crosses.
    Dummy ids follow the real nodes (n, n + 1, ...), pair by pair."""
    extra: np.ndarray  # per pair: dummy nodes on it
    first_dummy: np.ndarray  # per pair: id of its first dummy
    n_all: int  # real + dummy nodes
    path_nodes: np.ndarray  # every pair's chain (source, dummies, target), concatenated
    path_start: np.ndarray  # where each pair's chain starts in path_nodes, plus the end
    seg_src: np.ndarray  # per unit segment
    seg_dst: np.ndarray  # per unit segment
    dummy_pair: np.ndarray  # pair that owns each dummy, in id order
    dummy_step: np.ndarray  # per dummy: layers below its pair's source
    all_layer: np.ndarray  # per node, dummies included


def _edge_arrays(graph: nx.DiGraph, index: dict[Hashable, int]) -> tuple[list, list, np.ndarray, np.ndarray]:
    """Edges without self-loops, the self-loops, and the edges' source and target indices."""
    edges = [(u, v) for u, v in graph.edges if u != v]
    self_loops = [(u, v) for u, v in graph.edges if u == v]
    src = np.fromiter((index[u] for u, _ in edges), dtype=np.int64, count=len(edges))
    dst = np.fromiter((index[v] for _, v in edges), dtype=np.int64, count=len(edges))
    return edges, self_loops, src, dst


def _acyclic_pairs(n: int, src: np.ndarray, dst: np.ndarray) -> _Pairs:
    """Reverse back edges, merge duplicates, layer by the longest path."""
    back = find_back_edges(n, src, dst)
    a_src, a_dst = np.where(back, dst, src), np.where(back, src, dst)
    pair_code, edge_to_pair = np.unique(a_src * n + a_dst, return_inverse=True)
    p_src, p_dst = pair_code // n, pair_code % n
    return _Pairs(back, edge_to_pair, p_src, p_dst, longest_path_layers(n, p_src, p_dst))


def _dummy_chains(n: int, pairs: _Pairs) -> _Chains:
    """One dummy node per layer crossed by a longer edge, chained into unit segments."""
    layer, p_src, p_dst = pairs.layer, pairs.src, pairs.dst
    extra = layer[p_dst] - layer[p_src] - 1
    first_dummy = n + np.concatenate([[0], np.cumsum(extra)[:-1]]) if len(extra) else extra
    n_all = n + int(extra.sum())
    path_len = extra + 2
    path_start = np.concatenate([[0], np.cumsum(path_len)])
    within = np.arange(path_start[-1]) - np.repeat(path_start[:-1], path_len)
    owner = np.repeat(np.arange(len(p_src)), path_len)
    path_nodes = np.where(within == 0, p_src[owner],
                          np.where(within == path_len[owner] - 1, p_dst[owner],
                                   first_dummy[owner] + within - 1)) if len(owner) else owner
    is_last = within == path_len[owner] - 1
    seg_src = path_nodes[:-1][~is_last[:-1]]
    seg_dst = path_nodes[1:][~is_last[:-1]]
    dummy_pair = owner[(within > 0) & ~is_last]  # pair that owns each dummy, in id order
    dummy_step = within[(within > 0) & ~is_last]
    all_layer = np.concatenate([layer, layer[p_src[dummy_pair]] + dummy_step])
    return _Chains(extra, first_dummy, n_all, path_nodes, path_start, seg_src, seg_dst,
                   dummy_pair, dummy_step, all_layer)


def _order_keys(n: int, pairs: _Pairs, chains: _Chains, edges: list, previous: Layout | None,
                prev_x: list[float | None] | None) -> tuple[np.ndarray, np.ndarray]:
    """Seed order key per node (dummies interpolate along their edge, or take the previous
    route's bend) and the rank of each node's connected part."""
    comp_real = weak_components(n, pairs.src, pairs.dst)
    key_real = _seed_from_previous(prev_x, n, pairs.src, pairs.dst) if prev_x is not None \
        else seed_keys(n, pairs.src, pairs.dst)
    dummy_pair = chains.dummy_pair
    frac = chains.dummy_step / (chains.extra[dummy_pair] + 1.0)
    key = np.concatenate([key_real, key_real[pairs.src[dummy_pair]] * (1 - frac)
                          + key_real[pairs.dst[dummy_pair]] * frac])
    if prev_x is not None:  # bends of edges the previous layout routed the same way
        _seed_bends_from_previous(previous, key, edges, pairs.edge_to_pair, pairs.back,
                                  chains.extra, chains.first_dummy)
    comp = _component_ranks(comp_real, key_real)[
        np.concatenate([comp_real, comp_real[pairs.src[dummy_pair]]])]
    return key, comp


def _component_ranks(comp_real: np.ndarray, key_real: np.ndarray) -> np.ndarray:
    """Rank of each connected part, parts sorted by their smallest order key."""
    comp_first = np.full(int(comp_real.max()) + 1, np.inf)
    np.minimum.at(comp_first, comp_real, key_real)
    return np.argsort(np.argsort(comp_first, kind="stable"), kind="stable")


def _x_positions(n: int, pairs: _Pairs, chains: _Chains, orders: list[list[int]], widths: list[float],
                 comp: np.ndarray, key: np.ndarray, prev_x: list[float | None] | None,
                 node_sep: float) -> list[float]:
    """x centre per node (dummies included); a previous layout seeds and pulls."""
    n_all = chains.n_all
    is_dummy = [False] * n + [True] * (n_all - n)
    up_nbrs: list[list[int]] = [[] for _ in range(n_all)]
    down_nbrs: list[list[int]] = [[] for _ in range(n_all)]
    for a, b in zip(chains.seg_src.tolist(), chains.seg_dst.tolist()):
        down_nbrs[a].append(b)
        up_nbrs[b].append(a)
    start_x = key.tolist() if prev_x is not None else None
    prev_all = (list(prev_x) + [None] * (n_all - n)) if prev_x is not None else None
    # Effort scales down on huge graphs (as dot's limits do): one round fewer of x passes.
    rounds = 2 if n_all <= BIG_GRAPH else 1
    return assign_x(orders, widths, is_dummy, up_nbrs, down_nbrs, comp.tolist(), node_sep,
                    start_x=start_x, previous_x=prev_all, rounds=rounds,
                    pendant=pendant_mask(n, pairs.src, pairs.dst).tolist() + [False] * (n_all - n))


def _layer_centres_y(orders: list[list[int]], heights: list[float], rank_sep: float) -> tuple[list[float], float]:
    """y centre per layer (each as tall as its tallest box) and the y just past the last
    layer plus rank_sep."""
    layer_y = []
    top = 0.0
    for members in orders:
        h = max((heights[v] for v in members), default=0.0)
        layer_y.append(top + h / 2.0)
        top += h + rank_sep
    return layer_y, top


def _horizontal_extent(x: list[float], widths: list[float], n: int) -> tuple[float, float]:
    """Leftmost and rightmost x covered by a real node's box or a dummy node."""
    left = min(x[v] - widths[v] / 2.0 for v in range(n))
    right = max(x[v] + widths[v] / 2.0 for v in range(n))
    if len(x) > n:
        left, right = min(left, min(x[n:])), max(right, max(x[n:]))
    return left, right


def _edge_routes(edges: list, pairs: _Pairs, chains: _Chains, x: list[float], y: list[float],
                 heights: list[float], pt: Callable[[float, float], Point]
                 ) -> dict[tuple[Hashable, Hashable], list[Point]]:
    """Per edge: from the source box's border, through its pair's bends, to the target's border."""
    path_list = chains.path_nodes.tolist()
    starts = chains.path_start.tolist()
    points = [pt(px, py) for px, py in zip(x, y)]  # once per node, not once per edge end
    routes: dict[tuple[Hashable, Hashable], list[Point]] = {}
    for (u, v), pi, rev in zip(edges, pairs.edge_to_pair.tolist(), pairs.back.tolist()):
        path = path_list[starts[pi]:starts[pi + 1]]
        if rev:
            path = path[::-1]
        pts = [points[k] for k in path]
        pts[0] = _border(pts[0], pts[1], heights[path[0]])
        pts[-1] = _border(pts[-1], pts[-2], heights[path[-1]])
        routes[(u, v)] = pts
    return routes


def _self_loop_routes(self_loops: list, positions: dict[Hashable, Point], sizes: list[Point],
                      index: dict[Hashable, int], loop_w: float) -> dict[tuple[Hashable, Hashable], list[Point]]:
    """A small rectangular loop off each such node's right side."""
    routes: dict[tuple[Hashable, Hashable], list[Point]] = {}
    for u, v in self_loops:
        cx, cy = positions[u]
        w, h = sizes[index[u]]
        ex, q = cx + w / 2.0, h / 4.0
        routes[(u, v)] = [(ex, cy - q), (ex + loop_w, cy - q), (ex + loop_w, cy + q), (ex, cy + q)]
    return routes


def count_crossings(layout: Layout, graph: nx.DiGraph) -> int:
    """Edge crossings in a layout, counted between consecutive layers.

    Each edge is followed through every layer it spans (its route read at that layer's
    height); two edges cross between layers when their order there flips. Works for any
    Layout, including one read back from Graphviz, whose routes are splines.
    """
    layer_of = layout.layers
    if not layer_of:
        return 0
    n_layers = max(layer_of.values()) + 1
    sums = np.zeros(n_layers)
    counts = np.zeros(n_layers)
    for v, li in layer_of.items():
        sums[li] += layout.positions[v][1]
        counts[li] += 1
    layer_y = np.divide(sums, counts, out=np.full(n_layers, np.nan), where=counts > 0)
    seg_layer, x_top, x_bottom = [], [], []
    for u, v in graph.edges:
        if u == v or u not in layer_of or v not in layer_of:
            continue
        lu, lv = layer_of[u], layer_of[v]
        if lu == lv:
            continue
        (a, b) = (u, v) if lu < lv else (v, u)
        la, lb = min(lu, lv), max(lu, lv)
        xs = [layout.positions[a][0]]
        route = layout.edge_routes.get((u, v))
        if lb - la > 1:
            mid = layer_y[la + 1:lb]
            if route and len(route) >= 2:
                r = np.asarray(route, dtype=np.float64)
                o = np.argsort(r[:, 1], kind="stable")
                xs.extend(np.interp(mid, r[o, 1], r[o, 0]).tolist())
            else:  # no route: a straight line between the centres
                (ax, ay), (bx, by) = layout.positions[a], layout.positions[b]
                xs.extend(np.interp(mid, sorted([ay, by]),
                                    [ax, bx] if ay <= by else [bx, ax]).tolist())
        xs.append(layout.positions[b][0])
        for k in range(len(xs) - 1):
            seg_layer.append(la + k)
            x_top.append(xs[k])
            x_bottom.append(xs[k + 1])
    if len(seg_layer) < 2:
        return 0
    _, rank = np.unique(np.concatenate([x_top, x_bottom]), return_inverse=True)
    m = len(x_top)
    return count_segment_crossings(np.asarray(seg_layer, dtype=np.int64), rank[:m], rank[m:])


def _size(node_size, v, attrs) -> Point:
    if node_size is None:
        return DEFAULT_NODE_SIZE
    w, h = node_size(v, attrs)
    return (float(w), float(h))


def _border(p: Point, toward: Point, h: float) -> Point:
    """Where a line from a box centre leaves through the top or bottom side."""
    dy = toward[1] - p[1]
    if dy == 0:
        return p
    return (p[0], p[1] + (h / 2.0 if dy > 0 else -h / 2.0))


def _previous_x(previous: Layout | None, nodes: list) -> list[float | None] | None:
    if previous is None or not previous.positions:
        return None
    old = previous.positions
    xs = [old[v][0] if v in old else None for v in nodes]
    return xs if any(x is not None for x in xs) else None


def _seed_from_previous(prev_x: list[float | None], n: int, src: np.ndarray,
                        dst: np.ndarray) -> np.ndarray:
    """Order keys in scene x: old x where known; new nodes take the mean x of known
    neighbours (spreading a few steps); the rest go to the right in walk order."""
    key = np.array([np.nan if v is None else v for v in prev_x], dtype=np.float64)
    a = np.concatenate([src, dst])
    b = np.concatenate([dst, src])
    for _ in range(4):
        unknown = np.isnan(key)
        if not unknown.any():
            break
        known_from = ~np.isnan(key[a])
        s = np.bincount(b[known_from], weights=key[a][known_from], minlength=n)
        c = np.bincount(b[known_from], minlength=n)
        fill = unknown & (c > 0)
        key[fill] = s[fill] / c[fill]
    unknown = np.isnan(key)
    if unknown.any():
        walk = seed_keys(n, src, dst)
        key[unknown] = np.nanmax(key) + 1.0 + walk[unknown]
    return key


def _seed_bends_from_previous(previous: Layout, key: np.ndarray, edges, edge_to_pair,
                              back, extra, first_dummy) -> None:
    """Dummy nodes take the x of the matching bend of the edge's previous route, when the
    edge crossed as many layers then, so an unchanged picture keeps its crossings."""
    done = set()
    for (u, v), pi, rev in zip(edges, edge_to_pair.tolist(), back.tolist()):
        k = int(extra[pi])
        if k == 0 or pi in done:
            continue
        route = previous.edge_routes.get((u, v))
        if route is None or len(route) != k + 2:
            continue
        done.add(pi)
        bends = [p[0] for p in route[1:-1]]
        key[int(first_dummy[pi]):int(first_dummy[pi]) + k] = bends[::-1] if rev else bends
