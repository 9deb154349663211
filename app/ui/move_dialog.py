"""Moving through snapshots, in the wizard (issue 14): a destination chooser, the cost said
before anything starts, then the move with its percentage and Cancel.

One dialog for a kept disk (:func:`disk_move_dialog`, ``app.core.aws.disk_move``) and for a
stopped machine without capacity (``app.ui.relocate_dialog``, ``app.core.aws.relocate``): the
caller hands in three calls, each run off the UI thread (the destinations, the cost of one, the
move). A cancelled move stops at its next check; the core resumes it the next time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.aws.move_targets import Destination
from app.core.errors import Cancelled, WizardError
from app.core.progress import CancelToken, Progress
from app.core.sentence import Sentence
from app.ui.sentences import shown
from app.ui.widgets import BusyLine, ErrorPanel

# (progress, cancel) -> the destinations, best first.
Destinations = Callable[[Progress, CancelToken], list[Destination]]
# (destination, progress, cancel) -> the cost, said as sentences (one line each).
CostOf = Callable[[Destination, Progress, CancelToken], list[Sentence]]
# (destination, progress, cancel) -> the result handed to on_moved.
MoveRun = Callable[[Destination, Progress, CancelToken], Any]


def percent_of(message: str) -> int | None:
    """The percentage a core progress note carries (``{percent}`` = "40%"), if any."""
    params = getattr(message, "params", None) or {}
    value = str(params.get("percent", "")).strip().rstrip("%")
    try:
        return max(0, min(100, round(float(value))))
    except ValueError:
        return None


class MoveDialog(QDialog):
    """Chooser, cost, Move, progress. ``on_moved(result)`` after a finished move."""

    def __init__(
        self,
        parent: QWidget,
        runner: Any,
        *,
        title: str,
        intro: str,
        destinations: Destinations,
        cost_of: CostOf,
        move: MoveRun,
        on_moved: Callable[[Any], None],
        object_name: str = "moveDialog",
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.runner = runner
        self._destinations, self._cost_of, self._move = destinations, cost_of, move
        self.on_moved = on_moved
        self.task: Any = None
        self.cost_task: Any = None
        self.result: Any = None
        self.outcome = ""  # "", "moved", "failed", "cancelled"

        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.where = QComboBox()
        self.where.setMinimumWidth(320)
        self.cost = QLabel()
        self.cost.setObjectName("moveCost")
        self.cost.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.busy = BusyLine()
        self.error_panel = ErrorPanel()
        self.move_button = QPushButton(self.tr("Move"))
        self.move_button.setDefault(True)
        self.move_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("Cancel move"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.move_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button.hide()  # after addButton, which shows it: only while moving
        self.buttons.rejected.connect(self._close)
        self.move_button.clicked.connect(self.start_move)
        self.cancel_button.clicked.connect(self.cancel_move)
        self.where.currentIndexChanged.connect(self._destination_changed)

        form = QFormLayout()
        form.addRow(self.tr("Move to:"), self.where)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        for widget in (self.cost, self.bar, self.status, self.busy, self.error_panel):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self._load()

    # -- where to, and what it costs ---------------------------------------------------------

    def _load(self) -> None:
        self.busy.start(self.tr("Looking for where it can go…"))
        self.runner.start(
            "move-destinations",
            self._destinations,
            on_finished=self._show_destinations,
            on_failed=self._failed,
        )

    def _show_destinations(self, found: list[Destination]) -> None:
        self.busy.stop()
        self.where.blockSignals(True)
        self.where.clear()
        for destination in found:
            label = destination.zone or self.tr("{region} (any zone)").format(
                region=destination.region
            )
            self.where.addItem(label, destination)
        self.where.blockSignals(False)
        if not found:
            self.cost.setText(self.tr("There is nowhere to move it: no other zone offers it."))
            return
        self._destination_changed()

    def destination(self) -> Destination | None:
        data = self.where.currentData()
        return data if isinstance(data, Destination) else None

    def choose(self, zone_or_region: str) -> None:
        """Select the destination shown as ``zone_or_region`` (tests, and a caller's hint)."""
        for index in range(self.where.count()):
            data = self.where.itemData(index)
            if zone_or_region in (data.zone, data.region):
                self.where.setCurrentIndex(index)
                return

    def _destination_changed(self) -> None:
        destination = self.destination()
        self.move_button.setEnabled(False)
        if destination is None:
            return
        if self.cost_task is not None:
            self.cost_task.cancel()
        self.cost.setText(self.tr("Working out the cost…"))
        cost_of = self._cost_of

        def cost(progress: Progress, cancel: CancelToken) -> list[Sentence]:
            return cost_of(destination, progress, cancel)

        self.cost_task = self.runner.start(
            "move-cost", cost, on_finished=self._show_cost, on_failed=self._failed
        )

    def _show_cost(self, lines: list[Sentence]) -> None:
        self.cost_task = None
        self.cost.setText("\n".join(shown(line) for line in lines))
        self.move_button.setEnabled(self.task is None)
        self.adjustSize()  # the sentences arrive after the dialog was laid out

    # -- the move ----------------------------------------------------------------------------

    def start_move(self) -> None:
        destination = self.destination()
        if destination is None or self.task is not None:
            return
        move = self._move

        def run(progress: Progress, cancel: CancelToken) -> Any:
            return move(destination, progress, cancel)

        self.error_panel.clear()
        self.outcome = ""
        self.bar.setValue(0)
        self.bar.show()
        self.status.setText(self.tr("Starting the move…"))
        self.task = self.runner.start(
            "move", run, on_finished=self._moved, on_failed=self._failed,
            on_progress=self._progress,
        )  # fmt: skip
        self._running(True)

    def cancel_move(self) -> None:
        if self.task is not None:
            self.status.setText(self.tr("Cancelling…"))
            self.task.cancel()

    def _progress(self, _step: str, message: Sentence) -> None:
        self.status.setText(shown(message))
        percent = percent_of(message)
        if percent is not None:
            self.bar.setValue(percent)

    def _moved(self, result: Any) -> None:
        self.task = None
        self.result = result
        self.outcome = "moved"
        self._running(False)
        self.bar.setValue(100)
        self.accept()
        self.on_moved(result)

    def _failed(self, error: WizardError) -> None:
        self.busy.stop()
        self.task = None
        self._running(False)
        if isinstance(error, Cancelled):
            self.outcome = "cancelled"
            self.status.setText(
                self.tr(
                    "Cancelled. What was made so far is kept: moving it again continues from "
                    "there, without copying twice."
                )
            )
            return
        self.outcome = "failed"
        self.error_panel.show_error(error)

    def _running(self, running: bool) -> None:
        self.where.setEnabled(not running)
        self.move_button.setEnabled(not running and self.destination() is not None)
        self.cancel_button.setVisible(running)

    def _close(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.reject()


def disk_move_dialog(
    parent: QWidget,
    runner: Any,
    session: Any,
    disk: Any,
    *,
    destinations: Destinations,
    on_moved: Callable[[Any], None],
    poll_seconds: float = 15.0,
) -> MoveDialog:
    """The move of the kept work disk ``disk`` (``WorkDisk``) to one of ``destinations``."""
    from app.core.aws.disk_move import move_volume
    from app.core.aws.move_cost import cost_sentence, estimate_move

    def cost_of(where: Destination, _progress: Progress, _cancel: CancelToken) -> list[Sentence]:
        return [
            cost_sentence(estimate_move(disk.region, disk.size_gib, target_region=where.region))
        ]

    def move(where: Destination, progress: Progress, cancel: CancelToken) -> Any:
        return move_volume(
            session, disk.region, disk.volume_id, zone=where.zone, target_region=where.region,
            progress=progress, cancel=cancel, poll_seconds=poll_seconds,
        )  # fmt: skip

    translate = QCoreApplication.translate
    return MoveDialog(
        parent,
        runner,
        title=translate("MoveDialog", "Move the work disk {name}").format(name=disk.name),
        intro=translate(
            "MoveDialog",
            "{name} ({size} GiB) is in {zone}. A disk attaches only within its zone: it is "
            "copied through a snapshot to the new place, with the same name; the old disk and "
            "the snapshot are deleted once the new disk is ready.",
        ).format(name=disk.name, size=disk.size_gib, zone=disk.zone),
        destinations=destinations,
        cost_of=cost_of,
        move=move,
        on_moved=on_moved,
        object_name="diskMoveDialog",
    )
