"""The long-running reminder on the desktop: a tray notification, once per machine and start.

Where the platform has no tray (the offscreen platform of the tests, some Linux desktops) the
reminder is only on the page; the notifier is a plain callable so tests can watch it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from app.ui.sentences import shown

Notify = Callable[[str, str], None]  # (title, text)


def tray_notifier(parent: QWidget) -> Notify | None:
    """A notifier through the system tray, or None where there is no tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    from app.ui.icons import app_icon

    icon = QSystemTrayIcon(app_icon(), parent)

    def notify(title: str, text: str) -> None:
        icon.show()
        icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 15_000)

    return notify


class RunningReminders:
    """Notifies once about each machine running longer than ``hours`` (again after a restart)."""

    def __init__(self, notify: Notify | None) -> None:
        self.notify = notify
        self._told: set[tuple[str, str]] = set()  # (instance id, launch time) already notified

    def lines(self, instances: Sequence[Any], hours: float) -> list[str]:
        """The reminders for ``instances`` in the user's language; notifies the new ones."""
        from app.core.aws.running_reminder import reminder

        found = []
        for instance in instances:
            sentence = reminder(instance, hours)
            if sentence is None:
                continue
            text = shown(sentence)
            found.append(text)
            key = (instance.instance_id, instance.launch_time)
            if key not in self._told:
                self._told.add(key)
                if self.notify is not None:
                    title = QCoreApplication.translate("Reminders", "A machine is still running")
                    self.notify(title, text)
        return found
