"""Attention at a glance: how spread out each head's attention is, layer by layer.

Entropy of a query's attention weights, in bits: 0 when it looks at one token only,
log2(k) when it spreads evenly over k tokens. A head's value is the mean over its queries.
"""
from __future__ import annotations

import numpy as np

PROBE_TEXT = ("Every effort moves you forward, and the model learns which words tend to follow "
              "which: the more it reads, the sharper its attention gets.")


def head_entropy(weights: np.ndarray) -> np.ndarray:
    """(H, T, T) attention weights → (H,) mean entropy in bits over the queries."""
    w = np.clip(np.asarray(weights, dtype=np.float64), 1e-12, 1.0)
    per_query = -(w * np.log2(w)).sum(axis=-1)  # (H, T)
    return per_query.mean(axis=-1)


def layer_head_overview(captures: dict[int, object], n_layers: int, n_heads: int) -> np.ndarray:
    """(n_layers, n_heads) mean entropy from the newest all-heads capture of each layer
    (NaN for layers not captured yet)."""
    grid = np.full((n_layers, n_heads), np.nan)
    for layer, capture in captures.items():
        if 0 <= layer < n_layers and len(capture.heads) == n_heads:
            grid[layer] = head_entropy(capture.weights)
    return grid
