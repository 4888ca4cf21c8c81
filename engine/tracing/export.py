"""Write a traced step as JSON, GraphML or DOT (and read DOT back, for checks).

JSON keeps everything a reader needs: nodes (id, kind, op, shapes, module, value or
gradient summary with the numbers of small tensors), edges, and the recorded backward
execution order. GraphML and DOT carry the graph with scalar attributes only.
"""
from __future__ import annotations

import io
import json
import math
import re
from dataclasses import asdict, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from ..safe_write import write_file_atomic
from .hierarchy import collapsed_view, expandable_modules, is_group_id
from .types import TensorSummary, TraceResult

FORMATS = ("json", "graphml", "dot")
GRAPHS = ("both", "forward", "backward")


# ------------------------------------------------------------------ plain values

def _num(x: float) -> float | str:
    """JSON has no inf/nan: keep them readable as strings."""
    if isinstance(x, float) and not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    return x


def _plain(x: Any) -> Any:
    if isinstance(x, Enum):
        return x.value
    if isinstance(x, TensorSummary):
        return summary_dict(x)
    if is_dataclass(x) and not isinstance(x, type):
        return _plain(asdict(x))
    if isinstance(x, np.ndarray):
        return _plain(x.tolist())
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (np.floating, float)):
        return _num(float(x))
    if isinstance(x, np.integer):
        return int(x)
    return x


def summary_dict(s: TensorSummary) -> dict[str, Any]:
    return {"shape": list(s.shape), "dtype": s.dtype, "norm": _num(s.norm), "min": _num(s.min),
            "max": _num(s.max), "mean": _num(s.mean), "std": _num(s.std),
            "hist_counts": s.hist_counts.tolist(), "hist_edges": _plain(s.hist_edges),
            "values": _plain(s.values) if s.values is not None else None}


# ------------------------------------------------------------------ one graph to export

def expanded_to_depth(graph: nx.DiGraph, depth: int | None) -> set[str]:
    """Module paths up to `depth` levels deep stay expanded; deeper ones collapse."""
    modules = expandable_modules(graph)
    if depth is None:
        return set(modules)
    return {m for m in modules if m.count(".") + 1 <= depth}


def export_graph(trace: TraceResult, which: str = "both",
                 collapse_depth: int | None = None) -> nx.DiGraph:
    """The graph to write: forward, backward or both (disjoint ids; backward groups get
    a "bgroup:" prefix), with gradient/value summaries attached as node attrs
    "value" / "grad_in" / "grad_out" and the execution index in "order"."""
    if which not in GRAPHS:
        raise ValueError(f"graph must be one of {', '.join(GRAPHS)}, not {which!r}.")
    steps = {s.node_id: s for s in trace.backward_steps}
    ops = {op.node_id: op for op in trace.forward_ops}
    out = nx.DiGraph(scenario=trace.scenario, loss=trace.loss)
    if which in ("both", "forward"):
        g = trace.forward_graph.copy()
        for nid, data in g.nodes(data=True):
            data["graph"] = "forward"
            if nid in ops and ops[nid].value is not None:
                data["value"] = ops[nid].value
        if collapse_depth is not None:
            g = collapsed_view(g, expanded_to_depth(g, collapse_depth))
        for u, v, d in g.edges(data=True):
            d["graph"] = "forward"
        out.update(g)
    if which in ("both", "backward"):
        g = trace.backward_graph.copy()
        for nid, data in g.nodes(data=True):
            data["graph"] = "backward"
            if nid in steps:
                data["grad_in"] = steps[nid].grad_in
                data["grad_out"] = steps[nid].grad_out
                if steps[nid].chain:
                    data["chain"] = steps[nid].chain
        if collapse_depth is not None:
            g = collapsed_view(g, expanded_to_depth(g, collapse_depth))
            if which == "both":
                g = nx.relabel_nodes(g, {n: backward_group_id(n) for n in g if is_group_id(n)})
            for _, data in g.nodes(data=True):
                data["graph"] = "backward"
        for u, v, d in g.edges(data=True):
            d["graph"] = "backward"
        out.update(g)
    for nid, data in out.nodes(data=True):
        data.setdefault("graph", "forward")
    return out


def backward_group_id(group_node: str) -> str:
    """Id of a backward-graph group in a "both" export (forward groups keep theirs)."""
    return "b" + group_node


# ------------------------------------------------------------------ JSON

def trace_to_json(trace: TraceResult, which: str = "both",
                  collapse_depth: int | None = None) -> dict[str, Any]:
    g = export_graph(trace, which, collapse_depth)
    nodes = [{"id": n, **{k: _plain(v) for k, v in d.items()}} for n, d in g.nodes(data=True)]
    edges = [{"source": u, "target": v, **{k: _plain(x) for k, x in d.items()}}
             for u, v, d in g.edges(data=True)]
    return {
        "scenario": trace.scenario, "loss": _num(trace.loss),
        "nodes": nodes, "edges": edges,
        "forward_order": [op.node_id for op in trace.forward_ops],
        "backward_order": [s.node_id for s in trace.backward_steps],
        "updates": [{"param_name": u.param_name, "old": summary_dict(u.old),
                     "delta": summary_dict(u.delta), "new": summary_dict(u.new)}
                    for u in trace.updates],
        "meta": _plain(trace.meta),
    }


def graph_from_json(data: dict[str, Any]) -> nx.DiGraph:
    """Rebuild the graph from trace_to_json output (networkx node-link style)."""
    g = nx.DiGraph()
    for node in data["nodes"]:
        g.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in data["edges"]:
        g.add_edge(edge["source"], edge["target"],
                   **{k: v for k, v in edge.items() if k not in ("source", "target")})
    return g


# ------------------------------------------------------------------ scalar attributes

def _scalar_attrs(data: dict[str, Any]) -> dict[str, Any]:
    """GraphML/DOT attributes: str, int, float or bool only. Summaries become their norm."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, Enum):
            value = value.value
        if isinstance(value, TensorSummary):
            out[f"{key}_norm"] = float(value.norm)
            out[f"{key}_shape"] = str(list(value.shape))
        elif key in ("grad_in", "grad_out") and isinstance(value, list):
            first = next((s for s in value if s is not None), None)
            if first is not None:
                out[f"{key}_norm"] = float(first.norm)
        elif isinstance(value, bool | int | float | str) and not isinstance(value, np.generic):
            out[key] = value
        elif isinstance(value, np.generic):
            out[key] = value.item()
        else:
            out[key] = json.dumps(_plain(value))
    return out


def scalar_graph(g: nx.DiGraph) -> nx.DiGraph:
    s = nx.DiGraph()
    for n, d in g.nodes(data=True):
        s.add_node(n, **_scalar_attrs(d))
    for u, v, d in g.edges(data=True):
        s.add_edge(u, v, **_scalar_attrs(d))
    return s


def write_graphml(g: nx.DiGraph, path: str | Path) -> None:
    nx.write_graphml(scalar_graph(g), str(path))


# ------------------------------------------------------------------ DOT

def _quote(x: Any) -> str:
    text = str(x).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _attr_list(attrs: dict[str, Any]) -> str:
    # Keys quoted too: "graph", "node", "edge" are DOT keywords.
    return ", ".join(f"{_quote(k)}={_quote(v)}" for k, v in attrs.items())


def to_dot(g: nx.DiGraph, name: str = "trace") -> str:
    """DOT text that Graphviz accepts: every id and value quoted and escaped."""
    lines = [f"digraph {_quote(name)} {{", "  node [shape=box];"]
    for n, d in g.nodes(data=True):
        attrs = _scalar_attrs(d)
        attrs.pop("shape", None)  # "shape" means node outline in Graphviz
        lines.append(f"  {_quote(n)} [{_attr_list(attrs)}];")
    for u, v, d in g.edges(data=True):
        attrs = _scalar_attrs(d)
        if "shape" in attrs:
            attrs["tensor_shape"] = attrs.pop("shape")
        lines.append(f"  {_quote(u)} -> {_quote(v)} [{_attr_list(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_dot(g: nx.DiGraph, path: str | Path) -> None:
    Path(path).write_text(to_dot(g), encoding="utf-8")


_Q = r'"((?:[^"\\]|\\.)*)"'
_NODE = re.compile(rf"^\s*{_Q}\s*\[(.*)\];\s*$")
_EDGE = re.compile(rf"^\s*{_Q}\s*->\s*{_Q}\s*\[(.*)\];\s*$")
_ATTR = re.compile(rf"{_Q}={_Q}")


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def read_dot(text: str) -> nx.DiGraph:
    """Parse DOT written by to_dot (one statement per line, all strings quoted)."""
    g = nx.DiGraph()
    for line in text.splitlines():
        m = _EDGE.match(line)
        if m:
            attrs = {k: _unquote(v) for k, v in _ATTR.findall(m.group(3))}
            g.add_edge(_unquote(m.group(1)), _unquote(m.group(2)), **attrs)
            continue
        m = _NODE.match(line)
        if m:
            g.add_node(_unquote(m.group(1)), **{k: _unquote(v) for k, v in _ATTR.findall(m.group(2))})
    return g


# ------------------------------------------------------------------ one call

def export_trace(trace: TraceResult, path: str | Path, fmt: str, which: str = "both",
                 collapse_depth: int | None = None) -> nx.DiGraph:
    """Write the trace in `fmt`; returns the graph that was written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}.")
    g = export_graph(trace, which, collapse_depth)
    if fmt == "json":
        data = json.dumps(trace_to_json(trace, which, collapse_depth), indent=1,
                          allow_nan=False).encode("utf-8")
    elif fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(scalar_graph(g), buffer)
        data = buffer.getvalue()
    else:
        data = to_dot(g).encode("utf-8")
    write_file_atomic(Path(path), data)  # a crash or a full disk leaves the old file whole
    return g
