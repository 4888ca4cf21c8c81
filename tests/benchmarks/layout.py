"""Benchmark: our layered layout vs Graphviz `dot -Tplain` on the GPT autograd graph.

Run: python tests/benchmarks/layout.py
Builds the autograd graph of a cheap GPT (the graph's shape depends on n_layers, not on
the widths) at 12, 24 and 48 layers, lays it out with both in the same run on the same
nodes, edges and box sizes, and prints human lines, then one JSON line. Times are the
best of a few repeats (the machine is shared); crossings are counted the same way for
both (for dot, its splines are read at each rank's height, so that count is approximate).
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import networkx as nx  # noqa: E402
import torch  # noqa: E402

from engine.config import GPTConfig  # noqa: E402
from engine.models.gpt import GPTModel  # noqa: E402
from engine.tracing.backward_graph import build_backward_graph  # noqa: E402
from engine.layout import DEFAULT_NODE_SIZE, Layout, count_crossings, layered_layout  # noqa: E402

LAYER_COUNTS = (12, 24, 48)
RANK_SEP, NODE_SEP = 60.0, 24.0
POINTS_PER_INCH = 72.0


def gpt_autograd_graph(n_layers: int) -> nx.DiGraph:
    cfg = GPTConfig(vocab_size=50257, context_length=16, emb_dim=16, n_heads=2,
                    n_layers=n_layers, drop_rate=0.0, qkv_bias=False)
    torch.manual_seed(0)
    model = GPTModel(cfg)
    x = torch.randint(0, cfg.vocab_size, (1, 8))  # (b, num_tokens)
    y = torch.randint(0, cfg.vocab_size, (1, 8))
    logits = model(x)  # (b, num_tokens, vocab_size)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), y.flatten())
    g = build_backward_graph(loss, model)
    g.graph.clear()  # drop live autograd objects; the layout needs nodes and edges only
    return g


def write_dot(g: nx.DiGraph, path: Path) -> list:
    """Same nodes, edges and box sizes as ours; returns the node order (dot name = n<i>)."""
    nodes = list(g.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    w, h = (s / POINTS_PER_INCH for s in DEFAULT_NODE_SIZE)
    lines = ["digraph G {",
             f"  nodesep={NODE_SEP / POINTS_PER_INCH:.4f}; ranksep={RANK_SEP / POINTS_PER_INCH:.4f};",
             f"  node [shape=box, fixedsize=true, width={w:.4f}, height={h:.4f}];"]
    lines += [f'  n{index[v]} [label="{g.nodes[v].get("op", v)}"];' for v in nodes]
    lines += [f"  n{index[u]} -> n{index[v]};" for u, v in g.edges]
    lines.append("}")
    path.write_text("\n".join(lines))
    return nodes


def run_dot(dot: str, path: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    out = subprocess.run([dot, "-Tplain", str(path)], check=True, capture_output=True, text=True)
    return time.perf_counter() - t0, out.stdout


def layout_from_plain(plain: str, nodes: list) -> Layout:
    """Read dot's plain output back as a Layout (y flipped to grow downward, in points)."""
    positions, routes, ys = {}, {}, {}
    height = width = 0.0
    s = POINTS_PER_INCH
    for line in plain.splitlines():
        parts = shlex.split(line)
        if not parts:
            continue
        if parts[0] == "graph":
            width, height = float(parts[2]) * s, float(parts[3]) * s
        elif parts[0] == "node":
            v = nodes[int(parts[1][1:])]
            positions[v] = (float(parts[2]) * s, height - float(parts[3]) * s)
            ys[v] = positions[v][1]
        elif parts[0] == "edge":
            u, v = nodes[int(parts[1][1:])], nodes[int(parts[2][1:])]
            k = int(parts[3])
            coords = [float(c) for c in parts[4:4 + 2 * k]]
            routes[(u, v)] = [(coords[i] * s, height - coords[i + 1] * s) for i in range(0, 2 * k, 2)]
    rank_of_y = {y: r for r, y in enumerate(sorted(set(round(y, 3) for y in ys.values())))}
    layers = {v: rank_of_y[round(y, 3)] for v, y in ys.items()}
    return Layout(positions, routes, width, height, layers)


def best_time(fn, repeats: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> int:
    dot = shutil.which("dot")
    if dot is None:
        print("Graphviz `dot` not found: timing ours only, dot keys are null.")
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n_layers in LAYER_COUNTS:
            g = gpt_autograd_graph(n_layers)
            ours_s, layout = best_time(
                lambda: layered_layout(g, rank_sep=RANK_SEP, node_sep=NODE_SEP), 5)
            results[f"nodes_{n_layers}"] = g.number_of_nodes()
            results[f"edges_{n_layers}"] = g.number_of_edges()
            results[f"ours_s_{n_layers}"] = round(ours_s, 4)
            results[f"crossings_ours_{n_layers}"] = count_crossings(layout, g)
            results[f"width_ours_{n_layers}"] = round(layout.width)
            line = (f"{n_layers:>2} layers: {g.number_of_nodes():>5} nodes, "
                    f"{g.number_of_edges():>5} edges | ours {ours_s:.3f} s, "
                    f"{results[f'crossings_ours_{n_layers}']} crossings, "
                    f"{len(set(layout.layers.values()))} ranks, width {layout.width:.0f}")
            dot_s = dot_cross = ratio = dot_width = None
            if dot is not None:
                path = Path(tmp) / f"gpt_{n_layers}.dot"
                nodes = write_dot(g, path)
                dot_s, plain = best_time(lambda: run_dot(dot, path), 2 if n_layers < 48 else 1)
                dot_layout = layout_from_plain(plain[1], nodes)
                dot_cross = count_crossings(dot_layout, g)
                dot_width = round(dot_layout.width)
                ratio = ours_s / dot_s
                line += (f" | dot {dot_s:.3f} s, ~{dot_cross} crossings, "
                         f"{len(set(dot_layout.layers.values()))} ranks, width {dot_layout.width:.0f} | ours/dot = {ratio:.3f}")
            results[f"dot_s_{n_layers}"] = None if dot_s is None else round(dot_s, 4)
            results[f"crossings_dot_{n_layers}"] = dot_cross
            results[f"width_dot_{n_layers}"] = dot_width
            results[f"ratio_vs_dot_{n_layers}"] = None if ratio is None else round(ratio, 4)
            print(line, flush=True)
    results["cpu_count"] = os.cpu_count()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
