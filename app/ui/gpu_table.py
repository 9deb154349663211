"""The table model behind the GPU page: one row per GPU instance type, sortable and filterable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from app.core.launch.architecture import image_supports
from app.ui.icons import COLOURS, state_icon
from app.ui.qt_fixes import emit
from app.ui.sentences import shown

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

# Column keys in display order; headers are translated in headers().
COLUMNS = (
    "type",
    "gpu",
    "count",
    "gpu_memory",
    "vcpus",
    "memory",
    "on_demand",
    "spot",
    "zones",
    "quota",
)
_QUOTA_ICON = {"enough": "done", "short": "failed", "unknown": "unknown"}


def headers() -> list[str]:
    translate = QCoreApplication.translate
    return [
        translate("GpuTable", "Type"),
        translate("GpuTable", "GPU"),
        translate("GpuTable", "GPUs"),
        translate("GpuTable", "VRAM"),
        translate("GpuTable", "vCPUs"),
        translate("GpuTable", "RAM"),
        translate("GpuTable", "$/h"),
        translate("GpuTable", "Spot $/h"),
        translate("GpuTable", "Zones"),
        translate("GpuTable", "Quota"),
    ]


def header_tips() -> list[str]:
    translate = QCoreApplication.translate
    return [
        translate("GpuTable", "The EC2 instance type"),
        translate("GpuTable", "The GPU model"),
        translate("GpuTable", "Number of GPUs"),
        translate("GpuTable", "Memory of each GPU"),
        translate("GpuTable", "Virtual CPUs"),
        translate("GpuTable", "Main memory"),
        translate("GpuTable", "On-demand price, US dollars per hour"),
        translate("GpuTable", "Lowest spot price among the zones, US dollars per hour"),
        translate("GpuTable", "Availability zones offering the type"),
        translate("GpuTable", "Whether your vCPU quota leaves room for one more"),
    ]


def quota_text(quota: Any) -> str:
    """What the quota column says (the icon and colour repeat it, never replace it)."""
    translate = QCoreApplication.translate
    if quota is None:
        return translate("GpuTable", "Checking…")
    if quota.status == "enough":
        return translate("GpuTable", "Enough")
    if quota.status == "short":
        return translate("GpuTable", "Not enough")
    default = getattr(quota, "default_limit", None)
    if default is not None:
        # Only AWS's default is known: never a verdict, but the number helps.
        return translate("GpuTable", "Unknown (default {default})").format(default=f"{default:g}")
    return translate("GpuTable", "Unknown")


def _price(value: float | None) -> str:
    return f"{value:.3f}" if value is not None else "—"


class GpuTableModel(QAbstractTableModel):
    """GpuType rows plus the quota state of each, filled in as the checks come back."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.types: list[Any] = []
        self.quotas: dict[str, Any] = {}

    def set_types(self, types: list[Any]) -> None:
        self.beginResetModel()
        self.types = list(types)
        self.quotas = {}
        self.endResetModel()

    def set_quota(self, instance_type: str, quota: Any) -> None:
        self.quotas[instance_type] = quota
        for row, gpu in enumerate(self.types):
            if gpu.instance_type == instance_type:
                cell = self.index(row, COLUMNS.index("quota"))
                emit(self.dataChanged, cell, cell)

    def clear_quotas(self) -> None:
        self.quotas = {}
        if self.types:
            top = self.index(0, COLUMNS.index("quota"))
            bottom = self.index(len(self.types) - 1, COLUMNS.index("quota"))
            emit(self.dataChanged, top, bottom)

    def row_of(self, instance_type: str) -> int:
        for row, gpu in enumerate(self.types):
            if gpu.instance_type == instance_type:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.types)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return header_tips()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        gpu = self.types[index.row()]
        column = COLUMNS[index.column()]
        quota = self.quotas.get(gpu.instance_type)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(gpu, column, quota)
        if role == SORT_ROLE:
            return self._sort_key(gpu, column, quota)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            "count",
            "gpu_memory",
            "vcpus",
            "memory",
            "on_demand",
            "spot",
            "zones",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == "quota":
            status = quota.status if quota is not None else "pending"
            if role == Qt.ItemDataRole.DecorationRole:
                return state_icon(_QUOTA_ICON.get(status, "pending"))
            if role == Qt.ItemDataRole.ForegroundRole and quota is not None:
                return QColor(COLOURS[_QUOTA_ICON.get(status, "unknown")])
            if role == Qt.ItemDataRole.ToolTipRole and quota is not None:
                return shown(quota.message)
        if role == Qt.ItemDataRole.ToolTipRole and column == "zones":
            return ", ".join(gpu.zones)
        if role == Qt.ItemDataRole.ToolTipRole and column == "gpu":
            return f"{gpu.gpu_maker} {gpu.gpu_model}".strip()
        return None

    @staticmethod
    def _display(gpu: Any, column: str, quota: Any) -> str:
        if column == "type":
            return str(gpu.instance_type)
        if column == "gpu":
            # Nearly every GPU type is NVIDIA: name the maker only when it is another.
            if gpu.gpu_maker.upper() == "NVIDIA":
                return str(gpu.gpu_model)
            return f"{gpu.gpu_maker} {gpu.gpu_model}".strip()
        if column == "count":
            # A fraction of a GPU (g6f) is reported as 0 GPUs.
            return str(gpu.gpu_count) if gpu.gpu_count else "<1"
        if column == "gpu_memory":
            return f"{gpu.gpu_memory_gib:.3g} GiB"
        if column == "vcpus":
            return str(gpu.vcpus)
        if column == "memory":
            return f"{gpu.memory_gib:.4g} GiB"
        if column == "on_demand":
            return _price(gpu.on_demand_price)
        if column == "spot":
            return _price(min(gpu.spot_prices.values()) if gpu.spot_prices else None)
        if column == "zones":
            return str(len(gpu.zones))
        return quota_text(quota)

    @staticmethod
    def _sort_key(gpu: Any, column: str, quota: Any) -> Any:
        missing = float("inf")
        keys: dict[str, Any] = {
            "type": f"{gpu.family}-{gpu.vcpus:05d}",
            "gpu": f"{gpu.gpu_maker} {gpu.gpu_model}",
            "count": gpu.gpu_count,
            "gpu_memory": gpu.gpu_memory_gib,
            "vcpus": gpu.vcpus,
            "memory": gpu.memory_gib,
            "on_demand": gpu.on_demand_price if gpu.on_demand_price is not None else missing,
            "spot": min(gpu.spot_prices.values()) if gpu.spot_prices else missing,
            "zones": len(gpu.zones),
            "quota": {"enough": 0, "unknown": 1, "short": 2}.get(quota.status if quota else "", 3),
        }
        return keys[column]


class GpuFilterProxy(QSortFilterProxyModel):
    """Sorts by real values, filters on the type and GPU name, shows only the types that can
    run the chosen image (its architecture and the families it supports), can hide types
    without quota."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.only_with_quota = False
        self.text = ""
        self.architecture: str | None = None  # None: every architecture
        self.image: Any = None  # the chosen ImageInfo; None: every family

    def set_architecture(self, architecture: str | None) -> None:
        if architecture != self.architecture:
            self._refilter(lambda: setattr(self, "architecture", architecture))

    def set_image(self, image: Any) -> None:
        """Show only the types whose family ``image`` lists as supported."""
        if image is not self.image:
            self._refilter(lambda: setattr(self, "image", image))

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "text", text.strip().lower()))

    def set_only_with_quota(self, only: bool) -> None:
        self._refilter(lambda: setattr(self, "only_with_quota", only))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, GpuTableModel)
        gpu = model.types[source_row]
        if self.architecture and gpu.architecture != self.architecture:
            return False
        if self.image is not None and not image_supports(self.image, gpu.instance_type):
            return False
        if self.text:
            haystack = f"{gpu.instance_type} {gpu.gpu_maker} {gpu.gpu_model}".lower()
            if not all(word in haystack for word in self.text.split()):
                return False
        if self.only_with_quota:
            quota = model.quotas.get(gpu.instance_type)
            if quota is not None and quota.status == "short":
                return False
        return True
