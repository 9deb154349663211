"""Work disks: encrypted gp3 volumes that outlive the instances they are attached to (issue 14).

A work disk carries ``ec2nb:managed``, ``WORK_DISK_KEY`` = its name, ``Name`` and
``LAST_USED_KEY``, and no launch id: no launch's clean-up or orphan search ever removes it; only
an explicit "delete everything" or ``ec2nb disks delete`` does. EC2 facts used here (EC2 API
Reference, CreateVolume / AttachVolume / DeleteVolume, and "Error codes for the Amazon EC2 API"):
a volume is ``creating`` then ``available``, ``in-use`` once attached (the attachment itself
``attaching`` then ``attached``); AttachVolume refuses a volume in another Availability Zone
(``InvalidVolume.ZoneMismatch``), one attached elsewhere (``VolumeInUse``) or not ``available``
yet (``IncorrectState``); DeleteVolume needs ``available`` (``VolumeInUse`` otherwise); a new
volume id may answer ``InvalidVolume.NotFound`` for a moment (eventual consistency).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from app.core.aws.consistency import NotFoundBackoff
from app.core.aws.errors import error_code, translate, translating
from app.core.aws.session import client
from app.core.aws.storage_prices import disk_monthly_cost
from app.core.aws.tags import LAST_USED_KEY, MANAGED_KEY, NAME_KEY, WORK_DISK_KEY, tag_value
from app.core.errors import WizardError
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    import boto3

log = logging.getLogger(__name__)

VOLUME_TYPE = "gp3"
#: The device name the disk is attached as; on Nitro it shows up by its volume id instead.
DEVICE = "/dev/sdf"
POLL_SECONDS = 2.0
FIRST_POLL = 0.25


@dataclass(frozen=True)
class WorkDisk:
    """One work disk as AWS describes it."""

    name: str
    volume_id: str
    region: str
    zone: str
    size_gib: int
    state: str  # creating | available | in-use | deleting | ...
    attached_to: str  # instance id, "" when free
    volume_type: str
    encrypted: bool
    last_used: str  # ISO 8601 (UTC), "" when never attached
    created: str
    monthly_usd: float  # what it costs a month while it exists
    attachment_state: str = ""  # attaching | attached | detaching | "" (none)

    @property
    def free(self) -> bool:
        return self.state == "available" and not self.attached_to


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _disk(raw: dict[str, Any], region: str) -> WorkDisk:
    tags = raw.get("Tags")
    attachments = raw.get("Attachments", [])
    attached = [
        a.get("InstanceId", "")
        for a in attachments
        if a.get("State") in ("attaching", "attached", "busy")
    ]
    size = int(raw.get("Size", 0))
    kind = raw.get("VolumeType", VOLUME_TYPE)
    created = raw.get("CreateTime")
    return WorkDisk(
        name=tag_value(tags, WORK_DISK_KEY) or raw["VolumeId"],
        volume_id=raw["VolumeId"],
        region=region,
        zone=raw.get("AvailabilityZone", ""),
        size_gib=size,
        state=raw.get("State", ""),
        attached_to=attached[0] if attached else "",
        volume_type=kind,
        encrypted=bool(raw.get("Encrypted")),
        last_used=tag_value(tags, LAST_USED_KEY) or "",
        created=created.isoformat() if isinstance(created, dt.datetime) else str(created or ""),
        monthly_usd=round(disk_monthly_cost(region, kind, size), 2),
        attachment_state=str(attachments[0].get("State", "")) if attachments else "",
    )


def _filters() -> list[dict[str, Any]]:
    return [
        {"Name": f"tag:{MANAGED_KEY}", "Values": ["true"]},
        {"Name": "tag-key", "Values": [WORK_DISK_KEY]},
    ]


def list_work_disks(session: boto3.Session, region: str) -> list[WorkDisk]:
    """The work disks in ``region``, by name."""
    ec2 = client(session, "ec2", region)
    found: list[WorkDisk] = []
    with translating(QT_TRANSLATE_NOOP("core", "list your work disks"), region=region):
        for page in ec2.get_paginator("describe_volumes").paginate(Filters=_filters()):
            found.extend(_disk(raw, region) for raw in page["Volumes"])
    return sorted(found, key=lambda d: (d.name, d.volume_id))


def list_all_work_disks(
    session: boto3.Session, regions: Sequence[str] | None = None, *, max_workers: int = 8
) -> list[WorkDisk]:
    """The work disks in ``regions`` (default: every enabled region, read in parallel)."""
    from app.core.aws.regions import enabled_region_names

    names = list(regions) if regions is not None else enabled_region_names(session)

    def one(region: str) -> list[WorkDisk] | WizardError:
        try:
            return list_work_disks(session, region)
        except WizardError as exc:
            log.warning("work disks in %s not listed: %s", region, exc)
            return exc

    with ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(names) or 1))) as pool:
        answers = list(pool.map(one, names))
    failures = [a for a in answers if isinstance(a, WizardError)]
    if names and len(failures) == len(names):
        raise failures[0]
    return [d for a in answers if not isinstance(a, WizardError) for d in a]


def kept_disks_monthly(disks: Sequence[WorkDisk]) -> float:
    """USD a month the disks that no instance uses cost (kept work disks)."""
    return round(sum(d.monthly_usd for d in disks if not d.attached_to), 2)


def no_such_disk(name: str, region: str) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP("core", "There is no work disk called '{name}' in {region}.").format(
            name=name, region=region
        ),
        code="no-such-disk",
        hint=QT_TRANSLATE_NOOP("core", "'ec2nb disks' lists your work disks in every region."),
    )


def find_work_disk(session: boto3.Session, region: str, name_or_id: str) -> WorkDisk:
    """The work disk called ``name_or_id`` (or with that volume id) in ``region``."""
    for disk in list_work_disks(session, region):
        if name_or_id in (disk.name, disk.volume_id):
            return disk
    raise no_such_disk(name_or_id, region)


def move_first(disk: WorkDisk, where: str) -> WizardError:
    """The refusal for a disk that is not where the launch runs: the hook of ``ec2nb disks
    move`` (a disk moves through a snapshot; it is never attached across zones)."""
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core", "The work disk {name} is in {zone}, not in {where}: move it first."
        ).format(name=disk.name, zone=disk.zone, where=where),
        code="disk-elsewhere",
        hint=QT_TRANSLATE_NOOP(
            "core", "'ec2nb disks move {name} --zone ZONE' copies it through a snapshot."
        ).format(name=disk.name),
    )


def describe_disk(
    session: boto3.Session, region: str, volume_id: str, *, created: bool = False
) -> WorkDisk:
    """One volume by id (``created``: just made, a NotFound is retried)."""
    ec2 = client(session, "ec2", region)
    backoff = NotFoundBackoff([volume_id] if created else [])
    while True:
        try:
            raw = ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0]
            return _disk(raw, region)
        except ClientError as exc:
            wait = backoff.delay(exc)
            if wait is None:
                if error_code(exc) == "InvalidVolume.NotFound":
                    raise no_such_disk(volume_id, region) from exc
                raise translate(
                    exc, action=QT_TRANSLATE_NOOP("core", "read the work disk"), region=region
                ) from exc
        time.sleep(wait)


def _wait_for(
    session: boto3.Session,
    region: str,
    volume_id: str,
    done: Any,
    *,
    what: Sentence,
    progress: Progress,
    cancel: CancelToken,
    timeout: float,
    poll_seconds: float,
    created: bool = False,
) -> WorkDisk:
    started = time.monotonic()
    wait = FIRST_POLL
    while True:
        disk = describe_disk(session, region, volume_id, created=created)
        if done(disk):
            return disk
        if disk.state in ("error", "deleted"):
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "The work disk {name} is in state {state}.").format(
                    name=disk.name, state=disk.state
                ),
                code="disk-failed",
            )
        elapsed = time.monotonic() - started
        if elapsed > timeout:
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "Waited {seconds} s for the work disk {name}.").format(
                    seconds=int(elapsed), name=disk.name
                ),
                code="disk-timeout",
                detail=f"{volume_id}: {disk.state}",
            )
        progress("work-disk", what.format(name=disk.name, state=disk.state))
        # Quick first looks (a volume is usually ready within seconds), then every poll_seconds.
        cancel.wait(min(wait, poll_seconds))
        wait *= 2


def create_work_disk(
    session: boto3.Session,
    region: str,
    zone: str,
    name: str,
    gib: int,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    timeout: float = 300,
    poll_seconds: float = POLL_SECONDS,
    client_token: str | None = None,
    on_created: Callable[[str], None] | None = None,
) -> WorkDisk:
    """Create an encrypted gp3 work disk in ``zone`` and wait until it is ``available``.

    ``on_created(volume_id)`` is called as soon as AWS accepted it, before the wait (a launch
    records it there, so a cancel during the wait still cleans it up); ``client_token`` makes a
    repeated call (a resumed launch) return the same disk instead of a second one."""
    ec2 = client(session, "ec2", region)
    tags = [
        {"Key": MANAGED_KEY, "Value": "true"},
        {"Key": WORK_DISK_KEY, "Value": name},
        {"Key": NAME_KEY, "Value": name},
        {"Key": LAST_USED_KEY, "Value": _now()},
    ]
    try:
        answer = ec2.create_volume(
            AvailabilityZone=zone,
            Size=gib,
            VolumeType=VOLUME_TYPE,
            Encrypted=True,  # the account's default EBS key (aws/ebs) unless it has another
            TagSpecifications=[{"ResourceType": "volume", "Tags": tags}],
            **({"ClientToken": client_token} if client_token else {}),
        )
    except ClientError as exc:
        if error_code(exc) == "VolumeLimitExceeded":
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "AWS refused a {gib} GiB work disk: the account's gp3 storage limit "
                    "in {region} is reached.",
                ).format(gib=gib, region=region),
                code="disk-limit",
                hint=QT_TRANSLATE_NOOP(
                    "core",
                    "Delete a disk you no longer need ('ec2nb disks'), choose a smaller "
                    "one, or ask AWS for more (Service Quotas, Amazon EBS).",
                ),
                detail=str(exc),
            ) from exc
        raise translate(
            exc, action=QT_TRANSLATE_NOOP("core", "create the work disk"), region=region
        ) from exc
    volume_id = answer["VolumeId"]
    log.info("work disk %s created: %s in %s", name, volume_id, zone)
    if on_created is not None:
        on_created(volume_id)
    return _wait_for(
        session, region, volume_id, lambda d: d.state == "available",
        what=QT_TRANSLATE_NOOP("core", "Work disk {name}: {state}"),
        progress=progress, cancel=cancel, timeout=timeout, poll_seconds=poll_seconds,
        created=True,
    )  # fmt: skip


def _attach_refusal(exc: ClientError, disk: WorkDisk, instance_id: str) -> WizardError | None:
    code = error_code(exc)
    if code == "VolumeInUse":
        return WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The work disk {name} is attached to another instance."
            ).format(name=disk.name),
            code="disk-in-use",
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Terminate that instance first ('ec2nb list' shows it), or choose another disk.",
            ),
            detail=str(exc),
        )
    if code == "InvalidVolume.ZoneMismatch":
        return move_first(disk, instance_id)
    if code == "AttachmentLimitExceeded":
        return WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The instance cannot take another disk (its attachment limit)."
            ),
            code="disk-limit",
            detail=str(exc),
        )
    return None


def attach_work_disk(
    session: boto3.Session,
    region: str,
    volume_id: str,
    instance_id: str,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    timeout: float = 300,
    poll_seconds: float = POLL_SECONDS,
    created: bool = False,
    known: WorkDisk | None = None,
) -> WorkDisk:
    """Attach the disk to ``instance_id``, wait until it is ``attached``, then tag the instance
    with the disk's volume id and the disk with now as its last use. Attaching it again to the
    same instance is fine (a resumed launch). ``known``: the disk as just described (no second
    look-up)."""
    ec2 = client(session, "ec2", region)
    disk = known or describe_disk(session, region, volume_id, created=created)
    if disk.attached_to != instance_id:
        backoff = NotFoundBackoff([volume_id, instance_id])
        started = time.monotonic()
        while True:
            try:
                ec2.attach_volume(VolumeId=volume_id, InstanceId=instance_id, Device=DEVICE)
                break
            except ClientError as exc:
                refusal = _attach_refusal(exc, disk, instance_id)
                if refusal is not None:
                    raise refusal from exc
                wait = backoff.delay(exc)
                # IncorrectState: still "creating" (or detaching from the last instance).
                if (
                    wait is None
                    and error_code(exc) == "IncorrectState"
                    and time.monotonic() - started < timeout
                ):
                    wait = poll_seconds
                if wait is None:
                    raise translate(
                        exc, action=QT_TRANSLATE_NOOP("core", "attach the work disk"),
                        region=region,
                    ) from exc  # fmt: skip
            cancel.wait(wait)
    disk = _wait_for(
        session, region, volume_id,
        lambda d: d.attached_to == instance_id and d.attachment_state == "attached",
        what=QT_TRANSLATE_NOOP("core", "Work disk {name}: {state}"),
        progress=progress, cancel=cancel, timeout=timeout, poll_seconds=poll_seconds,
    )  # fmt: skip
    with translating(QT_TRANSLATE_NOOP("core", "tag the work disk"), region=region):
        ec2.create_tags(Resources=[instance_id], Tags=[{"Key": WORK_DISK_KEY, "Value": volume_id}])
        ec2.create_tags(Resources=[volume_id], Tags=[{"Key": LAST_USED_KEY, "Value": _now()}])
    return disk


def wait_free(
    session: boto3.Session,
    region: str,
    volume_id: str,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    timeout: float = 300,
    poll_seconds: float = POLL_SECONDS,
) -> WorkDisk:
    """Wait until the disk is ``available`` (detached from an instance that is terminating)."""
    return _wait_for(
        session, region, volume_id, lambda d: d.free,
        what=QT_TRANSLATE_NOOP("core", "Work disk {name}: {state}, waiting for it to detach"),
        progress=progress, cancel=cancel, timeout=timeout, poll_seconds=poll_seconds,
    )  # fmt: skip


def delete_work_disk(
    session: boto3.Session,
    region: str,
    volume_id: str,
    *,
    wait: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    timeout: float = 300,
    poll_seconds: float = POLL_SECONDS,
    created: bool = False,
) -> None:
    """Delete a work disk. An attached disk is refused (``disk-attached``) unless ``wait``:
    then it is deleted once ``available`` (its instance terminating). Gone already is fine."""
    ec2 = client(session, "ec2", region)
    try:
        disk = describe_disk(session, region, volume_id, created=created)
    except WizardError as exc:
        if exc.code == "no-such-disk":
            return
        raise
    if not disk.free:
        if not wait:
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The work disk {name} is attached to {instance_id}: terminate that "
                    "instance first.",
                ).format(name=disk.name, instance_id=disk.attached_to or disk.state),
                code="disk-attached",
            )
        disk = _wait_for(
            session, region, volume_id, lambda d: d.free,
            what=QT_TRANSLATE_NOOP("core", "Work disk {name}: {state}, waiting to delete it"),
            progress=progress, cancel=cancel, timeout=timeout, poll_seconds=poll_seconds,
        )  # fmt: skip
    progress(
        "work-disk",
        QT_TRANSLATE_NOOP("core", "Deleting work disk {name} ({volume_id})").format(
            name=disk.name, volume_id=volume_id
        ),
    )
    try:
        ec2.delete_volume(VolumeId=volume_id)
    except ClientError as exc:
        if error_code(exc) == "InvalidVolume.NotFound":
            return
        raise translate(
            exc, action=QT_TRANSLATE_NOOP("core", "delete the work disk"), region=region
        ) from exc
