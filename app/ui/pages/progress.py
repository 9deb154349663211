"""Progress: the launch job's steps with their state and time, a log, and Cancel."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
    QWizard,
)

from app.core.errors import Cancelled, WizardError
from app.core.flow import Mode, PageId
from app.core.progress import CancelToken, Progress
from app.core.redact import redact
from app.ui.context import WizardContext
from app.ui.dialogs import (
    HostKeyPrompt,
    cancel_launch_dialog,
    describe_created,
    host_key_dialog,
)
from app.ui.gc_policy import settle
from app.ui.icons import state_icon
from app.ui.pages.base import FlowPage
from app.ui.sentences import shown
from app.ui.worker import Task

FINISHED_STATES = ("done", "skipped")


def state_names() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "pending": translate("LaunchStep", "Waiting"),
        "running": translate("LaunchStep", "Running"),
        "done": translate("LaunchStep", "Done"),
        "failed": translate("LaunchStep", "Failed"),
        "skipped": translate("LaunchStep", "Skipped"),
        "cancelled": translate("LaunchStep", "Cancelled"),
    }


@dataclasses.dataclass
class _JobCreated:
    job: Any


class ProgressPage(FlowPage):
    page_id = PageId.PROGRESS

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.steps = QTreeWidget()
        self.steps.setColumnCount(4)
        self.steps.setHeaderLabels(
            [self.tr("Step"), self.tr("State"), self.tr("Time"), self.tr("Details")]
        )
        self.steps.setRootIsDecorated(False)
        self.steps.setUniformRowHeights(True)
        header = self.steps.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.bar = QProgressBar()
        self.bar.setFormat(self.tr("%v of %m steps"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.log_button = QToolButton()
        self.log_button.setText(self.tr("Log"))
        self.log_button.setCheckable(True)
        self.log_button.setArrowType(Qt.ArrowType.RightArrow)
        self.log_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)
        self.log.setMaximumHeight(140)
        self.log.hide()
        self.cancel_button = QPushButton(self.tr("Cancel launch"))
        self.cleanup_button = QPushButton(self.tr("Remove what was created"))
        self.retry_button = QPushButton(self.tr("Try again"))
        self.cleanup_button.hide()
        self.retry_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cleanup_button)
        buttons.addWidget(self.cancel_button)
        self.body.addWidget(self.steps, 1)
        self.body.addWidget(self.bar)
        self.body.addWidget(self.status)
        self.body.addLayout(buttons)
        self.body.addWidget(self.log)

        self.log_button.toggled.connect(self._toggle_log)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.cleanup_button.clicked.connect(self.clean_up)
        self.retry_button.clicked.connect(self.retry)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._started: dict[str, float] = {}  # running step -> monotonic time it reported
        self._elapsed: dict[str, float] = {}
        self.job: Any = None
        self.launch_task: Task | None = None
        self.host_key_box: Any = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._started_once = False

    def explanation(self) -> str:
        return self.tr("Your machine is being prepared. This usually takes a few minutes.")

    # -- starting ----------------------------------------------------------------------------

    def initializePage(self) -> None:
        if not self._started_once:
            self._started_once = True
            self.start(
                resume_id=self.ctx.state.resume_launch_id
                if self.ctx.state.mode is Mode.RESUME
                else None
            )

    def _reset_steps(self) -> None:
        from app.core.launch import STEP_TITLES, STEPS

        self.steps.clear()
        self._items = {}
        for step in STEPS:
            title = shown(STEP_TITLES[step])  # declared once, in the launch's registry
            item = QTreeWidgetItem([title, state_names()["pending"], "", ""])
            item.setIcon(0, state_icon("pending"))
            self.steps.addTopLevelItem(item)
            self._items[step] = item
        self.bar.setRange(0, len(STEPS))
        self.bar.setValue(0)

    def start(self, *, resume_id: str | None = None) -> None:
        """Run the launch (or continue launch ``resume_id``) on the worker."""
        self._reset_steps()
        self.ctx.state.launch_ready = False
        self.cleanup_button.hide()
        self.retry_button.hide()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Starting…"))
        plan = dataclasses.replace(self.ctx.plan)
        credentials, passphrase = self.ctx.credentials, self.ctx.key_passphrase
        overrides = self.ctx.launch_overrides
        task = Task("launch")

        def ask_host_key(fingerprint: str) -> bool:
            prompt = HostKeyPrompt(fingerprint)
            task.emit_event(prompt)
            return prompt.wait(task.cancel_token)

        def launch(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.launch import LaunchJob, LaunchOverrides

            options: dict[str, Any] = {
                "progress_event": task.emit_event,
                "cancel": cancel,
                "confirm_host_key": ask_host_key,
                "overrides": overrides if overrides is not None else LaunchOverrides.from_env(),
            }
            if resume_id:
                job = LaunchJob.resume(resume_id, credentials, **options)
            else:
                job = LaunchJob(plan, credentials, key_passphrase=passphrase, **options)
            task.emit_event(_JobCreated(job))
            return job.run()

        self.launch_task = self.run_task(
            "launch",
            launch,
            self._ready,
            on_failed=self._failed,
            on_event=self._event,
            busy_text="",  # the step list is the progress display here
            cancellable=False,  # Cancel asks first: see ask_cancel
            task=task,
        )
        self._ticker.start()

    # -- events from the job -----------------------------------------------------------------

    def _event(self, event: object) -> None:
        if isinstance(event, _JobCreated):
            self.job = event.job
            self.ctx.launch_job = event.job
        elif isinstance(event, HostKeyPrompt):
            self.host_key_box = host_key_dialog(self, event)
            self.host_key_box.open()
        else:
            self._step_event(event)

    def _step_event(self, event: Any) -> None:
        item = self._items.get(event.step)
        if item is None:
            return
        names = state_names()
        item.setText(1, names.get(event.state, event.state))
        item.setIcon(0, state_icon(event.state if event.state != "pending" else "pending"))
        text = redact(shown(event.message))  # the core's sentence, in the user's language
        item.setText(3, text)
        item.setToolTip(3, text)
        if event.state == "running":
            self._started.setdefault(event.step, time.monotonic() - event.elapsed)
        else:
            self._started.pop(event.step, None)
        self._elapsed[event.step] = event.elapsed
        item.setText(2, _format_elapsed(event.elapsed) if event.state != "pending" else "")
        if event.step == "instance" and event.state == "done":
            self.ctx.launch_started = time.time()
        if event.state == "done":
            settle()  # the launch runs for minutes: do not wait for its end (see gc_policy)
        finished = sum(
            1 for it in self._items.values() if it.text(1) in (names["done"], names["skipped"])
        )
        self.bar.setValue(finished)
        if event.state == "running":
            self.status.setText(
                self.tr("{step}: {message}").format(step=item.text(0), message=text)
            )
        stamp = time.strftime("%H:%M:%S")
        self.log.appendPlainText(
            redact(f"{stamp}  {event.step:<15} {event.state:<9} {event.message}")
        )

    def _tick(self) -> None:
        now = time.monotonic()
        for step, since in self._started.items():
            item = self._items.get(step)
            if item is not None:
                item.setText(2, _format_elapsed(now - since))

    # -- outcomes ----------------------------------------------------------------------------

    def _ready(self, result: Any) -> None:
        self._ticker.stop()
        self._started.clear()
        self.ctx.launch_result = result
        if not self.ctx.launch_started:
            self.ctx.launch_started = time.time()
        self.ctx.state.launch_ready = True
        self.cancel_button.hide()
        self.status.setText(self.tr("The notebook is ready."))
        self.changed()
        wizard = self.wizard()
        if isinstance(wizard, QWizard) and wizard.currentPage() is self:
            wizard.next()

    def _failed(self, error: WizardError) -> None:
        self._ticker.stop()
        self._started.clear()
        self.cancel_button.hide()
        if self.host_key_box is not None:
            self.host_key_box.close()
        if isinstance(error, Cancelled):
            self.status.setText(self.tr("Cancelled. Removing what this launch created…"))
            self.clean_up()
            return
        self.status.setText(
            self.tr("The launch stopped. You can try again, or remove what it created.")
        )
        self.retry_button.setVisible(self.job is not None)
        self.cleanup_button.setVisible(self.job is not None)

    # -- cancel and clean-up -----------------------------------------------------------------

    def launch_running(self) -> bool:
        return self.launch_task is not None and not self.launch_task.done

    def ask_cancel(self) -> None:
        """Ask, listing what will be removed; on yes, cancel the job (clean-up follows)."""
        if not self.launch_running():
            return
        resources = getattr(getattr(self.job, "journal", None), "resources", None)
        box, stop = cancel_launch_dialog(self, describe_created(resources))
        self.cancel_box = box

        def answered(_code: int) -> None:
            if box.clickedButton() is stop and self.launch_task is not None:
                self.cancel_button.setEnabled(False)
                self.status.setText(self.tr("Cancelling…"))
                self.launch_task.cancel()

        box.finished.connect(answered)
        box.open()

    def clean_up(self) -> None:
        job = self.job
        if job is None:
            self.status.setText(self.tr("Cancelled. Nothing had been created."))
            return
        self.cleanup_button.hide()
        self.retry_button.hide()

        def cleanup(progress: Progress, cancel: CancelToken) -> Any:
            return job.cleanup(progress=progress, cancel=cancel)

        self.run_task(
            "cleanup",
            cleanup,
            self._cleaned,
            on_failed=lambda _e: self.cleanup_button.show(),
            busy_text=self.tr("Removing what this launch created…"),
            cancellable=False,
        )

    def _cleaned(self, report: Any) -> None:
        deleted = list(getattr(report, "deleted", []) or [])
        kept = list(getattr(report, "kept", []) or [])
        text = self.tr("Cleaned up: {count} resource(s) removed.").format(count=len(deleted))
        if kept:
            text += " " + self.tr("Kept: {kept}.").format(kept=", ".join(map(str, kept)))
        self.status.setText(text)
        self.log.appendPlainText(redact(f"cleanup: deleted {deleted}; kept {kept}"))

    def retry(self) -> None:
        if self.job is None:
            return
        self.start(resume_id=self.job.launch_id)

    def _toggle_log(self, shown: bool) -> None:
        self.log.setVisible(shown)
        self.log_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)


def _format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds >= 60:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return QCoreApplication.translate("ProgressPage", "{seconds} s").format(seconds=seconds)
