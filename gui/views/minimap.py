"""Overview of the whole graph with the main view's visible area drawn on it.

The scene is rendered once into a pixmap (again only after the scene or the highlight
changes, at most a few times per second), so moving the main view repaints only the pixmap
and a rectangle. Click or drag to move the main view there.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from gui import palette
from gui.views.graph_view import GraphView


class Minimap(QWidget):
    def __init__(self, view: GraphView, parent=None):
        super().__init__(parent)
        self._view = view
        self._pixmap: QPixmap | None = None
        self._target = QRectF()  # where the scene is drawn inside this widget
        self.setFixedSize(QSize(200, 150))
        self.setCursor(Qt.PointingHandCursor)
        self.setToolTip(self.tr("Overview: click or drag to move the graph view"))
        self._rerender = QTimer(self)
        self._rerender.setSingleShot(True)
        self._rerender.setInterval(250)  # coalesce bursts of highlight changes
        self._rerender.timeout.connect(self.render_scene)
        view.sceneRebuilt.connect(self.render_scene)
        view.sceneRebuilt.connect(self._on_view_changed)
        view.viewChanged.connect(self._on_view_changed)

    def fit_to(self, view_width: int, view_height: int) -> None:
        """A sixth of the view's width (120 to 200 px, 4:3), so a small window keeps its graph."""
        width = int(min(200, max(120, view_width / 6)))
        height = int(min(width * 3 / 4, max(90, view_height / 4)))
        if (width, height) != (self.width(), self.height()):
            self.setFixedSize(QSize(width, height))
            self.render_scene()

    def _on_view_changed(self) -> None:
        # only useful when part of the graph is off screen
        view = self._view
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        wanted = bool(view.nodes) and not seen.contains(view.sceneRect())
        if wanted == self.isHidden():
            self.setVisible(wanted)
        if wanted:
            self.update()

    def schedule_render(self) -> None:
        if not self._rerender.isActive():
            self._rerender.start()

    def render_scene(self) -> None:
        scene_rect = self._view.sceneRect()
        if not self._view.nodes or scene_rect.isEmpty():
            self._pixmap = None
            self.update()
            return
        size = fit_size(scene_rect, self.width() - 4, self.height() - 4)
        self._target = QRectF((self.width() - size[0]) / 2, (self.height() - size[1]) / 2, *size)
        pixmap = QPixmap(max(1, int(size[0])), max(1, int(size[1])))
        pixmap.fill(QColor("#FFFFFF"))
        painter = QPainter(pixmap)
        self._view.render_overview(painter, QRectF(pixmap.rect()))  # batched: never per item
        painter.end()
        self._pixmap = pixmap
        self.update()

    def visible_rect(self) -> QRectF:
        """The main view's visible scene area, in minimap coordinates."""
        view = self._view
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        return QRectF(self._to_mini(seen.topLeft()), self._to_mini(seen.bottomRight()))

    def _to_mini(self, p: QPointF) -> QPointF:
        s = self._view.sceneRect()
        if s.isEmpty() or self._target.isEmpty():
            return QPointF()
        return QPointF(self._target.left() + (p.x() - s.left()) / s.width() * self._target.width(),
                       self._target.top() + (p.y() - s.top()) / s.height() * self._target.height())

    def _to_scene(self, p: QPointF) -> QPointF:
        s = self._view.sceneRect()
        t = self._target
        if t.isEmpty():
            return s.center()
        return QPointF(s.left() + (p.x() - t.left()) / t.width() * s.width(),
                       s.top() + (p.y() - t.top()) / t.height() * s.height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(255, 255, 255, 230))
        painter.setPen(QPen(QColor("#B0B0B0"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self._pixmap is None:
            return
        painter.drawPixmap(self._target.topLeft(), self._pixmap)
        frame = self.visible_rect().intersected(QRectF(self.rect()))
        painter.setPen(QPen(palette.CURRENT, 1.5))
        painter.setBrush(QColor(0, 0, 0, 25))
        painter.drawRect(frame)

    def mousePressEvent(self, event) -> None:
        self._view.centerOn(self._to_scene(event.position()))

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.LeftButton:
            self._view.centerOn(self._to_scene(event.position()))


def fit_size(rect: QRectF, max_w: float, max_h: float) -> tuple[float, float]:
    """Size of `rect` scaled to fit max_w x max_h, keeping its aspect ratio."""
    scale = min(max_w / max(rect.width(), 1e-9), max_h / max(rect.height(), 1e-9))
    return rect.width() * scale, rect.height() * scale
