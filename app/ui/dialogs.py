"""The wizard's questions: trust a host key, cancel a launch, terminate a machine."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from app.core.progress import CancelToken


@dataclass
class HostKeyPrompt:
    """Sent from the launch's thread to the UI: trust ``fingerprint``? The UI calls answer()."""

    fingerprint: str
    host: str = ""
    _event: threading.Event = field(default_factory=threading.Event, repr=False)
    _trusted: bool = False

    def answer(self, trusted: bool) -> None:
        self._trusted = trusted
        self._event.set()

    def wait(self, cancel: CancelToken) -> bool:
        """Block the launch's thread until the user answers; a cancel ends the wait."""
        while not self._event.wait(0.2):
            cancel.raise_if_cancelled()
        return self._trusted


def host_key_dialog(parent: QWidget, prompt: HostKeyPrompt) -> QMessageBox:
    """PuTTY's "host key is not cached" question, for a key the console did not confirm."""
    box = QMessageBox(parent)
    box.setObjectName("hostKeyDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Security alert"))
    box.setText(
        QCoreApplication.translate(
            "Dialogs",
            "The machine's identity could not be confirmed from its console output. Its SSH host "
            "key fingerprint is:\n\n{fingerprint}\n\nIf you trust this machine, accept the key "
            "and continue. If you are not sure, cancel: nothing will connect to it.",
        ).format(fingerprint=prompt.fingerprint)
    )
    accept = box.addButton(
        QCoreApplication.translate("Dialogs", "Accept and connect"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(
        QCoreApplication.translate("Dialogs", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(accept)  # like PuTTY, whose default is to accept
    box.finished.connect(lambda _code: prompt.answer(box.clickedButton() is accept))
    return box


def describe_created(resources: object) -> list[str]:
    """What a launch has created so far, as lines for the cancel question (from its journal)."""
    lines: list[str] = []
    instance = getattr(resources, "instance_id", None)
    if instance:
        lines.append(
            QCoreApplication.translate("Dialogs", "the instance {id} (terminated)").format(
                id=instance
            )
        )
    elif getattr(resources, "instance_requested", False):
        lines.append(
            QCoreApplication.translate("Dialogs", "the instance being started (terminated)")
        )
    if getattr(resources, "security_group_created", False):
        group = getattr(resources, "security_group_id", "") or ""
        lines.append(
            QCoreApplication.translate("Dialogs", "the security group {id}")
            .format(id=group)
            .strip()
        )
    if getattr(resources, "key_pair_created", False):
        name = getattr(resources, "key_name", "") or ""
        lines.append(
            QCoreApplication.translate("Dialogs", "the EC2 key pair {name}")
            .format(name=name)
            .strip()
        )
    if getattr(resources, "key_files_created", False):
        lines.append(QCoreApplication.translate("Dialogs", "the key files saved on this computer"))
    if getattr(resources, "idle_alarm", False):
        lines.append(QCoreApplication.translate("Dialogs", "the idle auto-stop alarm"))
    if getattr(resources, "work_disk_created", False):
        disk = getattr(resources, "work_disk_id", "") or ""
        lines.append(
            QCoreApplication.translate("Dialogs", "the new work disk {id}").format(id=disk).strip()
        )
    return lines


def cancel_launch_dialog(parent: QWidget, created: list[str]) -> tuple[QMessageBox, QPushButton]:
    """Asks before cancelling; lists exactly what will be removed."""
    box = QMessageBox(parent)
    box.setObjectName("cancelLaunchDialog")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Cancel the launch?"))
    if created:
        listing = "\n".join(f"\u2022 {line}" for line in created)
        box.setText(
            QCoreApplication.translate(
                "Dialogs", "Cancel the launch? These will be removed:\n\n{listing}"
            ).format(listing=listing)
        )
    else:
        box.setText(
            QCoreApplication.translate(
                "Dialogs", "Cancel the launch? Nothing has been created in AWS yet."
            )
        )
    stop = box.addButton(
        QCoreApplication.translate("Dialogs", "Cancel launch and clean up"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    keep = box.addButton(
        QCoreApplication.translate("Dialogs", "Keep launching"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    return box, stop


def terminate_dialog(
    parent: QWidget,
    *,
    title: str,
    text: str,
    button: str,
    on_terminate: Callable[[], None],
    work_disk: object = None,
    on_delete_everything: Callable[[], None] | None = None,
) -> QMessageBox:
    """The open "Terminate the machine?" question; ``on_terminate`` runs if the user agrees.

    With a ``work_disk`` (a ``WorkDisk``) the question says what becomes of it: the default
    button keeps it (and says what it costs a month), "Delete everything" runs
    ``on_delete_everything``. The texts come translated from the page that asks.
    """
    translate = QCoreApplication.translate
    box = QMessageBox(parent)
    box.setObjectName("terminateDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    everything = None
    if work_disk is not None and on_delete_everything is not None:
        name = getattr(work_disk, "name", "")
        monthly = float(getattr(work_disk, "monthly_usd", 0.0))
        box.setText(
            text
            + "\n\n"
            + translate(
                "Dialogs",
                "Your work disk {name} ({size} GiB, your files in ~/work) is kept unless you "
                "delete everything; a launch can reuse it.",
            ).format(name=name, size=getattr(work_disk, "size_gib", 0))
        )
        terminate = box.addButton(
            translate("Dialogs", "Keep my work disk (${cost:.2f}/month)").format(cost=monthly),
            QMessageBox.ButtonRole.AcceptRole,
        )
        terminate.setObjectName("keepWorkDisk")
        everything = box.addButton(
            translate("Dialogs", "Delete everything"), QMessageBox.ButtonRole.DestructiveRole
        )
        everything.setObjectName("deleteEverything")
        box.setDefaultButton(terminate)
    else:
        box.setText(text)
        terminate = box.addButton(button, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)

    def answered(_code: int) -> None:
        clicked = box.clickedButton()
        if clicked is terminate:
            on_terminate()
        elif everything is not None and clicked is everything and on_delete_everything:
            on_delete_everything()

    box.finished.connect(answered)
    box.open()
    return box
