"""Every head of a layer at once, and all layers at a glance.

HeadsGrid: one small map per head (square cells); hovering a map names the head, a click
focuses it in the big map. HeadsOverview: layers × heads, colour = how spread out each head's
attention is (mean entropy in bits). Items are created once per head count and then only
updated with setImage.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine.session.attention_summary import head_entropy
from gui.i18n import fill


class HeadsGrid(QWidget):
    headClicked = Signal(int)
    headHovered = Signal(int)

    def __init__(self, lookup_table: np.ndarray, parent: QWidget | None = None):
        super().__init__(parent)
        self._lut = lookup_table
        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setBackground("w")
        self.images: list[pg.ImageItem] = []
        self._boxes: list[pg.ViewBox] = []
        self._heads: list[int] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.layout_widget)
        self.layout_widget.scene().sigMouseMoved.connect(self._on_move)
        self.layout_widget.scene().sigMouseClicked.connect(self._on_click)

    def show_capture(self, weights: np.ndarray, heads: list[int]) -> None:
        """(H, T, T) weights of the heads `heads`, one small map each."""
        if heads != self._heads:
            self._build(heads)
        for image, matrix in zip(self.images, weights):
            image.setImage(np.asarray(matrix, dtype=np.float32), autoLevels=False, levels=(0.0, 1.0))
        for box, matrix in zip(self._boxes, weights):
            box.setRange(xRange=(0, matrix.shape[1]), yRange=(0, matrix.shape[0]), padding=0)

    def _build(self, heads: list[int]) -> None:
        self.layout_widget.clear()
        self.images, self._boxes, self._heads = [], [], list(heads)
        columns = max(1, math.ceil(math.sqrt(len(heads))))
        for i, head in enumerate(heads):
            label = self.layout_widget.addLabel(fill(self.tr("head {head}"), head=head),
                                                row=2 * (i // columns), col=i % columns, size="8pt")
            label.setMaximumHeight(14)
            box = self.layout_widget.addViewBox(row=2 * (i // columns) + 1, col=i % columns,
                                                lockAspect=True, invertY=True, enableMouse=False)
            image = pg.ImageItem(axisOrder="row-major")
            image.setLookupTable(self._lut)
            box.addItem(image)
            self.images.append(image)
            self._boxes.append(box)

    def head_at(self, scene_pos) -> int | None:
        for box, head in zip(self._boxes, self._heads):
            if box.sceneBoundingRect().contains(scene_pos):
                return head
        return None

    def _on_move(self, scene_pos) -> None:
        head = self.head_at(scene_pos)
        if head is not None:
            self.headHovered.emit(head)

    def _on_click(self, event) -> None:
        head = self.head_at(event.scenePos())
        if head is not None:
            self.headClicked.emit(head)


class HeadsOverview(QWidget):
    """Layers × heads: mean attention entropy (bits) of each head's newest capture."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        plot = self.plot_widget.getPlotItem()
        plot.setTitle(self.tr("spread (bits): layers × heads"), size="8pt")
        plot.invertY(True)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(pg.colormap.get("viridis").getLookupTable(nPts=256))
        plot.addItem(self.image)
        self.values: np.ndarray | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.plot_widget)

    def show_grid(self, grid: np.ndarray) -> None:
        self.values = grid
        finite = grid[np.isfinite(grid)]
        high = float(finite.max()) if finite.size else 1.0
        # layers not captured yet stay NaN: drawn transparent, not as the lowest colour
        self.image.setImage(grid.astype(np.float32), autoLevels=False, levels=(0.0, max(high, 1e-6)))
        plot = self.plot_widget.getPlotItem()
        plot.getAxis("left").setTicks([[(i + 0.5, str(i)) for i in range(grid.shape[0])]])
        plot.getAxis("bottom").setTicks([[(j + 0.5, str(j)) for j in range(grid.shape[1])]])
        plot.setLabel("left", self.tr("layer"))
        plot.setLabel("bottom", self.tr("head"))


def entropy_text(weights: np.ndarray, heads: list[int]) -> str:
    spread = head_entropy(weights)
    template = QCoreApplication.translate("HeadsOverview", "h{head}: {bits:.2f} bits")
    return " · ".join(fill(template, head=h, bits=float(s)) for h, s in zip(heads, spread))
