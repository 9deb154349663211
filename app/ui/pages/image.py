"""Machine image: the current Deep Learning AMIs of the region, newest first, or a custom AMI."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.core.flow import PageId
from app.core.progress import CancelToken, Progress
from app.ui.context import WizardContext
from app.ui.pages.base import FlowPage

_AMI_ID = re.compile(r"^ami-[0-9a-f]{8}([0-9a-f]{9})?$")


class ImagePage(FlowPage):
    page_id = PageId.IMAGE

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dlami_radio = QRadioButton(self.tr("AWS Deep Learning image (recommended)"))
        self.custom_radio = QRadioButton(self.tr("My own image (AMI id):"))
        self.dlami_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.dlami_radio)
        group.addButton(self.custom_radio)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Software"), self.tr("Released"), self.tr("Image name")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setObjectName("imageDescription")
        self.description.setStyleSheet("#imageDescription { color: #5f6368; }")
        self.custom_id = QLineEdit()
        self.custom_id.setPlaceholderText("ami-0123456789abcdef0")
        self.custom_check = QPushButton(self.tr("Check"))
        custom_row = QHBoxLayout()
        custom_row.addWidget(self.custom_radio)
        custom_row.addWidget(self.custom_id, 1)
        custom_row.addWidget(self.custom_check)
        self.body.addWidget(self.dlami_radio)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.description)
        self.body.addLayout(custom_row)

        self.images: list[Any] = []
        self._loaded_for: tuple[str, str] | None = None
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.dlami_radio.toggled.connect(self._source_changed)
        self.custom_id.textChanged.connect(self._custom_edited)
        self.custom_id.returnPressed.connect(self.check_custom)
        self.custom_check.clicked.connect(self.check_custom)
        self._source_changed()

    def explanation(self) -> str:
        return self.tr(
            "The software the machine starts with. The newest Deep Learning image has the GPU "
            "driver, CUDA, PyTorch and Jupyter."
        )

    def initializePage(self) -> None:
        key = (self.ctx.state.account or "", self.ctx.plan.region)
        if self._loaded_for != key:
            self.load()

    def load(self) -> None:
        session, region = self.ctx.session, self.ctx.plan.region
        self.table.setRowCount(0)
        self.images = []
        self._choose(None)

        def images(progress: Progress, cancel: CancelToken) -> list[Any]:
            from app.core.aws.amis import list_dlamis

            return list(list_dlamis(session, region))

        self.run_task(
            "images",
            images,
            self._show_images,
            busy_text=self.tr("Finding the Deep Learning images in {region}…").format(
                region=region
            ),
        )

    def _show_images(self, images: list[Any]) -> None:
        self._loaded_for = (self.ctx.state.account or "", self.ctx.plan.region)
        self.images = images
        self.table.setRowCount(len(images))
        for row, image in enumerate(images):
            cells = (describe_flavour(image.flavour), image.created[:10], image.name)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        if not images:
            self.description.setText(
                self.tr("No Deep Learning image was found in this region. Enter an AMI id below.")
            )
            return
        remembered = self.ctx.plan.flavour
        preferred = next((i for i, im in enumerate(images) if im.flavour == remembered), 0)
        if self.dlami_radio.isChecked():
            self.table.selectRow(preferred)

    def _source_changed(self) -> None:
        custom = self.custom_radio.isChecked()
        self.table.setEnabled(not custom)
        self.custom_id.setEnabled(custom)
        self.custom_check.setEnabled(custom)
        if custom:
            self._choose(None)
            self.custom_id.setFocus()
        else:
            self._row_chosen()

    def _row_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.custom_radio.isChecked():
            self._choose(None)
            return
        self._choose(self.images[rows[0].row()])

    def _custom_edited(self) -> None:
        self._choose(None)

    def check_custom(self) -> None:
        image_id = self.custom_id.text().strip()
        if not _AMI_ID.fullmatch(image_id):
            from app.core.errors import WizardError

            message = self.tr("An AMI id looks like ami-0123456789abcdef0.")
            self.error_panel.show_error(WizardError(message, code="bad-ami"))
            return
        session, region = self.ctx.session, self.ctx.plan.region

        def describe(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.aws.amis import describe_image

            return describe_image(session, region, image_id)

        self.run_task(
            "custom-image",
            describe,
            self._choose,
            busy_text=self.tr("Checking {image}…").format(image=image_id),
        )

    def _choose(self, image: Any) -> None:
        state = self.ctx.state
        self.ctx.image = image
        state.image_chosen = image is not None
        if image is None:
            state.min_volume_gib = None
            self.description.clear()
        else:
            self.ctx.plan.image_id = image.image_id
            self.ctx.plan.flavour = image.flavour or ""
            self.ctx.plan.ssh_user = image.ssh_user or None
            state.min_volume_gib = image.root_volume_gib or None
            self.description.setText(
                self.tr(
                    "{name}\n{description}\nLog-in user: {user}. Disk: at least {size} GiB."
                ).format(
                    name=image.name,
                    description=image.description,
                    user=image.ssh_user,
                    size=image.root_volume_gib,
                )
            )
        self.changed()


def describe_flavour(flavour: str) -> str:
    """A readable name for a DLAMI flavour such as "
    "oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04."""
    if not flavour:
        return "—"
    parts = []
    framework = re.search(r"(pytorch|tensorflow)-([\d.]+)", flavour)
    if framework:
        name = {"pytorch": "PyTorch", "tensorflow": "TensorFlow"}[framework.group(1)]
        parts.append(f"{name} {framework.group(2)}")
    elif flavour.startswith("base"):
        parts.append(QCoreApplication.translate("ImagePage", "Base (GPU driver and CUDA)"))
    system = re.search(r"(ubuntu|amazon-linux)-([\d.]+)", flavour)
    if system:
        name = {"ubuntu": "Ubuntu", "amazon-linux": "Amazon Linux"}[system.group(1)]
        parts.append(f"{name} {system.group(2)}")
    return ", ".join(parts) or flavour
