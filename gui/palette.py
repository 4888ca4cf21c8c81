"""One colour-blind-safe palette (Okabe–Ito) with a fixed meaning, shared by every view.

Parameters, activations (forward ops), gradients, inputs, the loss and collapsed groups each
get one Okabe–Ito hue; the current node gets a strong black outline. Views take colours from
here by meaning, never by hue, so the same thing looks the same everywhere.
"""
from __future__ import annotations

from PySide6.QtGui import QColor

from engine.tracing.types import NodeKind

# The eight Okabe–Ito colours (Okabe & Ito 2008), readable with every common colour-vision deficiency.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

# Meanings.
PARAMETER = QColor(BLUE)
ACTIVATION = QColor(BLUISH_GREEN)  # forward ops and their values
GRADIENT = QColor(VERMILLION)  # backward nodes, gradients, traversed edges
INPUT = QColor(ORANGE)
LOSS = QColor(REDDISH_PURPLE)
GROUP = QColor(SKY_BLUE)  # a collapsed module ("TransformerBlock × 4")
CURRENT = QColor(BLACK)  # outline of the node the cursor is on
SELECTED = QColor(BLUE)  # dashed outline of the node the Inspector shows (a click)
SEARCH = QColor(YELLOW)  # halo behind search matches
EDGE = QColor("#8A8A8A")  # neutral grey: data edges not yet traversed by a gradient
TEXT = QColor("#1A1A1A")

_BY_KIND = {
    NodeKind.PARAMETER: PARAMETER,
    NodeKind.FORWARD: ACTIVATION,
    NodeKind.BACKWARD: GRADIENT,
    NodeKind.INPUT: INPUT,
    NodeKind.LOSS: LOSS,
    NodeKind.GROUP: GROUP,
}


def kind_color(kind: NodeKind | None) -> QColor:
    """The meaning colour of a graph node kind (engine.tracing.types.NodeKind)."""
    return QColor(_BY_KIND.get(kind, ACTIVATION))


def tint(color: QColor, amount: float = 0.25) -> QColor:
    """`color` mixed with white: a light fill that keeps dark text readable."""
    r, g, b = color.red(), color.green(), color.blue()
    return QColor(round(255 - (255 - r) * amount), round(255 - (255 - g) * amount),
                  round(255 - (255 - b) * amount))


def diverging_lut(n: int = 256):
    """(n, 3) uint8 lookup table: blue (negative) → white (zero) → vermillion (positive).

    Both ends are Okabe–Ito hues, so the sign of a gradient reads without red/green.
    """
    import numpy as np

    neg = np.array([QColor(BLUE).red(), QColor(BLUE).green(), QColor(BLUE).blue()], float)
    pos = np.array([QColor(VERMILLION).red(), QColor(VERMILLION).green(),
                    QColor(VERMILLION).blue()], float)
    white = np.array([255.0, 255.0, 255.0])
    t = np.linspace(-1.0, 1.0, n)[:, None]
    lut = np.where(t < 0, white + (neg - white) * -t, white + (pos - white) * t)
    return np.clip(np.round(lut), 0, 255).astype(np.uint8)
