"""Layout step 2: order the nodes inside each layer to cut edge crossings.

Iterated barycenter sweeps (down, then up) from a seed order, keeping the order with the
fewest crossings seen. Layers are mostly tiny in computation graphs (a long chain of ops
with a parameter or two beside each), so the sweeps run as plain Python over adjacency
lists, which beats per-layer numpy calls there; crossings are counted in one vectorised
pass over all edges.
"""
from __future__ import annotations

import numpy as np


def count_inversions(values: np.ndarray) -> int:
    """Pairs i < j with values[i] > values[j] (bottom-up merge sort in numpy, O(n log^2 n))."""
    a = np.asarray(values, dtype=np.int64)
    n = len(a)
    if n < 2:
        return 0
    a = a - a.min()
    span = int(a.max()) + 1
    idx = np.arange(n)
    total = 0
    width = 1
    while width < n:
        block = idx // width  # a is sorted inside every block of this width
        pair = block >> 1
        right = (block & 1).astype(bool)
        key = pair * span + a  # keys rise with the pair, so all left halves sort globally
        left_keys = key[~right]
        right_keys = key[right]
        if len(right_keys):
            at_or_below = np.searchsorted(left_keys, right_keys, side="right")
            left_end = np.searchsorted(left_keys, (pair[right] + 1) * span, side="left")
            total += int((left_end - at_or_below).sum())  # left values > each right value
        a = a[np.argsort(key, kind="stable")]  # merge each pair of blocks in place
        width *= 2
    return total


def count_segment_crossings(layer_of_src: np.ndarray, pos_src: np.ndarray,
                            pos_dst: np.ndarray) -> int:
    """Crossings among segments that join adjacent layers, given in-layer positions.

    Two segments between the same pair of layers cross when their ends come in opposite
    orders; sorting by (layer, source position, target position) and counting inversions
    of the target positions counts exactly those pairs (shared ends are not crossings).
    """
    if len(pos_src) < 2:
        return 0
    order = np.lexsort((pos_dst, pos_src, layer_of_src))
    span = int(pos_dst.max()) + 1
    # Offsetting by layer keeps segments of different layer gaps from ever counting.
    return count_inversions(layer_of_src[order] * span + pos_dst[order])


def seed_keys(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """A first in-layer order: discovery time of a depth-first walk up from the sinks.

    Walking up from the loss keeps each chain of ops and the parameters it consumes
    next to each other in the order.
    """
    key = np.zeros(n, dtype=np.float64)
    if n == 0:
        return key
    order = np.argsort(dst, kind="stable")
    starts = np.searchsorted(dst[order], np.arange(n + 1)).tolist()
    preds = src[order].tolist()
    outdeg = np.bincount(src, minlength=n)
    roots = np.concatenate([np.flatnonzero(outdeg == 0), np.flatnonzero(outdeg > 0)]).tolist()
    seen = bytearray(n)
    t = 0
    for root in roots:
        if seen[root]:
            continue
        stack = [root]
        while stack:
            v = stack.pop()
            if seen[v]:
                continue
            seen[v] = 1
            key[v] = t
            t += 1
            # Reversed so the first predecessor is visited first.
            stack.extend(preds[p] for p in range(starts[v + 1] - 1, starts[v] - 1, -1))
    return key


def _crossings(orders: list[list[int]], n: int, seg_src: np.ndarray, seg_dst: np.ndarray,
               layer: np.ndarray) -> int:
    pos_l = [0] * n
    for members in orders:
        for i, v in enumerate(members):
            pos_l[v] = i
    pos = np.asarray(pos_l, dtype=np.int64)
    return count_segment_crossings(layer[seg_src], pos[seg_src], pos[seg_dst])


def _sweep(orders, layer_seq, nbrs, rel, comp):
    """One barycenter pass: reorder each layer by the mean position of its neighbours in
    the layer just visited; nodes without such neighbours keep their place."""
    for li in layer_seq:
        members = orders[li]
        count = len(members)
        if count < 2:
            continue
        keyed = []
        for i, v in enumerate(members):
            nb = nbrs[v]
            if nb:
                s = 0.0
                for u in nb:
                    s += rel[u]
                bary = s / len(nb)
            else:
                bary = rel[v]
            keyed.append((comp[v], bary, i, v))
        keyed.sort()
        new = [k[3] for k in keyed]
        orders[li] = new
        for i, v in enumerate(new):
            rel[v] = (i + 0.5) / count  # relative place, comparable across layer widths


def order_layers(layer: np.ndarray, seg_src: np.ndarray, seg_dst: np.ndarray,
                 comp: np.ndarray, key: np.ndarray, sweeps: int) -> tuple[list[list[int]], int]:
    """In-layer orders (one list of node ids per layer) and their crossing count.

    Seed: sort each layer by (component, key); then `sweeps` rounds of a downward and an
    upward barycenter pass. Every round's result is scored and the best kept, so the
    result never has more crossings than the seed (which matters when the seed is a
    previous layout the user already knows). A round that changes nothing ends the search.
    """
    n = len(layer)
    n_layers = int(layer.max()) + 1 if n else 0
    orders: list[list[int]] = [[] for _ in range(n_layers)]
    for v in np.lexsort((key, comp, layer)).tolist():
        orders[layer[v]].append(v)
    up_nbrs: list[list[int]] = [[] for _ in range(n)]
    down_nbrs: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(seg_src.tolist(), seg_dst.tolist()):
        down_nbrs[a].append(b)
        up_nbrs[b].append(a)
    rel = [0.0] * n
    for members in orders:
        for i, v in enumerate(members):
            rel[v] = (i + 0.5) / len(members)
    comp_l = comp.tolist()

    best = [list(m) for m in orders]
    best_cross = _crossings(orders, n, seg_src, seg_dst, layer)
    for _ in range(sweeps):
        if best_cross == 0:
            break
        before = [list(m) for m in orders]
        for layer_seq, nbrs in ((range(1, n_layers), up_nbrs),
                                (range(n_layers - 2, -1, -1), down_nbrs)):
            _sweep(orders, layer_seq, nbrs, rel, comp_l)
            cross = _crossings(orders, n, seg_src, seg_dst, layer)
            if cross < best_cross:
                best, best_cross = [list(m) for m in orders], cross
        if orders == before:
            break  # a fixed point: more rounds would repeat it
    return best, best_cross
