"""Attach the work disk once the instance runs: make a new one in the instance's zone first
(encrypted gp3), then attach it and wait until it is attached. The bootstrap mounts it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.launch.events import _skip
from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence
from app.core.work_disk_choice import NEW, NONE, parse_work_disk

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def new_disk_name(launch_id: str) -> str:
    """The name a new work disk gets (the user can reuse it by this name)."""
    return f"work-{launch_id}"


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.aws.work_disks import attach_work_disk, create_work_disk

    choice = parse_work_disk(ctx.plan.work_disk)
    if choice.kind == NONE:
        raise _skip(QT_TRANSLATE_NOOP("core", "No work disk asked for."))
    resources = ctx.resources
    made = None
    if choice.kind == NEW and not resources.work_disk_id:
        info = ctx.instance_info
        zone = (info.zone if info else "") or ctx.journal.zone or ""

        def created(volume_id: str) -> None:
            # Saved before the wait: a cancel from here on still removes the new disk.
            resources.work_disk_id = volume_id
            resources.work_disk_created = True
            ctx.journal.save()

        made = create_work_disk(
            ctx.aws, ctx.region, zone, new_disk_name(ctx.journal.launch_id), choice.gib,
            progress=progress, cancel=ctx.cancel, on_created=created,
            client_token=f"ec2nb-{ctx.journal.launch_id}-work-disk",
        )  # fmt: skip
    volume_id = resources.work_disk_id or ""
    disk = ctx.work_disk = attach_work_disk(
        ctx.aws, ctx.region, volume_id, ctx.instance_id,
        progress=progress, cancel=ctx.cancel, created=made is not None, known=made,
    )  # fmt: skip
    return QT_TRANSLATE_NOOP("core", "{name} ({gib} GiB) attached; mounted at ~/work").format(
        name=disk.name, gib=disk.size_gib
    )
