"""Every instance the wizard launched, in every region: list, stop, start, terminate.

Clean-up of a launch's other resources and the idle alarm live in ``cleanup.py`` and
``alarms.py``; they are re-exported here, the module the UI's "My instances" view imports.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace

import boto3

from app.core.aws.alarms import create_idle_alarm, delete_idle_alarms
from app.core.aws.capacity import request_start
from app.core.aws.cleanup import CleanupReport, Orphan, cleanup_launch, find_orphans
from app.core.aws.consistency import retry_not_found
from app.core.aws.errors import translating
from app.core.aws.instances import (
    POLL_SECONDS,
    InstanceInfo,
    describe_instance,
    instance_info,
    wait_for_state,
    wait_running,
)
from app.core.aws.prices import on_demand_prices, spot_prices
from app.core.aws.regions import enabled_region_names
from app.core.aws.session import client
from app.core.aws.storage_prices import SNAPSHOT, cost_since, storage_prices
from app.core.aws.tags import LAUNCH_KEY, managed_filter, tag_value
from app.core.errors import WizardError
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP

__all__ = [
    "CleanupReport",
    "ManagedInstance",
    "Orphan",
    "cleanup_launch",
    "create_idle_alarm",
    "delete_idle_alarms",
    "find_orphans",
    "kept_monthly_total",
    "list_managed_instances",
    "one_time_spot_cannot_stop",
    "start_instance",
    "stop_instance",
    "terminate_instance",
]

log = logging.getLogger(__name__)

_LISTED_STATES = ["pending", "running", "stopping", "stopped", "shutting-down"]
# Terminated instances stay visible for about an hour (EC2 User Guide, "Terminate Amazon EC2
# instances"): those AWS took back are listed, so the user learns it was not their doing.
_ASKED_STATES = [*_LISTED_STATES, "terminated"]
_BILLED_STATES = {"pending", "running", "stopping"}


@dataclass(frozen=True)
class ManagedInstance(InstanceInfo):
    """An instance of the fleet with what it costs: compute since the last start plus its
    disks and snapshots since they were made (EBS bills them running or stopped)."""

    hourly_price: float | None = None
    cost_so_far: float | None = None  # compute_cost + storage_cost; None: no compute price
    uptime_seconds: int = 0  # since the last start (0 when stopped)
    price_source: str = ""
    compute_cost: float | None = None  # since the last start (a stopped instance costs 0/h)
    storage_gib: int = 0  # disks attached to it
    snapshot_gib: int = 0  # snapshots of its launch (their volumes' sizes: an upper bound)
    storage_monthly: float = 0.0  # USD per month its disks and snapshots cost while kept
    storage_cost: float = 0.0  # what they have cost since they were made
    created_time: str = ""  # ISO: when its oldest disk was made (the first launch)
    storage_known: bool = True  # False: disks or snapshots could not be read (too low)


@dataclass(frozen=True)
class _Storage:
    disk_gib: int = 0
    snapshot_gib: int = 0
    monthly: float = 0.0
    cost: float = 0.0
    created: dt.datetime | None = None
    known: bool = True  # False: AWS refused to show some of them (the figures are too low)


def _region_storage(
    session: boto3.Session, region: str, instances: list[InstanceInfo], now: dt.datetime
) -> dict[str, _Storage]:
    """Per instance id: its disks (``DescribeVolumes`` by attachment) and its launch's
    snapshots (``DescribeSnapshots`` of this account by tag), priced from the EBS table."""
    ec2 = client(session, "ec2", region)
    prices = storage_prices(region)
    ids = [i.instance_id for i in instances]
    by_launch = {i.launch_id: i.instance_id for i in instances if i.launch_id}
    found: dict[str, _Storage] = {}

    def add(instance_id: str, kind: str, gib: int, created: dt.datetime | None) -> None:
        old = found.get(instance_id, _Storage())
        monthly = prices.monthly(kind, gib)
        disk = kind != SNAPSHOT
        found[instance_id] = _Storage(
            disk_gib=old.disk_gib + (gib if disk else 0),
            snapshot_gib=old.snapshot_gib + (0 if disk else gib),
            monthly=old.monthly + monthly,
            cost=old.cost + cost_since(monthly, created, now),
            created=min(filter(None, (old.created, created)), default=None)
            if disk
            else old.created,
            known=old.known,
        )

    def volumes() -> None:
        for start in range(0, len(ids), 199):  # a filter takes at most 200 values
            pages = ec2.get_paginator("describe_volumes").paginate(
                Filters=[{"Name": "attachment.instance-id", "Values": ids[start : start + 199]}]
            )
            for page in pages:
                for volume in page["Volumes"]:
                    owners = [a.get("InstanceId") for a in volume.get("Attachments", [])]
                    owner = next((o for o in owners if o in ids), None)
                    if owner:
                        add(owner, volume.get("VolumeType", "gp3"), int(volume.get("Size", 0)),
                            volume.get("CreateTime"))  # fmt: skip

    def snapshots() -> None:
        pages = ec2.get_paginator("describe_snapshots").paginate(
            OwnerIds=["self"], Filters=managed_filter()
        )
        for page in pages:
            for snapshot in page["Snapshots"]:
                owner = by_launch.get(tag_value(snapshot.get("Tags"), LAUNCH_KEY) or "")
                if owner:
                    add(owner, SNAPSHOT, int(snapshot.get("VolumeSize", 0)),
                        snapshot.get("StartTime"))  # fmt: skip

    # Best effort: a policy without DescribeVolumes or DescribeSnapshots still lists machines.
    for read in (volumes, snapshots):
        try:
            with translating(
                QT_TRANSLATE_NOOP("core", "list your instances' disks"), region=region
            ):
                read()
        except WizardError as exc:
            log.warning("storage in %s not priced (%s): %s", region, read.__name__, exc)
            for instance_id in ids:
                found[instance_id] = replace(found.get(instance_id, _Storage()), known=False)
    return found


def _region_instances(session: boto3.Session, region: str) -> list[InstanceInfo]:
    ec2 = client(session, "ec2", region)
    found: list[InstanceInfo] = []
    with translating(QT_TRANSLATE_NOOP("core", "list your instances"), region=region):
        pages = ec2.get_paginator("describe_instances").paginate(
            Filters=[*managed_filter(), {"Name": "instance-state-name", "Values": _ASKED_STATES}]
        )
        for page in pages:
            for reservation in page["Reservations"]:
                found.extend(instance_info(raw, region) for raw in reservation["Instances"])
    return [i for i in found if i.state in _LISTED_STATES or i.taken_back_by_aws]


def _priced(
    session: boto3.Session, region: str, instances: list[InstanceInfo], now: dt.datetime
) -> list[ManagedInstance]:
    if not instances:
        return []
    on_demand = on_demand_prices(session, region)
    storage = _region_storage(session, region, instances, now)
    spot_types = sorted({i.instance_type for i in instances if i.market == "spot"})
    spot: dict[str, dict[str, float]] = {}
    if spot_types:
        try:
            spot = spot_prices(session, region, spot_types)
        except WizardError as exc:
            log.info("no spot prices for the fleet in %s: %s", region, exc)
    priced = []
    for info in instances:
        price = on_demand.prices.get(info.instance_type)
        if info.market == "spot":
            price = spot.get(info.instance_type, {}).get(info.zone, price)
        uptime = 0
        if info.state in _BILLED_STATES and info.launch_time:
            started = dt.datetime.fromisoformat(info.launch_time)
            uptime = max(0, int((now - started).total_seconds()))
        compute = round(price * uptime / 3600, 4) if price is not None else None
        kept = storage.get(info.instance_id, _Storage())
        total = compute + kept.cost if compute is not None else None
        priced.append(
            ManagedInstance(
                **asdict(info),
                hourly_price=price,
                cost_so_far=round(total, 4) if total is not None else None,
                uptime_seconds=uptime,
                price_source=on_demand.source,
                compute_cost=compute,
                storage_gib=kept.disk_gib,
                snapshot_gib=kept.snapshot_gib,
                storage_monthly=round(kept.monthly, 4),
                storage_cost=round(kept.cost, 4),
                created_time=kept.created.isoformat() if kept.created else "",
                storage_known=kept.known,
            )
        )
    return priced


def kept_monthly_total(instances: Sequence[ManagedInstance]) -> float:
    """USD per month of every disk and snapshot the listed machines keep in the account
    (billed until they are terminated or deleted, whether the machines run or not)."""
    return round(sum(i.storage_monthly for i in instances), 2)


def list_managed_instances(
    session: boto3.Session,
    *,
    regions: Sequence[str] | None = None,
    now: dt.datetime | None = None,
    max_workers: int = 8,
) -> list[ManagedInstance]:
    """Every non-terminated instance tagged ``ec2nb:managed`` in ``regions`` (default: every
    enabled region, read in parallel), newest first. Regions that refuse are skipped and
    logged; if all refuse, the first error is raised."""
    names = list(regions) if regions is not None else enabled_region_names(session)
    moment = now or dt.datetime.now(dt.UTC)

    def one_region(region: str) -> list[ManagedInstance] | WizardError:
        try:
            return _priced(session, region, _region_instances(session, region), moment)
        except WizardError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(names) or 1))) as pool:
        answers = list(pool.map(one_region, names))
    failures = [a for a in answers if isinstance(a, WizardError)]
    for region, answer in zip(names, answers, strict=True):
        if isinstance(answer, WizardError):
            log.warning("instances in %s not listed: %s (%s)", region, answer, answer.detail)
    if names and len(failures) == len(names):
        raise failures[0]
    listed = [i for a in answers if not isinstance(a, WizardError) for i in a]
    return sorted(listed, key=lambda i: i.launch_time, reverse=True)


def stop_instance(
    session: boto3.Session,
    region: str,
    instance_id: str,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    wait: bool = True,
    timeout: float = 600,
    poll_seconds: float = POLL_SECONDS,
) -> InstanceInfo:
    """Stop the instance (its disk stays and is billed; the compute is not)."""
    ec2 = client(session, "ec2", region)
    progress(
        "stop", QT_TRANSLATE_NOOP("core", "Stopping {instance_id}").format(instance_id=instance_id)
    )
    try:
        with translating(QT_TRANSLATE_NOOP("core", "stop the instance"), region=region):
            ec2.stop_instances(InstanceIds=[instance_id])
    except WizardError as exc:
        if "UnsupportedOperation" in (exc.detail or "") and "one-time" in (exc.detail or ""):
            raise one_time_spot_cannot_stop(instance_id, detail=exc.detail) from exc
        raise
    if not wait:
        return describe_instance(session, region, instance_id)
    return wait_for_state(
        session, region, instance_id, ["stopped"],
        progress=progress, cancel=cancel, timeout=timeout, poll_seconds=poll_seconds,
    )  # fmt: skip


def one_time_spot_cannot_stop(instance_id: str, *, detail: str = "") -> WizardError:
    """The error for stopping a one-time spot instance: AWS can only terminate it."""
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core",
            "{instance_id} is a one-time spot instance: AWS cannot stop it, only terminate it.",
        ).format(instance_id=instance_id),
        hint=QT_TRANSLATE_NOOP(
            "core",
            "Terminate it when you are done (your files on its disk are deleted "
            "with it); to keep a machine you can stop, launch a persistent spot or "
            "an on-demand instance.",
        ),
        code="spot-cannot-stop",
        detail=detail,
        params={"instance_id": instance_id},
    )


def start_instance(
    session: boto3.Session,
    region: str,
    instance_id: str,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    timeout: float = 600,
    poll_seconds: float = POLL_SECONDS,
) -> InstanceInfo:
    """Start a stopped instance and wait for it to run; it gets a new public IP. A lack of
    capacity in its zone is ``no-capacity`` (:func:`app.core.aws.capacity.lacks_capacity`)."""
    progress(
        "start", QT_TRANSLATE_NOOP("core", "Starting {instance_id}").format(instance_id=instance_id)
    )
    request_start(session, region, instance_id, cancel=cancel)
    return wait_running(
        session, region, instance_id,
        progress=progress, cancel=cancel, timeout=timeout, poll_seconds=poll_seconds,
    )  # fmt: skip


def terminate_instance(
    session: boto3.Session,
    region: str,
    instance_id: str,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    wait: bool = True,
    timeout: float = 600,
    poll_seconds: float = POLL_SECONDS,
    created: bool = False,
) -> InstanceInfo:
    """Terminate the instance; a persistent spot request is cancelled first so that AWS does
    not start a replacement. ``created``: the caller has just started it (a launch cancelled
    at once), so a NotFound about it means "not visible yet" and is retried."""
    ec2 = client(session, "ec2", region)
    progress(
        "terminate",
        QT_TRANSLATE_NOOP("core", "Terminating {instance_id}").format(instance_id=instance_id),
    )
    with translating(QT_TRANSLATE_NOOP("core", "terminate the instance"), region=region):
        reservations = retry_not_found(
            lambda: ec2.describe_instances(InstanceIds=[instance_id])["Reservations"],
            [instance_id] if created else [],
            cancel=cancel,
        )
        raws = [raw for r in reservations for raw in r["Instances"]]
        request_id = raws[0].get("SpotInstanceRequestId") if raws else None
        if request_id:
            ec2.cancel_spot_instance_requests(SpotInstanceRequestIds=[request_id])
        ec2.terminate_instances(InstanceIds=[instance_id])
    if not wait:
        return describe_instance(session, region, instance_id)
    return wait_for_state(
        session, region, instance_id, ["terminated"],
        progress=progress, cancel=cancel, timeout=timeout, poll_seconds=poll_seconds,
    )  # fmt: skip
