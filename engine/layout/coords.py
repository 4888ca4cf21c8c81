"""Layout step 3: x coordinates that keep each layer's order and spacing.

A light priority method: passes down and up the layers pull every node toward the mean
x of its neighbours in the layer just placed (dummy nodes pull hardest, so long edges run
straight), and each layer is then solved exactly as a weighted isotonic regression
(pool-adjacent-violators): the closest positions to the wishes that keep the order and
the minimum gaps. O(nodes + edges) per pass.
"""
from __future__ import annotations

DUMMY_WEIGHT = 8.0  # how much harder a long edge's bend point pulls than a real node
PREVIOUS_WEIGHT = 8.0  # pull toward a node's place in the previous layout
IDLE_WEIGHT = 0.25  # a node with no neighbour on the pass's side mostly stays put
OTHER_SIDE = 0.25  # weight of the far side's neighbours in a directional pass
LEAF_WEIGHT = 0.25  # a node in a pendant tree (parameter leaf) yields to the main chain


def _place_layer(members, desired, weights, gaps):
    """Positions closest to `desired` (weighted least squares) with
    x[i+1] - x[i] >= gaps[i]; isotonic regression on desired minus the running gap sum."""
    offset = 0.0
    offsets = []
    vals: list[float] = []
    wts: list[float] = []
    counts: list[int] = []
    for i in range(len(members)):
        if i:
            offset += gaps[i - 1]
        offsets.append(offset)
        v = desired[i] - offset
        w = weights[i]
        c = 1
        while vals and vals[-1] > v:  # pool with the block before until the order holds
            pw = wts.pop()
            v = (vals.pop() * pw + v * w) / (pw + w)
            w += pw
            c += counts.pop()
        vals.append(v)
        wts.append(w)
        counts.append(c)
    out = []
    i = 0
    for v, c in zip(vals, counts):
        for _ in range(c):
            out.append(v + offsets[i])
            i += 1
    return out


def assign_x(orders: list[list[int]], widths: list[float], is_dummy: list[bool],
             up_nbrs: list[list[int]], down_nbrs: list[list[int]], comp: list[int],
             node_sep: float, start_x: list[float] | None = None,
             previous_x: list[float | None] | None = None, pendant: list[bool] | None = None,
             rounds: int = 2) -> list[float]:
    """x centre per node id. `start_x` (optional) seeds the positions (e.g. from a
    previous layout); `previous_x` adds a pull toward those places for nodes that had one;
    `pendant` marks leaf trees that should give way to the main chain."""
    gaps_per_layer = _layer_gaps(orders, widths, is_dummy, comp, node_sep)
    x = _initial_x(orders, gaps_per_layer, len(widths), start_x)
    priority = _node_priorities(up_nbrs, down_nbrs, pendant)
    for layer_seq, main, other, lam in _pass_schedule(len(orders), up_nbrs, down_nbrs, rounds):
        for li in layer_seq:
            members = orders[li]
            desired, weights = _layer_wishes(members, x, main, other, lam, is_dummy, priority, previous_x)
            if len(members) == 1:
                x[members[0]] = desired[0]
                continue
            for v, p in zip(members, _place_layer(members, desired, weights, gaps_per_layer[li])):
                x[v] = p
    return x


def _layer_gaps(orders: list[list[int]], widths: list[float], is_dummy: list[bool],
                comp: list[int], node_sep: float) -> list[list[float]]:
    """Minimum centre-to-centre distance between each pair of neighbours in a layer."""
    gaps_per_layer = []
    for members in orders:
        gaps = []
        for a, b in zip(members, members[1:]):
            if comp[a] != comp[b]:
                sep = 2.0 * node_sep  # keep separate graphs visibly apart
            elif is_dummy[a] and is_dummy[b]:
                sep = 0.5 * node_sep  # parallel long edges may run closer
            else:
                sep = node_sep
            gaps.append((widths[a] + widths[b]) / 2.0 + sep)
        gaps_per_layer.append(gaps)
    return gaps_per_layer


def _initial_x(orders: list[list[int]], gaps_per_layer: list[list[float]], n: int,
               start_x: list[float] | None) -> list[float]:
    """Starting x: each layer packed tight and centred on 0, or as near `start_x` as the gaps allow."""
    x = [0.0] * n
    for members, gaps in zip(orders, gaps_per_layer):
        if start_x is None:
            desired = [0.0] * len(members)
        else:
            desired = [start_x[v] for v in members]
        placed = _place_layer(members, desired, [1.0] * len(members), gaps)
        if start_x is None and placed:  # centre each packed layer on 0
            shift = (placed[0] + placed[-1]) / 2.0
            placed = [p - shift for p in placed]
        for v, p in zip(members, placed):
            x[v] = p
    return x


def _node_priorities(up_nbrs: list[list[int]], down_nbrs: list[list[int]],
                     pendant: list[bool] | None) -> list[float]:
    """How hard each real node holds its line: its degree, or LEAF_WEIGHT in a pendant tree.

    The main chain of ops holds its line and pendant leaves (parameters, their
    AccumulateGrad tails) step aside, so small sideways pushes do not add up,
    block after block, into a slanted picture.
    """
    return [LEAF_WEIGHT if pendant is not None and pendant[v] else float(len(up) + len(down))
            for v, (up, down) in enumerate(zip(up_nbrs, down_nbrs))]


def _pass_schedule(n_layers: int, up_nbrs: list[list[int]], down_nbrs: list[list[int]],
                   rounds: int) -> list[tuple[range, list[list[int]], list[list[int]], float]]:
    """The passes as (layers in visiting order, neighbours it follows, other side, that side's weight).

    Each pass listens mostly to the layer it just placed and a little to the other
    side: purely one-sided passes let tiny offsets pile up along a long chain. A last
    top-down pass weighs both sides equally.
    """
    down = range(1, n_layers)
    up = range(n_layers - 2, -1, -1)
    schedule = [(down, up_nbrs, down_nbrs), (up, down_nbrs, up_nbrs)] * rounds
    schedule.append((range(n_layers), up_nbrs, down_nbrs))
    lams = [OTHER_SIDE] * (2 * rounds) + [1.0]
    return [(layer_seq, main, other, lam) for (layer_seq, main, other), lam in zip(schedule, lams)]


def _layer_wishes(members: list[int], x: list[float], main: list[list[int]], other: list[list[int]],
                  lam: float, is_dummy: list[bool], priority: list[float],
                  previous_x: list[float | None] | None) -> tuple[list[float], list[float]]:
    """Desired x and weight per layer member: the mean x of its neighbours (`main` fully,
    `other` by `lam`), blended with its previous place; no neighbours: stay put, lightly."""
    desired = []
    weights = []
    for v in members:
        s = 0.0
        for u in main[v]:
            s += x[u]
        c = float(len(main[v]))
        if lam and other[v] and not is_dummy[v]:  # bends follow the layer placed
            t = 0.0
            for u in other[v]:
                t += x[u]
            s += lam * t
            c += lam * len(other[v])
        if c:
            d = s / c
            w = c * (DUMMY_WEIGHT if is_dummy[v] else priority[v])
        else:
            d = x[v]
            w = IDLE_WEIGHT
        if previous_x is not None:
            px = previous_x[v]
            if px is not None:
                d = (d * w + px * PREVIOUS_WEIGHT) / (w + PREVIOUS_WEIGHT)
                w += PREVIOUS_WEIGHT
        desired.append(d)
        weights.append(w)
    return desired, weights
