"""Draws the app icon with QPainter and writes resources/icons/ (PNG sizes and a Windows .ico).

The icon: a rounded dark-blue tile with a notebook page and a small GPU chip, simple enough to
stay readable at 16 px. Also the state icons the first paint shows (app.ui.icons.PREDRAWN),
drawn by the app's own code. Run once after changing a drawing and commit the files:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py [--state]
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

TILE_TOP, TILE_BOTTOM = QColor("#1f4e8c"), QColor("#0f2d57")
PAGE, INK = QColor("#ffffff"), QColor("#1f4e8c")
CHIP, CHIP_PINS = QColor("#ff9900"), QColor("#ffc266")  # AWS orange


def draw(size: int) -> QImage:
    """The icon at ``size`` x ``size`` pixels, drawn on a 100-unit grid."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 100, size / 100)

    # Tile with a vertical gradient.
    gradient = QLinearGradient(0, 0, 0, 100)
    gradient.setColorAt(0, TILE_TOP)
    gradient.setColorAt(1, TILE_BOTTOM)
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(4, 4, 92, 92), 20, 20)
    p.fillPath(tile, gradient)

    # Notebook page with a folded corner.
    page = QPainterPath()
    page.moveTo(22, 18)
    page.lineTo(60, 18)
    page.lineTo(74, 32)
    page.lineTo(74, 82)
    page.lineTo(22, 82)
    page.closeSubpath()
    p.fillPath(page, PAGE)
    fold = QPainterPath()
    fold.moveTo(60, 18)
    fold.lineTo(60, 32)
    fold.lineTo(74, 32)
    fold.closeSubpath()
    p.fillPath(fold, QColor("#c9d7ea"))

    # A prompt and two lines of "code" on the page; dropped below 24 px where they blur.
    if size >= 24:
        pen = QPen(INK, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.drawPolyline([QPointF(30, 38), QPointF(38, 45), QPointF(30, 52)])
        p.drawLine(QPointF(44, 52), QPointF(56, 52))
        p.drawLine(QPointF(30, 64), QPointF(50, 64))

    # The GPU chip in the lower right corner, over the page.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(CHIP_PINS)
    for i in range(3):
        offset = 62 + i * 8
        p.drawRect(QRectF(offset, 52, 4, 40))  # vertical pins
        p.drawRect(QRectF(52, offset, 40, 4))  # horizontal pins
    p.setBrush(CHIP)
    p.drawRoundedRect(QRectF(58, 58, 28, 28), 4, 4)
    p.setBrush(TILE_BOTTOM)
    p.drawRoundedRect(QRectF(66, 66, 12, 12), 2, 2)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list[QImage]) -> bytes:
    """A .ico holding PNG-compressed entries (Windows Vista and later read these)."""
    pngs = [png_bytes(img) for img in images]
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries = b""
    for img, data in zip(images, pngs, strict=True):
        side = img.width() if img.width() < 256 else 0  # 0 means 256 in the ICO format
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(pngs)


def write_state_icons() -> int:
    """The state icons the first paint shows, drawn by app.ui.icons as the app would draw them
    (1x and @2x), into resources/icons/state/."""
    from app.ui.icons import PREDRAWN, _paint, predrawn_files

    for kind, size in PREDRAWN:
        for ratio, path in zip((1.0, 2.0), predrawn_files(kind, size), strict=True):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png_bytes(_paint(kind, size, ratio).toImage()))
    return len(PREDRAWN) * 2


def main() -> int:
    QGuiApplication(sys.argv[:1])
    if "--state" in sys.argv[1:]:
        print(f"wrote {write_state_icons()} state icons")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"wrote {write_state_icons()} state icons")
    for size in PNG_SIZES:
        (OUT / f"app-{size}.png").write_bytes(png_bytes(draw(size)))
    (OUT / "app.png").write_bytes(png_bytes(draw(256)))
    (OUT / "app.ico").write_bytes(ico_bytes([draw(s) for s in ICO_SIZES]))
    print(f"wrote {len(PNG_SIZES) + 2} files to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
