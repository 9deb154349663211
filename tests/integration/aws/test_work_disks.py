"""Work disks against the emulator with the volume realism (app/demo/realism_volumes.py):
create, attach (zone, in use), list with their cost, delete (attached, detaching)."""

from __future__ import annotations

import boto3
import pytest

from app.core.aws.session import client
from app.core.aws.tags import LAST_USED_KEY, MANAGED_KEY, WORK_DISK_KEY, tag_value
from app.core.aws.work_disks import (
    attach_work_disk,
    create_work_disk,
    delete_work_disk,
    find_work_disk,
    kept_disks_monthly,
    list_all_work_disks,
    list_work_disks,
)
from app.core.errors import WizardError
from app.demo.realism_volumes import Volumes
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import REGION

FAST = {"poll_seconds": 0.05}
# Seconds a new volume stays "creating" in the tests about that state: the layer's default half
# second is shorter than a slow CI machine's pause between two calls (seen failing there).
SLOW_CREATING = 1.5


def _instance(aws: AwsEmulator, zone: str) -> str:
    """An instance of the world (the test's own client), running in ``zone``."""
    ec2 = boto3.client("ec2", region_name=REGION)
    image = aws.seed_dlami(REGION)
    answer = ec2.run_instances(
        ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro",
        Placement={"AvailabilityZone": zone},
    )  # fmt: skip
    return str(answer["Instances"][0]["InstanceId"])


def _raw(volume_id: str) -> dict[str, object]:
    ec2 = boto3.client("ec2", region_name=REGION)
    return dict(ec2.describe_volumes(VolumeIds=[volume_id])["Volumes"][0])


def test_a_new_disk_is_encrypted_gp3_tagged_and_waited_for(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    aws.behaviour(Volumes).creating = SLOW_CREATING
    notes: list[str] = []
    disk = create_work_disk(
        session, REGION, f"{REGION}b", "thesis", 50, progress=lambda _s, m: notes.append(m), **FAST
    )
    # AWS shows "creating" first: the function waited for "available".
    assert any("creating" in note for note in notes)
    assert (disk.name, disk.state, disk.zone, disk.size_gib) == (
        "thesis", "available", f"{REGION}b", 50,
    )  # fmt: skip
    raw = _raw(disk.volume_id)
    assert raw["Encrypted"] is True
    assert raw["VolumeType"] == "gp3"
    tags = raw["Tags"]
    assert tag_value(tags, MANAGED_KEY) == "true"  # type: ignore[arg-type]
    assert tag_value(tags, WORK_DISK_KEY) == "thesis"  # type: ignore[arg-type]
    assert tag_value(tags, "Name") == "thesis"  # type: ignore[arg-type]
    assert tag_value(tags, LAST_USED_KEY)  # type: ignore[arg-type]
    # The bundled EBS table: gp3 in us-east-1 is $0.08 per GiB-month.
    assert disk.monthly_usd == pytest.approx(4.0)
    listed = list_work_disks(session, REGION)
    assert [d.volume_id for d in listed] == [disk.volume_id]
    assert [d.name for d in list_all_work_disks(session, [REGION])] == ["thesis"]
    assert kept_disks_monthly(listed) == pytest.approx(4.0)


def test_attach_pins_the_zone_refuses_a_disk_in_use_and_tags_the_instance(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    disk = create_work_disk(session, REGION, f"{REGION}a", "data", 20, **FAST)
    elsewhere = _instance(aws, f"{REGION}b")
    with pytest.raises(WizardError) as refused:
        attach_work_disk(session, REGION, disk.volume_id, elsewhere, **FAST)
    assert refused.value.code == "disk-elsewhere"
    assert "ec2nb disks move" in str(refused.value)

    here = _instance(aws, f"{REGION}a")
    attached = attach_work_disk(session, REGION, disk.volume_id, here, **FAST)
    assert (attached.attached_to, attached.state) == (here, "in-use")
    assert _raw(disk.volume_id)["Attachments"][0]["State"] == "attached"  # type: ignore[index]
    ec2 = boto3.client("ec2", region_name=REGION)
    tags = ec2.describe_instances(InstanceIds=[here])["Reservations"][0]["Instances"][0]["Tags"]
    assert tag_value(tags, WORK_DISK_KEY) == disk.volume_id
    # Attaching it again to the same instance (a resumed launch) is fine ...
    attach_work_disk(session, REGION, disk.volume_id, here, **FAST)
    # ... to another one is not: AWS answers VolumeInUse (moto would move it silently).
    other = _instance(aws, f"{REGION}a")
    with pytest.raises(WizardError) as in_use:
        attach_work_disk(session, REGION, disk.volume_id, other, **FAST)
    assert in_use.value.code == "disk-in-use"
    assert find_work_disk(session, REGION, "data").attached_to == here


def test_delete_refuses_an_attached_disk_and_waits_for_the_detach_after_terminate(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    disk = create_work_disk(session, REGION, f"{REGION}a", "scratch", 8, **FAST)
    instance = _instance(aws, f"{REGION}a")
    attach_work_disk(session, REGION, disk.volume_id, instance, **FAST)
    with pytest.raises(WizardError) as refused:
        delete_work_disk(session, REGION, disk.volume_id)
    assert refused.value.code == "disk-attached"

    boto3.client("ec2", region_name=REGION).terminate_instances(InstanceIds=[instance])
    notes: list[str] = []
    delete_work_disk(
        session, REGION, disk.volume_id, wait=True, progress=lambda _s, m: notes.append(m), **FAST
    )
    # The disk stayed in use while it detached; the delete waited instead of failing.
    assert any("waiting to delete" in note for note in notes)
    assert list_work_disks(session, REGION) == []
    delete_work_disk(session, REGION, disk.volume_id)  # gone already: nothing to do


def test_the_storage_quota_is_a_clear_error(session: boto3.Session, aws: AwsEmulator) -> None:
    aws.behaviour(Volumes).storage_limit(100)
    create_work_disk(session, REGION, f"{REGION}a", "first", 80, **FAST)
    with pytest.raises(WizardError) as refused:
        create_work_disk(session, REGION, f"{REGION}a", "second", 50, **FAST)
    assert refused.value.code == "disk-limit"
    assert [d.name for d in list_work_disks(session, REGION)] == ["first"]


def test_attach_waits_while_a_new_disk_is_still_creating(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    aws.behaviour(Volumes).creating = SLOW_CREATING
    ec2 = client(session, "ec2", REGION)  # the app's own client: its volume is new
    made = ec2.create_volume(
        AvailabilityZone=f"{REGION}a", Size=8, VolumeType="gp3", Encrypted=True,
        TagSpecifications=[{"ResourceType": "volume", "Tags": [
            {"Key": MANAGED_KEY, "Value": "true"}, {"Key": WORK_DISK_KEY, "Value": "fresh"},
        ]}],
    )  # fmt: skip
    assert _raw(made["VolumeId"])["State"] == "creating"  # as AWS shows a new volume
    # Known to every call by now (the consistency window is another test's subject), still
    # creating.
    aws.behaviour(Volumes).fresh.clear()
    instance = _instance(aws, f"{REGION}a")
    before = aws.calls.count("AttachVolume")
    # AWS answers IncorrectState until the volume is available: the attach waits and retries.
    disk = attach_work_disk(session, REGION, made["VolumeId"], instance, **FAST)
    assert disk.attached_to == instance
    assert aws.calls.count("AttachVolume") - before >= 2
