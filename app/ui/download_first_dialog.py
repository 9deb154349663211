""" "Download my notebooks first", offered before stop or terminate of a machine without a work
disk: every ``*.ipynb`` (and a chosen folder) into a local folder, then the stop or terminate;
a failed download stops and terminates nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Cancelled, WizardError
from app.core.progress import CancelToken, Progress
from app.core.sentence import Sentence
from app.ui.sentences import error_text, shown
from app.ui.worker import Task, TaskRunner


def offers_download(instance_or_result: Any) -> bool:
    """Whether to offer the download: a running machine of this computer's launches whose
    notebooks live on its own disk (no work disk, see ``InstanceInfo.work_disk``)."""
    if getattr(instance_or_result, "work_disk", None):
        return False
    if getattr(instance_or_result, "state", "running") != "running":
        return False
    return bool(getattr(instance_or_result, "launch_id", None))


class DownloadFirstDialog(QDialog):
    """Asks, downloads with progress, then calls ``on_proceed`` (the stop or terminate)."""

    def __init__(
        self,
        runner: TaskRunner,
        launch_id: str,
        *,
        terminate: bool,
        on_proceed: Callable[[], None],
        passphrase: str | None = None,
        address: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("downloadFirstDialog")
        self.setMinimumWidth(500)
        self.runner = runner
        self.launch_id = launch_id
        self.on_proceed = on_proceed
        self.passphrase = passphrase
        self.address = address
        self.setWindowTitle(
            self.tr("Terminate the machine") if terminate else self.tr("Stop the machine")
        )
        text = (
            self.tr(
                "This machine has no work disk: your notebooks are on its own disk, which "
                "terminating deletes."
            )
            if terminate
            else self.tr(
                "This machine has no work disk: your notebooks stay on its own disk while it is "
                "stopped, but only there."
            )
        )
        explanation = QLabel(text)
        explanation.setWordWrap(True)
        self.download = QCheckBox(self.tr("Download my notebooks first"))
        self.download.setObjectName("downloadNotebooks")
        self.download.setChecked(True)
        downloads = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DownloadLocation
        )
        self.folder = QLineEdit(str(Path(downloads or Path.home()) / f"ec2nb-{launch_id}"))
        self.folder.setObjectName("downloadFolder")
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        self.also = QLineEdit()
        self.also.setObjectName("alsoFolder")
        self.also.setPlaceholderText(self.tr("optional, e.g. results"))
        form = QFormLayout()
        form.addRow(self.tr("Into:"), folder_row)
        form.addRow(self.tr("Also this folder of the machine:"), self.also)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.hide()
        self.detail = QLabel()
        self.detail.setObjectName("downloadDetail")
        self.detail.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.proceed_button = self.buttons.addButton(
            self.tr("Download, then terminate") if terminate else self.tr("Download, then stop"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.proceed_button.setObjectName("proceedButton")
        self._texts = (
            (self.tr("Download, then terminate"), self.tr("Terminate without downloading"))
            if terminate
            else (self.tr("Download, then stop"), self.tr("Stop without downloading"))
        )
        self.download.toggled.connect(self._label_proceed)
        self.buttons.accepted.connect(self.proceed)
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.download)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addWidget(self.buttons)
        self.task: Task | None = None
        self.outcome = ""  # "" | "proceeded" | "failed" | "cancelled"
        self.saved: Any = None  # the NotebookDownload

    def _label_proceed(self, download: bool) -> None:
        self.proceed_button.setText(self._texts[0 if download else 1])
        self.folder.setEnabled(download)
        self.also.setEnabled(download)

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Download into"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def proceed(self) -> None:
        if not self.download.isChecked():
            self._go_on()
            return
        folder, also = self.folder.text().strip(), self.also.text().strip() or None
        if not folder:
            self.detail.setText(self.tr("Say into which folder."))
            return
        launch_id, passphrase, address = self.launch_id, self.passphrase, self.address

        def work(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.launch.remote import launch_connection
            from app.core.remote.download_first import download_failed, download_notebooks

            try:
                connector, notebook_folder = launch_connection(
                    launch_id, passphrase=passphrase, address=address, cancel=cancel
                )
            except WizardError as exc:
                if isinstance(exc, Cancelled):
                    raise
                raise download_failed(exc) from exc
            return download_notebooks(
                connector,
                folder,
                notebook_folder=notebook_folder,
                also=also,
                progress=progress,
                cancel=cancel,
            )

        self.proceed_button.setEnabled(False)
        self.download.setEnabled(False)
        self.bar.show()
        self.detail.setText(self.tr("Downloading your notebooks…"))
        self.task = self.runner.start(
            "download-first",
            work,
            on_finished=self._downloaded,
            on_failed=self._failed,
            on_progress=self._progress,
        )

    def _progress(self, _step: str, message: Sentence) -> None:
        if not self.outcome:
            self.detail.setText(shown(message))

    def _downloaded(self, saved: Any) -> None:
        self.saved = saved
        self.bar.hide()
        self.detail.setText(
            self.tr("Downloaded {count} notebook(s) into {folder}.").format(
                count=saved.notebooks, folder=saved.local_dir
            )
        )
        self._go_on()

    def _go_on(self) -> None:
        self.outcome = "proceeded"
        self.accept()
        self.on_proceed()

    def _failed(self, error: WizardError) -> None:
        self.bar.hide()
        self.proceed_button.setEnabled(True)
        self.download.setEnabled(True)
        self.task = None
        if isinstance(error, Cancelled):
            self.outcome = "cancelled"
            self.detail.setText(self.tr("Cancelled: nothing was stopped or terminated."))
            return
        self.outcome = "failed"
        self.detail.setText(error_text(error))

    def _cancel(self) -> None:
        if self.task is not None and not self.task.done:
            self.task.cancel()
            return
        self.outcome = self.outcome or "cancelled"
        self.reject()
