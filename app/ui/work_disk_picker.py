"""The storage page's work-disk choice: a new disk (size), a kept one, or none (issue 14).

Kept disks come from ``app.core.aws.work_disks.list_all_work_disks``; a disk that cannot be
attached to this launch (attached elsewhere, in another region, or in a zone without the chosen
GPU type) is listed but disabled, saying why. A free disk that is only in the wrong place is
offered "Move it here…" (``move_requested``: the storage page opens the move dialog).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.aws.storage_prices import disk_monthly_cost
from app.core.work_disk_choice import DEFAULT_GIB, GIB_RANGE, NEW, NONE, parse_work_disk
from app.ui.qt_fixes import emit


class WorkDiskPicker(QWidget):
    """Combo box (new / reuse NAME / none) and the new disk's size."""

    changed = Signal()
    # A kept disk (WorkDisk) the user wants moved to where this launch runs.
    move_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(420)
        self.size = QSpinBox()
        self.size.setRange(*GIB_RANGE)
        self.size.setValue(DEFAULT_GIB)
        self.size.setSuffix(" GiB")
        self.size.setSingleStep(10)
        self.size.setFixedWidth(120)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("workDiskNote")
        self.move_button = QPushButton(self.tr("Move it here…"))
        self.move_button.setObjectName("moveDiskHere")
        self.move_menu = QMenu(self.move_button)
        self.move_button.setMenu(self.move_menu)
        self.move_button.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)
        row.addWidget(self.size)
        row.addWidget(self.move_button)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.note)
        self.region = ""
        self.disks: list[Any] = []
        self.set_disks([], region="", zones=None)
        self.combo.currentIndexChanged.connect(self._edited)
        self.size.valueChanged.connect(self._edited)

    def set_disks(self, disks: Sequence[Any], *, region: str, zones: Sequence[str] | None) -> None:
        """List ``disks`` (WorkDisk) for a launch in ``region`` whose type runs in ``zones``
        (None: any zone); keeps the current choice when it is still possible."""
        current = self.choice()
        self.region, self.disks = region, list(disks)
        self.movable = [d for d in self.disks if self._misplaced(d, region, zones)]
        self.move_menu.clear()
        for disk in self.movable:
            action = self.move_menu.addAction(
                self.tr("Move {name} ({zone}) here…").format(name=disk.name, zone=disk.zone)
            )
            action.triggered.connect(lambda _checked=False, d=disk: self.move_requested.emit(d))
        self.move_button.setVisible(bool(self.movable))
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("New work disk"), NEW)
        model = self.combo.model()
        assert isinstance(model, QStandardItemModel)
        for disk in self.disks:
            why = self._unusable(disk, region, zones)
            label = self.tr("Reuse {name} ({size} GiB, {zone}, ${cost:.2f}/month)").format(
                name=disk.name, size=disk.size_gib, zone=disk.zone, cost=disk.monthly_usd
            )
            self.combo.addItem(f"{label}: {why}" if why else label, disk.name)
            if why:
                item = model.item(self.combo.count() - 1)
                item.setEnabled(False)
                item.setToolTip(why)
        self.combo.addItem(self.tr("No work disk"), NONE)
        self.combo.blockSignals(False)
        self.set_choice(current)

    @staticmethod
    def _misplaced(disk: Any, region: str, zones: Sequence[str] | None) -> bool:
        """Free, but where this launch cannot attach it: a move brings it here."""
        wrong_place = disk.region != region or (zones is not None and disk.zone not in zones)
        return wrong_place and not disk.attached_to

    def _unusable(self, disk: Any, region: str, zones: Sequence[str] | None) -> str:
        if disk.attached_to:
            return self.tr("attached to {instance}").format(instance=disk.attached_to)
        if self._misplaced(disk, region, zones):
            return self.tr("in {zone}: move it first (Move it here…)").format(zone=disk.zone)
        return ""

    def set_choice(self, text: str) -> None:
        choice = parse_work_disk(text)
        index = self.combo.findData(choice.name if choice.kind == "reuse" else choice.kind)
        model = self.combo.model()
        assert isinstance(model, QStandardItemModel)
        if index < 0 or not model.item(index).isEnabled():
            index = 0  # a disk no longer offered: a new one, as by default
        self.combo.blockSignals(True)
        self.size.blockSignals(True)
        self.combo.setCurrentIndex(index)
        if choice.kind == NEW:
            self.size.setValue(choice.gib)
        self.combo.blockSignals(False)
        self.size.blockSignals(False)
        self._show()

    def choice(self) -> str:
        """The choice as the plan writes it (``new:GIB``, a name, ``none``)."""
        data = self.combo.currentData()
        if data == NEW or data is None:
            return f"{NEW}:{self.size.value()}"
        return str(data)

    def _edited(self) -> None:
        self._show()
        emit(self.changed)

    def _show(self) -> None:
        data = self.combo.currentData()
        self.size.setVisible(data in (NEW, None))
        if data in (NEW, None):
            monthly = disk_monthly_cost(self.region, "gp3", self.size.value())
            self.note.setText(
                self.tr(
                    "An encrypted disk mounted at ~/work, the notebook's folder. It outlives "
                    "the machine: about ${cost:.2f} per month while you keep it."
                ).format(cost=monthly)
            )
        elif data == NONE:
            self.note.setText(
                self.tr("Your files stay on the machine's own disk and go when it is terminated.")
            )
        else:
            disk = next((d for d in self.disks if d.name == data), None)
            zone = disk.zone if disk is not None else ""
            self.note.setText(
                self.tr(
                    "Your files from before, at ~/work. The machine starts in {zone}, where the "
                    "disk is."
                ).format(zone=zone)
            )
