"""The one confirmation of "Stop everything": what runs, where, at what hourly cost.

One-time spot machines are listed apart: AWS cannot stop them, so the dialog offers to
terminate them (unchecked by default) instead of skipping them without a word.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


def _line(instance: Any) -> str:
    price = f"${instance.hourly_price:.3f}/h" if instance.hourly_price is not None else "?"
    name = instance.name or instance.launch_id or ""
    return f"{instance.instance_id}  {instance.region}  {instance.instance_type}  {price}  {name}"


class StopAllDialog(QDialog):
    """Calls ``on_confirm(terminate_spot)`` when the user agrees."""

    def __init__(self, parent: QWidget, plan: Any, on_confirm: Callable[[bool], None]) -> None:
        super().__init__(parent)
        self.setObjectName("stopAllDialog")
        self.setWindowTitle(self.tr("Stop everything?"))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        if plan.to_stop:
            self.summary.setText(
                self.tr(
                    "Stop these {count} machines? Together they cost ${hourly:.3f} per hour. "
                    "Their disks are kept (and billed) until you terminate them."
                ).format(count=len(plan.to_stop), hourly=plan.hourly_total)
            )
            self.stop_list = QLabel("\n".join(_line(i) for i in plan.to_stop))
            layout.addWidget(self.stop_list)
        else:
            self.summary.setText(self.tr("No machine that can be stopped is running."))
        self.spot_box = QCheckBox(
            self.tr(
                "Also terminate these one-time spot machines (AWS cannot stop them; their "
                "disks and files are deleted):"
            )
        )
        self.spot_list = QLabel("\n".join(_line(i) for i in plan.terminate_only))
        for widget in (self.spot_box, self.spot_list):
            widget.setVisible(bool(plan.terminate_only))
            layout.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm = buttons.addButton(
            self.tr("Stop everything"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.accepted.connect(lambda: on_confirm(self.spot_box.isChecked()))
