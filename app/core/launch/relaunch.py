"""Launch again like this one: after AWS took a spot machine back, the plan of a new launch.

The lead extends :func:`relaunch_plan` with the work disk (``InstanceInfo.work_disk``, issue 14)
so that the new machine mounts the same disk.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from app.core.plan import LaunchPlan, Market

if TYPE_CHECKING:
    from app.core.aws.instances import InstanceInfo


def relaunch_plan(
    instance: InstanceInfo, previous: LaunchPlan | None = None, *, market: Market | None = None
) -> LaunchPlan:
    """The plan of a launch like ``instance``: its journal's plan when this computer has it
    (``previous``), else what the instance says (region, type, image, market, time limit).

    ``market``: on-demand if the work must not be interrupted again; default: as before.
    The new launch gets its own key and host key check (a new machine has a new host key),
    so the old pin is dropped.
    """
    base = previous or LaunchPlan(
        region=instance.region,
        image_id=instance.image_id or "latest",
        instance_type=instance.instance_type,
        max_hours=instance.max_hours,
    )
    old_market = Market.SPOT if instance.market == "spot" else Market.ON_DEMAND
    return replace(
        base,
        region=instance.region,
        instance_type=instance.instance_type or base.instance_type,
        market=market or old_market,
        trusted_host_key=None,
        extra_tags=dict(base.extra_tags),
    )


def relaunch_command(plan: LaunchPlan) -> str:
    """The ``ec2nb launch`` line for ``plan`` (what the CLI points at)."""
    parts = ["ec2nb", "launch", "--region", plan.region, "--instance-type", plan.instance_type]
    if plan.image_id and plan.image_id != "latest":
        parts += ["--ami", plan.image_id]
    if plan.flavour:
        parts += ["--flavour", plan.flavour]
    parts += ["--volume-gib", str(plan.volume_gib)]
    if plan.market is Market.SPOT:
        parts.append("--spot")
    if plan.max_hours:
        parts += ["--max-hours", f"{plan.max_hours:g}"]
    return " ".join(parts)
