"""First page: start a new notebook, or manage the instances launched before."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCommandLinkButton, QLabel, QWidget, QWizard

from app.core.flow import Mode, PageId
from app.core.progress import CancelToken, Progress
from app.ui.context import WizardContext
from app.ui.icons import state_icon
from app.ui.pages.base import FlowPage
from app.ui.widgets import FirstPaintWatcher


class WelcomePage(FlowPage):
    page_id = PageId.WELCOME

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.new_button = QCommandLinkButton(
            self.tr("New notebook"),
            self.tr("Launch a GPU machine on AWS with Jupyter and open it in your browser."),
        )
        self.new_button.setIcon(state_icon("running", 32))
        self.instances_button = QCommandLinkButton(
            self.tr("My instances"),
            self.tr("See, open, stop or remove the machines this app launched before."),
        )
        self.instances_button.setIcon(state_icon("pending", 32))
        self.new_button.clicked.connect(lambda: self._go(Mode.NEW))
        self.instances_button.clicked.connect(lambda: self._go(Mode.INSTANCES))
        self.running_notice = QLabel()
        self.running_notice.setObjectName("runningNotice")
        self.running_notice.setWordWrap(True)
        self.running_notice.setStyleSheet(
            "#runningNotice { background: #fff4e5; border: 1px solid #ffcc80;"
            " border-radius: 4px; padding: 8px; }"
        )
        self.running_notice.hide()
        self.how = QLabel(
            self.tr(
                "<b>How it works</b><ol>"
                "<li>Choose your AWS account, the software and the GPU: the recommended choices"
                " are already made.</li>"
                "<li>The wizard starts the machine, makes a key only you hold, and starts Jupyter"
                " on it.</li>"
                "<li>Your notebook opens in your browser through a private SSH tunnel.</li>"
                "</ol>The machine stops by itself after an hour without use, so a forgotten"
                " notebook does not keep costing money."
            )
        )
        self.how.setWordWrap(True)
        self.body.addWidget(self.new_button)
        self.body.addWidget(self.instances_button)
        self.body.addSpacing(12)
        self.body.addWidget(self.running_notice)
        self.body.addSpacing(12)
        self.body.addWidget(self.how)
        self.body.addStretch(1)
        self.running: list[Any] = []
        self.running_checked = False  # the last look for running machines has ended
        # The look loads boto3, which holds the GIL long enough to delay the window's first
        # paint: it starts right after that paint instead (initializePage comes before it).
        self._painted = False
        FirstPaintWatcher(self, self._first_painted)

    def explanation(self) -> str:
        return self.tr("Open a Jupyter notebook on an AWS GPU machine, in a few clicks.")

    def initializePage(self) -> None:
        self.new_button.setFocus()
        if self._painted:
            self.check_running_instances()

    def _first_painted(self) -> None:
        self._painted = True
        self.check_running_instances()

    def _go(self, mode: Mode) -> None:
        self.ctx.state.mode = mode
        wizard = self.wizard()
        if isinstance(wizard, QWizard):
            wizard.next()

    def check_running_instances(self) -> None:
        """Look, in the background, for instances launched earlier that still run and bill."""
        regions = self.ctx.choices.launched_regions
        if not regions:
            return
        profile = self.ctx.choices.profile or None
        region = regions[0]
        self.running_checked = False

        def find(progress: Progress, cancel: CancelToken) -> list[Any]:
            from app.core.aws.fleet import list_managed_instances
            from app.core.aws.session import Credentials, make_session

            session = make_session(Credentials(profile=profile), region)
            cancel.raise_if_cancelled()
            found = list_managed_instances(session, regions=regions, max_workers=2)
            return [i for i in found if i.state in ("running", "pending")]

        self.run_task(
            "running-instances",
            find,
            self._show_running,
            busy_text=self.tr("Looking for machines still running…"),
            on_failed=self._not_checked,
            blocks_next=False,
        )

    def _not_checked(self, _error: object) -> None:
        self.error_panel.clear()  # a hint only: stay quiet
        self.running_checked = True

    def _show_running(self, running: list[Any]) -> None:
        self.running = running
        self.running_checked = True
        if not running:
            self.running_notice.hide()
            return
        total = sum(float(getattr(i, "hourly_price", 0) or 0) for i in running)
        names = ", ".join(f"{i.instance_type} ({i.region})" for i in running[:3])
        text = self.tr(
            "%n machine(s) you launched earlier are still running and billing: {names}.",
            "",
            len(running),
        ).format(names=names)
        if total:
            text += " " + self.tr("Together about ${price:.2f} per hour.").format(price=total)
        text += " " + self.tr("Open \u201cMy instances\u201d to stop them.")
        self.running_notice.setText(text)
        self.running_notice.show()
