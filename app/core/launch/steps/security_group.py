"""The security group: SSH (and HTTPS) from the user's address only; on resume, follow a
changed address."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.errors import WizardError
from app.core.launch.keys import FROM_BEFORE
from app.core.plan import Access, GroupChoice
from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.aws.network import require_default_vpc, ssh_cidr
    from app.core.aws.provisioning import ensure_security_group

    my_ip = ctx.looked_up_ip()
    resources = ctx.resources
    if resources.security_group_id:
        if not _group_deleted_meanwhile(ctx):
            return _follow_my_ip(ctx, progress, my_ip)
        # A clean-up removed it before the instance existed: make it again, as new.
        resources.security_group_id, resources.security_group_created = None, False
        ctx.journal.save()
    cidr = ctx.plan.ssh_cidr or f"{my_ip or ctx.my_ip()}/32"
    if ctx.proxy_note:
        ctx.warn(progress, "security-group", ctx.proxy_note)
    existing = ctx.plan.existing_group_id if ctx.plan.group_choice is GroupChoice.EXISTING else None
    if existing is None:
        # A refused range (wider than /16, unconfirmed) fails before any AWS call.
        ssh_cidr(cidr, allow_wide=ctx.plan.allow_wide_cidr)
        # Looked up once for the group and the instance's subnet.
        ctx.vpc_id = require_default_vpc(ctx.aws, ctx.region)
    group_id = ensure_security_group(
        ctx.aws,
        ctx.region,
        ctx.journal.launch_id,
        cidr,
        https=ctx.plan.access is Access.HTTPS,
        existing_group_id=existing,
        vpc_id=ctx.vpc_id,
        allow_wide=ctx.plan.allow_wide_cidr,
    )
    resources.security_group_id = group_id
    resources.security_group_created = existing is None
    ctx.journal.save()
    what = QT_TRANSLATE_NOOP("core", "SSH and HTTPS") if ctx.plan.access is Access.HTTPS else "SSH"
    return QT_TRANSLATE_NOOP("core", "{group_id}: {protocols} from {cidr} only").format(
        group_id=group_id, protocols=what, cidr=cidr
    )


def _group_deleted_meanwhile(ctx: LaunchContext) -> bool:
    """On resume: whether the group this launch made is gone (before any instance used it)."""
    from app.core.aws.network import security_group_exists

    resources = ctx.resources
    if not resources.security_group_created or resources.instance_id:
        return False
    assert resources.security_group_id is not None
    return not security_group_exists(ctx.aws, ctx.region, resources.security_group_id)


def _follow_my_ip(ctx: LaunchContext, progress: Progress, my_ip: str | None) -> Sentence:
    """On resume: allow the user's current address into the group this launch made, in place
    of the address it allowed before."""
    from app.core.aws.network import follow_my_ip

    group_id = ctx.resources.security_group_id
    if ctx.plan.ssh_cidr or not ctx.resources.security_group_created:
        return FROM_BEFORE.format(resource=group_id)  # a range or a group the user chose: theirs
    try:
        address = my_ip or ctx.my_ip()
    except WizardError as exc:
        ctx.warn(
            progress,
            "security-group",
            QT_TRANSLATE_NOOP(
                "core",
                "Could not check your IP address again ({reason}); the group still "
                "allows the address of the first launch.",
            ).format(reason=exc.message),
        )
        return FROM_BEFORE.format(resource=group_id)
    if ctx.proxy_note:
        ctx.warn(progress, "security-group", ctx.proxy_note)
    cidr = f"{address}/32"
    assert group_id is not None
    revoked = follow_my_ip(
        ctx.aws, ctx.region, ctx.journal.launch_id, group_id, cidr,
        https=ctx.plan.access is Access.HTTPS,
    )  # fmt: skip
    if not revoked:
        return FROM_BEFORE.format(resource=group_id)
    return QT_TRANSLATE_NOOP("core", "{group_id}: your address is now {cidr} (was {old})").format(
        group_id=group_id, cidr=cidr, old=", ".join(revoked)
    )
