"""Upload files… / Download…: a progress dialog over ``app.core.remote.transfer`` that can be
cancelled (the copy continues where it stopped when started again)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Cancelled, WizardError
from app.core.progress import CancelToken, Progress
from app.core.sentence import Sentence
from app.ui.sentences import error_text, shown
from app.ui.worker import Task, TaskRunner


class TransferDialog(QDialog):
    """Shows one push or pull: what, how far, how fast, how long still; Cancel, then Close."""

    def __init__(self, title: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.what = QLabel(what)
        self.what.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the files are counted
        self.detail = QLabel(self.tr("Connecting to the machine…"))
        self.detail.setObjectName("transferDetail")
        self.detail.setWordWrap(True)
        self.current = QLabel()
        self.current.setObjectName("transferFile")
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        for widget in (self.what, self.bar, self.detail, self.current):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self._cancel_or_close)
        self.task: Task | None = None
        self.outcome: str = ""  # "" while running; "done" | "failed" | "cancelled"
        self.report: Any = None

    def run(self, runner: TaskRunner, work: Callable[[Progress, CancelToken, Any], Any]) -> Task:
        """Start ``work(progress, cancel, on_status)`` on the worker bridge."""
        task = Task("transfer")
        self.task = task

        def call(progress: Progress, cancel: CancelToken) -> Any:
            return work(progress, cancel, task.emit_event)

        runner.start(
            "transfer",
            call,
            on_finished=self._finished,
            on_failed=self._failed,
            on_progress=self._progress,
            on_event=self._status,
            task=task,
        )
        return task

    def _progress(self, _step: str, message: Sentence) -> None:
        if not self.outcome:
            self.detail.setText(shown(message))

    def _status(self, status: Any) -> None:
        if self.outcome:
            return
        self.bar.setRange(0, 1000)
        self.bar.setValue(int(1000 * status.done / status.total) if status.total else 1000)
        self.current.setText(
            self.tr("File {n} of {count}: {name}").format(
                n=min(status.files_done + 1, status.files_total),
                count=status.files_total,
                name=status.current.replace("\\", "/").rsplit("/", 1)[-1],
            )
        )
        self.current.setToolTip(status.current)

    def _finished(self, report: Any) -> None:
        from app.core.remote.transfer import human_size

        self.report = report
        self._end("done")
        self.bar.setRange(0, 1000)
        self.bar.setValue(1000)
        self.current.clear()
        self.detail.setText(
            self.tr("{count} file(s), {size} in {seconds} s.").format(
                count=len(report.files),
                size=human_size(report.bytes),
                seconds=f"{report.seconds:.1f}",
            )
        )

    def _failed(self, error: WizardError) -> None:
        if isinstance(error, Cancelled):
            self._end("cancelled")
            self.detail.setText(self.tr("Cancelled. Start it again to continue where it stopped."))
            return
        self._end("failed")
        self.detail.setText(error_text(error))

    def _end(self, outcome: str) -> None:
        self.outcome = outcome
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.cancel_button = None
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)

    def _cancel_or_close(self) -> None:
        if self.task is not None and not self.outcome:
            self.task.cancel()
            self.detail.setText(self.tr("Cancelling…"))
            return
        self.reject()

    def closeEvent(self, event: Any) -> None:
        # Closing the window while copying cancels, so nothing keeps running unseen.
        if self.task is not None and not self.outcome:
            self.task.cancel()
        super().closeEvent(event)


def upload(
    parent: QWidget,
    runner: TaskRunner,
    launch_id: str,
    paths: list[str] | None = None,
    *,
    passphrase: str | None = None,
    address: str | None = None,
) -> TransferDialog | None:
    """Upload ``paths`` (asked for when None) into the notebook folder; the dialog shows it."""
    if paths is None:
        paths, _filter = QFileDialog.getOpenFileNames(
            parent, parent.tr("Upload files to the notebook folder")
        )
    if not paths:
        return None
    names = ", ".join(Path(p).name for p in paths[:3]) + (" …" if len(paths) > 3 else "")
    dialog = TransferDialog(
        parent.tr("Upload files"),
        parent.tr("Uploading {names} to the notebook folder.").format(names=names),
        parent,
    )

    def work(progress: Progress, cancel: CancelToken, on_status: Any) -> Any:
        from app.core.launch.remote import launch_connection
        from app.core.remote.transfer import push

        connector, folder = launch_connection(
            launch_id, passphrase=passphrase, address=address, cancel=cancel
        )
        return push(
            connector,
            paths,
            notebook_folder=folder,
            progress=progress,
            cancel=cancel,
            on_status=on_status,
        )

    dialog.run(runner, work)
    dialog.show()
    return dialog


def download(
    parent: QWidget,
    runner: TaskRunner,
    launch_id: str,
    remote: str | None = None,
    local: str | None = None,
    *,
    passphrase: str | None = None,
    address: str | None = None,
) -> TransferDialog | None:
    """Download ``remote`` (a file or folder of the notebook folder; asked for when None) into
    ``local`` (a folder, asked for when None)."""
    if remote is None:
        remote, ok = QInputDialog.getText(
            parent,
            parent.tr("Download"),
            parent.tr(
                "File or folder to download, in the notebook folder (. for all of it; "
                "an absolute path for elsewhere):"
            ),
            text=".",
        )
        if not ok or not remote.strip():
            return None
    if local is None:
        local = QFileDialog.getExistingDirectory(parent, parent.tr("Download into"))
        if not local:
            return None
    dialog = TransferDialog(
        parent.tr("Download"),
        parent.tr("Downloading {remote} into {local}.").format(remote=remote, local=local),
        parent,
    )
    wanted = remote.strip()

    def work(progress: Progress, cancel: CancelToken, on_status: Any) -> Any:
        from app.core.launch.remote import launch_connection
        from app.core.remote.transfer import pull

        connector, folder = launch_connection(
            launch_id, passphrase=passphrase, address=address, cancel=cancel
        )
        return pull(
            connector,
            [wanted],
            local,
            notebook_folder=folder,
            progress=progress,
            cancel=cancel,
            on_status=on_status,
        )

    dialog.run(runner, work)
    dialog.show()
    return dialog
