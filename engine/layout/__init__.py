"""Layered (Sugiyama-style) graph layout: plain Python, numpy and networkx, no Qt.

layered   layered_layout() -> Layout: ranks, crossing reduction, coordinates, edge routes
rank      layer assignment (longest path), back edges, components
order     crossing reduction within layers
coords    x coordinates of the ordered layers
Knows nothing of traces: it lays out any networkx DiGraph.
"""
from .layered import DEFAULT_NODE_SIZE, Layout, count_crossings, layered_layout

__all__ = ["DEFAULT_NODE_SIZE", "Layout", "count_crossings", "layered_layout"]
