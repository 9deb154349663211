"""My instances: everything the app launched, in every region, with Open/Stop/Start/Terminate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
    QWizard,
)

from app.core.flow import Mode, PageId
from app.core.progress import CancelToken, Progress
from app.ui.capacity_dialog import CapacityDialog
from app.ui.context import WizardContext
from app.ui.dialogs import terminate_dialog
from app.ui.download_first_dialog import DownloadFirstDialog, offers_download
from app.ui.icons import state_icon
from app.ui.pages.base import FlowPage
from app.ui.relaunch_dialog import RelaunchDialog
from app.ui.reminders import RunningReminders, tray_notifier
from app.ui.resize_dialog import ResizeDialog
from app.ui.stop_all_dialog import StopAllDialog
from app.ui.transfer_dialog import TransferDialog, download, upload

# Instances found in AWS, launch ids recorded here, launch ids whose record is damaged.
Listing = tuple[list[Any], set[str], list[str]]
REFRESH_MS = 30_000
NAME_WIDTH = 160
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
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("State"),
                self.tr("Type"),
                self.tr("Region"),
                self.tr("Up for"),
                self.tr("Cost so far"),
                self.tr("Instance"),
                self.tr("Kept/month"),
            ]
        )
        kept_header = self.table.horizontalHeaderItem(7)
        if kept_header is not None:
            kept_header.setToolTip(
                self.tr("What a stopped machine still costs per month: its disks and snapshots")
            )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # Long launch names are cut (the instance id is beside them): the cost columns fit.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, NAME_WIDTH)
        self.open_button = QPushButton(self.tr("Open"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.start_button = QPushButton(self.tr("Start"))
        self.terminate_button = QPushButton(self.tr("Terminate and clean up"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.stop_all_button = QPushButton(self.tr("Stop everything"))
        self.stop_all_button.setToolTip(
            self.tr("Stop every running machine this app launched, in every region")
        )
        self.upload_button = QPushButton(self.tr("Upload files…"))
        self.download_button = QPushButton(self.tr("Download…"))
        self.resize_button = QPushButton(self.tr("Change GPU type…"))
        self.resize_button.setToolTip(self.tr("Change the instance type of a stopped machine"))
        self.relaunch_button = QPushButton(self.tr("Launch again…"))
        self.relaunch_button.setToolTip(
            self.tr("A new machine like this one AWS took back, with the same work disk")
        )
        self.relaunch_dialog: RelaunchDialog | None = None
        self.resize_dialog: ResizeDialog | None = None
        self.capacity_dialog: CapacityDialog | None = None
        self.transfer: TransferDialog | None = None
        self.download_first: DownloadFirstDialog | None = None
        self.updated = QLabel()
        # The long-running reminder's threshold, remembered between runs.
        self.remind_hours = QSpinBox()
        self.remind_hours.setRange(1, 168)
        self.remind_hours.setValue(max(1, round(ctx.choices.remind_hours)))
        self.remind_hours.setPrefix(self.tr("Remind after "))
        self.remind_hours.setSuffix(self.tr(" h running"))
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
        # A second row (one row of every button is too wide for 1024 px): the chosen machine's
        # files, then the whole fleet's: stop everything, and when to remind.
        fleet_row = QHBoxLayout()
        fleet_row.addWidget(self.upload_button)
        fleet_row.addWidget(self.download_button)
        fleet_row.addWidget(self.resize_button)
        fleet_row.addWidget(self.relaunch_button)
        fleet_row.addSpacing(16)
        fleet_row.addWidget(self.stop_all_button)
        fleet_row.addStretch(1)
        fleet_row.addWidget(self.remind_hours)
        self.empty = QLabel(self.tr("Nothing launched by this app is left in your account."))
        self.empty.hide()
        # Launch records on this computer that cannot be read: named, so the user can act.
        self.damaged = QLabel()
        self.damaged.setWordWrap(True)
        self.damaged.hide()
        # Machines running longer than the reminder's hours, each with how to stop it.
        self.reminder_label = QLabel()
        self.reminder_label.setObjectName("runningReminder")
        self.reminder_label.setWordWrap(True)
        self.reminder_label.hide()
        # What the disks and snapshots of every listed machine cost per month while kept.
        self.kept_total = QLabel()
        self.kept_total.setWordWrap(True)
        # Work disks no machine uses (kept on purpose): billed until deleted (issue 14).
        self.kept_disks = QLabel()
        self.kept_disks.setObjectName("keptWorkDisks")
        self.kept_disks.setWordWrap(True)
        self.kept_disks.hide()
        # "Move…" for a kept disk: another zone or region (issue 14).
        self.move_disk_button = QPushButton(self.tr("Move a kept disk…"))
        self.move_disk_button.setObjectName("moveKeptDisk")
        self.move_disk_menu = QMenu(self.move_disk_button)
        self.move_disk_button.setMenu(self.move_disk_menu)
        self.move_disk_button.hide()
        self.move_dialog: Any = None
        self.work_disks: list[Any] = []
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.reminder_label)
        # Spot machines AWS took back: not the user's doing, and how to go on.
        self.taken_back_label = QLabel()
        self.taken_back_label.setObjectName("takenBack")
        self.taken_back_label.setWordWrap(True)
        self.taken_back_label.hide()
        self.body.addWidget(self.taken_back_label)
        self.body.addWidget(self.kept_total)
        kept_row = QHBoxLayout()
        kept_row.addWidget(self.kept_disks, 1)
        kept_row.addWidget(self.move_disk_button)
        self.body.addLayout(kept_row)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.damaged)
        self.body.addLayout(buttons)
        self.body.addLayout(fleet_row)

        self.instances: list[Any] = []
        self.local_launches: set[str] = set()
        self.reminders = RunningReminders(tray_notifier(self))
        self._listing: Listing | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button.clicked.connect(self.open_selected)
        self.stop_button.clicked.connect(lambda: self._act("stop"))
        self.start_button.clicked.connect(lambda: self._act("start"))
        self.terminate_button.clicked.connect(self.ask_terminate)
        self.stop_all_button.clicked.connect(self.ask_stop_all)
        self.remind_hours.valueChanged.connect(self._remind_hours_changed)
        self.upload_button.clicked.connect(lambda: self.upload_files())
        self.download_button.clicked.connect(lambda: self.download_files())
        self.resize_button.clicked.connect(lambda: self.ask_resize())
        self.relaunch_button.clicked.connect(lambda: self.ask_relaunch())
        self._update_buttons()

    def explanation(self) -> str:
        return self.tr(
            "Every machine this app launched, in every region. Cost so far counts the disks "
            "since launch; stopped machines cost only their disks and snapshots, per month."
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
        if not self.task_running("work-disks"):

            def disks(progress: Progress, cancel: CancelToken) -> list[Any]:
                from app.core.aws.work_disks import list_all_work_disks

                return list_all_work_disks(session, max_workers=LIST_THREADS)

            self.run_task("work-disks", disks, self._show_disks, busy_text="", blocks_next=False)

    def _show_disks(self, disks: list[Any]) -> None:
        from app.core.aws.work_disks import kept_disks_monthly

        self.work_disks = list(disks)
        kept = [d for d in disks if not d.attached_to]
        lines = [
            self.tr("{name}: {size} GiB in {zone}, ${cost:.2f} per month").format(
                name=d.name, size=d.size_gib, zone=d.zone, cost=d.monthly_usd
            )
            for d in kept
        ]
        self.kept_disks.setText(
            self.tr("Kept work disks, ${total:.2f} per month until deleted:").format(
                total=kept_disks_monthly(kept)
            )
            + "\n"
            + "\n".join(lines)
        )
        self.kept_disks.setVisible(bool(kept))
        self.move_disk_menu.clear()
        for disk in kept:
            action = self.move_disk_menu.addAction(
                self.tr("Move {name} ({zone})…").format(name=disk.name, zone=disk.zone)
            )
            action.triggered.connect(lambda _checked=False, d=disk: self.move_disk(d))
        self.move_disk_button.setVisible(bool(kept))

    def move_disk(self, disk: Any) -> Any:
        """ "Move…" for the kept ``disk``: another zone of its region, or another region."""
        from app.ui.move_dialog import disk_move_dialog

        session = self.ctx.session

        def destinations(progress: Progress, cancel: CancelToken) -> list[Any]:
            from app.core.aws.move_targets import move_destinations

            return move_destinations(session, disk.region, exclude=[disk.zone], other_regions=True)

        self.move_dialog = disk_move_dialog(
            self, self.ctx.runner, session, disk, destinations=destinations,
            on_moved=lambda _result: self.refresh(),
        )  # fmt: skip
        self.move_dialog.open()
        return self.move_dialog

    def _show(self, listing: Listing) -> None:
        self._listing = listing
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
        self.instances = [i for i in instances if i.state != "terminated" or i.taken_back_by_aws]
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.instances))
        from app.core.aws.fleet import kept_monthly_total
        from app.core.aws.running_reminder import running_too_long

        hours_limit = self.ctx.choices.remind_hours
        for row, instance in enumerate(self.instances):
            hours, rest = divmod(int(instance.uptime_seconds or 0), 3600)
            cost = instance.cost_so_far
            kept = getattr(instance, "storage_monthly", 0.0)
            cells = [
                instance.name or instance.launch_id or "",
                taken_back_name() if instance.taken_back_by_aws else state_name(instance.state),
                instance.instance_type,
                instance.region,
                f"{hours}:{rest // 60:02d}" if instance.state == "running" else "",
                f"${cost:.2f}" if cost is not None else "—",
                instance.instance_id,
                f"${kept:.2f}" if instance.state == "stopped" else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(0x0100, instance.instance_id)  # Qt.UserRole
                if column == 1 and instance.taken_back_by_aws:
                    item.setIcon(state_icon("warning"))
                    item.setToolTip(self._taken_back_text(instance))
                elif column == 1:
                    item.setIcon(state_icon(_STATE_ICON.get(instance.state, "unknown")))
                if column == 4 and running_too_long(instance, hours_limit):
                    item.setIcon(state_icon("warning"))
                    item.setToolTip(self.tr("Running for a long time: stop it if you are done."))
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        lines = self.reminders.lines(self.instances, hours_limit)
        self.reminder_label.setText("\n".join(lines))
        self.reminder_label.setVisible(bool(lines))
        taken = [self._taken_back_text(i) for i in self.instances if i.taken_back_by_aws]
        self.taken_back_label.setText("\n".join(taken))
        self.taken_back_label.setVisible(bool(taken))
        self.kept_total.setText(
            self.tr(
                "Disks and snapshots of these machines: ${total:.2f} per month while kept "
                "(running or stopped; terminating a machine ends it, but for its work disk, "
                "which is kept unless you choose to delete it)."
            ).format(total=kept_monthly_total(self.instances))
        )
        self.kept_total.setVisible(bool(self.instances))
        self.empty.setVisible(not self.instances)
        self.updated.setText(self.tr("Updated {time}").format(time=_now()))
        if keep is not None:
            for row in range(self.table.rowCount()):
                item = self.table.item(row, 0)
                if item is not None and item.data(0x0100) == keep:
                    self.table.selectRow(row)
        self._update_buttons()

    def _remind_hours_changed(self, hours: int) -> None:
        self.ctx.choices.remind_hours = hours
        if self._listing is not None:
            self._show(self._listing)  # the same listing, marked again

    def _taken_back_text(self, instance: Any) -> str:
        return self.tr(
            "{instance}: AWS took this spot machine back ({type}); you did not stop or terminate "
            "it. Launch again… starts a new one like it with the same work disk (on-demand if it "
            "must not be interrupted); Terminate and clean up removes what is left of it."
        ).format(instance=instance.instance_id, type=instance.instance_type)

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
        self.relaunch_button.setEnabled(bool(getattr(instance, "taken_back_by_aws", False)))
        # A running machine too: the dialog offers to stop it first.
        self.resize_button.setEnabled(state in {"stopped", "running"} and can_stop)
        # Files need the key, which only the launching computer has.
        for button in (self.upload_button, self.download_button):
            button.setEnabled(state == "running" and local)
        self.terminate_button.setEnabled(instance is not None)
        self.stop_all_button.setEnabled(
            any(i.state in {"pending", "running"} for i in self.instances)
        )

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

    def ask_relaunch(self, instance: Any = None) -> RelaunchDialog | None:
        """ "Launch again…": one confirmation (market, prices), then the progress page."""
        instance = instance if instance is not None else self.selected()
        if instance is None or not instance.taken_back_by_aws:
            return None
        self.relaunch_dialog = RelaunchDialog(
            self, self.ctx.runner, self.ctx.session, instance, self.start_relaunch
        )
        self.relaunch_dialog.open()
        return self.relaunch_dialog

    def start_relaunch(self, plan: Any) -> QWizard | None:
        """Launch ``plan`` (made here: after AWS took a spot machine back, or after a move)
        through the progress page as a new launch; returns the wizard it went on in."""
        self._timer.stop()
        self.ctx.state.mode = Mode.RELAUNCH
        self.ctx.state.resume_launch_id = None
        self.ctx.state.launch_ready = False
        self.ctx.state.plan = plan
        self.changed()
        wizard = self.wizard()
        if not isinstance(wizard, QWizard):
            return None
        wizard.next()
        return wizard

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

    def _act(
        self,
        action: str,
        instance: Any = None,
        *,
        offered: bool = False,
        delete_work_disk: bool = False,
    ) -> None:
        instance = instance if instance is not None else self.selected()
        if instance is None:
            return
        if (
            action in ("stop", "terminate")
            and not offered
            and self._offer_download(instance, action)
        ):
            return
        session = self.ctx.session
        region, instance_id, launch_id = instance.region, instance.instance_id, instance.launch_id
        # "Delete everything": its work disk too, once the machine has let go of it.
        disk_to_delete = getattr(instance, "work_disk", None) if delete_work_disk else None

        def act(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.aws import fleet

            if action == "stop":
                return fleet.stop_instance(session, region, instance_id)
            if action == "start":
                return fleet.start_instance(session, region, instance_id)
            fleet.terminate_instance(session, region, instance_id, progress=progress, cancel=cancel)
            if disk_to_delete:
                from app.core.aws.work_disks import delete_work_disk

                delete_work_disk(
                    session, region, disk_to_delete, wait=True, progress=progress, cancel=cancel
                )
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
            on_failed=lambda error: self._start_failed(instance, error),
            blocks_next=False,
            cancellable=action == "terminate",
        )

    def _offer_download(self, instance: Any, action: str) -> bool:
        """Offer "Download my notebooks first" for a running machine of this computer's
        launches without a work disk; True when the dialog now decides."""
        from app.core.launch.journal import find_journal

        if not offers_download(instance) or find_journal(instance.launch_id) is None:
            return False

        def proceed() -> None:  # the machine asked about, even if the selection moved since
            self._act(action, instance, offered=True)

        self.download_first = DownloadFirstDialog(
            self.ctx.runner,
            instance.launch_id,
            terminate=action == "terminate",
            on_proceed=proceed,
            passphrase=self.ctx.key_passphrase,
            address=instance.public_ip,
            parent=self,
        )
        self.download_first.open()
        return True

    # -- change GPU type, and a start without capacity ------------------------------------

    def ask_resize(self, instance: Any = None) -> ResizeDialog | None:
        """The "Change GPU type…" dialog for the selected (or given) machine."""
        instance = instance if instance is not None else self.selected()
        if instance is None:
            return None
        self.resize_dialog = ResizeDialog(
            self,
            self.ctx.runner,
            self.ctx.session,
            instance,
            on_done=lambda _result: self.refresh(),
            on_no_capacity=lambda error: self._start_failed(instance, error),
        )
        self.resize_dialog.open()
        return self.resize_dialog

    def _start_failed(self, instance: Any, error: Any) -> None:
        """No capacity to start it: offer to wait, another type, or a move."""
        from app.core.aws.capacity import lacks_capacity

        if not lacks_capacity(error):
            return
        self.capacity_dialog = CapacityDialog(
            self,
            self.ctx.runner,
            self.ctx.session,
            instance,
            error,
            on_started=lambda _info: self.refresh(),
            on_other_type=lambda: self.ask_resize(instance),
        )
        self.capacity_dialog.open()
        self.refresh()

    def ask_terminate(self) -> None:
        instance = self.selected()
        if instance is None:
            return
        disk = self.work_disk_of(instance)
        text = (
            self.tr("Terminate {id} and remove what its launch created?")
            if disk is not None
            else self.tr(
                "Terminate {id} and remove what its launch created? Notebooks saved on it are lost."
            )
        )
        self.terminate_box = terminate_dialog(
            self,
            title=self.tr("Terminate the machine?"),
            text=text.format(id=instance.instance_id),
            button=self.tr("Terminate and clean up"),
            on_terminate=lambda: self._act("terminate", instance),
            work_disk=disk,
            on_delete_everything=lambda: self._act("terminate", instance, delete_work_disk=True),
        )

    def work_disk_of(self, instance: Any) -> Any:
        """The work disk attached to ``instance`` (from the last listing), or None."""
        volume_id = getattr(instance, "work_disk", None)
        return next((d for d in self.work_disks if d.volume_id == volume_id), None)

    def ask_stop_all(self) -> None:
        """One confirmation listing every running machine, then stop them all."""
        from app.core.aws.stop_all import plan_stop_all

        plan = plan_stop_all(self.instances)
        if plan.empty:
            return
        self.stop_all_box = StopAllDialog(self, plan, lambda spot: self._stop_all(plan, spot))
        self.stop_all_box.open()

    def _stop_all(self, plan: Any, terminate_spot: bool) -> None:
        session = self.ctx.session

        def stop_them(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.aws.stop_all import stop_all, stop_all_failed

            report = stop_all(
                session, plan, terminate_spot=terminate_spot, progress=progress, cancel=cancel
            )
            if report.failed:
                raise stop_all_failed(report)
            return report

        self.run_task(
            "stop-all",
            stop_them,
            lambda _report: self.refresh(),
            busy_text=self.tr("Stopping everything…"),
            on_failed=lambda _error: self.refresh(),
            blocks_next=False,
            cancellable=False,
        )


def taken_back_name() -> str:
    """The state of a spot machine AWS terminated or stopped, in the user's language."""
    return QCoreApplication.translate("InstanceState", "taken back by AWS")


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
