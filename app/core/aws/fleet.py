"""Every instance the wizard launched, in every region: list, stop, start, terminate.

Clean-up of a launch's other resources and the idle alarm live in ``cleanup.py`` and
``alarms.py``; they are re-exported here, the module the UI's "My instances" view imports.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

import boto3

from app.core.aws.alarms import create_idle_alarm, delete_idle_alarms
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
from app.core.aws.tags import managed_filter
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
    "list_managed_instances",
    "one_time_spot_cannot_stop",
    "start_instance",
    "stop_instance",
    "terminate_instance",
]

log = logging.getLogger(__name__)

_LISTED_STATES = ["pending", "running", "stopping", "stopped", "shutting-down"]
_BILLED_STATES = {"pending", "running", "stopping"}


@dataclass(frozen=True)
class ManagedInstance(InstanceInfo):
    """An instance of the fleet with what it costs. Storage is not included."""

    hourly_price: float | None = None
    cost_so_far: float | None = None  # since the last start (a stopped instance costs 0/h)
    uptime_seconds: int = 0
    price_source: str = ""


def _region_instances(session: boto3.Session, region: str) -> list[InstanceInfo]:
    ec2 = client(session, "ec2", region)
    found: list[InstanceInfo] = []
    with translating(QT_TRANSLATE_NOOP("core", "list your instances"), region=region):
        pages = ec2.get_paginator("describe_instances").paginate(
            Filters=[*managed_filter(), {"Name": "instance-state-name", "Values": _LISTED_STATES}]
        )
        for page in pages:
            for reservation in page["Reservations"]:
                found.extend(instance_info(raw, region) for raw in reservation["Instances"])
    return found


def _priced(
    session: boto3.Session, region: str, instances: list[InstanceInfo], now: dt.datetime
) -> list[ManagedInstance]:
    if not instances:
        return []
    on_demand = on_demand_prices(session, region)
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
        cost = round(price * uptime / 3600, 4) if price is not None else None
        priced.append(
            ManagedInstance(
                **asdict(info),
                hourly_price=price,
                cost_so_far=cost,
                uptime_seconds=uptime,
                price_source=on_demand.source,
            )
        )
    return priced


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
    """Start a stopped instance and wait for it to run; it gets a new public IP."""
    ec2 = client(session, "ec2", region)
    progress(
        "start", QT_TRANSLATE_NOOP("core", "Starting {instance_id}").format(instance_id=instance_id)
    )
    with translating(QT_TRANSLATE_NOOP("core", "start the instance"), region=region):
        ec2.start_instances(InstanceIds=[instance_id])
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
