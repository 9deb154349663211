"""Deleting what a launch created once its instance is gone, and finding leftovers.

Only resources tagged with the launch's id are touched, so a security group or key pair the
user chose (and did not let the wizard create) is never deleted.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.exceptions import ClientError

from app.core.aws.alarms import delete_idle_alarms
from app.core.aws.consistency import NotFoundBackoff
from app.core.aws.errors import error_code, translating
from app.core.aws.instances import GONE_STATES, POLL_SECONDS, launch_instances
from app.core.aws.regions import enabled_region_names
from app.core.aws.session import client
from app.core.aws.tags import LAUNCH_KEY, launch_filter, managed_filter, tag_value
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CleanupReport:
    deleted: list[str] = field(default_factory=list)  # "sg-... (security group)", ...
    kept: list[str] = field(default_factory=list)  # what stays, and why


@dataclass(frozen=True)
class Orphan:
    """A resource of a launch whose instance no longer exists."""

    region: str
    launch_id: str
    kind: str  # security-group | key-pair | volume | spot-request
    resource_id: str


def _busy_interfaces(ec2: Any, group_id: str) -> list[str]:
    """Network interfaces in ``group_id`` that still belong to a live instance (or none)."""
    interfaces = ec2.describe_network_interfaces(
        Filters=[{"Name": "group-id", "Values": [group_id]}]
    )["NetworkInterfaces"]
    attached = {
        eni["NetworkInterfaceId"]: eni.get("Attachment", {}).get("InstanceId") for eni in interfaces
    }
    owners = sorted({i for i in attached.values() if i})
    live: set[str] = set()
    if owners:
        try:
            reservations = ec2.describe_instances(InstanceIds=owners)["Reservations"]
        except ClientError as exc:
            if error_code(exc) != "InvalidInstanceID.NotFound":
                raise
            reservations = []
        live = {
            raw["InstanceId"]
            for r in reservations
            for raw in r["Instances"]
            if raw["State"]["Name"] != "terminated"
        }
    # An interface of a terminated instance is on its way out; an unattached one is not ours
    # to delete, and AWS reports it as a DependencyViolation if it blocks the group.
    return [eni for eni, owner in attached.items() if owner is None or owner in live]


def _delete_group(
    ec2: Any, group_id: str, *, progress: Progress, cancel: CancelToken, timeout: float,
    poll_seconds: float, created: bool = False,
) -> bool:  # fmt: skip
    """Delete the group once no interface uses it; ``False`` if it is still in use at timeout.

    ``created``: made moments ago, so NotFound means "not visible yet", not "gone".
    """
    started = time.monotonic()
    fresh = NotFoundBackoff([group_id] if created else [])
    while True:
        busy = _busy_interfaces(ec2, group_id)
        if not busy:
            try:
                ec2.delete_security_group(GroupId=group_id)
                return True
            except ClientError as exc:
                code = error_code(exc)
                wait = fresh.delay(exc)
                if wait is not None:
                    cancel.wait(wait)
                    continue
                if code == "InvalidGroup.NotFound":
                    return True
                if code != "DependencyViolation":
                    raise
        elapsed = time.monotonic() - started
        if elapsed >= timeout:
            return False
        progress(
            "cleanup",
            QT_TRANSLATE_NOOP(
                "core", "waiting for AWS to release the network interface, {seconds} s"
            ).format(seconds=int(elapsed)),
        )
        cancel.wait(poll_seconds)


def cleanup_launch(
    session: boto3.Session,
    region: str,
    launch_id: str,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    timeout: float = 600,
    poll_seconds: float = POLL_SECONDS,
    delete_volumes: bool = False,
    created: Sequence[str] = (),
) -> CleanupReport:
    """Delete the security group, key pair, alarm and spot request ``launch_id`` created.

    Runs only once its instance is gone (terminate it first); a live instance is reported as
    kept and nothing is deleted. Volumes kept on purpose (delete-on-termination off) stay unless
    ``delete_volumes``. Safe to run again. ``created``: the group id and key pair name the
    launch knows it made (its journal): deleted even while AWS's tag search does not list them
    yet (eventual consistency right after they were made).
    """
    ec2 = client(session, "ec2", region)
    live = launch_instances(session, region, launch_id)
    if live:
        return CleanupReport(
            kept=[f"{i.instance_id} ({i.state}): terminate the instance first" for i in live]
        )
    deleted: list[str] = []
    kept: list[str] = []
    with translating(QT_TRANSLATE_NOOP("core", "clean up the launch"), region=region):
        deleted += [f"{name} (alarm)" for name in delete_idle_alarms(session, region, launch_id)]
        requests = ec2.describe_spot_instance_requests(
            Filters=[*launch_filter(launch_id), {"Name": "state", "Values": ["open", "active"]}]
        )["SpotInstanceRequests"]
        if requests:
            ids = [r["SpotInstanceRequestId"] for r in requests]
            ec2.cancel_spot_instance_requests(SpotInstanceRequestIds=ids)
            deleted += [f"{i} (spot request)" for i in ids]
        groups = [
            g["GroupId"]
            for g in ec2.describe_security_groups(Filters=launch_filter(launch_id))[
                "SecurityGroups"
            ]
        ]
        groups += [g for g in created if g.startswith("sg-") and g not in groups]
        for group_id in groups:
            progress(
                "cleanup",
                QT_TRANSLATE_NOOP("core", "Deleting security group {group_id}").format(
                    group_id=group_id
                ),
            )
            if _delete_group(
                ec2, group_id, progress=progress, cancel=cancel, timeout=timeout,
                poll_seconds=poll_seconds, created=group_id in created,
            ):  # fmt: skip
                deleted.append(f"{group_id} (security group)")
            else:
                kept.append(f"{group_id} (security group): still in use; clean up again later")
        pairs = [
            p["KeyName"]
            for p in ec2.describe_key_pairs(Filters=launch_filter(launch_id))["KeyPairs"]
        ]
        # DeleteKeyPair of a name AWS does not list (yet) succeeds and deletes it.
        pairs += [k for k in created if not k.startswith("sg-") and k not in pairs]
        for name in pairs:
            progress(
                "cleanup",
                QT_TRANSLATE_NOOP("core", "Deleting key pair {key_name}").format(key_name=name),
            )
            ec2.delete_key_pair(KeyName=name)
            deleted.append(f"{name} (key pair)")
        for volume in ec2.describe_volumes(Filters=launch_filter(launch_id))["Volumes"]:
            volume_id = volume["VolumeId"]
            if delete_volumes and volume["State"] == "available":
                ec2.delete_volume(VolumeId=volume_id)
                deleted.append(f"{volume_id} (volume)")
            else:
                kept.append(
                    f"{volume_id} (volume, {volume['Size']} GiB): kept as chosen; it is billed "
                    "until you delete it"
                )
    log.info("cleanup of %s in %s: deleted %s, kept %s", launch_id, region, deleted, kept)
    return CleanupReport(deleted, kept)


def _region_orphans(session: boto3.Session, region: str) -> list[Orphan]:
    ec2 = client(session, "ec2", region)
    with translating(QT_TRANSLATE_NOOP("core", "look for left-over resources"), region=region):
        reservations = ec2.describe_instances(Filters=managed_filter())["Reservations"]
        alive = {
            tag_value(raw.get("Tags"), LAUNCH_KEY)
            for r in reservations
            for raw in r["Instances"]
            if raw["State"]["Name"] not in GONE_STATES
        }
        found: list[tuple[str, str, list[dict[str, str]] | None]] = []
        for group in ec2.describe_security_groups(Filters=managed_filter())["SecurityGroups"]:
            found.append(("security-group", group["GroupId"], group.get("Tags")))
        for pair in ec2.describe_key_pairs(Filters=managed_filter())["KeyPairs"]:
            found.append(("key-pair", pair["KeyName"], pair.get("Tags")))
        for volume in ec2.describe_volumes(Filters=managed_filter())["Volumes"]:
            if volume["State"] == "available":
                found.append(("volume", volume["VolumeId"], volume.get("Tags")))
    orphans = []
    for kind, resource_id, tags in found:
        launch_id = tag_value(tags, LAUNCH_KEY)
        if launch_id and launch_id not in alive:
            orphans.append(Orphan(region, launch_id, kind, resource_id))
    return orphans


#: A launch younger than this may still be provisioning on another computer: its group and key
#: pair exist before its instance does, so they look left over. Only removed when named.
YOUNG_LAUNCH_SECONDS = 3600


def launch_started(launch_id: str) -> dt.datetime | None:
    """When ``launch_id`` started, read from its ``YYYYMMDD-HHMM-`` prefix (UTC); None if not."""
    try:
        return dt.datetime.strptime(launch_id[:13], "%Y%m%d-%H%M").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def orphans_to_remove(
    orphans: Sequence[Orphan],
    *,
    local_launches: Mapping[str, str],
    named: Collection[str] = (),
    now: dt.datetime | None = None,
) -> tuple[list[Orphan], dict[str, str]]:
    """Split ``orphans`` into those a clean-up may delete and ``{launch id: why it is kept}``.

    ``local_launches``: this computer's journals, launch id -> status. A launch with a journal
    that is not terminated may be resumed (``ec2nb open``), and a launch younger than an hour may
    still be provisioning elsewhere: both are kept unless ``named``. When ``named`` is given,
    only those launches are considered.
    """
    now = now or dt.datetime.now(dt.UTC)
    chosen: list[Orphan] = []
    kept: dict[str, str] = {}
    for orphan in orphans:
        launch_id = orphan.launch_id
        if named:
            if launch_id in named:
                chosen.append(orphan)
            continue
        started = launch_started(launch_id)
        if local_launches.get(launch_id, "terminated") != "terminated":
            kept[launch_id] = "can be resumed on this computer ('ec2nb open ID')"
        elif started is not None and (now - started).total_seconds() < YOUNG_LAUNCH_SECONDS:
            kept[launch_id] = "started less than an hour ago; it may still be launching"
        else:
            chosen.append(orphan)
    return chosen, kept


def find_orphans(session: boto3.Session, regions: Sequence[str] | None = None) -> list[Orphan]:
    """Resources tagged by the wizard whose launch has no live instance, in every region.

    A launch that is being provisioned right now (group made, instance not yet) shows up too;
    callers exclude their own launch in progress.
    """
    names = list(regions) if regions is not None else enabled_region_names(session)
    with ThreadPoolExecutor(max_workers=max(1, min(8, len(names) or 1))) as pool:
        per_region = list(pool.map(lambda r: _region_orphans(session, r), names))
    return [orphan for found in per_region for orphan in found]
