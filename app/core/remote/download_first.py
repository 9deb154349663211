""" "Download my notebooks first": every ``*.ipynb`` of the notebook folder before a stop or
terminate of a machine without a work disk (whose files go with its root disk on terminate).

The caller stops or terminates only when this returns: a failed download raises
``download-failed`` and the machine is left as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import paramiko

from app.core.errors import Cancelled, WizardError
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.remote.transfer import TransferReport, TransferStatus, pull
from app.core.sentence import QT_TRANSLATE_NOOP

NOTEBOOK_PATTERN = "*.ipynb"


@dataclass(frozen=True)
class NotebookDownload:
    """What was saved where: ``files`` as ``TransferReport.files`` lists them."""

    local_dir: str
    notebooks: int
    files: list[dict[str, object]] = field(default_factory=list)
    bytes: int = 0


def download_notebooks(
    connector: Callable[[], paramiko.SSHClient],
    local_dir: str | Path,
    *,
    notebook_folder: str = ".",
    also: str | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    on_status: Callable[[TransferStatus], None] | None = None,
) -> NotebookDownload:
    """Pull every notebook under ``notebook_folder`` (hidden folders such as
    ``.ipynb_checkpoints`` left out) and, if given, the whole folder ``also`` (relative to
    the notebook folder, or absolute) into ``local_dir``. Raises ``download-failed``."""
    target = Path(local_dir).expanduser()
    reports: list[TransferReport] = []
    try:
        reports.append(
            pull(
                connector,
                ["."],
                target,
                notebook_folder=notebook_folder,
                progress=progress,
                cancel=cancel,
                on_status=on_status,
                pattern=NOTEBOOK_PATTERN,
            )
        )
        if also:
            reports.append(
                pull(
                    connector,
                    [also],
                    target,
                    notebook_folder=notebook_folder,
                    progress=progress,
                    cancel=cancel,
                    on_status=on_status,
                )
            )
    except Cancelled:
        raise
    except WizardError as exc:
        raise download_failed(exc) from exc
    except OSError as exc:  # the local folder: not writable, disk full
        raise download_failed(
            WizardError(QT_TRANSLATE_NOOP("core", "This computer's folder cannot be written."))
        ) from exc
    files = [entry for report in reports for entry in report.files]
    notebooks = len(reports[0].files)
    return NotebookDownload(str(target), notebooks, files, sum(report.bytes for report in reports))


def download_failed(cause: WizardError) -> WizardError:
    """The refusal to go on: the machine is not stopped or terminated after a failed download."""
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core",
            "Your notebooks could not be downloaded, so the machine was left as it is: {reason}",
        ).format(reason=cause.sentence),
        code="download-failed",
        hint=QT_TRANSLATE_NOOP(
            "core", "Fix the cause and try again, or go on without downloading."
        ),
        detail=cause.detail,
    )
