"""GPU type: the GPU machines of the region with prices and quota, on-demand or spot."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QWidget,
)

from app.core.flow import PageId
from app.core.launch.architecture import image_supports
from app.core.plan import Market
from app.core.progress import CancelToken, Progress
from app.ui.context import WizardContext
from app.ui.gpu_table import COLUMNS, GpuFilterProxy, GpuTableModel
from app.ui.pages.base import FlowPage
from app.ui.sentences import shown


class GpuPage(FlowPage):
    page_id = PageId.GPU

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = GpuTableModel(self)
        self.proxy = GpuFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter, e.g. A10G or g5"))
        self.filter_edit.setClearButtonEnabled(True)
        self.only_quota = QCheckBox(self.tr("Hide types my quota does not allow"))
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.only_quota)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COLUMNS.index("on_demand"), Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        rows = self.view.verticalHeader()
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(30)
        self.on_demand = QRadioButton(self.tr("On-demand (recommended): runs until you stop it"))
        self.spot = QRadioButton(self.tr("Spot: cheaper, but AWS may stop it at any time"))
        market_group = QButtonGroup(self)
        market_group.addButton(self.on_demand)
        market_group.addButton(self.spot)
        (self.spot if self.ctx.plan.market is Market.SPOT else self.on_demand).setChecked(True)
        market_row = QHBoxLayout()
        market_row.addWidget(self.on_demand)
        market_row.addWidget(self.spot)
        market_row.addStretch(1)
        self.quota_label = QLabel()
        self.quota_label.setWordWrap(True)
        self.request_button = QPushButton(self.tr("Request quota increase"))
        self.request_button.hide()
        self.request_status = QLabel()
        quota_row = QHBoxLayout()
        quota_row.addWidget(self.quota_label, 1)
        quota_row.addWidget(self.request_status)
        quota_row.addWidget(self.request_button)
        self.price_note = QLabel()
        self.price_note.setObjectName("priceNote")
        self.price_note.setStyleSheet("#priceNote { color: #5f6368; }")
        self.body.addLayout(top)
        self.body.addWidget(self.view, 1)
        self.body.addLayout(quota_row)
        self.body.addLayout(market_row)
        self.body.addWidget(self.price_note)

        self._loaded_for: tuple[str, str] | None = None
        self._user_chose = False
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.only_quota.toggled.connect(self.proxy.set_only_with_quota)
        self.view.selectionModel().selectionChanged.connect(self._row_chosen)
        self.on_demand.toggled.connect(self._market_changed)
        self.request_button.clicked.connect(self.request_increase)

    def explanation(self) -> str:
        return self.tr(
            "The machine to rent. The recommended type is preselected; click a column to sort."
        )

    def initializePage(self) -> None:
        # Only types that can run the chosen image: RunInstances refuses another architecture,
        # and the launch refuses a family the image does not support (no working GPU driver).
        self.proxy.set_architecture(self.architecture())
        self.proxy.set_image(self.ctx.image)
        key = (self.ctx.state.account or "", self.ctx.plan.region)
        if self._loaded_for != key:
            self.load()
        elif self.model.types and not self._chosen_fits():
            self.preselect()  # another image was chosen since: keep the choice launchable

    def architecture(self) -> str:
        """The chosen image's architecture (the newest DLAMI, x86_64, when none is known)."""
        image = self.ctx.image
        return str(image.architecture) if image is not None and image.architecture else "x86_64"

    def _fits(self, gpu: Any) -> bool:
        """Whether ``gpu`` (a ``GpuType``) can run the chosen image."""
        image = self.ctx.image
        return gpu.architecture == self.architecture() and (
            image is None or image_supports(image, gpu.instance_type)
        )

    def _chosen_fits(self) -> bool:
        # None too: hiding the chosen row (another image) clears the choice.
        return self.ctx.gpu is not None and self._fits(self.ctx.gpu)

    def fitting_types(self) -> list[Any]:
        """The loaded types that can run the chosen image."""
        return [t for t in self.model.types if self._fits(t)]

    def preselect(self) -> None:
        """Select the remembered type if it runs the image, else the recommended one."""
        from app.core.aws.preselect import default_gpu_type

        architecture = self.architecture()
        fitting = self.fitting_types()
        remembered = self.ctx.plan.instance_type
        chosen = next((t for t in fitting if t.instance_type == remembered), None)
        chosen = chosen or default_gpu_type(
            fitting, self.model.quotas or None, architecture=architecture
        )
        if chosen is not None:
            self.select(chosen.instance_type)
        else:
            self.view.clearSelection()
            self._choose(None)
        self._user_chose = False

    def load(self) -> None:
        session, region = self.ctx.session, self.ctx.plan.region
        self.model.set_types([])
        self._choose(None)

        def catalog(progress: Progress, cancel: CancelToken) -> list[Any]:
            from app.core.aws.catalog import find_gpu_instance_types

            return list(find_gpu_instance_types(session, region, progress=progress, cancel=cancel))

        self.run_task(
            "catalog",
            catalog,
            self._show_types,
            busy_text=self.tr("Finding the GPU machines offered in {region}…").format(
                region=region
            ),
        )

    def _show_types(self, types: list[Any]) -> None:
        self._loaded_for = (self.ctx.state.account or "", self.ctx.plan.region)
        self.model.set_types(types)
        self.fit_columns()
        sources = {t.price_source for t in types if t.price_source}
        self.price_note.setText(
            self.tr("Prices are US dollars per hour (source: {sources}).").format(
                sources=", ".join(sorted(map(shown, sources))) or self.tr("unknown")
            )
            if types
            else self.tr("No GPU machine types are offered in this region.")
        )
        self.preselect()
        self.check_quotas()

    def fit_columns(self) -> None:
        """Size columns to their contents; the GPU name gives way so that all ten fit."""
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        padding, arrow, icon = 14, 16, 22
        widths: list[int] = []
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = metrics.horizontalAdvance(title) + padding + arrow
            for row in range(self.model.rowCount()):
                text = str(self.model.index(row, column).data() or "")
                width = max(width, metrics.horizontalAdvance(text) + padding)
            if COLUMNS[column] == "quota":
                width = max(
                    width, metrics.horizontalAdvance(self.tr("Not enough")) + padding + icon
                )
            widths.append(width)
        scroll_bar = self.view.verticalScrollBar().sizeHint().width()
        available = self.view.width() - 2 * self.view.frameWidth() - scroll_bar - 1
        gpu = COLUMNS.index("gpu")
        others = sum(widths) - widths[gpu]
        widths[gpu] = max(60, min(widths[gpu], available - others))
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.model.rowCount():
            self.fit_columns()

    def select(self, instance_type: str) -> None:
        """Select the row of ``instance_type`` and scroll to it."""
        row = self.model.row_of(instance_type)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().select(index, flags)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def check_quotas(self) -> None:
        """Check the vCPU quota of every type in the background (one read of the quotas)."""
        session, region = self.ctx.session, self.ctx.plan.region
        market = self.ctx.plan.market.value
        wanted = [(t.instance_type, t.vcpus) for t in self.model.types]
        self.model.clear_quotas()
        if not wanted:
            return

        def quotas(progress: Progress, cancel: CancelToken) -> dict[str, Any]:
            from app.core.aws.quotas import check_vcpu_quotas

            return dict(check_vcpu_quotas(session, region, wanted, market))

        self.run_task(
            "quotas",
            quotas,
            self._quotas_arrived,
            busy_text=self.tr("Checking your vCPU quotas…"),
            blocks_next=False,
        )

    def _quotas_arrived(self, quotas: dict[str, Any]) -> None:
        from app.core.aws.preselect import default_gpu_type

        for instance_type, quota in quotas.items():
            self.model.set_quota(instance_type, quota)
        chosen = quotas.get(self.ctx.plan.instance_type)
        if not self._user_chose and chosen is not None and chosen.status == "short":
            # The preselection must be launchable: move to the best type with room.
            better = default_gpu_type(
                self.fitting_types(), quotas, architecture=self.architecture()
            )
            if better is not None:
                self.select(better.instance_type)
                self._user_chose = False
        self._show_quota()

    def _row_chosen(self) -> None:
        self._user_chose = True
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            self._choose(None)
            return
        source = self.proxy.mapToSource(rows[0])
        self._choose(self.model.types[source.row()])

    def _choose(self, gpu: Any) -> None:
        self.ctx.gpu = gpu
        self.ctx.state.gpu_chosen = gpu is not None
        if gpu is not None:
            self.ctx.plan.instance_type = gpu.instance_type
        self.request_status.clear()
        self._show_quota()
        self.changed()

    def _show_quota(self) -> None:
        gpu = self.ctx.gpu
        quota = self.model.quotas.get(gpu.instance_type) if gpu is not None else None
        # Short, or only AWS's default known and it is too small (a new account's 0 for GPUs).
        default = getattr(quota, "default_limit", None)
        self.request_button.setVisible(
            quota is not None
            and (quota.status == "short" or (default is not None and default < quota.vcpus))
        )
        if gpu is None:
            self.quota_label.clear()
        elif quota is None:
            self.quota_label.setText(
                self.tr("Checking the quota for {type}…").format(type=gpu.instance_type)
            )
        else:
            self.quota_label.setText(shown(quota.message))

    def _market_changed(self) -> None:
        self.ctx.plan.market = Market.ON_DEMAND if self.on_demand.isChecked() else Market.SPOT
        if self.model.types:
            self.check_quotas()
        self.changed()

    def request_increase(self) -> None:
        gpu = self.ctx.gpu
        quota = self.model.quotas.get(gpu.instance_type) if gpu is not None else None
        if quota is None or not quota.quota_code:
            return
        session, region = self.ctx.session, self.ctx.plan.region
        # ``needed`` is what already runs plus this machine: the limit must be at least that.
        desired = float(quota.needed or (quota.limit or 0) + gpu.vcpus)

        def request(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.aws.quotas import request_quota_increase

            return request_quota_increase(session, region, quota.quota_code, desired)

        self.run_task(
            "quota-request",
            request,
            self._requested,
            busy_text=self.tr("Asking AWS for {count:g} vCPUs…").format(count=desired),
            blocks_next=False,
        )

    def _requested(self, request: Any) -> None:
        self.request_status.setText(
            self.tr("Request {id}: {status}").format(id=request.request_id, status=request.status)
        )
