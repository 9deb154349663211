""" "Launch again…" on My instances, for a spot machine AWS took back: the one confirmation of a
new launch like it, with the same work disk, on-demand or spot, each with its price per hour.

The launch then goes straight to the progress page: everything else was chosen at the first
launch, and the only new question after an interruption is whether to risk another one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import Cancelled, WizardError
from app.core.plan import LaunchPlan, Market
from app.core.progress import CancelToken, Progress
from app.ui.widgets import BusyLine, ErrorPanel


class RelaunchDialog(QDialog):
    """Calls ``on_launch(plan)`` with the plan of the new launch when the user agrees."""

    def __init__(
        self,
        parent: QWidget,
        runner: Any,
        session: Any,
        instance: Any,
        on_launch: Callable[[LaunchPlan], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("relaunchDialog")
        self.setWindowTitle(self.tr("Launch again"))
        self.runner, self.session, self.instance = runner, session, instance
        self.on_launch = on_launch
        self.offer: Any = None
        self.task: Any = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.on_demand = QRadioButton()
        self.on_demand.setObjectName("relaunchOnDemand")
        self.spot = QRadioButton()
        self.spot.setObjectName("relaunchSpot")
        # After an interruption the safe choice comes first.
        self.on_demand.setChecked(True)
        self.busy = BusyLine()
        self.error_panel = ErrorPanel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.launch_button = buttons.addButton(
            self.tr("Launch"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.launch_button.setEnabled(False)
        buttons.rejected.connect(self._close)
        buttons.accepted.connect(self._launch)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.on_demand, self.spot, self.busy, self.error_panel):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self._show_prices()
        self.load()

    def load(self) -> None:
        """Find the disk's name and both prices in the background."""
        session, instance = self.session, self.instance

        def look(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.launch.journal import find_journal
            from app.core.launch.relaunch import relaunch_offer

            journal = find_journal(instance.launch_id) if instance.launch_id else None
            previous = (
                LaunchPlan.from_dict(journal.plan)
                if journal is not None and isinstance(journal.plan, dict)
                else None
            )
            return relaunch_offer(session, instance, previous)

        def failed(error: WizardError) -> None:
            self.task = None
            self.busy.stop()
            if not isinstance(error, Cancelled):
                self.error_panel.show_error(error)

        self.task = self.runner.start(
            "relaunch-offer", look, on_finished=self._loaded, on_failed=failed
        )
        self.busy.start(self.tr("Looking up the work disk and the prices…"), self.task.cancel)

    def _loaded(self, offer: Any) -> None:
        self.task = None
        self.busy.stop()
        self.offer = offer
        self._show_prices()
        self.launch_button.setEnabled(True)

    def _show_prices(self) -> None:
        instance, offer = self.instance, self.offer
        disk = offer.disk_name if offer is not None else None
        if disk:
            text = self.tr(
                "Launch a new {type} in {region} like {id}, with its work disk {disk} at "
                "~/work: your files are there."
            ).format(
                type=instance.instance_type,
                region=instance.region,
                id=instance.instance_id,
                disk=disk,
            )
        else:
            text = self.tr(
                "Launch a new {type} in {region} like {id}. It had no work disk: its notebooks "
                "were on the machine and went with it."
            ).format(type=instance.instance_type, region=instance.region, id=instance.instance_id)
        self.summary.setText(text)
        self.on_demand.setText(
            self.tr("On-demand, {price}: AWS does not take it back").format(
                price=_price(offer.on_demand_price if offer else None)
            )
        )
        self.spot.setText(
            self.tr("Spot, {price}: cheaper, may be taken back again").format(
                price=_price(offer.spot_price if offer else None)
            )
        )

    def chosen_plan(self) -> LaunchPlan | None:
        if self.offer is None:
            return None
        market = Market.SPOT if self.spot.isChecked() else Market.ON_DEMAND
        plan: LaunchPlan = self.offer.plan_for(market)
        return plan

    def _launch(self) -> None:
        plan = self.chosen_plan()
        if plan is None:
            return
        self.accept()
        self.on_launch(plan)

    def _close(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.reject()


def _price(price: float | None) -> str:
    from PySide6.QtCore import QCoreApplication

    if price is None:
        return QCoreApplication.translate("RelaunchDialog", "price unknown")
    return QCoreApplication.translate("RelaunchDialog", "${price:.3f} per hour").format(price=price)
