"""Moving a kept EBS volume to another zone or region, through a snapshot, never copied twice.

A volume lives in one Availability Zone. To use it elsewhere AWS offers one way: snapshot it
(CreateSnapshot, ``pending`` with a ``Progress`` percentage until ``completed``), copy the
snapshot into the other region if the region changes (CopySnapshot, sent to the *target*
region with ``SourceRegion``; ``Encrypted=True`` so an unencrypted source gives an encrypted
copy; botocore adds the deprecated ``PresignedUrl`` itself), then CreateVolume from it in the
target zone (encrypted gp3, the source's size and tags). Only once the new volume is
``available`` are the temporary snapshots and the old volume deleted.

A move can be interrupted (Ctrl+C, a closed window, a lost connection) at any point. Each
piece it makes is tagged ``ec2nb:move-of`` = the source volume id, and its id is written on the
source volume as soon as AWS returns it (the tags in :data:`STATE_KEYS`), so a second run
finds the snapshot, copy or volume that exists, even while EC2's eventual consistency still
hides it from a tag search, and continues from there instead of copying again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.exceptions import ClientError

from app.core.aws.consistency import retry_not_found
from app.core.aws.errors import error_code, translate, translating
from app.core.aws.move_cost import VOLUME_TYPE
from app.core.aws.move_targets import available_zones
from app.core.aws.session import client
from app.core.aws.tags import LAUNCH_KEY, MANAGED_KEY, NAME_KEY, WORK_DISK_KEY
from app.core.errors import WizardError
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

log = logging.getLogger(__name__)

# On every piece a move makes (snapshot, copy, new volume): the source volume's id.
MOVE_OF_KEY = "ec2nb:move-of"
# On the source volume while it moves: the ids made so far ("region/id" for the copy and
# the new volume, which live in the target region).
SNAPSHOT_KEY = "ec2nb:move-snapshot"
COPY_KEY = "ec2nb:move-copy"
VOLUME_KEY = "ec2nb:move-volume"
STATE_KEYS = (SNAPSHOT_KEY, COPY_KEY, VOLUME_KEY)
# The step names passed to ``progress``.
STEP = "disk-move"
# Retries of CreateSnapshot refused with SnapshotCreationPerVolumeRateExceeded (AWS: "use an
# increasing or variable sleep interval"; re:Post advises 15 s between requests).
RATE_RETRIES = 6
RATE_FIRST_WAIT = 2.0

# What a poll waits for, after the first short wait (doubling up to ``poll_seconds``).
FIRST_POLL = 0.25


@dataclass(frozen=True)
class MoveResult:
    """A finished move: the new volume and what was cleaned up."""

    source_volume_id: str
    volume_id: str
    region: str
    zone: str
    size_gib: int
    name: str
    deleted_snapshots: list[str] = field(default_factory=list)
    resumed: bool = False  # a piece made by an earlier, interrupted run was used
    moved: bool = True  # False: the disk was already where it was asked to go


@dataclass(frozen=True)
class _Volume:
    volume_id: str
    region: str
    zone: str
    size: int
    state: str
    tags: dict[str, str]

    @property
    def name(self) -> str:
        return self.tags.get(WORK_DISK_KEY) or self.tags.get(NAME_KEY) or self.volume_id


def move_volume(
    session: boto3.Session,
    region: str,
    volume_id: str,
    *,
    zone: str | None = None,
    target_region: str | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    poll_seconds: float = 15.0,
    timeout: float = 6 * 3600,
) -> MoveResult:
    """Move volume ``volume_id`` of ``region`` to ``zone`` (in ``target_region``, default the
    same region; no zone: the target region's first available zone), resuming an interrupted
    move. Errors: ``disk-not-found``, ``disk-in-use``, ``bad-zone``, ``snapshot-limit``,
    ``snapshot-failed``, ``move-timeout``, AWS's own codes (:func:`translate`)."""
    target = target_region or region
    source = _find_source(session, region, volume_id, cancel)
    if source is None:
        done = _finished_elsewhere(session, volume_id, target, cancel)
        if done is not None:
            return done
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "There is no disk {volume} in {region}.").format(
                volume=volume_id, region=region
            ),
            code="disk-not-found",
        )
    zone = zone or _first_zone(session, target)
    _check_zone(session, target, zone)
    if target == region and zone == source.zone:
        return MoveResult(volume_id, volume_id, region, zone, source.size, source.name, moved=False)
    if source.state == "in-use":
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The disk {name} is attached to a machine and cannot be moved."
            ).format(name=source.name),
            hint=QT_TRANSLATE_NOOP("core", "Stop or terminate the machine first (keep its disk)."),
            code="disk-in-use",
        )
    if source.state != "available":
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The disk {name} is {state}: it cannot be moved now.").format(
                name=source.name, state=source.state
            ),
            hint=QT_TRANSLATE_NOOP("core", "Try again in a few minutes."),
            code="disk-not-ready",
        )
    mover = _Mover(session, source, target, zone, progress, cancel, poll_seconds, timeout)
    return mover.run()


class _Mover:
    """One move's calls, in order; each step first looks for what an earlier run made."""

    def __init__(
        self,
        session: boto3.Session,
        source: _Volume,
        target: str,
        zone: str,
        progress: Progress,
        cancel: CancelToken,
        poll_seconds: float,
        timeout: float,
    ) -> None:
        self.session = session
        self.source = source
        self.target = target
        self.zone = zone
        self.progress = progress
        self.cancel = cancel
        self.poll_seconds = poll_seconds
        self.deadline = time.monotonic() + timeout
        self.resumed = False
        self.ec2 = client(session, "ec2", source.region)
        self.ec2_target = client(session, "ec2", target)

    def run(self) -> MoveResult:
        snapshot = self._snapshot()
        self._wait_snapshot(self.ec2, snapshot, QT_TRANSLATE_NOOP("core", "Snapshot"))
        made = [(self.source.region, snapshot)]
        if self.target != self.source.region:
            copy = self._copy(snapshot)
            self._wait_snapshot(
                self.ec2_target,
                copy,
                QT_TRANSLATE_NOOP("core", "Copy to {region}").format(region=self.target),
            )
            made.append((self.target, copy))
            from_snapshot = copy
        else:
            from_snapshot = snapshot
        volume_id = self._volume(from_snapshot)
        self._wait_volume(volume_id)
        deleted = self._clean_up(made, volume_id)
        return MoveResult(
            self.source.volume_id,
            volume_id,
            self.target,
            self.zone,
            self.source.size,
            self.source.name,
            deleted_snapshots=deleted,
            resumed=self.resumed,
        )

    # -- the pieces ------------------------------------------------------------------------------

    def _pieces_tags(self, kind: str) -> list[dict[str, str]]:
        tags = {
            MANAGED_KEY: "true",
            MOVE_OF_KEY: self.source.volume_id,
            NAME_KEY: f"{self.source.name} ({kind})",
        }
        launch = self.source.tags.get(LAUNCH_KEY)
        if launch:
            tags[LAUNCH_KEY] = launch  # counted with its launch's storage by the fleet listing
        return [{"Key": k, "Value": v} for k, v in tags.items()]

    def _remember(self, key: str, value: str) -> None:
        """Write a piece's id on the source volume, where the next run looks first."""
        with translating(QT_TRANSLATE_NOOP("core", "tag the disk"), region=self.source.region):
            retry_not_found(
                lambda: self.ec2.create_tags(
                    Resources=[self.source.volume_id], Tags=[{"Key": key, "Value": value}]
                ),
                [value.rsplit("/", 1)[-1]],
                cancel=self.cancel,
            )

    def _known(self, ec2: Any, key: str, found_by_tag: Callable[[], str | None]) -> str | None:
        """The id an earlier run wrote on the volume (if it still exists), else a tag search."""
        recorded = self.source.tags.get(key, "").rsplit("/", 1)[-1]
        if recorded and _snapshot_or_volume_exists(ec2, recorded, self.cancel):
            self.resumed = True
            return recorded
        by_tag = found_by_tag()
        if by_tag:
            self.resumed = True
        return by_tag

    def _snapshot(self) -> str:
        found = self._known(
            self.ec2, SNAPSHOT_KEY, lambda: _tagged_snapshot(self.ec2, self.source, None)
        )
        if found:
            log.info("move of %s: reusing snapshot %s", self.source.volume_id, found)
            return found
        self.progress(
            STEP,
            QT_TRANSLATE_NOOP("core", "Taking a snapshot of {name}…").format(name=self.source.name),
        )
        snapshot_id = self._create_snapshot()
        self._remember(SNAPSHOT_KEY, snapshot_id)
        return snapshot_id

    def _create_snapshot(self) -> str:
        wait = RATE_FIRST_WAIT
        action = QT_TRANSLATE_NOOP("core", "take a snapshot of the disk")
        for attempt in range(RATE_RETRIES + 1):
            try:
                answer = self.ec2.create_snapshot(
                    VolumeId=self.source.volume_id,
                    Description=f"ec2nb: moving {self.source.name} to {self.zone}",
                    TagSpecifications=[
                        {"ResourceType": "snapshot", "Tags": self._pieces_tags("moving")}
                    ],
                )
                return str(answer["SnapshotId"])
            except ClientError as exc:
                code = error_code(exc)
                if code == "ConcurrentSnapshotLimitExceeded":
                    raise WizardError(
                        QT_TRANSLATE_NOOP(
                            "core",
                            "The disk {name} already has as many snapshots in progress as AWS "
                            "allows.",
                        ).format(name=self.source.name),
                        hint=QT_TRANSLATE_NOOP(
                            "core",
                            "Wait until they are completed (EC2 console, Snapshots), then run "
                            "the move again.",
                        ),
                        code="snapshot-limit",
                        detail=str(exc),
                    ) from exc
                if code != "SnapshotCreationPerVolumeRateExceeded" or attempt == RATE_RETRIES:
                    raise translate(exc, action=action, region=self.source.region) from exc
                self.progress(
                    STEP,
                    QT_TRANSLATE_NOOP(
                        "core",
                        "AWS allows only one snapshot of a disk every few seconds; trying "
                        "again in {seconds} s.",
                    ).format(seconds=f"{wait:g}"),
                )
                self.cancel.wait(wait)
                wait = min(wait * 2, 30.0)
        raise AssertionError("unreachable")

    def _copy(self, snapshot_id: str) -> str:
        found = self._known(
            self.ec2_target,
            COPY_KEY,
            lambda: _tagged_snapshot(self.ec2_target, self.source, snapshot_id),
        )
        if found:
            log.info("move of %s: reusing copy %s", self.source.volume_id, found)
            return found
        self.progress(
            STEP,
            QT_TRANSLATE_NOOP("core", "Copying the snapshot to {region}…").format(
                region=self.target
            ),
        )
        with translating(
            QT_TRANSLATE_NOOP("core", "copy the snapshot to another region"), region=self.target
        ):
            answer = self.ec2_target.copy_snapshot(
                SourceRegion=self.source.region,
                SourceSnapshotId=snapshot_id,
                Encrypted=True,
                Description=f"ec2nb: moving {self.source.name} to {self.zone}",
                TagSpecifications=[
                    {"ResourceType": "snapshot", "Tags": self._pieces_tags("moving")}
                ],
            )
        copy_id = str(answer["SnapshotId"])
        self._remember(COPY_KEY, f"{self.target}/{copy_id}")
        return copy_id

    def _volume(self, snapshot_id: str) -> str:
        found = self._known(
            self.ec2_target,
            VOLUME_KEY,
            lambda: _tagged_volume(self.ec2_target, self.source.volume_id),
        )
        if found:
            return found
        self.progress(
            STEP,
            QT_TRANSLATE_NOOP("core", "Making the disk in {zone}…").format(zone=self.zone),
        )
        tags = {
            k: v
            for k, v in self.source.tags.items()
            if not k.startswith("aws:") and k not in STATE_KEYS
        }
        tags[MOVE_OF_KEY] = self.source.volume_id
        with translating(QT_TRANSLATE_NOOP("core", "make the moved disk"), region=self.target):
            answer = retry_not_found(
                lambda: self.ec2_target.create_volume(
                    AvailabilityZone=self.zone,
                    SnapshotId=snapshot_id,
                    Size=self.source.size,
                    VolumeType=VOLUME_TYPE,
                    Encrypted=True,
                    TagSpecifications=[
                        {
                            "ResourceType": "volume",
                            "Tags": [{"Key": k, "Value": v} for k, v in tags.items()],
                        }
                    ],
                ),
                [snapshot_id],
                cancel=self.cancel,
            )
        volume_id = str(answer["VolumeId"])
        self._remember(VOLUME_KEY, f"{self.target}/{volume_id}")
        return volume_id

    # -- waiting ---------------------------------------------------------------------------------

    def _sleep(self, wait: float) -> float:
        if time.monotonic() > self.deadline:
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core", "Moving the disk {name} is taking longer than expected."
                ).format(name=self.source.name),
                hint=QT_TRANSLATE_NOOP(
                    "core", "Run the move again later: it continues where it stopped."
                ),
                code="move-timeout",
            )
        self.cancel.wait(wait)
        return min(wait * 2, self.poll_seconds)

    def _wait_snapshot(self, ec2: Any, snapshot_id: str, what: Sentence) -> None:
        wait = FIRST_POLL
        last = ""
        while True:
            snapshot = _describe_snapshot(ec2, snapshot_id, self.cancel)
            state = str(snapshot.get("State", ""))
            percent = str(snapshot.get("Progress") or "0%")
            if state == "completed":
                self.progress(STEP, QT_TRANSLATE_NOOP("core", "{what}: 100%").format(what=what))
                return
            if state == "error":
                raise WizardError(
                    QT_TRANSLATE_NOOP("core", "AWS could not make the snapshot {snapshot}.").format(
                        snapshot=snapshot_id
                    ),
                    hint=QT_TRANSLATE_NOOP("core", "Run the move again: it starts a new snapshot."),
                    code="snapshot-failed",
                    detail=str(snapshot.get("StateMessage", "")),
                )
            if percent != last:
                self.progress(
                    STEP,
                    QT_TRANSLATE_NOOP("core", "{what}: {percent}").format(
                        what=what, percent=percent
                    ),
                )
                last = percent
            wait = self._sleep(wait)

    def _wait_volume(self, volume_id: str) -> None:
        wait = FIRST_POLL
        while True:
            found = _describe_volume(self.ec2_target, self.target, volume_id, self.cancel)
            if found is not None and found.state == "available":
                return
            wait = self._sleep(wait)

    # -- clean-up --------------------------------------------------------------------------------

    def _clean_up(self, made: list[tuple[str, str]], volume_id: str) -> list[str]:
        """The temporary snapshots, then the old volume, then the move's marks on the new one."""
        self.progress(
            STEP, QT_TRANSLATE_NOOP("core", "Deleting the temporary snapshots and the old disk…")
        )
        deleted = []
        for where, snapshot_id in reversed(made):
            ec2 = self.ec2 if where == self.source.region else self.ec2_target
            try:
                ec2.delete_snapshot(SnapshotId=snapshot_id)
                deleted.append(snapshot_id)
            except ClientError as exc:
                if error_code(exc) != "InvalidSnapshot.NotFound":
                    raise translate(
                        exc, action=QT_TRANSLATE_NOOP("core", "delete the temporary snapshot")
                    ) from exc
        try:
            self.ec2.delete_volume(VolumeId=self.source.volume_id)
        except ClientError as exc:
            if error_code(exc) != "InvalidVolume.NotFound":
                raise translate(
                    exc, action=QT_TRANSLATE_NOOP("core", "delete the old disk")
                ) from exc
        _unmark(self.ec2_target, volume_id, self.cancel)
        return deleted


# -- look-ups ------------------------------------------------------------------------------------


def _volume_of(item: Mapping[str, Any], region: str) -> _Volume:
    return _Volume(
        volume_id=str(item["VolumeId"]),
        region=region,
        zone=str(item.get("AvailabilityZone", "")),
        size=int(item.get("Size", 0)),
        state=str(item.get("State", "")),
        tags={t["Key"]: t["Value"] for t in item.get("Tags") or []},
    )


def _describe_volume(
    ec2: Any, region: str, volume_id: str, cancel: CancelToken, *, created: bool = True
) -> _Volume | None:
    try:
        answer = retry_not_found(
            lambda: ec2.describe_volumes(VolumeIds=[volume_id]),
            [volume_id] if created else [],
            cancel=cancel,
        )
    except ClientError as exc:
        if error_code(exc) == "InvalidVolume.NotFound":
            return None
        raise translate(exc, action=QT_TRANSLATE_NOOP("core", "look up the disk")) from exc
    volumes = answer.get("Volumes") or []
    return _volume_of(volumes[0], region) if volumes else None


def _find_source(
    session: boto3.Session, region: str, volume_id: str, cancel: CancelToken
) -> _Volume | None:
    return _describe_volume(
        client(session, "ec2", region), region, volume_id, cancel, created=False
    )


def _describe_snapshot(ec2: Any, snapshot_id: str, cancel: CancelToken) -> dict[str, Any]:
    with translating(QT_TRANSLATE_NOOP("core", "look up the snapshot")):
        answer = retry_not_found(
            lambda: ec2.describe_snapshots(SnapshotIds=[snapshot_id]), [snapshot_id], cancel=cancel
        )
    snapshots = answer.get("Snapshots") or []
    return dict(snapshots[0]) if snapshots else {}


def _snapshot_or_volume_exists(ec2: Any, resource_id: str, cancel: CancelToken) -> bool:
    """Whether an id written on the volume by an earlier run still exists (and is usable)."""
    try:
        if resource_id.startswith("snap-"):
            found = retry_not_found(
                lambda: ec2.describe_snapshots(SnapshotIds=[resource_id]),
                [resource_id],
                cancel=cancel,
                deadline=10,
            )
            return any(s.get("State") != "error" for s in found.get("Snapshots") or [])
        found = retry_not_found(
            lambda: ec2.describe_volumes(VolumeIds=[resource_id]),
            [resource_id],
            cancel=cancel,
            deadline=10,
        )
        return bool(found.get("Volumes"))
    except ClientError as exc:
        if error_code(exc).endswith(".NotFound"):
            return False
        raise translate(exc, action=QT_TRANSLATE_NOOP("core", "look up the disk's move")) from exc


def _tagged_snapshot(ec2: Any, source: _Volume, copy_of: str | None) -> str | None:
    """The snapshot (``copy_of`` None, in the source region) or the copy (in the target
    region) an earlier run of this move made, found by its tag."""
    with translating(QT_TRANSLATE_NOOP("core", "look up the disk's snapshots")):
        answer = ec2.describe_snapshots(
            OwnerIds=["self"],
            Filters=[{"Name": f"tag:{MOVE_OF_KEY}", "Values": [source.volume_id]}],
        )
    for snapshot in answer.get("Snapshots") or []:
        if snapshot.get("State") == "error" or snapshot.get("SnapshotId") == copy_of:
            continue
        # A copy's VolumeId is arbitrary (CopySnapshot's documentation): only the original
        # is recognised by it.
        if copy_of is not None or snapshot.get("VolumeId") == source.volume_id:
            return str(snapshot["SnapshotId"])
    return None


def _tagged_volume(ec2: Any, source_volume_id: str) -> str | None:
    with translating(QT_TRANSLATE_NOOP("core", "look up the moved disk")):
        answer = ec2.describe_volumes(
            Filters=[{"Name": f"tag:{MOVE_OF_KEY}", "Values": [source_volume_id]}]
        )
    for volume in answer.get("Volumes") or []:
        if volume["VolumeId"] != source_volume_id:
            return str(volume["VolumeId"])
    return None


def _finished_elsewhere(
    session: boto3.Session, source_volume_id: str, target: str, cancel: CancelToken
) -> MoveResult | None:
    """The source is gone: a move that deleted it but stopped before its last step is done."""
    ec2 = client(session, "ec2", target)
    volume_id = _tagged_volume(ec2, source_volume_id)
    if volume_id is None:
        return None
    found = _describe_volume(ec2, target, volume_id, cancel)
    if found is None:
        return None
    _unmark(ec2, volume_id, cancel)
    return MoveResult(
        source_volume_id, volume_id, target, found.zone, found.size, found.name, resumed=True
    )


def _unmark(ec2: Any, volume_id: str, cancel: CancelToken) -> None:
    """Leave the moved disk with exactly the tags the old one had."""
    with translating(QT_TRANSLATE_NOOP("core", "tag the disk")):
        retry_not_found(
            lambda: ec2.delete_tags(Resources=[volume_id], Tags=[{"Key": MOVE_OF_KEY}]),
            [volume_id],
            cancel=cancel,
        )


def _first_zone(session: boto3.Session, region: str) -> str:
    zones = available_zones(session, region)
    if not zones:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The region {region} has no zone available.").format(
                region=region
            ),
            code="bad-zone",
        )
    return zones[0]


def _check_zone(session: boto3.Session, region: str, zone: str) -> None:
    zones = available_zones(session, region)
    if zone not in zones:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "{zone} is not an available zone of {region}.").format(
                zone=zone, region=region
            ),
            hint=QT_TRANSLATE_NOOP("core", "Zones there: {zones}.").format(
                zones=", ".join(zones) or "-"
            ),
            code="bad-zone",
        )


@dataclass(frozen=True)
class Disk:
    """A work disk found by its name (the ``ec2nb:work-disk`` tag)."""

    volume_id: str
    region: str
    zone: str
    size_gib: int
    state: str
    name: str
    moving_from: str | None  # the source volume id while this is a move's new volume


def find_disks(session: boto3.Session, region: str, name: str) -> list[Disk]:
    """The volumes of ``region`` tagged as work disk ``name`` (two while a move is under way)."""
    ec2 = client(session, "ec2", region)
    with translating(QT_TRANSLATE_NOOP("core", "list the work disks"), region=region):
        answer = ec2.describe_volumes(Filters=[{"Name": f"tag:{WORK_DISK_KEY}", "Values": [name]}])
    disks = []
    for item in answer.get("Volumes") or []:
        volume = _volume_of(item, region)
        disks.append(
            Disk(
                volume.volume_id,
                region,
                volume.zone,
                volume.size,
                volume.state,
                volume.name,
                volume.tags.get(MOVE_OF_KEY),
            )
        )
    return disks


__all__ = [
    "MOVE_OF_KEY",
    "Disk",
    "MoveResult",
    "find_disks",
    "move_volume",
]
