"""Small state icons drawn with QPainter (crisp at any scale), and the app icon."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from app.core.paths import resource

#: Colours that read on a light and a dark background; shapes carry the meaning as well.
COLOURS = {
    "done": "#2e7d32",
    "running": "#1565c0",
    "pending": "#9e9e9e",
    "failed": "#c62828",
    "cancelled": "#ef6c00",
    "skipped": "#9e9e9e",
    "warning": "#ef6c00",
    "unknown": "#757575",
    "current": "#1565c0",
}


def _paint(kind: str, size: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(COLOURS.get(kind, "#757575"))
    box = QRectF(1.5, 1.5, size - 3, size - 3)
    white = QPen(QColor("white"), size / 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    if kind in ("pending", "skipped"):
        painter.setPen(QPen(colour, size / 10))
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
        if kind == "skipped":
            painter.drawLine(QPointF(size * 0.3, size / 2), QPointF(size * 0.7, size / 2))
    elif kind == "warning":
        path = QPainterPath()
        path.moveTo(size / 2, 1.5)
        path.lineTo(size - 1.5, size - 2)
        path.lineTo(1.5, size - 2)
        path.closeSubpath()
        painter.fillPath(path, colour)
        painter.setPen(white)
        painter.drawLine(QPointF(size / 2, size * 0.38), QPointF(size / 2, size * 0.62))
        painter.drawPoint(QPointF(size / 2, size * 0.78))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(box)
        painter.setPen(white)
        if kind == "done":
            path = QPainterPath()
            path.moveTo(size * 0.28, size * 0.52)
            path.lineTo(size * 0.44, size * 0.68)
            path.lineTo(size * 0.73, size * 0.35)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        elif kind == "failed":
            painter.drawLine(QPointF(size * 0.33, size * 0.33), QPointF(size * 0.67, size * 0.67))
            painter.drawLine(QPointF(size * 0.67, size * 0.33), QPointF(size * 0.33, size * 0.67))
        elif kind == "cancelled":
            painter.drawLine(QPointF(size * 0.3, size / 2), QPointF(size * 0.7, size / 2))
        elif kind in ("running", "current"):
            path = QPainterPath()
            path.moveTo(size * 0.4, size * 0.3)
            path.lineTo(size * 0.7, size / 2)
            path.lineTo(size * 0.4, size * 0.7)
            path.closeSubpath()
            painter.fillPath(path, QColor("white"))
        else:  # unknown
            font = QFont()
            font.setPixelSize(int(size * 0.7))
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "?")
    painter.end()
    return pixmap


@cache
def state_icon(kind: str, size: int = 16) -> QIcon:
    """An icon for a state: done, running, pending, failed, cancelled, skipped, warning, unknown."""
    icon = QIcon()
    for ratio in (1.0, 2.0):
        icon.addPixmap(_paint(kind, size, ratio))
    return icon


@cache
def app_icon() -> QIcon:
    """The app's icon from ``resources/icons/`` when the packaging provides one."""
    folder = resource("icons")
    icon = QIcon()
    if folder.is_dir():
        for path in sorted(folder.glob("*.png")) + sorted(folder.glob("*.ico")):
            icon.addFile(str(path))
    if icon.isNull():
        icon = state_icon("running", 64)
    return icon
