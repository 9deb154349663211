"""Widgets every page uses: the inline error with its Details expander, and the busy line;
and a watcher for a widget's first paint.

Every page has an error panel, the first page too, so it is built empty and gets its insides
on the first error: they need ``Qt``'s namespace, whose Python types take 10-50 ms to create,
and the messages catalog, neither of which the first paint needs (issue 17: start-up).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPlainTextEdit, QToolButton

    from app.core.errors import WizardError


def explanation(text: str) -> QLabel:
    """The one-line "what this page is for" under a page's title."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("explanation")
    return label


class ErrorPanel(QFrame):
    """A failed call: the core's message, and its technical detail behind "Details"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorPanel")
        self.error: WizardError | None = None
        self._built = False
        self.hide()

    def _build(self) -> None:
        if self._built:
            return
        self._built = True
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPlainTextEdit, QToolButton

        from app.ui.icons import state_icon

        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#errorPanel { background: #fdecea; border: 1px solid #f5c2c0; border-radius: 4px; }"
            "#errorPanel QLabel { color: #611a15; }"
        )
        icon = QLabel()
        icon.setPixmap(state_icon("failed", 18).pixmap(18, 18))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._message = QLabel()
        self._message.setWordWrap(True)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._details_button = QToolButton()
        self._details_button.setText(self.tr("Details"))
        self._details_button.setCheckable(True)
        self._details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._details_button.setArrowType(Qt.ArrowType.RightArrow)
        self._details_button.toggled.connect(self._toggle_details)
        self._details = QPlainTextEdit()
        self._details.setReadOnly(True)
        self._details.setMaximumHeight(120)
        self._details.hide()
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self._message, 1)
        top.addWidget(self._details_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self._details)

    @property
    def message(self) -> QLabel:
        self._build()
        return self._message

    @property
    def details_button(self) -> QToolButton:
        self._build()
        return self._details_button

    @property
    def details(self) -> QPlainTextEdit:
        self._build()
        return self._details

    def show_error(self, error: WizardError) -> None:
        from app.core.redact import redact
        from app.ui.sentences import error_text

        self.error = error
        self.message.setText(redact(error_text(error)))
        detail = redact(error.detail or "")
        self.details.setPlainText(detail)
        self.details_button.setVisible(bool(detail))
        self.details_button.setChecked(False)
        self.show()

    def clear(self) -> None:
        self.error = None
        self.hide()

    def _toggle_details(self, shown: bool) -> None:
        from PySide6.QtCore import Qt

        self.details.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.details_button.setArrowType(arrow)


class BusyLine(QWidget):
    """A spinner-like busy bar with what is happening and a Cancel button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(120)
        self.bar.setMaximumHeight(14)
        self.label = QLabel()
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.cancel_button)
        self._on_cancel: Callable[[], None] | None = None
        self.hide()

    def start(self, text: str, on_cancel: Callable[[], None] | None = None) -> None:
        self.label.setText(text)
        self._on_cancel = on_cancel
        self.cancel_button.setVisible(on_cancel is not None)
        self.show()

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def stop(self) -> None:
        self._on_cancel = None
        self.hide()

    def _cancel(self) -> None:
        if self._on_cancel is not None:
            self._on_cancel()
        self.stop()


class FirstPaintWatcher(QObject):
    """Calls ``on_painted`` once, when the watched widget has painted for the first time."""

    def __init__(self, widget: QWidget, on_painted: Callable[[], None]) -> None:
        super().__init__(widget)
        self._on_painted = on_painted
        self._done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            # Off the widget's event path from now on: every event here would need the GIL.
            watched.removeEventFilter(self)
            # Let this paint finish before reacting to it.
            QTimer.singleShot(0, self._on_painted)
        return False
