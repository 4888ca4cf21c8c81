"""Exports from the app: the graph as SVG or PNG, any view as PNG, the loss data as CSV.

Every file is rendered to bytes in memory first and then written with engine.safe_write:
a crash leaves the old file or the new one, never a half-written picture.
"""
from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene, QWidget

from engine.safe_write import write_file_atomic

MAX_PNG_SIDE = 8000  # a big graph is scaled down to this many pixels on its longer side


def _scene_rect(scene: QGraphicsScene) -> QRectF:
    return scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)


def graph_svg_bytes(scene: QGraphicsScene, title: str | None = None) -> bytes:
    """The whole graph (every node, edge and label) as SVG vector graphics."""
    if title is None:
        title = QCoreApplication.translate("Exports", "Backprop Studio graph")
    rect = _scene_rect(scene)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(math.ceil(rect.width()), math.ceil(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(title)
    painter = QPainter(generator)
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    buffer.close()
    return bytes(data.data())


def graph_png_bytes(scene: QGraphicsScene, scale: float = 2.0) -> bytes:
    """The whole graph as a PNG at `scale` pixels per scene unit (at most MAX_PNG_SIDE)."""
    rect = _scene_rect(scene)
    scale = min(scale, MAX_PNG_SIDE / max(rect.width(), rect.height(), 1.0))
    image = QImage(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)),
                   QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), rect, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    return image_png_bytes(image)


def image_png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(QCoreApplication.translate("Exports", "Qt could not encode the PNG."))
    return bytes(data.data())


def widget_png_bytes(widget: QWidget) -> bytes:
    """What a view shows on screen, as a PNG (the loss plot, the attention map, ...)."""
    return image_png_bytes(widget.grab().toImage())


LOSS_COLUMNS = ("step", "tokens_seen", "loss", "smoothed", "lr", "grad_norm")


def loss_csv_text(loss_view) -> str:
    """The live run's step losses with their smoothed value, lr and gradient norm, and the
    evaluations in columns of their own (empty where a step had none)."""
    run, smoothed = loss_view.run, loss_view._smoothed
    evals = {int(x): (t, v) for x, t, v in zip(run.train_loss.x, run.train_loss.y, run.val_loss.y)}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*LOSS_COLUMNS, "train_loss", "val_loss"])
    for i in range(run.step.n):
        step = int(run.step.x[i])
        lr = run.lr.y[i]
        train, val = evals.get(step, ("", ""))
        writer.writerow([step, int(run.step_tokens.y[i]), repr(float(run.step.y[i])),
                         repr(float(smoothed.y[i])) if i < smoothed.n else "",
                         "" if math.isnan(lr) else repr(float(lr)), repr(float(run.grad_norm.y[i])),
                         train if train == "" else repr(float(train)),
                         val if val == "" else repr(float(val))])
    return out.getvalue()


def save(path: str | Path, data: bytes | str) -> None:
    """Write atomically (str as UTF-8); OSError with the reason when the place is not writable."""
    write_file_atomic(Path(path), data.encode("utf-8") if isinstance(data, str) else data)
