"""Wait until the instance runs (start it again when a resumed launch finds it stopped), and
set the idle alarm."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.errors import WizardError
from app.core.plan import Market
from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.aws.provisioning import describe_instance, wait_running

    instance_id = ctx.instance_id
    # Resuming a launch that ran before: it may have been stopped since.
    resumed = "running" in ctx.journal.steps_done
    fresh = ctx.started_instance
    if resumed:
        found = describe_instance(
            ctx.aws, ctx.region, instance_id, created=fresh, cancel=ctx.cancel
        )
        if found.taken_back_by_aws:
            # AWS interrupted it: not ours to start (AWS restarts a persistent one itself).
            from app.core.aws.instances import taken_back_error

            raise taken_back_error(found)
        if found.state == "stopped":
            from app.core.aws.fleet import start_instance

            progress(
                "running",
                QT_TRANSLATE_NOOP("core", "Starting {instance_id} again (it was stopped)").format(
                    instance_id=instance_id
                ),
            )
            start_instance(ctx.aws, ctx.region, instance_id)
    info = ctx.instance_info = wait_running(
        ctx.aws,
        ctx.region,
        instance_id,
        progress=progress,
        cancel=ctx.cancel,
        created=fresh,
    )
    ctx.journal.public_ip = info.public_ip
    ctx.journal.zone = info.zone or ctx.journal.zone
    ctx.journal.save()
    if ctx.plan.idle_stop_minutes and not ctx.resources.idle_alarm:
        _idle_alarm(ctx, progress)
    return QT_TRANSLATE_NOOP("core", "Running at {address}").format(address=info.public_ip)


def _idle_alarm(ctx: LaunchContext, progress: Progress) -> None:
    from app.core.aws.catalog import default_vcpus
    from app.core.aws.fleet import create_idle_alarm

    if ctx.plan.market is Market.SPOT:
        # A one-time spot instance cannot be stopped: a stop action would do nothing.
        ctx.warn(
            progress,
            "running",
            QT_TRANSLATE_NOOP(
                "core",
                "No idle alarm: AWS cannot stop a one-time spot instance, only terminate it. "
                "Terminate it when you are done.",
            ),
        )
        return
    minutes = ctx.plan.idle_stop_minutes or 0
    try:
        vcpus = ctx.type_vcpus or default_vcpus(ctx.aws, ctx.region, [ctx.plan.instance_type]).get(
            ctx.plan.instance_type, 0
        )
        create_idle_alarm(
            ctx.aws, ctx.region, ctx.instance_id, ctx.journal.launch_id, minutes, vcpus=vcpus
        )
    except WizardError as exc:
        # The on-instance idle agent is the real guard; the alarm is only its safety net, but
        # the user must know it is missing.
        ctx.warn(
            progress,
            "running",
            QT_TRANSLATE_NOOP(
                "core",
                "The idle alarm could not be created ({reason}); only the idle agent on "
                "the instance will stop it.",
            ).format(reason=exc.message),
        )
        return
    ctx.resources.idle_alarm = True
    ctx.journal.save()
