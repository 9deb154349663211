"""Review: every choice on one page, the price, idle auto-stop, the hard time limit and an
optional Git repository."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app.core.flow import PageId
from app.core.plan import (
    IDLE_MINUTES_RANGE,
    MAX_HOURS_RANGE,
    Access,
    GroupChoice,
    KeyChoice,
    Market,
)
from app.core.progress import CancelToken, Progress
from app.ui.budget_box import BudgetBox
from app.ui.context import WizardContext
from app.ui.pages.base import FlowPage
from app.ui.pages.image import describe_flavour
from app.ui.permissions_panel import PermissionsPanel

HOURS_PER_DAY = 8  # "a working day" of notebook use, for the daily price


class ReviewPage(FlowPage):
    page_id = PageId.REVIEW

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Launch"))
        self.summary = QFormLayout()
        self.summary.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.rows: dict[str, QLabel] = {}
        for key, label in (
            ("account", self.tr("Account:")),
            ("region", self.tr("Region:")),
            ("image", self.tr("Machine image:")),
            ("gpu", self.tr("GPU type:")),
            ("disk", self.tr("Disk:")),
            ("work_disk", self.tr("Work disk:")),
            ("network", self.tr("Network:")),
            ("key", self.tr("Key pair:")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.rows[key] = value
            self.summary.addRow(label, value)
        self.price = QLabel()
        self.price.setObjectName("price")
        self.price.setStyleSheet("#price { font-size: 15pt; font-weight: bold; }")
        # The disk bills per month while it exists, running or stopped: shown beside the hour.
        self.disk_cost = QLabel()
        self.disk_cost.setObjectName("diskCost")
        self.price_note = QLabel()
        self.price_note.setWordWrap(True)
        summary_box = QGroupBox(self.tr("What will be launched"))
        summary_box.setLayout(self.summary)

        options = QGroupBox(self.tr("Options"))
        self.idle_stop = QCheckBox(self.tr("Stop the machine when the notebook has been idle for"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(*IDLE_MINUTES_RANGE)
        self.idle_minutes.setSuffix(self.tr(" minutes"))
        idle_row = QHBoxLayout()
        idle_row.addWidget(self.idle_stop)
        idle_row.addWidget(self.idle_minutes)
        idle_row.addStretch(1)
        self.limit = QCheckBox(self.tr("Stop the machine, busy or not, after"))
        self.limit_hours = QDoubleSpinBox()
        self.limit_hours.setRange(*MAX_HOURS_RANGE)
        self.limit_hours.setDecimals(1)
        self.limit_hours.setSingleStep(0.5)
        self.limit_hours.setSuffix(self.tr(" hours"))
        limit_row = QHBoxLayout()
        limit_row.addWidget(self.limit)
        limit_row.addWidget(self.limit_hours)
        limit_row.addStretch(1)
        self.limit_note = QLabel()
        self.limit_note.setWordWrap(True)
        self.git_repo = QLineEdit()
        self.git_repo.setPlaceholderText(
            self.tr("optional, e.g. https://github.com/you/project.git")
        )
        options_form = QFormLayout(options)
        options_form.addRow(idle_row)
        options_form.addRow(limit_row)
        options_form.addRow(self.limit_note)
        options_form.addRow(self.tr("Clone this Git repository:"), self.git_repo)
        self.budget = BudgetBox()
        options_form.addRow(self.budget)

        self.permissions = PermissionsPanel()
        self.permissions.button.clicked.connect(self.check_permissions)
        # Everything on one page, which can outgrow a 1024x700 window (time limit, spending
        # alert, the permission table): it scrolls rather than squeezing texts.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        for part in (summary_box, self.price, self.disk_cost, self.price_note, options):
            column.addWidget(part)
        column.addWidget(self.permissions)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.body.addWidget(scroll)
        plan = self.ctx.plan
        self.idle_stop.setChecked(plan.idle_stop_minutes is not None)
        self.idle_minutes.setValue(plan.idle_stop_minutes or 60)
        # Off unless chosen in this launch: a limit remembered from last time would surprise.
        self.limit.setChecked(plan.max_hours is not None)
        self.limit_hours.setValue(plan.max_hours or 8)
        self.git_repo.setText(plan.git_repo or "")
        self.idle_stop.toggled.connect(self._edited)
        self.idle_minutes.valueChanged.connect(self._edited)
        self.limit.toggled.connect(self._edited)
        self.limit_hours.valueChanged.connect(self._edited)
        self.git_repo.textChanged.connect(self._edited)
        self.budget.load(plan)
        self.budget.edited.connect(self._edited)

    def explanation(self) -> str:
        return self.tr("Check your choices and the price, then launch.")

    def initializePage(self) -> None:
        ctx, plan = self.ctx, self.ctx.plan
        identity = ctx.identity
        account = identity.account if identity is not None else "—"
        self.rows["account"].setText(
            self.tr("{account} (profile {profile})").format(account=account, profile=plan.profile)
            if plan.profile
            else account
        )
        self.rows["region"].setText(plan.region)
        image = ctx.image
        self.rows["image"].setText(
            self.tr("{software} ({image})").format(
                software=describe_flavour(image.flavour) if image else plan.flavour,
                image=plan.image_id,
            )
        )
        gpu = ctx.gpu
        market = self.tr("spot") if plan.market is Market.SPOT else self.tr("on-demand")
        if gpu is not None:
            self.rows["gpu"].setText(
                self.tr("{type}: {count} x {gpu} ({memory:g} GiB), {vcpus} vCPUs, {market}").format(
                    type=plan.instance_type,
                    count=gpu.gpu_count,
                    gpu=f"{gpu.gpu_maker} {gpu.gpu_model}",
                    memory=gpu.gpu_memory_gib,
                    vcpus=gpu.vcpus,
                    market=market,
                )
            )
        else:
            self.rows["gpu"].setText(
                self.tr("{type}, {market}").format(type=plan.instance_type, market=market)
            )
        keep = (
            self.tr("deleted with the machine")
            if plan.delete_volume_on_termination
            else self.tr("kept after the machine is terminated")
        )
        self.rows["disk"].setText(
            self.tr("{size} GiB {type}, {keep}").format(
                size=plan.volume_gib, type=plan.volume_type, keep=keep
            )
        )
        self.rows["work_disk"].setText(self._work_disk_line())
        group = (
            self.tr("existing group {id}").format(id=plan.existing_group_id)
            if plan.group_choice is GroupChoice.EXISTING
            else self.tr("a new security group")
        )
        who = plan.ssh_cidr or self.tr("only this computer")
        access = (
            self.tr("HTTPS on port 8888") if plan.access is Access.HTTPS else self.tr("SSH tunnel")
        )
        self.rows["network"].setText(
            self.tr("{group}; SSH from {who}; notebook through {access}").format(
                group=group, who=who, access=access
            )
        )
        keys = {
            KeyChoice.NEW_LOCAL: self.tr("a new {type} key made on this computer"),
            KeyChoice.AWS_CREATED: self.tr("a new {type} key made by AWS"),
            KeyChoice.EXISTING: self.tr("your key pair {name}"),
        }
        self.rows["key"].setText(
            keys[plan.key_choice].format(type=plan.key_type, name=plan.existing_key_name)
        )
        self._show_price()
        self._show_limit()
        self.permissions.clear()
        self.changed()

    def _work_disk_line(self) -> str:
        from app.core.aws.storage_prices import disk_monthly_cost
        from app.core.work_disk_choice import NEW, NONE, parse_work_disk

        plan = self.ctx.plan
        choice = parse_work_disk(plan.work_disk)
        if choice.kind == NONE:
            return self.tr("none: your files go with the machine")
        if choice.kind == NEW:
            return self.tr(
                "new, {size} GiB encrypted gp3 at ~/work, kept after the machine (about "
                "${monthly:.2f} per month)"
            ).format(
                size=choice.gib, monthly=disk_monthly_cost(plan.region or "", "gp3", choice.gib)
            )
        return self.tr("{name} from before, at ~/work").format(name=choice.name)

    def check_permissions(self) -> None:
        """Try the launch's calls without creating anything (off the UI thread)."""
        # A copy: the check runs on another thread while the choices may still be edited.
        session, plan = self.ctx.session, dataclasses.replace(self.ctx.plan)

        def check(progress: Progress, cancel: CancelToken) -> object:
            from app.core.aws.preflight import check_permissions

            return check_permissions(session, plan, progress=progress, cancel=cancel)

        self.permissions.clear()
        self.run_task(
            "permissions",
            check,
            self.permissions.show_report,
            busy_text=self.tr("Checking the permissions of this launch…"),
            blocks_next=False,
        )

    def _show_price(self) -> None:
        from app.core.aws.storage_prices import disk_monthly_cost

        plan = self.ctx.plan
        self.disk_cost.setText(
            self.tr(
                "Disk: {size} GiB {type}, about ${monthly:.2f} per month while it exists "
                "(also while the machine is stopped)"
            ).format(
                size=plan.volume_gib,
                type=plan.volume_type,
                monthly=disk_monthly_cost(plan.region or "", plan.volume_type, plan.volume_gib),
            )
        )
        hourly = self.ctx.hourly_price()
        if hourly is None:
            self.price.setText(self.tr("Price unknown"))
            self.price_note.setText(
                self.tr("AWS did not tell us the price of this type; see the AWS pricing page.")
            )
            return
        self.price.setText(
            self.tr("${hourly:.2f} per hour, ${daily:.2f} per {hours}-hour day").format(
                hourly=hourly, daily=hourly * HOURS_PER_DAY, hours=HOURS_PER_DAY
            )
        )
        self.price_note.setText(
            self.tr(
                "Billed while the machine runs, plus its disk while the disk exists. Stopping the"
                " machine stops the hourly charge."
            )
        )

    def _edited(self) -> None:
        plan = self.ctx.plan
        self.idle_minutes.setEnabled(self.idle_stop.isChecked())
        plan.idle_stop_minutes = self.idle_minutes.value() if self.idle_stop.isChecked() else None
        self.limit_hours.setEnabled(self.limit.isChecked())
        plan.max_hours = self.limit_hours.value() if self.limit.isChecked() else None
        plan.git_repo = self.git_repo.text().strip() or None
        self.budget.store(plan)
        self._show_limit()
        self.changed()

    def _show_limit(self) -> None:
        plan = self.ctx.plan
        self.limit_hours.setEnabled(plan.max_hours is not None)
        self.limit_note.setVisible(plan.max_hours is not None)
        note = self.tr(
            "Counted from each start and enforced by the machine itself, even with this computer"
            " off. Ten minutes before, a warning appears in its terminals and the notebook's log."
        )
        if plan.market is Market.SPOT:
            # The wizard's spot machines are one-time requests: their shutdown terminates them.
            note += " " + self.tr(
                "A one-time spot machine cannot be stopped: at the limit it is terminated,"
                " and its disk is deleted with it unless you keep it."
            )
        self.limit_note.setText(note)

    def validatePage(self) -> bool:
        """Launch: remember the choices for next time (never secrets)."""
        if self.missing():
            return False
        self.ctx.choices.remember(self.ctx.plan)
        return True
