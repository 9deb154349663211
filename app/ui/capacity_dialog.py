"""When AWS has no capacity to start a stopped machine: wait and retry, another GPU type in the
same zone, or move it (``app.core.aws.capacity``).

Moving a machine to another zone is wired in one place, :func:`relocate_action`
(``app.ui.relocate_dialog``); were it to return None, the "Move…" button would stay hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Cancelled, WizardError
from app.core.progress import CancelToken, Progress
from app.ui.sentences import error_text, shown
from app.ui.widgets import BusyLine, ErrorPanel

# A move opens with (parent widget, the instance); see relocate_action().
RelocateAction = Callable[[QWidget, Any], None]


def relocate_action() -> RelocateAction | None:
    """The GUI's way to move a stopped machine to another zone, or None while there is none.

    The hook for ``relocate_instance`` (``app/core/aws/relocate.py``): a function that opens
    its dialog for the instance, so the capacity dialog shows "Move to another zone or region…".
    """
    from app.ui.relocate_dialog import open_relocate

    return open_relocate


class CapacityDialog(QDialog):
    """Offers the three ways out; ``on_started(info)`` once the machine runs,
    ``on_other_type()`` for "Another GPU type…" (the resize dialog)."""

    def __init__(
        self,
        parent: QWidget,
        runner: Any,
        session: Any,
        instance: Any,
        error: WizardError,
        *,
        on_started: Callable[[Any], None],
        on_other_type: Callable[[], None],
        minutes: int = 30,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("capacityDialog")
        self.setWindowTitle(self.tr("No capacity to start the machine"))
        self.runner, self.session, self.instance = runner, session, instance
        self.on_started, self.on_other_type = on_started, on_other_type
        self.task: Any = None
        self.outcome = ""  # "", "started", "failed", "cancelled"
        self.message = QLabel(error_text(error))
        self.message.setWordWrap(True)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setValue(minutes)
        self.minutes.setPrefix(self.tr("for up to "))
        self.minutes.setSuffix(self.tr(" minutes"))
        self.wait_button = QPushButton(self.tr("Wait and retry"))
        self.wait_button.setDefault(True)
        self.other_button = QPushButton(self.tr("Another GPU type…"))
        self.move_button = QPushButton(self.tr("Move to another zone or region…"))
        self.move = relocate_action()
        self.move_button.setVisible(self.move is not None)
        self.busy = BusyLine()
        self.error_panel = ErrorPanel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self._close)
        self.wait_button.clicked.connect(lambda: self.wait_and_retry())
        self.other_button.clicked.connect(self._other_type)
        self.move_button.clicked.connect(self._move)

        # Waiting on one row, the two ways around it on the next: on one row the longer
        # labels (and their translations) did not fit the dialog's width.
        wait_row, other_row = QHBoxLayout(), QHBoxLayout()
        wait_row.addWidget(self.wait_button)
        wait_row.addWidget(self.minutes)
        wait_row.addStretch(1)
        other_row.addWidget(self.other_button)
        other_row.addWidget(self.move_button)
        other_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(wait_row)
        layout.addLayout(other_row)
        for widget in (self.busy, self.error_panel, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(640)

    def wait_and_retry(self, *, first_delay: float = 5.0) -> None:
        """Retry the start with a growing pause until it works, the minutes run out or the
        user cancels; the progress line says each attempt."""
        session, region, instance_id = self.session, self.instance.region, self.instance.instance_id
        minutes = float(self.minutes.value())

        def wait(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.aws.capacity import start_when_capacity

            return start_when_capacity(
                session, region, instance_id, minutes=minutes, first_delay=first_delay,
                progress=progress, cancel=cancel,
            )  # fmt: skip

        self.error_panel.clear()
        self.task = self.runner.start(
            f"capacity-{instance_id}",
            wait,
            on_finished=self._started,
            on_failed=self._failed,
            on_progress=lambda _step, message: self.busy.set_text(shown(message)),
        )
        self.busy.start(self.tr("Starting {id}…").format(id=instance_id), self.task.cancel)
        self._enable(False)

    def _started(self, info: Any) -> None:
        self.task = None
        self.outcome = "started"
        self.busy.stop()
        self.on_started(info)
        self.accept()

    def _failed(self, error: WizardError) -> None:
        self.task = None
        self.busy.stop()
        self._enable(True)
        if isinstance(error, Cancelled):
            self.outcome = "cancelled"
            return
        self.outcome = "failed"
        self.error_panel.show_error(error)

    def _enable(self, enabled: bool) -> None:
        for widget in (self.wait_button, self.minutes, self.other_button, self.move_button):
            widget.setEnabled(enabled)

    def _other_type(self) -> None:
        self.reject()
        self.on_other_type()

    def _move(self) -> None:
        if self.move is not None:
            self.reject()
            self.move(self.parentWidget() or self, self.instance)

    def _close(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.reject()
