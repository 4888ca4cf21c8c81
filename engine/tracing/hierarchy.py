"""Collapse and expand module groups in a traced graph (forward or backward).

Every node carries "module" (the module path that ran it). A module path that is not in
`expanded` is collapsed: all nodes inside it become one node group_id(path). A collapsed
repeated container (trf_blocks: a Sequential of identical TransformerBlocks) becomes one
node labelled "TransformerBlock × N" when group_repeats is on.
"""
from __future__ import annotations

import networkx as nx

from .types import NodeKind

_GROUP_PREFIX = "group:"


def group_id(module: str) -> str:
    """Id of the group node that stands for the collapsed module `module`."""
    return _GROUP_PREFIX + module


def is_group_id(node_id: str) -> bool:
    """True when node_id names a group node (made by group_id)."""
    return isinstance(node_id, str) and node_id.startswith(_GROUP_PREFIX)


def group_module(node_id: str) -> str | None:
    """The module path a group node stands for; None when node_id is not a group id."""
    return node_id[len(_GROUP_PREFIX):] if is_group_id(node_id) else None


def _prefixes(module: str) -> list[str]:
    parts = module.split(".") if module else []
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _module_types(graph: nx.DiGraph) -> dict[str, str]:
    types = dict(graph.graph.get("modules", {}))
    for _, data in graph.nodes(data=True):
        if data.get("module") and data.get("module_type"):
            types.setdefault(data["module"], data["module_type"])
    return types


def repeated_containers(graph: nx.DiGraph) -> dict[str, tuple[str, int]]:
    """Container path -> (child class name, count) for containers of >= 2 numbered
    children of one class (nn.Sequential / nn.ModuleList of identical blocks)."""
    types = _module_types(graph)
    children: dict[str, list[str]] = {}
    for path in types:
        parent, _, last = path.rpartition(".")
        if path and last.isdigit():
            children.setdefault(parent, []).append(path)
    out = {}
    for parent, kids in children.items():
        kinds = {types[k] for k in kids}
        if len(kids) >= 2 and len(kinds) == 1 and parent:
            out[parent] = (kinds.pop(), len(kids))
    return out


def expandable_modules(graph: nx.DiGraph) -> list[str]:
    """Module paths that hold at least one node, outermost first in model order."""
    present: set[str] = set()
    for _, data in graph.nodes(data=True):
        present.update(_prefixes(data.get("module") or ""))
    order = [p for p in _module_types(graph) if p in present]
    return order + sorted(present - set(order))


def default_expanded(graph: nx.DiGraph) -> set[str]:
    """Everything expanded except repeated containers (so GPT opens as
    "TransformerBlock × N"); small models open fully expanded."""
    repeats = repeated_containers(graph)
    return {m for m in expandable_modules(graph) if m not in repeats}


def group_of(module: str, expanded: set[str], repeats: dict[str, tuple[str, int]],
             group_repeats: bool = True) -> str | None:
    """The collapsed module a node of `module` falls into, or None when fully expanded."""
    for prefix in _prefixes(module):
        if prefix in expanded:
            continue
        if prefix in repeats and not group_repeats:
            # Collapsed container without merging: each block is its own group.
            child = _prefixes(module)
            idx = child.index(prefix)
            return child[idx + 1] if idx + 1 < len(child) else prefix
        return prefix
    return None


def collapsed_view(graph: nx.DiGraph, expanded: set[str], group_repeats: bool = True) -> nx.DiGraph:
    """A new graph with collapsed modules merged into group nodes (the input is unchanged).

    Group nodes: kind="group", op="group", label (class name, or "Block × N"), members
    (node ids), module, module_type, repeat (N or 1), order (smallest member order),
    shapes (shapes leaving the group). Edges between groups keep "shape" and get "count".
    """
    types = _module_types(graph)
    repeats = repeated_containers(graph)
    expanded = set(expanded)
    out = nx.DiGraph()
    out.graph.update(graph.graph)
    mapping: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for nid, data in graph.nodes(data=True):
        group = group_of(data.get("module") or "", expanded, repeats, group_repeats)
        if group is None:
            mapping[nid] = nid
            out.add_node(nid, **data)
        else:
            gid = group_id(group)
            mapping[nid] = gid
            members.setdefault(gid, []).append(nid)
    for gid, nodes in members.items():
        module = group_module(gid)
        if module in repeats:
            child_type, n = repeats[module]
            label, module_type, repeat = f"{child_type} × {n}", child_type, n
        else:
            module_type = types.get(module, module.rpartition(".")[2])
            label, repeat = module_type, 1
        orders = [graph.nodes[m].get("order") for m in nodes]
        orders = [o for o in orders if o is not None]
        out.add_node(gid, kind=NodeKind.GROUP, op="group", label=label, members=list(nodes),
                     module=module, module_type=module_type, repeat=repeat,
                     order=min(orders) if orders else None, shapes=[], param_name=None,
                     dtype=graph.nodes[nodes[0]].get("dtype", ""))
    for u, v, data in graph.edges(data=True):
        gu, gv = mapping[u], mapping[v]
        if gu == gv:
            continue  # inside one group (also block i -> block i+1 of a merged repeat)
        if out.has_edge(gu, gv):
            out.edges[gu, gv]["count"] += 1
        else:
            out.add_edge(gu, gv, **{**data, "count": 1})
        if gu in members:
            shape = data.get("shape")
            if shape is not None and shape not in out.nodes[gu]["shapes"]:
                out.nodes[gu]["shapes"].append(shape)
    return out
