"""My instances: everything the app launched, in every region, with Open/Stop/Start/Terminate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
    QWizard,
)

from app.core.flow import Mode, PageId
from app.core.progress import CancelToken, Progress
from app.ui.context import WizardContext
from app.ui.dialogs import terminate_dialog
from app.ui.icons import state_icon
from app.ui.pages.base import FlowPage
from app.ui.transfer_dialog import TransferDialog, download, upload

# Instances found in AWS, launch ids recorded here, launch ids whose record is damaged.
Listing = tuple[list[Any], set[str], list[str]]
REFRESH_MS = 30_000
LIST_THREADS = 2
_STATE_ICON = {
    "running": "done",
    "pending": "running",
    "stopping": "warning",
    "stopped": "pending",
    "shutting-down": "warning",
    "terminated": "skipped",
}


class InstancesPage(FlowPage):
    page_id = PageId.INSTANCES

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("State"),
                self.tr("Type"),
                self.tr("Region"),
                self.tr("Up for"),
                self.tr("Cost so far"),
                self.tr("Instance"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.open_button = QPushButton(self.tr("Open"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.start_button = QPushButton(self.tr("Start"))
        self.terminate_button = QPushButton(self.tr("Terminate and clean up"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.upload_button = QPushButton(self.tr("Upload files…"))
        self.download_button = QPushButton(self.tr("Download…"))
        self.transfer: TransferDialog | None = None
        self.updated = QLabel()
        buttons = QHBoxLayout()
        for button in (
            self.open_button,
            self.stop_button,
            self.start_button,
            self.terminate_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.updated)
        buttons.addWidget(self.refresh_button)
        self.empty = QLabel(self.tr("Nothing launched by this app is left in your account."))
        self.empty.hide()
        # Launch records on this computer that cannot be read: named, so the user can act.
        self.damaged = QLabel()
        self.damaged.setWordWrap(True)
        self.damaged.hide()
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.damaged)
        self.body.addLayout(buttons)
        files = QHBoxLayout()  # a row of its own: one row of every button is too wide
        files.addWidget(self.upload_button)
        files.addWidget(self.download_button)
        files.addStretch(1)
        self.body.addLayout(files)

        self.instances: list[Any] = []
        self.local_launches: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button.clicked.connect(self.open_selected)
        self.stop_button.clicked.connect(lambda: self._act("stop"))
        self.start_button.clicked.connect(lambda: self._act("start"))
        self.terminate_button.clicked.connect(self.ask_terminate)
        self.upload_button.clicked.connect(lambda: self.upload_files())
        self.download_button.clicked.connect(lambda: self.download_files())
        self._update_buttons()

    def explanation(self) -> str:
        return self.tr(
            "Every machine this app launched, in every region. Stopped machines cost only their "
            "disk."
        )

    def initializePage(self) -> None:
        self.refresh()
        self._timer.start()

    def cleanupPage(self) -> None:
        self._timer.stop()
        self.cancel_tasks()

    # -- listing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """List the managed instances of every region in the background."""
        if self.task_running("list"):
            return
        session = self.ctx.session

        def list_them(progress: Progress, cancel: CancelToken) -> Listing:
            from app.core.aws.fleet import list_managed_instances
            from app.core.launch.journal import scan_journals

            # Few threads: more would not list faster (the GIL), only starve the UI thread.
            found = list(list_managed_instances(session, max_workers=LIST_THREADS))
            # Only a launch recorded on this computer can be reopened here (its key is here).
            journals, damaged = scan_journals()
            local = {journal.launch_id for journal in journals}
            return found, local, [bad.launch_id for bad in damaged]

        self.run_task(
            "list",
            list_them,
            self._show,
            busy_text=self.tr("Looking in every region…"),
            blocks_next=False,
        )

    def _show(self, listing: Listing) -> None:
        instances, self.local_launches, damaged = listing
        self.damaged.setText(
            self.tr(
                "The records of these launches on this computer are damaged and cannot be "
                "read: {names}."
            ).format(names=", ".join(damaged))
        )
        self.damaged.setVisible(bool(damaged))
        selected = self.selected()
        keep = selected.instance_id if selected is not None else None
        self.instances = [i for i in instances if i.state != "terminated"]
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.instances))
        for row, instance in enumerate(self.instances):
            hours, rest = divmod(int(instance.uptime_seconds or 0), 3600)
            cost = instance.cost_so_far
            cells = [
                instance.name or instance.launch_id or "",
                state_name(instance.state),
                instance.instance_type,
                instance.region,
                f"{hours}:{rest // 60:02d}" if instance.state == "running" else "",
                f"${cost:.2f}" if cost is not None else "—",
                instance.instance_id,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(0x0100, instance.instance_id)  # Qt.UserRole
                if column == 1:
                    item.setIcon(state_icon(_STATE_ICON.get(instance.state, "unknown")))
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        self.empty.setVisible(not self.instances)
        self.updated.setText(self.tr("Updated {time}").format(time=_now()))
        if keep is not None:
            for row in range(self.table.rowCount()):
                item = self.table.item(row, 0)
                if item is not None and item.data(0x0100) == keep:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        instance_id = item.data(0x0100) if item is not None else None
        return next((i for i in self.instances if i.instance_id == instance_id), None)

    def _update_buttons(self) -> None:
        instance = self.selected()
        state = instance.state if instance is not None else ""
        local = instance is not None and instance.launch_id in self.local_launches
        self.open_button.setEnabled(state == "running" and local)
        self.open_button.setToolTip(
            ""
            if local or instance is None
            else self.tr("Launched from another computer: open it there, where its key is.")
        )
        can_stop = getattr(instance, "can_stop", True)
        self.stop_button.setEnabled(state == "running" and can_stop)
        self.stop_button.setToolTip(
            ""
            if can_stop
            else self.tr("A one-time spot instance cannot be stopped, only terminated.")
        )
        self.start_button.setEnabled(state == "stopped")
        # Files need the key, which only the launching computer has.
        for button in (self.upload_button, self.download_button):
            button.setEnabled(state == "running" and local)
        self.terminate_button.setEnabled(instance is not None)

    # -- actions -----------------------------------------------------------------------------

    def open_selected(self) -> None:
        """Reopen a running launch: reconnect and tunnel through the progress page, then Done."""
        instance = self.selected()
        if instance is None:
            return
        self._timer.stop()
        self.ctx.state.mode = Mode.RESUME
        self.ctx.state.resume_launch_id = instance.launch_id
        self.ctx.plan.region = instance.region
        self.ctx.plan.instance_type = instance.instance_type
        self.changed()
        wizard = self.wizard()
        if isinstance(wizard, QWizard):
            wizard.next()

    def upload_files(self, paths: list[str] | None = None) -> TransferDialog | None:
        """Upload to the selected instance's notebook folder, with a progress dialog."""
        instance = self.selected()
        if instance is None:
            return None
        self.transfer = upload(
            self,
            self.ctx.runner,
            instance.launch_id,
            paths,
            passphrase=self.ctx.key_passphrase,
            address=instance.public_ip,
        )
        return self.transfer

    def download_files(
        self, remote: str | None = None, local: str | None = None
    ) -> TransferDialog | None:
        """Download from the selected instance's notebook folder, with a progress dialog."""
        instance = self.selected()
        if instance is None:
            return None
        self.transfer = download(
            self,
            self.ctx.runner,
            instance.launch_id,
            remote,
            local,
            passphrase=self.ctx.key_passphrase,
            address=instance.public_ip,
        )
        return self.transfer

    def _act(self, action: str) -> None:
        instance = self.selected()
        if instance is None:
            return
        session = self.ctx.session
        region, instance_id, launch_id = instance.region, instance.instance_id, instance.launch_id

        def act(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.aws import fleet

            if action == "stop":
                return fleet.stop_instance(session, region, instance_id)
            if action == "start":
                return fleet.start_instance(session, region, instance_id)
            fleet.terminate_instance(session, region, instance_id, progress=progress, cancel=cancel)
            if launch_id:
                return fleet.cleanup_launch(
                    session, region, launch_id, progress=progress, cancel=cancel
                )
            return None

        texts = {
            "stop": self.tr("Stopping {id}…"),
            "start": self.tr("Starting {id}…"),
            "terminate": self.tr("Terminating {id} and cleaning up…"),
        }
        self.run_task(
            f"{action}-{instance_id}",
            act,
            lambda _result: self.refresh(),
            busy_text=texts[action].format(id=instance_id),
            blocks_next=False,
            cancellable=action == "terminate",
        )

    def ask_terminate(self) -> None:
        instance = self.selected()
        if instance is None:
            return
        self.terminate_box = terminate_dialog(
            self,
            title=self.tr("Terminate the machine?"),
            text=self.tr(
                "Terminate {id} and remove what its launch created? Notebooks saved on it are lost."
            ).format(id=instance.instance_id),
            button=self.tr("Terminate and clean up"),
            on_terminate=lambda: self._act("terminate"),
        )


def state_name(state: str) -> str:
    """An EC2 instance state in the user's language."""
    translate = QCoreApplication.translate
    names = {
        "pending": translate("InstanceState", "starting"),
        "running": translate("InstanceState", "running"),
        "stopping": translate("InstanceState", "stopping"),
        "stopped": translate("InstanceState", "stopped"),
        "shutting-down": translate("InstanceState", "terminating"),
        "terminated": translate("InstanceState", "terminated"),
    }
    return names.get(state, state)


def _now() -> str:
    import time

    return time.strftime("%H:%M")
