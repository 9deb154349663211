"""What a user would see wrong on a screen: a text cut off, or English left in Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QWidget

_SLACK = 1  # pixels of rounding between a size hint and the laid-out size


def clipped_texts(window: QWidget) -> list[str]:
    """Texts in ``window`` that do not fit the space their widget got."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 1:
            continue
        where = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + _SLACK:
                    problems.append(f"{where}: {widget.text()!r} needs {needed}px height")
            elif widget.sizeHint().width() > widget.width() + _SLACK:
                problems.append(f"{where}: {widget.text()!r} needs {widget.sizeHint().width()}px")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + _SLACK:
                problems.append(f"{where}: {widget.text()!r} needs {widget.sizeHint().width()}px")
        elif isinstance(widget, QComboBox) and widget.currentText():
            # The width Qt gives a combo like this one holding only the text it shows.
            probe = QComboBox()
            probe.setFont(widget.font())
            probe.setStyle(widget.style())
            probe.setIconSize(widget.iconSize())
            probe.addItem(widget.itemIcon(widget.currentIndex()), widget.currentText())
            needed = probe.sizeHint().width()
            probe.deleteLater()
            if needed > widget.width() + _SLACK:
                problems.append(f"{where}: {widget.currentText()!r} needs {needed}px")
        elif isinstance(widget, QGroupBox) and widget.title():
            title_width = widget.fontMetrics().horizontalAdvance(widget.title())
            if title_width + 16 > widget.width():
                problems.append(f"{where}: {widget.title()!r} needs {title_width + 16}px")
    return problems


# Four or more English words in a row: a sentence the catalog did not translate.
_ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,}){3,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def english_left(text: str, values: Iterable[object] = ()) -> list[str]:
    """English runs left in ``text`` once the values it shows (ids, paths, AWS names) and the
    commands to type (in backticks) are removed."""
    text = re.sub(r"`[^`]*`", " ", text)
    for value in sorted(map(str, values), key=len, reverse=True):
        if value:
            text = text.replace(value, " ")
    return _ENGLISH_RUN.findall(text)


def assert_chinese(text: str, values: Iterable[object] = ()) -> None:
    """``text`` is Chinese, apart from ``values`` and short terms such as "Spot" or "vCPU"."""
    assert _HAN.search(text), f"not translated: {text!r}"
    left = english_left(text, values)
    assert not left, f"English left in {text!r}: {left}"


#: Names the Chinese interface keeps in English (products, protocols, AWS terms).
KEPT_NAMES = frozenset(
    [
        "AWS",
        "SSH",
        "HTTPS",
        "Jupyter",
        "JupyterLab",
        "Python",
        "PyTorch",
        "GPU",
        "vCPU",
        "vCPUs",
        "API",
        "Pricing",
        "Service",
        "Quotas",
        "Spot",
        "On-Demand",
        "Security",
        "Group",
        "Key",
        "Pair",
        "PuTTY",
        "CUDA",
        "Ubuntu",
        "DEMO",
        "GiB",  # a unit, written so in Chinese too
    ]
)


def english_words(text: str, values: Iterable[object] = ()) -> list[str]:
    """English words left in ``text`` (a short core note such as "{id} in {zone}") once
    ``values``, the names in :data:`KEPT_NAMES`, and tokens holding digits, paths or addresses
    (ids, zones, IPs, URLs, fingerprints) are removed."""
    for value in sorted(map(str, values), key=len, reverse=True):
        if value:
            text = text.replace(value, " ")
    tokens = [t for t in text.split() if not re.search(r"[\d/@]", t)]
    words = re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]", " ".join(tokens))
    return [word for word in words if word not in KEPT_NAMES]
