"""Layout step 1: break cycles, assign layers, find connected parts.

Works on integer node ids 0..n-1 and edge arrays (src, dst); plain Python loops are
O(nodes + edges) and numpy does the bulk array work.
"""
from __future__ import annotations

import numpy as np


def _csr(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[list[int], list[int]]:
    """Out-adjacency as (starts, targets) lists: targets[starts[v]:starts[v+1]] follow v."""
    order = np.argsort(src, kind="stable")
    starts = np.searchsorted(src[order], np.arange(n + 1)).tolist()
    return starts, dst[order].tolist()


def find_back_edges(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Mask of edges to reverse so the graph becomes acyclic (DFS back edges).

    Depth-first search starts from the sources first, so the edges that get reversed are
    the ones that really point "backwards" against the flow. Returns all-False for a DAG.
    """
    back = np.zeros(len(src), dtype=bool)
    if len(src) == 0:
        return back
    order = np.argsort(src, kind="stable")
    starts = np.searchsorted(src[order], np.arange(n + 1)).tolist()
    edge_at = order.tolist()
    dst_l = dst.tolist()
    indeg = np.bincount(dst, minlength=n)
    roots = np.concatenate([np.flatnonzero(indeg == 0), np.flatnonzero(indeg > 0)]).tolist()
    state = bytearray(n)  # 0 unseen, 1 on the DFS stack, 2 done
    ptr = starts[:-1]
    for root in roots:
        if state[root]:
            continue
        state[root] = 1
        stack = [root]
        while stack:
            v = stack[-1]
            p = ptr[v]
            if p < starts[v + 1]:
                ptr[v] = p + 1
                e = edge_at[p]
                w = dst_l[e]
                if state[w] == 0:
                    state[w] = 1
                    stack.append(w)
                elif state[w] == 1:
                    back[e] = True
            else:
                state[v] = 2
                stack.pop()
    return back


def longest_path_layers(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Layer of each node in an acyclic graph, 0 = top, every edge pointing downward.

    Layer by the longest path to a sink, so a source (a parameter, an input) sits in the
    layer just above its first consumer instead of every source crowding layer 0. Then
    each sink moves up to just below its lowest producer, so leaves hug their producers
    too (the backward graph has one AccumulateGrad sink per parameter). Empty layers are
    squeezed out.
    """
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts, targets = _csr(n, src, dst)
    outdeg = np.diff(np.asarray(starts))
    # Reverse topological order (Kahn on the reversed graph): sinks first.
    pstarts, preds = _csr(n, dst, src)
    remaining = outdeg.tolist()
    height = [0] * n
    queue = np.flatnonzero(outdeg == 0).tolist()
    for v in queue:  # the list grows while we walk it
        hv = height[v] + 1
        for p in range(pstarts[v], pstarts[v + 1]):
            u = preds[p]
            if height[u] < hv:
                height[u] = hv
            remaining[u] -= 1
            if remaining[u] == 0:
                queue.append(u)
    if len(queue) != n:
        raise ValueError("longest_path_layers needs an acyclic graph")
    h = np.asarray(height, dtype=np.int64)
    layer = h.max() - h
    # Tails: a sink, or a node with one producer whose successors are all tails. The
    # longest-path rule pushes them to the bottom; hang them just below their producer.
    tail = _tails(n, starts, targets, pstarts, queue)
    if any(tail):
        layer_l = layer.tolist()
        for v in reversed(queue):  # producers first
            if tail[v]:
                layer_l[v] = max(layer_l[preds[p]] for p in range(pstarts[v], pstarts[v + 1])) + 1
        layer = np.asarray(layer_l, dtype=np.int64)
    _, layer = np.unique(layer, return_inverse=True)  # squeeze out empty layers
    return layer.astype(np.int64)


def _tails(n: int, starts: list[int], targets: list[int], pstarts: list[int],
           sinks_first: list[int]) -> bytearray:
    """Nodes that end the graph in a pendant tree: sinks, and single-producer nodes
    whose successors are all tails (e.g. TBackward0 -> AccumulateGrad)."""
    tail = bytearray(n)
    for v in sinks_first:  # successors are decided before their producer
        indeg = pstarts[v + 1] - pstarts[v]
        if indeg == 0:
            continue
        if starts[v] == starts[v + 1]:
            tail[v] = 1
        elif indeg == 1 and all(tail[targets[p]] for p in range(starts[v], starts[v + 1])):
            tail[v] = 1
    return tail


def pendant_mask(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """True for nodes in pendant trees at either end of an acyclic graph: tails (see
    _tails) and heads (sources and single-consumer chains into the graph, such as a
    parameter feeding one op). The layout lets these step aside for the main chain."""
    if n == 0:
        return np.zeros(0, dtype=bool)
    mask = np.zeros(n, dtype=bool)
    for a, b in ((src, dst), (dst, src)):
        starts, targets = _csr(n, a, b)
        pstarts, _ = _csr(n, b, a)
        outdeg = np.diff(np.asarray(starts))
        order = np.argsort(b, kind="stable")
        preds = a[order].tolist()
        remaining = outdeg.tolist()
        queue = np.flatnonzero(outdeg == 0).tolist()
        for v in queue:  # reverse topological order: sinks first
            for p in range(pstarts[v], pstarts[v + 1]):
                u = preds[p]
                remaining[u] -= 1
                if remaining[u] == 0:
                    queue.append(u)
        mask |= np.frombuffer(bytes(_tails(n, starts, targets, pstarts, queue)), dtype=np.uint8) > 0
    return mask


def weak_components(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Component id per node (union-find with path halving), ids in first-seen order."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(src.tolist(), dst.tolist()):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = np.fromiter((find(v) for v in range(n)), dtype=np.int64, count=n)
    _, comp = np.unique(roots, return_inverse=True)
    return comp.astype(np.int64)
