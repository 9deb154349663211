"""Launch the instance (zone failover in the AWS layer), or find the one an earlier run
requested."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from app.core.errors import WizardError
from app.core.launch.cleanup import find_launch_instance
from app.core.launch.keys import FROM_BEFORE
from app.core.launch.remote import bootstrap_options
from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext

log = logging.getLogger(__name__)


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.aws.provisioning import InstanceSpec, run_instance
    from app.core.aws.tags import MAX_HOURS_KEY

    resources = ctx.resources
    if not resources.instance_id and resources.instance_requested:
        resources.instance_id = find_launch_instance(ctx.aws, ctx.region, ctx.journal.launch_id)
    if resources.instance_id:
        return FROM_BEFORE.format(resource=resources.instance_id)
    image = ctx.machine_image
    spec = InstanceSpec(
        launch_id=ctx.journal.launch_id,
        image_id=image.image_id,
        instance_type=ctx.plan.instance_type,
        key_name=resources.key_name or "",
        security_group_id=resources.security_group_id or "",
        volume_gib=ctx.plan.volume_gib,
        volume_type=ctx.plan.volume_type,
        delete_on_termination=ctx.plan.delete_volume_on_termination,
        market=ctx.plan.market.value,
        user_data=_user_data(ctx),
        root_device_name=image.root_device_name,
        # A reused work disk attaches only in its own zone.
        zones=[ctx.work_disk_zone] if ctx.work_disk_zone else [],
        min_volume_gib=image.root_volume_gib,
        vpc_id=ctx.vpc_id or "",
        created_ids=_created_ids(ctx),
        # The instance says its own limit, so `ec2nb list` anywhere can show when it stops.
        extra_tags={MAX_HOURS_KEY: f"{ctx.plan.max_hours:g}"} if ctx.plan.max_hours else {},
    )
    # Written before the call: a crash after AWS accepted it must not launch a second one.
    resources.instance_requested = True
    ctx.journal.save()
    info = ctx.instance_info = run_instance(
        ctx.aws, ctx.region, spec, progress=progress, cancel=ctx.cancel
    )
    resources.instance_id = info.instance_id
    ctx.started_instance = True
    ctx.journal.zone = info.zone
    ctx.journal.save()
    return QT_TRANSLATE_NOOP("core", "{instance_id} in {zone}").format(
        instance_id=info.instance_id, zone=info.zone
    )


def _created_ids(ctx: LaunchContext) -> tuple[str, ...]:
    """The key pair and group this launch made (never the ones the user chose)."""
    resources = ctx.resources
    created = []
    if resources.key_pair_created and resources.key_name:
        created.append(resources.key_name)
    if resources.security_group_created and resources.security_group_id:
        created.append(resources.security_group_id)
    return tuple(created)


def _user_data(ctx: LaunchContext) -> bytes:
    """The bootstrap as user data, so the instance prepares while booting; without it the SSH
    run does all the work, just later."""
    from app.core.remote.bootstrap import user_data_script

    try:
        return user_data_script(bootstrap_options(ctx))
    except WizardError as exc:
        log.warning("launching without user data: %s", exc)
        return b""
