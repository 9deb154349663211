"""Moving a stopped machine whose zone has no capacity left: image, copy, and its work disk.

When ``start`` fails for capacity (``InsufficientInstanceCapacity``) the machine's disks are
what matter. This makes an image of the stopped instance's root volume (CreateImage with the
work disk's device mapped to ``NoDevice``: the work disk travels on its own), waits until it
is ``available``, copies it to the target region if the region changes (CopyImage, sent to the
target region with ``SourceRegion``), and moves the work disk there with
:func:`app.core.aws.disk_move.move_volume`. The result names the image a new launch uses
(:func:`relocated_plan`); the old instance is left stopped, for the user to terminate once the
new one works (nothing is deleted by surprise).

Interrupted, it resumes: the image and its copy carry ``ec2nb:relocation-of`` = the instance
id, and their ids are written on the instance as soon as AWS returns them.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import boto3
from botocore.exceptions import ClientError

from app.core.aws.catalog import zones_offering
from app.core.aws.consistency import retry_not_found
from app.core.aws.disk_move import MoveResult, move_volume
from app.core.aws.errors import error_code, translate, translating
from app.core.aws.move_cost import MoveCost, estimate_move
from app.core.aws.session import client
from app.core.aws.storage_prices import SNAPSHOT, storage_prices
from app.core.aws.tags import LAUNCH_KEY, MANAGED_KEY, NAME_KEY, WORK_DISK_KEY
from app.core.errors import WizardError
from app.core.plan import GroupChoice, KeyChoice, LaunchPlan
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP

# On the image (and its copy) a relocation makes: the instance id.
RELOCATION_OF_KEY = "ec2nb:relocation-of"
# On the instance while it is relocated: the image id, and "region/id" of its copy.
IMAGE_KEY = "ec2nb:relocation-image"
IMAGE_COPY_KEY = "ec2nb:relocation-copy"
STEP = "relocate"
FIRST_POLL = 0.25


@dataclasses.dataclass(frozen=True)
class Relocation:
    """Where the machine can be launched again, and with what."""

    instance_id: str  # the old machine, still stopped where it was
    source_region: str
    source_zone: str
    region: str
    zone: str
    image_id: str  # in ``region``: what the new launch boots
    instance_type: str
    root_gib: int
    work_disk: MoveResult | None
    resumed: bool = False


@dataclasses.dataclass(frozen=True)
class _Instance:
    instance_id: str
    region: str
    zone: str
    state: str
    instance_type: str
    root_device: str
    root_gib: int
    work_disk: str | None
    work_disk_device: str | None
    work_disk_gib: int
    tags: dict[str, str]


def relocate_instance(
    session: boto3.Session,
    region: str,
    instance_id: str,
    *,
    zone: str | None = None,
    target_region: str | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    poll_seconds: float = 15.0,
    timeout: float = 6 * 3600,
) -> Relocation:
    """Prepare the stopped ``instance_id`` of ``region`` to run in ``zone`` (of
    ``target_region``, default the same region; no zone: the first other zone offering its
    type). Returns the image to launch from and the moved work disk; the caller launches
    (:func:`relocated_plan`) and, once that works, terminates the old instance.

    Errors: ``not-stopped`` (stop it first: an image of a running machine would reboot it),
    ``bad-zone``, ``no-other-zone``, ``image-failed``, ``move-timeout``, the disk move's codes.
    """
    target = target_region or region
    instance = _describe(session, region, instance_id)
    if instance.state != "stopped":
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The machine {instance_id} is {state}; only a stopped machine is moved."
            ).format(instance_id=instance_id, state=instance.state),
            hint=QT_TRANSLATE_NOOP("core", "Stop it first: ec2nb stop {instance_id}").format(
                instance_id=instance_id
            ),
            code="not-stopped",
        )
    zone = _zone(session, target, instance, zone)
    deadline = time.monotonic() + timeout
    waiter = _ImageWaiter(progress, cancel, poll_seconds, deadline)
    image_id, resumed = _image(session, instance, progress, cancel)
    waiter.wait(client(session, "ec2", region), image_id)
    if target != region:
        copied, copy_resumed = _copy(session, instance, image_id, target, progress, cancel)
        waiter.wait(client(session, "ec2", target), copied)
        image_id, resumed = copied, resumed or copy_resumed
    moved = None
    if instance.work_disk:
        _detach(session, instance, cancel)
        moved = move_volume(
            session, region, instance.work_disk, zone=zone, target_region=target,
            progress=progress, cancel=cancel, poll_seconds=poll_seconds, timeout=timeout,
        )  # fmt: skip
        # The old machine no longer has that work disk: a later "terminate, keep my disk"
        # must not look for it.
        with translating(QT_TRANSLATE_NOOP("core", "tag the instance")):
            client(session, "ec2", region).delete_tags(
                Resources=[instance_id], Tags=[{"Key": WORK_DISK_KEY}]
            )
    return Relocation(
        instance_id, region, instance.zone, target, zone, image_id, instance.instance_type,
        instance.root_gib, moved, resumed,
    )  # fmt: skip


@dataclasses.dataclass(frozen=True)
class RelocationCost:
    """What relocating costs: the move of the system and work disks through snapshots, and
    the image's snapshot, which stays (and is billed) until the user deregisters the image."""

    move: MoveCost
    root_gib: int
    image_monthly: float  # USD a month for the image's snapshot in the target region


def relocation_cost(
    session: boto3.Session, region: str, instance_id: str, *, target_region: str | None = None
) -> RelocationCost:
    """What relocating ``instance_id`` costs, said before it starts."""
    instance = _describe(session, region, instance_id)
    target = target_region or region
    move = estimate_move(region, instance.root_gib + instance.work_disk_gib, target_region=target)
    image = storage_prices(target).monthly(SNAPSHOT, instance.root_gib)
    return RelocationCost(move, instance.root_gib, round(image, 4))


def relocated_plan(plan: LaunchPlan, relocation: Relocation) -> LaunchPlan:
    """``plan`` launching from the relocation's image in its region (type kept; in another
    region with a new security group and key instead of the old region's).

    The zone is not part of a plan yet: the launch tries every zone offering the type; the
    work disk's zone (``relocation.zone``) is where the launch must put the machine once the
    work disk is attached at launch (issue 14 section 1, being built apart).
    """
    moved = dataclasses.replace(
        plan,
        region=relocation.region,
        image_id=relocation.image_id,
        flavour="",
        instance_type=relocation.instance_type,
    )
    if relocation.region == plan.region:
        return moved
    # Security groups and key pairs belong to a region: the old machine's do not exist in the
    # new one. A new group (SSH from the user's IP, as at any launch) and a new key made here.
    regional: dict[str, Any] = {}
    if plan.group_choice == GroupChoice.EXISTING:
        regional.update(group_choice=GroupChoice.NEW, existing_group_id=None)
    if plan.key_choice == KeyChoice.EXISTING:
        regional.update(key_choice=KeyChoice.NEW_LOCAL, existing_key_name=None, key_path=None)
    return dataclasses.replace(moved, **regional)


# -- the steps -----------------------------------------------------------------------------------


def _describe(session: boto3.Session, region: str, instance_id: str) -> _Instance:
    ec2 = client(session, "ec2", region)
    with translating(QT_TRANSLATE_NOOP("core", "look up the instance"), region=region):
        reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    found = [i for r in reservations for i in r.get("Instances", [])]
    if not found:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "No instance {instance_id} in {region}.").format(
                instance_id=instance_id, region=region
            ),
            code="not-found",
        )
    item = found[0]
    tags = {t["Key"]: t["Value"] for t in item.get("Tags") or []}
    root_device = str(item.get("RootDeviceName", ""))
    work_disk = tags.get(WORK_DISK_KEY) or None
    devices = {
        str(m.get("Ebs", {}).get("VolumeId", "")): str(m.get("DeviceName", ""))
        for m in item.get("BlockDeviceMappings") or []
    }
    root_volume = next((v for v, d in devices.items() if d == root_device), "")
    sizes = _sizes(ec2, [v for v in (root_volume, work_disk) if v])
    return _Instance(
        instance_id=instance_id,
        region=region,
        zone=str(item.get("Placement", {}).get("AvailabilityZone", "")),
        state=str(item.get("State", {}).get("Name", "")),
        instance_type=str(item.get("InstanceType", "")),
        root_device=root_device,
        root_gib=sizes.get(root_volume, 0),
        work_disk=work_disk,
        work_disk_device=devices.get(work_disk or ""),
        work_disk_gib=sizes.get(work_disk or "", 0),
        tags=tags,
    )


def _sizes(ec2: Any, volume_ids: list[str]) -> dict[str, int]:
    if not volume_ids:
        return {}
    with translating(QT_TRANSLATE_NOOP("core", "look up the disk")):
        volumes = ec2.describe_volumes(VolumeIds=volume_ids)["Volumes"]
    return {str(v["VolumeId"]): int(v.get("Size", 0)) for v in volumes}


def _zone(session: boto3.Session, region: str, instance: _Instance, zone: str | None) -> str:
    """``zone`` if it offers the type, else the first zone of ``region`` that does, other
    than the one without capacity."""
    offered = zones_offering(session, region, [instance.instance_type]).get(
        instance.instance_type, []
    )
    if zone is not None:
        if offered and zone not in offered:
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "{zone} does not offer {instance_type}.").format(
                    zone=zone, instance_type=instance.instance_type
                ),
                hint=QT_TRANSLATE_NOOP("core", "Zones that do: {zones}.").format(
                    zones=", ".join(sorted(offered))
                ),
                code="bad-zone",
            )
        return zone
    others = sorted(z for z in offered if not (region == instance.region and z == instance.zone))
    if not others:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "No other zone of {region} offers {instance_type}.").format(
                region=region, instance_type=instance.instance_type
            ),
            hint=QT_TRANSLATE_NOOP("core", "Choose another region."),
            code="no-other-zone",
        )
    return others[0]


def _tags(instance: _Instance, kind: str) -> list[dict[str, str]]:
    tags = {
        MANAGED_KEY: "true",
        RELOCATION_OF_KEY: instance.instance_id,
        NAME_KEY: f"ec2nb {kind} of {instance.instance_id}",
    }
    if instance.tags.get(LAUNCH_KEY):
        tags[LAUNCH_KEY] = instance.tags[LAUNCH_KEY]
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def _recorded(ec2: Any, value: str | None, cancel: CancelToken) -> str | None:
    """An image id an earlier run wrote on the instance, if that image is still usable."""
    image_id = (value or "").rsplit("/", 1)[-1]
    if not image_id:
        return None
    try:
        images = retry_not_found(
            lambda: ec2.describe_images(ImageIds=[image_id]), [image_id], cancel=cancel, deadline=10
        )["Images"]
    except ClientError as exc:
        if error_code(exc).startswith("InvalidAMIID"):
            return None
        raise translate(exc, action=QT_TRANSLATE_NOOP("core", "look up the image")) from exc
    usable = [i for i in images if i.get("State") not in ("failed", "deregistered", "error")]
    return image_id if usable else None


def _tagged_image(ec2: Any, instance_id: str) -> str | None:
    with translating(QT_TRANSLATE_NOOP("core", "look up the image")):
        images = ec2.describe_images(
            Owners=["self"], Filters=[{"Name": f"tag:{RELOCATION_OF_KEY}", "Values": [instance_id]}]
        )["Images"]
    usable = [i for i in images if i.get("State") in ("pending", "available")]
    return str(usable[0]["ImageId"]) if usable else None


def _remember(session: boto3.Session, instance: _Instance, key: str, value: str) -> None:
    ec2 = client(session, "ec2", instance.region)
    with translating(QT_TRANSLATE_NOOP("core", "tag the instance")):
        ec2.create_tags(Resources=[instance.instance_id], Tags=[{"Key": key, "Value": value}])


def _image(
    session: boto3.Session, instance: _Instance, progress: Progress, cancel: CancelToken
) -> tuple[str, bool]:
    ec2 = client(session, "ec2", instance.region)
    found = _recorded(ec2, instance.tags.get(IMAGE_KEY), cancel) or _tagged_image(
        ec2, instance.instance_id
    )
    if found:
        return found, True
    progress(
        STEP,
        QT_TRANSLATE_NOOP("core", "Making an image of {instance_id}'s system disk…").format(
            instance_id=instance.instance_id
        ),
    )
    # The work disk is left out of the image: it moves on its own and keeps its identity.
    excluded = (
        [{"DeviceName": instance.work_disk_device, "NoDevice": ""}]
        if instance.work_disk_device
        else []
    )
    with translating(
        QT_TRANSLATE_NOOP("core", "make an image of the machine"), region=instance.region
    ):
        answer = ec2.create_image(
            InstanceId=instance.instance_id,
            Name=f"ec2nb-relocate-{instance.instance_id}-{int(time.time())}",
            Description=f"ec2nb: system disk of {instance.instance_id}, moved for capacity",
            BlockDeviceMappings=excluded,
            TagSpecifications=[{"ResourceType": "image", "Tags": _tags(instance, "image")}],
        )
    image_id = str(answer["ImageId"])
    _remember(session, instance, IMAGE_KEY, image_id)
    return image_id, False


def _copy(
    session: boto3.Session,
    instance: _Instance,
    image_id: str,
    target: str,
    progress: Progress,
    cancel: CancelToken,
) -> tuple[str, bool]:
    ec2 = client(session, "ec2", target)
    found = _recorded(ec2, instance.tags.get(IMAGE_COPY_KEY), cancel) or _tagged_image(
        ec2, instance.instance_id
    )
    if found:
        return found, True
    progress(
        STEP, QT_TRANSLATE_NOOP("core", "Copying the image to {region}…").format(region=target)
    )
    with translating(QT_TRANSLATE_NOOP("core", "copy the image to another region"), region=target):
        answer = ec2.copy_image(
            SourceRegion=instance.region,
            SourceImageId=image_id,
            Name=f"ec2nb-relocate-{instance.instance_id}-{int(time.time())}",
            Description=f"ec2nb: system disk of {instance.instance_id}, moved for capacity",
            Encrypted=True,
            TagSpecifications=[{"ResourceType": "image", "Tags": _tags(instance, "image copy")}],
        )
    copied = str(answer["ImageId"])
    _remember(session, instance, IMAGE_COPY_KEY, f"{target}/{copied}")
    # moto's CopyImage drops TagSpecifications; AWS applies them. Tag again to be sure.
    with translating(QT_TRANSLATE_NOOP("core", "tag the image"), region=target):
        retry_not_found(
            lambda: ec2.create_tags(Resources=[copied], Tags=_tags(instance, "image copy")),
            [copied],
            cancel=cancel,
        )
    return copied, False


def _detach(session: boto3.Session, instance: _Instance, cancel: CancelToken) -> None:
    """Detach the work disk from the stopped machine so that it can move."""
    if not instance.work_disk or not instance.work_disk_device:
        return
    ec2 = client(session, "ec2", instance.region)
    with translating(QT_TRANSLATE_NOOP("core", "detach the work disk")):
        ec2.detach_volume(VolumeId=instance.work_disk, InstanceId=instance.instance_id)
    wait = FIRST_POLL
    for _ in range(60):
        volume = ec2.describe_volumes(VolumeIds=[instance.work_disk])["Volumes"][0]
        if volume.get("State") == "available":
            return
        cancel.wait(wait)
        wait = min(wait * 2, 5.0)


class _ImageWaiter:
    def __init__(
        self, progress: Progress, cancel: CancelToken, poll_seconds: float, deadline: float
    ) -> None:
        self.progress = progress
        self.cancel = cancel
        self.poll_seconds = poll_seconds
        self.deadline = deadline

    def wait(self, ec2: Any, image_id: str) -> None:
        """Until ``image_id`` is ``available`` (``image-failed`` if AWS gives up)."""
        wait = FIRST_POLL
        shown = False
        while True:
            with translating(QT_TRANSLATE_NOOP("core", "look up the image")):
                images = retry_not_found(
                    lambda: ec2.describe_images(ImageIds=[image_id]), [image_id], cancel=self.cancel
                )["Images"]
            state = str(images[0].get("State", "")) if images else ""
            if state == "available":
                return
            if state in ("failed", "error", "invalid", "deregistered"):
                raise WizardError(
                    QT_TRANSLATE_NOOP("core", "AWS could not make the image {image_id}.").format(
                        image_id=image_id
                    ),
                    code="image-failed",
                    detail=str(images[0].get("StateReason", "")),
                )
            if not shown:
                self.progress(
                    STEP,
                    QT_TRANSLATE_NOOP("core", "Waiting for the image {image_id}…").format(
                        image_id=image_id
                    ),
                )
                shown = True
            if time.monotonic() > self.deadline:
                raise WizardError(
                    QT_TRANSLATE_NOOP("core", "The image {image_id} is taking too long.").format(
                        image_id=image_id
                    ),
                    hint=QT_TRANSLATE_NOOP(
                        "core", "Run the move again later: it continues where it stopped."
                    ),
                    code="move-timeout",
                )
            self.cancel.wait(wait)
            wait = min(wait * 2, self.poll_seconds)
