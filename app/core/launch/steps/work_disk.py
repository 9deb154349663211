"""Find the work disk the plan reuses, before anything is created: a disk attached elsewhere or
in another region fails the launch now, and its zone pins the instance's (EBS volumes attach
only within their Availability Zone). A new disk is made later, in the instance's zone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.errors import WizardError
from app.core.launch.events import _skip
from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence
from app.core.work_disk_choice import NEW, NONE, parse_work_disk

if TYPE_CHECKING:
    from app.core.aws.work_disks import WorkDisk
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.aws.work_disks import find_work_disk

    choice = parse_work_disk(ctx.plan.work_disk)
    if choice.kind == NONE:
        raise _skip(QT_TRANSLATE_NOOP("core", "No work disk asked for."))
    if choice.kind == NEW:
        return QT_TRANSLATE_NOOP(
            "core", "A new {gib} GiB work disk is made once the instance runs."
        ).format(gib=choice.gib)
    try:
        disk = find_work_disk(ctx.aws, ctx.region, choice.name)
    except WizardError as exc:
        if exc.code == "no-such-disk":
            _refuse_if_elsewhere(ctx, choice.name)
        raise
    if _leaving(ctx, disk):
        # A taken-back (terminated) instance lets go of its disk a little later: AWS shows it
        # in-use (attachment "detaching") for a moment. Wait instead of refusing.
        from app.core.aws.work_disks import wait_free

        disk = wait_free(ctx.aws, ctx.region, disk.volume_id, progress=progress, cancel=ctx.cancel)
    if disk.attached_to and disk.attached_to != ctx.instance_id:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The work disk {name} is attached to {instance_id}.").format(
                name=disk.name, instance_id=disk.attached_to
            ),
            code="disk-in-use",
            hint=QT_TRANSLATE_NOOP(
                "core", "Terminate that instance first (keeping the disk), or choose another disk."
            ),
        )
    _refuse_if_type_not_in_zone(ctx, disk)
    ctx.work_disk_zone = disk.zone
    ctx.resources.work_disk_id = disk.volume_id
    ctx.resources.work_disk_created = False
    ctx.journal.save()
    return QT_TRANSLATE_NOOP("core", "Reusing {name} ({gib} GiB in {zone})").format(
        name=disk.name, gib=disk.size_gib, zone=disk.zone
    )


def _leaving(ctx: LaunchContext, disk: WorkDisk) -> bool:
    """Whether the disk is still in use only by an instance that is gone or going."""
    if disk.free or disk.state != "in-use":
        return False
    if not disk.attached_to:
        return True  # its attachment is "detaching" (or already gone): it is on its way
    if disk.attached_to == ctx.instance_id:
        return False
    from app.core.aws.instances import GONE_STATES, describe_instance

    try:
        other = describe_instance(ctx.aws, ctx.region, disk.attached_to, cancel=ctx.cancel)
    except WizardError as exc:
        return exc.code == "instance-gone"
    return other.state in GONE_STATES


def _refuse_if_elsewhere(ctx: LaunchContext, name: str) -> None:
    """A disk of that name in another region cannot be attached here: say it must move."""
    from app.core.aws.work_disks import list_all_work_disks, move_first

    for disk in list_all_work_disks(ctx.aws):
        if name in (disk.name, disk.volume_id):
            raise move_first(disk, ctx.region)


def _refuse_if_type_not_in_zone(ctx: LaunchContext, disk: WorkDisk) -> None:
    """The instance must run in the disk's zone: the GPU type must be offered there."""
    from app.core.aws.catalog import zones_offering
    from app.core.aws.errors import translating
    from app.core.aws.work_disks import move_first

    try:
        with translating(QT_TRANSLATE_NOOP("core", "find the zones offering the type")):
            offered = zones_offering(ctx.aws, ctx.region, [ctx.plan.instance_type])
    except WizardError:
        return  # not allowed to ask: the launch in the disk's zone will say what AWS says
    zones = offered.get(ctx.plan.instance_type, [])
    if zones and disk.zone not in zones:
        raise move_first(disk, ", ".join(sorted(zones)))
