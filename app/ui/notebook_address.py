"""The notebook's address on the Done page: always shown, its token hidden until asked, and a
Copy button, so the user never depends on a browser opening by itself."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.core.browser import carries_secret, hide_token


class NotebookAddress(QWidget):
    """A read-only address field, a Show/Hide toggle for the token, and Copy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url = ""
        self.field = QLineEdit()
        self.field.setObjectName("notebookAddress")
        self.field.setReadOnly(True)
        self.show_button = QPushButton(self.tr("Show token"))
        self.show_button.setObjectName("showToken")
        self.show_button.setCheckable(True)
        self.copy_button = QPushButton(self.tr("Copy address"))
        self.copy_button.setObjectName("copyAddress")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.copy_button)
        self.show_button.toggled.connect(self._refresh)
        self.copy_button.clicked.connect(self.copy)
        self.set_url("")

    @property
    def url(self) -> str:
        return self._url

    def set_url(self, url: str) -> None:
        self._url = url or ""
        self.show_button.setChecked(False)
        self.show_button.setEnabled(carries_secret(self._url))
        self.copy_button.setEnabled(bool(self._url))
        self._refresh()

    def token_shown(self) -> bool:
        return self.show_button.isChecked()

    def _refresh(self) -> None:
        shown = self.token_shown()
        self.field.setText(self._url if shown else hide_token(self._url))
        self.field.setCursorPosition(0)
        self.show_button.setText(self.tr("Hide token") if shown else self.tr("Show token"))

    def copy(self) -> None:
        """The whole address, token included: what a browser needs."""
        if self._url:
            QGuiApplication.clipboard().setText(self._url)
