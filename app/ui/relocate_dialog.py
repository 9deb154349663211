""" "Move to another zone or region…" of the capacity dialog (issue 14 section 3): a stopped
machine whose zone has no capacity is moved (``relocate_instance``: an image of its system disk,
its work disk through a snapshot) to a zone offering its type, in its region or another, the
cost said first; then the new machine is launched there through the normal progress page, from
the old machine's plan with the moved work disk (``plan_after_relocation``). The old machine
stays stopped; once the new one is ready the user is asked whether to terminate it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.aws.move_targets import Destination
from app.core.flow import PageId
from app.core.progress import CancelToken, Progress
from app.core.sentence import Sentence
from app.ui.move_dialog import MoveDialog

# Seconds between polls of the image and snapshots (the core's default is for the CLI too).
POLL_SECONDS = 5.0


def relocate_dialog(
    parent: QWidget,
    runner: Any,
    session: Any,
    instance: Any,
    *,
    on_relocated: Callable[[Any], None],
    poll_seconds: float = POLL_SECONDS,
) -> MoveDialog:
    """The move of the stopped ``instance`` (InstanceInfo); ``on_relocated((relocation,
    plan))`` with the plan of the new launch."""
    region, instance_id = instance.region, instance.instance_id

    def destinations(progress: Progress, cancel: CancelToken) -> list[Destination]:
        from app.core.aws.move_targets import move_destinations

        # Other regions too (any zone offering the type there: checked before anything moves).
        return move_destinations(
            session,
            region,
            instance_type=instance.instance_type,
            exclude=[instance.zone],
            other_regions=True,
        )

    def cost_of(where: Destination, _progress: Progress, _cancel: CancelToken) -> list[Sentence]:
        from app.core.aws.move_cost import cost_sentence
        from app.core.aws.relocate import relocation_cost
        from app.core.aws.relocate_launch import image_cost_sentence, old_machine_sentence

        cost = relocation_cost(session, region, instance_id, target_region=where.region)
        return [
            cost_sentence(cost.move, machine=True),
            image_cost_sentence(cost),
            old_machine_sentence(instance_id),
        ]

    def move(where: Destination, progress: Progress, cancel: CancelToken) -> Any:
        from app.core.aws.relocate import relocate_instance
        from app.core.aws.relocate_launch import plan_after_relocation, previous_plan

        relocation = relocate_instance(
            session, region, instance_id, zone=where.zone, target_region=where.region,
            progress=progress, cancel=cancel, poll_seconds=poll_seconds,
        )  # fmt: skip
        return relocation, plan_after_relocation(instance, relocation, previous_plan(instance))

    translate = QCoreApplication.translate
    return MoveDialog(
        parent,
        runner,
        title=translate("MoveDialog", "Move {id} to another zone or region").format(id=instance_id),
        intro=translate(
            "MoveDialog",
            "{id} ({type}) cannot start in {zone} for lack of capacity. Its system disk becomes "
            "an image and its work disk is copied through a snapshot to a zone that offers "
            "{type}, in this region or another; then a new machine is launched there with the "
            "same work disk (in another region with a new security group and key pair).",
        ).format(id=instance_id, type=instance.instance_type, zone=instance.zone),
        destinations=destinations,
        cost_of=cost_of,
        move=move,
        on_moved=on_relocated,
        object_name="relocateDialog",
    )


def open_relocate(parent: QWidget, instance: Any) -> MoveDialog | None:
    """The capacity dialog's "Move to another zone or region…" (``relocate_action``):
    ``parent`` is the My instances page, whose wizard context runs the move and the launch."""
    ctx = getattr(parent, "ctx", None)
    if ctx is None:
        return None
    dialog = relocate_dialog(
        parent, ctx.runner, ctx.session, instance,
        on_relocated=lambda done: launch_relocated(parent, instance, done[1]),
    )  # fmt: skip
    parent.relocate_dialog = dialog  # type: ignore[attr-defined]  (kept alive, and for tests)
    dialog.open()
    return dialog


def launch_relocated(page: Any, old: Any, plan: Any) -> None:
    """Launch ``plan`` through the progress page, as a new launch (``page``: My instances);
    once it is ready, offer to terminate the ``old`` machine."""
    wizard = page.start_relaunch(plan)
    if wizard is None:
        return
    progress = wizard.page_of(PageId.PROGRESS)
    task = getattr(progress, "launch_task", None)
    if task is not None:
        task.signals.finished.connect(lambda _result: offer_terminate_old(page, old))


def offer_terminate_old(page: Any, old: Any) -> QMessageBox:
    """The new machine is ready: terminate the old, stopped one now, or keep it."""
    translate = QCoreApplication.translate
    box = QMessageBox(page.wizard() or page)
    box.setObjectName("terminateOldMachine")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("MoveDialog", "Terminate the old machine?"))
    box.setText(
        translate(
            "MoveDialog",
            "The new machine is ready. The old one, {id} in {zone}, is still stopped and its "
            "system disk is billed. Terminate it now? Its work disk moved with you and is not "
            "touched.",
        ).format(id=old.instance_id, zone=old.zone)
    )
    terminate = box.addButton(
        translate("MoveDialog", "Terminate {id}").format(id=old.instance_id),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    terminate.setObjectName("terminateOld")
    keep = box.addButton(
        translate("MoveDialog", "Keep it for now"), QMessageBox.ButtonRole.RejectRole
    )
    keep.setObjectName("keepOld")
    box.setDefaultButton(keep)
    terminate.clicked.connect(lambda: page._act("terminate", old, offered=True))
    page.terminate_old_box = box
    box.open()
    return box
