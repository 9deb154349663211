"""Moving a kept work disk to another zone or region through snapshots (issue 14 section 1)."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from app.core.aws.disk_move import MOVE_OF_KEY, find_disks, move_volume
from app.core.aws.move_cost import estimate_move
from app.core.aws.tags import LAST_USED_KEY, MANAGED_KEY, NAME_KEY, WORK_DISK_KEY
from app.core.errors import Cancelled, WizardError
from app.core.progress import CancelToken
from app.core.sentence import Sentence
from app.demo.realism_snapshots import Snapshots
from tests.support.aws_emulator import AwsEmulator, needs_realism
from tests.support.constants import REGION

TAGS = {
    MANAGED_KEY: "true",
    WORK_DISK_KEY: "thesis",
    NAME_KEY: "thesis",
    LAST_USED_KEY: "2026-11-30T10:00:00Z",
}
FAST = {"poll_seconds": 0.2}


@pytest.fixture(autouse=True)
def _timed(aws: AwsEmulator) -> None:
    """Snapshots take long enough to be seen pending, whatever EC2NB_REALISM_SCALE says."""
    behaviour = aws.behaviour(Snapshots)
    if aws.realism.enabled:
        behaviour.pending = max(behaviour.pending, 0.5)
        behaviour.rate = max(behaviour.rate, 1.0)


def _kept_disk(region: str = REGION, zone: str = "us-east-1a", gib: int = 20) -> str:
    """A kept work disk, made by "an earlier launch" (the test's own client: no delays)."""
    ec2 = boto3.client("ec2", region_name=region)
    volume = ec2.create_volume(
        AvailabilityZone=zone,
        Size=gib,
        VolumeType="gp3",
        TagSpecifications=[
            {"ResourceType": "volume", "Tags": [{"Key": k, "Value": v} for k, v in TAGS.items()]}
        ],
    )
    return str(volume["VolumeId"])


def _volume(region: str, volume_id: str) -> dict[str, object] | None:
    ec2 = boto3.client("ec2", region_name=region)
    try:
        return dict(ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0])
    except ClientError:
        return None


def _snapshots(region: str) -> list[dict[str, object]]:
    ec2 = boto3.client("ec2", region_name=region)
    return list(ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"])


def _tags(volume: dict[str, object]) -> dict[str, str]:
    tags = volume.get("Tags") or []
    assert isinstance(tags, list)
    return {t["Key"]: t["Value"] for t in tags}


class _Notes:
    def __init__(self) -> None:
        self.notes: list[str] = []

    def __call__(self, _step: str, message: Sentence) -> None:
        self.notes.append(str(message))


@needs_realism
def test_a_disk_moves_to_another_zone_with_its_tags_and_leaves_nothing_behind(
    aws: AwsEmulator, session: boto3.Session
) -> None:
    old = _kept_disk()
    notes = _Notes()
    result = move_volume(session, REGION, old, zone="us-east-1b", progress=notes, **FAST)

    new = _volume(REGION, result.volume_id)
    assert new is not None
    assert (new["AvailabilityZone"], new["Size"], new["VolumeType"]) == ("us-east-1b", 20, "gp3")
    assert new["Encrypted"] is True
    assert _tags(new) == TAGS  # exactly the old disk's tags: no move marks left
    assert _volume(REGION, old) is None
    assert _snapshots(REGION) == []
    # The snapshot's progress was shown in percent while it was pending.
    percents = [n for n in notes.notes if n.startswith("Snapshot: ")]
    assert percents[-1] == "Snapshot: 100%"
    assert any(n != "Snapshot: 100%" and n.endswith("%") for n in percents), notes.notes
    assert [d.zone for d in find_disks(session, REGION, "thesis")] == ["us-east-1b"]


@needs_realism
def test_a_disk_moves_to_another_region_encrypted_and_the_cost_is_said_first(
    aws: AwsEmulator, session: boto3.Session
) -> None:
    old = _kept_disk()
    cost = estimate_move(REGION, 20, target_region="eu-west-1")
    # By hand: 20 GB x $0.02 to copy between regions; two snapshots (original and copy) of
    # 20 GB at $0.05/GB-month for 24 of the month's 730 hours; gp3 in eu-west-1 $0.088/GB-month.
    assert cost.transfer_usd == pytest.approx(0.40)
    assert cost.snapshot_day_usd == pytest.approx(round(0.05 * 20 * 2 * 24 / 730, 4))
    assert cost.estimate_usd == pytest.approx(0.40 + 0.0658)
    assert cost.new_disk_monthly == pytest.approx(1.76)
    notes = _Notes()
    result = move_volume(session, REGION, old, target_region="eu-west-1", progress=notes, **FAST)

    assert (result.region, result.zone) == ("eu-west-1", "eu-west-1a")
    new = _volume("eu-west-1", result.volume_id)
    assert new is not None
    assert new["Size"] == 20
    assert new["Encrypted"] is True  # the source was not: CopySnapshot(Encrypted=True)
    assert _tags(new) == TAGS
    assert _volume(REGION, old) is None
    assert _snapshots(REGION) == []
    assert _snapshots("eu-west-1") == []
    assert "Copy to eu-west-1: 100%" in notes.notes


def test_a_move_within_the_zone_costs_only_a_day_of_snapshot() -> None:
    cost = estimate_move(REGION, 50)
    assert (cost.snapshots, cost.transfer_usd) == (1, 0.0)
    assert cost.estimate_usd == pytest.approx(round(0.05 * 50 * 24 / 730, 4))
    assert cost.new_disk_monthly == pytest.approx(4.0)


@needs_realism
@pytest.mark.parametrize("stop_at", ["Copying the snapshot", "Making the disk"])
def test_an_interrupted_move_resumes_without_a_second_copy(
    aws: AwsEmulator, session: boto3.Session, stop_at: str
) -> None:
    old = _kept_disk()
    cancel = CancelToken()

    def stop_there(_step: str, message: Sentence) -> None:
        if str(message).startswith(stop_at):
            cancel.cancel()  # Ctrl+C while the copy (or the new disk) is under way

    with pytest.raises(Cancelled):
        move_volume(
            session, REGION, old, target_region="us-west-2", progress=stop_there,
            cancel=cancel, **FAST,
        )  # fmt: skip
    assert aws.calls.count("CopySnapshot") == 1
    assert _volume(REGION, old) is not None  # nothing deleted yet

    result = move_volume(session, REGION, old, target_region="us-west-2", **FAST)
    assert result.resumed
    assert aws.calls.count("CreateSnapshot") == 1
    assert aws.calls.count("CopySnapshot") == 1
    assert aws.calls.count("CreateVolume") == 2  # the test's disk, then the moved one
    assert _volume(REGION, old) is None
    assert _snapshots(REGION) == []
    assert _snapshots("us-west-2") == []
    moved = _volume("us-west-2", result.volume_id)
    assert moved is not None
    assert _tags(moved) == TAGS


@needs_realism
def test_a_move_stopped_after_deleting_the_old_disk_is_finished_by_name(
    aws: AwsEmulator, session: boto3.Session
) -> None:
    old = _kept_disk()
    aws.inject("DeleteTags", "UnauthorizedOperation", status=403)  # the very last call fails
    with pytest.raises(WizardError):
        move_volume(session, REGION, old, zone="us-east-1b", **FAST)
    assert _volume(REGION, old) is None
    (half,) = find_disks(session, REGION, "thesis")
    assert half.moving_from == old  # the new disk still carries the move's mark

    result = move_volume(session, REGION, old, zone="us-east-1b", **FAST)
    assert (result.volume_id, result.resumed) == (half.volume_id, True)
    moved = _volume(REGION, half.volume_id)
    assert moved is not None
    assert _tags(moved) == TAGS
    assert find_disks(session, REGION, "thesis")[0].moving_from is None


@needs_realism
def test_a_second_snapshot_too_soon_is_retried(aws: AwsEmulator, session: boto3.Session) -> None:
    old = _kept_disk()
    ec2 = boto3.client("ec2", region_name=REGION)
    backup = ec2.create_snapshot(VolumeId=old)["SnapshotId"]  # the user's own, just now
    notes = _Notes()
    result = move_volume(session, REGION, old, zone="us-east-1c", progress=notes, **FAST)

    assert "CreateSnapshot SnapshotCreationPerVolumeRateExceeded" in (
        aws.behaviour(Snapshots).refused
    )
    assert any("one snapshot of a disk every few seconds" in n for n in notes.notes)
    assert result.zone == "us-east-1c"
    # The user's own snapshot is not the move's to delete.
    assert [s["SnapshotId"] for s in _snapshots(REGION)] == [backup]


@needs_realism
def test_too_many_pending_snapshots_is_explained(aws: AwsEmulator, session: boto3.Session) -> None:
    behaviour = aws.behaviour(Snapshots)
    behaviour.rate = 0.0
    behaviour.concurrent_limit = 1
    old = _kept_disk()
    boto3.client("ec2", region_name=REGION).create_snapshot(VolumeId=old)
    with pytest.raises(WizardError) as caught:
        move_volume(session, REGION, old, zone="us-east-1b", **FAST)
    assert caught.value.code == "snapshot-limit"
    assert "Wait until they are completed" in str(caught.value)
    assert _volume(REGION, old) is not None


def test_an_attached_disk_or_an_unknown_zone_is_refused(
    aws: AwsEmulator, session: boto3.Session
) -> None:
    old = _kept_disk()
    with pytest.raises(WizardError) as caught:
        move_volume(session, REGION, old, zone="us-east-1z", **FAST)
    assert caught.value.code == "bad-zone"
    assert "us-east-1a" in str(caught.value)
    same = move_volume(session, REGION, old, zone="us-east-1a", **FAST)
    assert not same.moved
    assert same.volume_id == old
    with pytest.raises(WizardError) as missing:
        move_volume(session, REGION, "vol-0123456789abcdef0", zone="us-east-1b", **FAST)
    assert missing.value.code == "disk-not-found"


@needs_realism
def test_the_emulator_plays_pending_snapshots_and_refuses_a_volume_from_one(
    aws: AwsEmulator,
) -> None:
    ec2 = boto3.client("ec2", region_name=REGION)
    old = _kept_disk()
    snapshot = ec2.create_snapshot(VolumeId=old)["SnapshotId"]
    seen = ec2.describe_snapshots(SnapshotIds=[snapshot])["Snapshots"][0]
    assert seen["State"] == "pending"
    assert int(seen["Progress"].rstrip("%")) < 100
    with pytest.raises(ClientError) as caught:
        ec2.create_volume(AvailabilityZone="us-east-1b", SnapshotId=snapshot)
    assert caught.value.response["Error"]["Code"] == "IncorrectState"
    aws.behaviour(Snapshots).finish()
    seen = ec2.describe_snapshots(SnapshotIds=[snapshot])["Snapshots"][0]
    assert (seen["State"], seen["Progress"]) == ("completed", "100%")
    assert MOVE_OF_KEY not in _tags(seen)
