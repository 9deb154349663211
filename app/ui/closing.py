"""What closing the window means while a launch runs or a notebook tunnel is open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon, QWizard

from app.core.flow import PageId


def confirm_close(wizard: Any, close: Callable[[], None]) -> bool:
    """True when the window may close now; otherwise asks, and calls ``close`` later if agreed."""
    progress = wizard.page_of(PageId.PROGRESS)
    if progress.launch_running():
        progress.ask_cancel()
        return False
    done = wizard.page_of(PageId.DONE)
    if not done.tunnel_open():
        return True
    _ask_about_tunnel(wizard, done, close)
    return False


def _ask_about_tunnel(wizard: QWizard, done: Any, close: Callable[[], None]) -> None:
    translate = QCoreApplication.translate
    box = QMessageBox(wizard)
    box.setObjectName("closeDialog")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Closing", "Your notebook is still open"))
    can_stop = getattr(done.result, "can_stop", True)
    text = translate(
        "Closing",
        "The machine is still running and billing, and this window holds the connection to "
        "your notebook. What should happen?",
    )
    if not can_stop:  # AWS cannot stop a one-time spot instance: no Stop to offer
        text += " " + translate(
            "Closing",
            "This one-time spot instance cannot be stopped; to end its bill, cancel and "
            "terminate it on this page.",
        )
    box.setText(text)
    stop = (
        box.addButton(translate("Closing", "Stop the machine"), QMessageBox.ButtonRole.AcceptRole)
        if can_stop
        else None
    )
    keep = box.addButton(
        translate("Closing", "Keep it running"), QMessageBox.ButtonRole.DestructiveRole
    )
    tray = None
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray = box.addButton(
            translate("Closing", "Keep the notebook open in the tray"),
            QMessageBox.ButtonRole.ActionRole,
        )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(stop or cancel)

    def answered(_code: int) -> None:
        clicked = box.clickedButton()
        if stop is not None and clicked is stop:
            done.stop_instance(then=close)
        elif clicked is keep:
            from app.ui.pages.done import close_tunnel

            close_tunnel(done.result)
            done.ended = "kept"
            close()
        elif tray is not None and clicked is tray:
            from app.ui.tray import NotebookTray

            wizard.tray = NotebookTray(wizard, done)
            QApplication.setQuitOnLastWindowClosed(False)
            wizard.tray.show()
            wizard.hide()

    box.finished.connect(answered)
    wizard.close_box = box
    box.open()
