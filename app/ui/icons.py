"""Small state icons drawn with QPainter (crisp at any scale), and the app icon.

The side panel paints "pending" and "current" icons for the first paint: those touch no
``Qt.*`` enum, whose namespace takes 10-50 ms to create in Python (issue 17: start-up). Calls
whose overloads take such an enum (``QPen(colour)``, ``setPen``, ``QBrush(colour)``,
``fillPath(path, colour)``) create it too, so these use ``strokePath`` with a default pen and
fill with a one-colour gradient brush.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon

if TYPE_CHECKING:
    from PySide6.QtGui import QBrush, QColor, QPen, QPixmap

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


def _pen(colour: QColor, width: float) -> QPen:
    from PySide6.QtGui import QPen

    pen = QPen()  # solid, square caps: as QPen(colour, width)
    pen.setColor(colour)
    pen.setWidthF(width)
    return pen


def _solid(colour: QColor) -> QBrush:
    """A solid brush, made without ``Qt.BrushStyle``."""
    from PySide6.QtGui import QBrush, QLinearGradient

    gradient = QLinearGradient(0, 0, 1, 0)
    gradient.setColorAt(0, colour)
    gradient.setColorAt(1, colour)
    return QBrush(gradient)


def _white_pen(size: int) -> QPen:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPen

    return QPen(QColor("white"), size / 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)


def _paint(kind: str, size: int, ratio: float) -> QPixmap:
    # Imported here: the first paint reads PREDRAWN files and needs none of these types.
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPixmap

    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(COLOURS.get(kind, "#757575"))
    box = QRectF(1.5, 1.5, size - 3, size - 3)
    if kind in ("pending", "skipped"):
        ring = QPainterPath()
        ring.addEllipse(box.adjusted(1, 1, -1, -1))
        painter.strokePath(ring, _pen(colour, size / 10))
        if kind == "skipped":
            painter.setPen(_pen(colour, size / 10))
            painter.drawLine(QPointF(size * 0.3, size / 2), QPointF(size * 0.7, size / 2))
    elif kind == "warning":
        white = _white_pen(size)
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
        disc = QPainterPath()
        disc.addEllipse(box)
        painter.fillPath(disc, _solid(colour))  # as drawEllipse with no pen
        if kind not in ("running", "current"):
            painter.setPen(_white_pen(size))
        if kind == "done":
            path = QPainterPath()
            path.moveTo(size * 0.28, size * 0.52)
            path.lineTo(size * 0.44, size * 0.68)
            path.lineTo(size * 0.73, size * 0.35)
            painter.strokePath(path, _white_pen(size))
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
            painter.fillPath(path, _solid(QColor("white")))
        else:  # unknown
            font = QFont()
            font.setPixelSize(int(size * 0.7))
            font.setBold(True)
            painter.setFont(font)
            from PySide6.QtCore import Qt

            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "?")
    painter.end()
    return pixmap


#: The state icons the first paint shows (the side panel's steps, the first page's two choices),
#: drawn once by scripts/make_icons.py into resources/icons/state/: reading them is cheaper than
#: creating QPainter's Python types and painting (issue 17: start-up).
PREDRAWN = (("pending", 14), ("current", 14), ("done", 14), ("running", 32), ("pending", 32))


def predrawn_files(kind: str, size: int) -> tuple[Path, Path]:
    """Where :data:`PREDRAWN` icons live: ``KIND-SIZE.png`` and ``KIND-SIZE@2x.png``."""
    folder = resource("icons", "state")
    return folder / f"{kind}-{size}.png", folder / f"{kind}-{size}@2x.png"


@cache
def state_icon(kind: str, size: int = 16) -> QIcon:
    """An icon for a state: done, running, pending, failed, cancelled, skipped, warning, unknown."""
    icon = QIcon()
    if (kind, size) in PREDRAWN:
        files = [path for path in predrawn_files(kind, size) if path.is_file()]
        if len(files) == 2:
            for path in files:
                icon.addFile(str(path))
            return icon
    for ratio in (1.0, 2.0):
        icon.addPixmap(_paint(kind, size, ratio))
    return icon


@cache
def logo_icon(size: int = 32) -> QIcon:
    """The app's icon at ``size`` and twice that (high-DPI screens) only: for the side panel's
    logo, which the first paint shows; reading every size of :func:`app_icon` costs more."""
    icon = QIcon()
    for side in (size, size * 2):
        path = resource("icons", f"app-{side}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon if not icon.isNull() else app_icon()


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
