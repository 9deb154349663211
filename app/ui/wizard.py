"""The wizard window: pages from credentials to "Open Notebook"."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from app import APP_NAME


class WelcomePage(QWizardPage):
    """First page: start a new notebook or manage the ones already running."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Open a Jupyter notebook on an AWS GPU machine.")))


class NotebookWizard(QWizard):
    """The main window."""

    def __init__(self, *, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = APP_NAME + (" — DEMO" if demo else "")
        self.setWindowTitle(title)
        self.resize(1024, 700)
        self.addPage(WelcomePage(self))
