"""Small helpers of the wizard's tests: clicking through pages the way a user does."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QLineEdit,
    QRadioButton,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from app.core.flow import PageId


def next_button(wizard: QWizard) -> QAbstractButton:
    """The button that moves on: Next, or Launch on the review page."""
    button = wizard.button(QWizard.WizardButton.NextButton)
    if not button.isVisible():
        button = wizard.button(QWizard.WizardButton.CommitButton)
    return button


def click(qtbot: QtBot, button: QAbstractButton, *, timeout: int = 20_000) -> None:
    """Click ``button`` as a user would, once it is visible and enabled."""
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=timeout)
    if isinstance(button, QRadioButton | QCheckBox):
        # A wide radio button or check box only reacts on its indicator and text.
        spot = QPoint(min(10, button.width() // 2), button.height() // 2)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=spot)
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_next(qtbot: QtBot, wizard: QWizard, *, timeout: int = 20_000) -> None:
    qtbot.waitUntil(lambda: next_button(wizard).isEnabled(), timeout=timeout)
    click(qtbot, next_button(wizard))


def wait_for_page(qtbot: QtBot, wizard: Any, page: PageId, *, timeout: int = 20_000) -> Any:
    qtbot.waitUntil(lambda: wizard.current_page_id() is page, timeout=timeout)
    return wizard.page_of(page)


def advance_to(qtbot: QtBot, wizard: Any, page: PageId, *, timeout: int = 30_000) -> Any:
    """From the first page, start a new notebook and click Next until ``page`` shows."""
    if wizard.current_page_id() is PageId.WELCOME:
        click(qtbot, wizard.page_of(PageId.WELCOME).new_button)
    while wizard.current_page_id() is not page:
        click_next(qtbot, wizard, timeout=timeout)
    return wizard.page_of(page)


class InputCounter:
    """Counts the presses on buttons and lists, and the text typed, in a window.

    It listens to the widgets' own signals: an application-wide event filter would make every
    Qt event take the GIL and would itself stall the UI thread it is meant to measure.
    """

    def __init__(self) -> None:
        self.clicks = 0
        self.keys = 0

    def watch(self, window: QWidget) -> None:
        for button in window.findChildren(QAbstractButton):
            button.pressed.connect(self._clicked)
        for view in window.findChildren(QAbstractItemView):
            view.pressed.connect(self._clicked)
        for edit in window.findChildren(QLineEdit):
            edit.textEdited.connect(self._typed)

    def _clicked(self, *_args: object) -> None:
        self.clicks += 1

    def _typed(self, *_args: object) -> None:
        self.keys += 1
