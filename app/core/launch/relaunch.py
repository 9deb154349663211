"""Launch again like this one: after AWS took a spot machine back, the plan of a new launch
that mounts the same work disk (the instance's ``WORK_DISK_KEY`` tag names its volume, the
volume's ``WORK_DISK_KEY`` tag its name)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from app.core.plan import LaunchPlan, Market
from app.core.work_disk_choice import DEFAULT as NEW_DISK_DEFAULT

if TYPE_CHECKING:
    import boto3

    from app.core.aws.instances import InstanceInfo


def relaunch_plan(
    instance: InstanceInfo,
    previous: LaunchPlan | None = None,
    *,
    market: Market | None = None,
    disk_name: str | None = None,
) -> LaunchPlan:
    """The plan of a launch like ``instance``: its journal's plan when this computer has it
    (``previous``), else what the instance says (region, type, image, market, time limit).

    ``market``: on-demand if the work must not be interrupted again; default: as before.
    The work disk the instance had is reused (by ``disk_name``, see :func:`work_disk_name`;
    else by its volume id, which the work-disk step accepts too), never a new empty one.
    The new launch gets its own key and host key check (a new machine has a new host key),
    so the old pin is dropped.
    """
    base = previous or LaunchPlan(
        region=instance.region,
        image_id=instance.image_id or "latest",
        instance_type=instance.instance_type,
        max_hours=instance.max_hours,
        work_disk="none",
    )
    old_market = Market.SPOT if instance.market == "spot" else Market.ON_DEMAND
    disk = disk_name or instance.work_disk  # the volume the instance was tagged with
    return replace(
        base,
        region=instance.region,
        instance_type=instance.instance_type or base.instance_type,
        market=market or old_market,
        work_disk=disk or base.work_disk,
        trusted_host_key=None,
        extra_tags=dict(base.extra_tags),
    )


def work_disk_name(session: boto3.Session, instance: InstanceInfo) -> str | None:
    """The name of the instance's work disk (its volume's tag), None when it had none or the
    disk is gone (deleted since: the launch then says so by name)."""
    from app.core.aws.work_disks import describe_disk
    from app.core.errors import WizardError

    if not instance.work_disk:
        return None
    try:
        return describe_disk(session, instance.region, instance.work_disk).name
    except WizardError:
        return None


def relaunch_command(plan: LaunchPlan, instance_id: str | None = None) -> str:
    """The command line for ``plan``: ``ec2nb relaunch ID`` when it relaunches ``instance_id``
    as planned (same work disk), else the ``ec2nb launch`` line."""
    if instance_id:
        market = "--spot" if plan.market is Market.SPOT else "--on-demand"
        return f"ec2nb relaunch {instance_id} {market}"
    parts = ["ec2nb", "launch", "--region", plan.region, "--instance-type", plan.instance_type]
    if plan.image_id and plan.image_id != "latest":
        parts += ["--ami", plan.image_id]
    if plan.flavour:
        parts += ["--flavour", plan.flavour]
    parts += ["--volume-gib", str(plan.volume_gib)]
    if plan.work_disk != NEW_DISK_DEFAULT:
        parts += ["--work-disk", plan.work_disk]
    if plan.market is Market.SPOT:
        parts.append("--spot")
    if plan.max_hours:
        parts += ["--max-hours", f"{plan.max_hours:g}"]
    return " ".join(parts)


@dataclass(frozen=True)
class RelaunchOffer:
    """What "Launch again…" shows: the plan (its market still to choose), the disk, and the
    price per hour of each market (spot in the disk's zone, where the machine must run)."""

    plan: LaunchPlan
    disk_name: str | None
    disk_zone: str
    on_demand_price: float | None
    spot_price: float | None

    def plan_for(self, market: Market) -> LaunchPlan:
        return replace(self.plan, market=market)


def relaunch_offer(
    session: boto3.Session, instance: InstanceInfo, previous: LaunchPlan | None = None
) -> RelaunchOffer:
    """The plan of a launch like ``instance`` with its work disk, and both prices (None when
    unknown: a price is shown if known, it never blocks the relaunch)."""
    from app.core.aws.prices import on_demand_prices, spot_prices
    from app.core.errors import WizardError

    name = work_disk_name(session, instance)
    plan = relaunch_plan(instance, previous, disk_name=name)
    zone = instance.zone
    on_demand: float | None = None
    spot: float | None = None
    with contextlib.suppress(WizardError):
        on_demand = on_demand_prices(session, instance.region).prices.get(instance.instance_type)
    with contextlib.suppress(WizardError):
        zones = spot_prices(session, instance.region, [instance.instance_type])
        per_zone = zones.get(instance.instance_type, {})
        spot = per_zone.get(zone) if zone in per_zone else min(per_zone.values(), default=None)
    return RelaunchOffer(plan, name, zone, on_demand, spot)
