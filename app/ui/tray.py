"""The system tray icon that keeps a notebook's tunnel open after the window is closed."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from app.ui.icons import app_icon

REMINDER_CHECK_MS = 60_000


class NotebookTray(QSystemTrayIcon):
    """Open the notebook, show the window again, or stop the machine and quit."""

    def __init__(self, window: QWidget, done_page: Any) -> None:
        super().__init__(app_icon(), window)
        translate = QCoreApplication.translate
        self.window, self.done_page = window, done_page
        self.setToolTip(translate("Tray", "EC2 Notebook Wizard: your notebook is open"))
        menu = QMenu(window)
        self.open_action = QAction(translate("Tray", "Open Notebook"), menu)
        self.show_action = QAction(translate("Tray", "Show the window"), menu)
        self.stop_action = QAction(translate("Tray", "Stop the machine and quit"), menu)
        self.quit_action = QAction(translate("Tray", "Quit, keep the machine running"), menu)
        for action in (self.open_action, self.show_action, self.stop_action, self.quit_action):
            menu.addAction(action)
        self.menu = menu
        self.setContextMenu(menu)
        self.open_action.triggered.connect(done_page.open_notebook)
        self.show_action.triggered.connect(self._show_window)
        self.stop_action.triggered.connect(lambda: done_page.stop_instance(then=QApplication.quit))
        self.quit_action.triggered.connect(self._quit)
        self.activated.connect(self._activated)
        # The long-running reminder: the window is closed, the machine may be forgotten.
        self.notify = self._show_message
        self.reminded = False
        self._reminder_timer = QTimer(self)
        self._reminder_timer.setInterval(REMINDER_CHECK_MS)
        self._reminder_timer.timeout.connect(self.check_running_time)
        self._reminder_timer.start()

    def check_running_time(self, now: float | None = None) -> bool:
        """Notify once when the machine has run longer than the reminder's hours."""
        page = self.done_page
        started = page.ctx.launch_started
        if self.reminded or page.ended or not started or page.result is None:
            return False
        hours = ((now or time.time()) - started) / 3600
        if hours < page.ctx.choices.remind_hours:
            return False
        self.reminded = True
        translate = QCoreApplication.translate
        self.notify(
            translate("Tray", "Your machine is still running"),
            translate(
                "Tray",
                "{instance} has been running for {hours:.1f} hours and is billed by the hour. "
                "Stop it from this icon's menu if you are done.",
            ).format(instance=page.result.instance_id, hours=hours),
        )
        return True

    def spot_notice(self, title: str, text: str) -> None:
        """AWS is taking (or may take) the spot machine back: the icon says it, and a message."""
        self.setToolTip(text)
        self.notify(title, text)

    def _show_message(self, title: str, text: str) -> None:
        self.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 30_000)

    def _show_window(self) -> None:
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self._show_window()

    def _quit(self) -> None:
        from app.ui.pages.done import close_tunnel

        close_tunnel(self.done_page.result)
        QApplication.quit()
