"""Storage: the root disk's size and type, whether it goes with the machine, its monthly cost;
and the work disk (new, a kept one, or none)."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from app.core.aws.storage_prices import disk_monthly_cost
from app.core.flow import PageId
from app.core.plan import VOLUME_GIB_RANGE
from app.core.progress import CancelToken, Progress
from app.ui.context import WizardContext
from app.ui.pages.base import FlowPage
from app.ui.work_disk_picker import WorkDiskPicker


class StoragePage(FlowPage):
    page_id = PageId.STORAGE

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.size = QSpinBox()
        self.size.setRange(*VOLUME_GIB_RANGE)
        self.size.setSuffix(" GiB")
        self.size.setSingleStep(10)
        self.size.setFixedWidth(160)
        self.volume_type = QComboBox()
        self.volume_type.setMaximumWidth(420)
        self.volume_type.addItem(self.tr("gp3: general purpose SSD (recommended)"), "gp3")
        self.volume_type.addItem(self.tr("gp2: older general purpose SSD"), "gp2")
        self.volume_type.addItem(self.tr("io1: provisioned IOPS SSD"), "io1")
        self.volume_type.addItem(self.tr("io2: provisioned IOPS SSD"), "io2")
        self.delete_on_termination = QCheckBox(
            self.tr("Delete the disk when the machine is terminated (recommended)")
        )
        self.minimum_note = QLabel()
        self.cost = QLabel()
        self.cost.setObjectName("storageCost")
        self.cost.setStyleSheet("#storageCost { font-size: 14pt; }")
        self.keep_note = QLabel(
            self.tr(
                "A disk that is kept after termination is billed until you delete it in the AWS "
                "console."
            )
        )
        self.keep_note.setWordWrap(True)
        self.work_disk = WorkDiskPicker()
        self.move_dialog: Any = None
        self._disks_for: tuple[str, str] | None = None
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Size:"), self.size)
        form.addRow("", self.minimum_note)
        form.addRow(self.tr("Type:"), self.volume_type)
        form.addRow("", self.delete_on_termination)
        form.addRow(self.tr("Cost:"), self.cost)
        form.addRow(self.tr("Work disk:"), self.work_disk)
        self.body.addLayout(form)
        self.body.addWidget(self.keep_note)
        self.body.addStretch(1)
        self.size.valueChanged.connect(self._edited)
        self.volume_type.currentIndexChanged.connect(self._edited)
        self.delete_on_termination.toggled.connect(self._edited)
        self.work_disk.changed.connect(self._edited)
        self.work_disk.move_requested.connect(self.move_here)

    def explanation(self) -> str:
        return self.tr(
            "The machine's own disk holds the software; the work disk (~/work) holds your "
            "notebooks and data and outlives the machine."
        )

    def initializePage(self) -> None:
        plan, minimum = self.ctx.plan, self.ctx.state.min_volume_gib
        for widget in (self.size, self.volume_type, self.delete_on_termination):
            widget.blockSignals(True)
        self.size.setMinimum(max(VOLUME_GIB_RANGE[0], minimum or 0))
        self.size.setValue(max(plan.volume_gib, minimum or 0))
        self.volume_type.setCurrentIndex(max(0, self.volume_type.findData(plan.volume_type)))
        self.delete_on_termination.setChecked(plan.delete_volume_on_termination)
        for widget in (self.size, self.volume_type, self.delete_on_termination):
            widget.blockSignals(False)
        self.minimum_note.setText(
            self.tr("The machine image needs at least {size} GiB.").format(size=minimum)
            if minimum
            else ""
        )
        self.work_disk.set_choice(plan.work_disk)
        self._edited()
        self._load_disks()

    def _load_disks(self) -> None:
        """The kept work disks, in every region (a disk elsewhere is shown, not offered)."""
        session, region = self.ctx.session, self.ctx.plan.region
        zones = list(self.ctx.gpu.zones) if self.ctx.gpu is not None else None
        self.work_disk.set_disks(self.work_disk.disks, region=region, zones=zones)
        key = (self.ctx.state.account or "", region)
        if session is None or self._disks_for == key:
            return

        def disks(progress: Progress, cancel: CancelToken) -> list[Any]:
            from app.core.aws.work_disks import list_all_work_disks

            return list_all_work_disks(session)

        def show(found: list[Any]) -> None:
            self._disks_for = key
            self.work_disk.set_disks(found, region=region, zones=zones)
            self._edited()

        self.run_task(
            "work-disks",
            disks,
            show,
            busy_text=self.tr("Looking for your kept work disks…"),
            blocks_next=False,
        )

    def move_here(self, disk: Any) -> Any:
        """ "Move it here…": the kept ``disk`` to a zone of this launch's region offering the
        chosen GPU type, the cost said first; then the moved disk is the choice."""
        from app.ui.move_dialog import disk_move_dialog

        session, region, instance_type = (
            self.ctx.session, self.ctx.plan.region, self.ctx.plan.instance_type,
        )  # fmt: skip

        def destinations(progress: Progress, cancel: CancelToken) -> list[Any]:
            from app.core.aws.move_targets import move_destinations

            return move_destinations(session, region, instance_type=instance_type or None)

        self.move_dialog = disk_move_dialog(
            self, self.ctx.runner, session, disk, destinations=destinations,
            on_moved=lambda result: self._moved(disk, result),
        )  # fmt: skip
        self.move_dialog.open()
        return self.move_dialog

    def _moved(self, disk: Any, result: Any) -> None:
        from app.core.aws.storage_prices import disk_monthly_cost

        moved = dataclasses.replace(
            disk, volume_id=result.volume_id, region=result.region, zone=result.zone,
            monthly_usd=disk_monthly_cost(result.region, disk.volume_type, disk.size_gib),
        )  # fmt: skip
        disks = [moved if d.volume_id == disk.volume_id else d for d in self.work_disk.disks]
        zones = list(self.ctx.gpu.zones) if self.ctx.gpu is not None else None
        self.work_disk.set_disks(disks, region=self.ctx.plan.region, zones=zones)
        self.work_disk.set_choice(moved.name)
        self._edited()

    def _edited(self) -> None:
        plan = self.ctx.plan
        plan.volume_gib = self.size.value()
        plan.volume_type = str(self.volume_type.currentData())
        plan.delete_volume_on_termination = self.delete_on_termination.isChecked()
        plan.work_disk = self.work_disk.choice()
        self.keep_note.setVisible(not plan.delete_volume_on_termination)
        # The region's EBS list price (resources/prices/ebs.json; io1/io2 also bill IOPS).
        monthly = disk_monthly_cost(plan.region or "", plan.volume_type, plan.volume_gib)
        self.cost.setText(
            self.tr("about ${cost:.2f} per month while the disk exists").format(cost=monthly)
        )
        self.changed()
