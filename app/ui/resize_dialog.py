""" "Change GPU type…" on My instances: the region's GPU types for one machine, each with its
price per hour, hardware, quota verdict and whether it can run there (zone, architecture,
machine image); then the change and the start (``app.core.aws.resize``).

A running machine is offered "Stop it first". The table is the GPU page's model with one more
column, "Can run it".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Cancelled, WizardError
from app.core.progress import CancelToken, Progress
from app.ui.gpu_table import COLUMNS, SORT_ROLE, GpuFilterProxy, GpuTableModel
from app.ui.icons import state_icon
from app.ui.sentences import shown
from app.ui.widgets import BusyLine, ErrorPanel

Index = QModelIndex | QPersistentModelIndex
FIT_COLUMN = len(COLUMNS)


class ResizeTableModel(GpuTableModel):
    """The GPU page's rows, priced in the machine's market, plus "Can run it"."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.options: dict[str, Any] = {}

    def set_options(self, options: list[Any]) -> None:
        self.options = {o.gpu.instance_type: o for o in options}  # before the reset's reads
        self.set_types([o.gpu for o in options])
        for option in options:
            if option.quota is not None:
                self.set_quota(option.gpu.instance_type, option.quota)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIT_COLUMN + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if section == FIT_COLUMN and orientation == Qt.Orientation.Horizontal:
            translate = QCoreApplication.translate
            if role == Qt.ItemDataRole.DisplayRole:
                return translate("ResizeDialog", "Can run it")
            if role == Qt.ItemDataRole.ToolTipRole:
                return translate(
                    "ResizeDialog",
                    "Offered in the machine's zone, with its processor architecture, and "
                    "supported by its machine image",
                )
            return None
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != FIT_COLUMN:
            return super().data(index, role)
        option = self.options[self.types[index.row()].instance_type]
        if role == Qt.ItemDataRole.DisplayRole:
            if option.fits:
                return QCoreApplication.translate("ResizeDialog", "Yes")
            return shown(option.problem)
        if role == Qt.ItemDataRole.DecorationRole:
            return state_icon("done" if option.fits else "skipped")
        if role == SORT_ROLE:
            # The types that can run here first, each group cheapest first.
            return (0.0 if option.fits else 1e6) + (option.price if option.price else 1e5)
        if role == Qt.ItemDataRole.ToolTipRole:
            return shown(option.problem) if not option.fits else None
        return None


class ResizeDialog(QDialog):
    """Calls ``on_done(result)`` after a change (and start); ``on_no_capacity(error)`` when the
    start after the change found no capacity (the type is changed by then)."""

    def __init__(
        self,
        parent: QWidget,
        runner: Any,
        session: Any,
        instance: Any,
        *,
        on_done: Callable[[Any], None],
        on_no_capacity: Callable[[WizardError], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resizeDialog")
        self.setWindowTitle(self.tr("Change GPU type"))
        self.runner, self.session, self.instance = runner, session, instance
        self.on_done, self.on_no_capacity = on_done, on_no_capacity
        self.choices: Any = None
        self.task: Any = None
        self.outcome = ""  # "", "done", "failed"

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.stop_note = QLabel(
            self.tr("It is running: AWS changes the type of a stopped machine only.")
        )
        self.stop_note.setWordWrap(True)
        self.stop_button = QPushButton(self.tr("Stop it first"))
        self.model = ResizeTableModel(self)
        self.proxy = GpuFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(FIT_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        spot = instance.market == "spot"
        # One price column: the machine's market (spot: its own zone's price).
        self.table.setColumnHidden(COLUMNS.index("spot" if not spot else "on_demand"), True)
        self.table.setColumnHidden(COLUMNS.index("zones"), True)
        self.detail = QLabel()
        self.detail.setObjectName("resizeDetail")
        self.detail.setWordWrap(True)
        self.start_box = QCheckBox(self.tr("Start it after the change"))
        self.start_box.setChecked(True)
        self.busy = BusyLine()
        self.error_panel = ErrorPanel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change_button = self.buttons.addButton(
            self.tr("Change type"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.rejected.connect(self._close)
        self.change_button.clicked.connect(self.change)
        self.stop_button.clicked.connect(self.stop_first)
        self.table.selectionModel().selectionChanged.connect(self._selected)

        layout = QVBoxLayout(self)
        for widget in (self.summary, self.stop_note, self.stop_button):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        for widget in (self.detail, self.start_box, self.busy, self.error_panel, self.buttons):
            layout.addWidget(widget)
        self.resize(980, 560)
        self._show_state()
        self.load()

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        """List the types for this machine in the background."""
        session, region, instance_id = self.session, self.instance.region, self.instance.instance_id

        def list_them(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.aws.resize import resize_options

            return resize_options(session, region, instance_id, progress=progress, cancel=cancel)

        self._run("load", list_them, self._loaded, self.tr("Looking up the GPU types…"))

    def _loaded(self, choices: Any) -> None:
        self.choices = choices
        self.instance = choices.instance
        self.model.set_options(choices.options)
        self._show_state()
        # Preselect the cheapest type that can be used (the user's likely next step).
        usable = [o for o in choices.options if o.usable]
        if usable:
            self.select(min(usable, key=lambda o: o.price or float("inf")).gpu.instance_type)

    def select(self, instance_type: str) -> None:
        row = self.model.row_of(instance_type)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.choices is None:
            return None
        gpu = self.model.types[self.proxy.mapToSource(rows[0]).row()]
        return self.model.options.get(gpu.instance_type)

    # -- what the dialog says -------------------------------------------------------------------

    def _show_state(self) -> None:
        instance = self.instance
        price = self.choices.current_price if self.choices is not None else None
        self.summary.setText(
            self.tr("{id} is {type} in {zone}, {price}.").format(
                id=instance.instance_id,
                type=instance.instance_type,
                zone=instance.zone,
                price=_price(price),
            )
        )
        running = instance.state != "stopped"
        self.stop_note.setVisible(running)
        self.stop_button.setVisible(running)
        self.stop_button.setEnabled(instance.state == "running" and self.task is None)
        self._selected()

    def _selected(self, *_args: Any) -> None:
        option = self.selected()
        stopped = self.instance.state == "stopped"
        self.change_button.setEnabled(
            option is not None and option.usable and stopped and self.task is None
        )
        if option is None:
            self.detail.setText("")
            return
        current = self.choices.current_price if self.choices is not None else None
        lines = [
            self.tr("{old} ({old_price}) → {new} ({new_price})").format(
                old=self.instance.instance_type,
                old_price=_price(current),
                new=option.gpu.instance_type,
                new_price=_price(option.price),
            )
        ]
        if not option.fits:
            lines.append(shown(option.problem))
        if option.quota is not None and option.quota.status != "enough":
            lines.append(shown(option.quota.message))
        self.detail.setText("\n".join(lines))

    # -- actions --------------------------------------------------------------------------------

    def stop_first(self) -> None:
        session, region, instance_id = self.session, self.instance.region, self.instance.instance_id

        def stop(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.aws.fleet import stop_instance

            return stop_instance(session, region, instance_id, progress=progress, cancel=cancel)

        def stopped(info: Any) -> None:
            self.instance = info
            self._show_state()
            self.load()

        self._run("stop", stop, stopped, self.tr("Stopping {id}…").format(id=instance_id))

    def change(self) -> None:
        option = self.selected()
        if option is None or not option.usable:
            return
        session, region, instance_id = self.session, self.instance.region, self.instance.instance_id
        new_type, start = option.gpu.instance_type, self.start_box.isChecked()

        def change(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.aws.resize import resize_instance

            return resize_instance(
                session, region, instance_id, new_type, start=start, progress=progress,
                cancel=cancel,
            )  # fmt: skip

        def done(result: Any) -> None:
            self.outcome = "done"
            self.on_done(result)
            self.accept()

        self._run(
            "change",
            change,
            done,
            self.tr("Changing {id} to {type}…").format(id=instance_id, type=new_type),
        )

    def _run(self, name: str, fn: Any, on_finished: Callable[[Any], None], text: str) -> None:
        self.error_panel.clear()

        def finished(result: Any) -> None:
            self.task = None
            self.busy.stop()
            on_finished(result)
            self._show_state()

        def failed(error: WizardError) -> None:
            from app.core.aws.capacity import lacks_capacity

            self.task = None
            self.busy.stop()
            self._show_state()
            if isinstance(error, Cancelled):
                return
            self.outcome = "failed"
            if lacks_capacity(error) and self.on_no_capacity is not None:
                self.reject()
                self.on_no_capacity(error)
                return
            self.error_panel.show_error(error)

        self.task = self.runner.start(
            f"resize-{name}",
            fn,
            on_finished=finished,
            on_failed=failed,
            on_progress=lambda _step, message: self.busy.set_text(shown(message)),
        )
        self.busy.start(text, self.task.cancel)
        self._show_state()

    def _close(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.reject()


def _price(value: float | None) -> str:
    if value is None:
        return QCoreApplication.translate("ResizeDialog", "price unknown")
    return QCoreApplication.translate("ResizeDialog", "${price}/h").format(price=f"{value:.3f}")
