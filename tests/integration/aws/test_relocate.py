"""Moving a stopped machine when its zone has no capacity left (issue 14 section 3)."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from app.core.aws.relocate import relocate_instance, relocated_plan, relocation_cost
from app.core.aws.tags import MANAGED_KEY, NAME_KEY, WORK_DISK_KEY
from app.core.errors import WizardError
from app.core.plan import LaunchPlan
from app.demo.gateway import ApiRequest
from app.demo.realism_capacity import Capacity
from tests.support.aws_emulator import AwsEmulator, needs_realism
from tests.support.constants import REGION

TYPE = "g4dn.xlarge"
DISK_TAGS = {MANAGED_KEY: "true", WORK_DISK_KEY: "thesis", NAME_KEY: "thesis"}
FAST = {"poll_seconds": 0.2}


def _stopped_machine(aws: AwsEmulator, zone: str = "us-east-1a") -> tuple[str, str]:
    """A stopped machine of an earlier launch with its work disk on /dev/sdf: (id, volume)."""
    image = aws.seed_dlami(REGION)
    ec2 = boto3.client("ec2", region_name=REGION)
    instance = ec2.run_instances(
        ImageId=image, MinCount=1, MaxCount=1, InstanceType=TYPE,
        Placement={"AvailabilityZone": zone},
    )["Instances"][0]["InstanceId"]  # fmt: skip
    volume = ec2.create_volume(
        AvailabilityZone=zone, Size=30, VolumeType="gp3",
        TagSpecifications=[{
            "ResourceType": "volume",
            "Tags": [{"Key": k, "Value": v} for k, v in DISK_TAGS.items()],
        }],
    )["VolumeId"]  # fmt: skip
    ec2.attach_volume(VolumeId=volume, InstanceId=instance, Device="/dev/sdf")
    ec2.create_tags(
        Resources=[instance],
        Tags=[{"Key": MANAGED_KEY, "Value": "true"}, {"Key": WORK_DISK_KEY, "Value": volume}],
    )
    ec2.stop_instances(InstanceIds=[instance])
    return instance, volume


@needs_realism
def test_a_stopped_machine_moves_to_a_zone_with_capacity_keeping_its_work_disk(
    aws: AwsEmulator, session: boto3.Session
) -> None:
    instance, disk = _stopped_machine(aws)
    aws.behaviour(Capacity).no_capacity("us-east-1a", TYPE)
    images: list[ApiRequest] = []

    def seen(request: ApiRequest, _body: bytes) -> None:
        images.append(request)

    with aws.gateway.lock:
        aws.gateway.after.setdefault("CreateImage", []).append(seen)
    cost = relocation_cost(session, REGION, instance)
    # The DLAMI's root disk (moto: 8 GiB) and the 30 GiB work disk, snapshotted within the
    # region: no transfer; the image's snapshot stays at $0.05/GB-month.
    assert cost.move.transfer_usd == 0.0
    assert cost.root_gib > 0
    assert cost.move.size_gib == cost.root_gib + 30
    assert cost.image_monthly == pytest.approx(round(0.05 * cost.root_gib, 4))
    relocation = relocate_instance(session, REGION, instance, **FAST)

    assert relocation.zone != "us-east-1a"
    assert relocation.instance_type == TYPE
    # The image holds the system disk only: the work disk's device is mapped to nothing.
    # (moto images every volume anyway: the request is what AWS would act on.)
    assert images[0].params["BlockDeviceMapping.1.DeviceName"] == "/dev/sdf"
    assert b"BlockDeviceMapping.1.NoDevice=" in images[0].body
    ec2 = boto3.client("ec2", region_name=REGION)
    assert ec2.describe_images(ImageIds=[relocation.image_id])["Images"][0]["State"] == (
        "available"
    )
    # The work disk moved to the new zone with its name; the old one is gone.
    assert relocation.work_disk is not None
    moved = ec2.describe_volumes(VolumeIds=[relocation.work_disk.volume_id])["Volumes"][0]
    assert moved["AvailabilityZone"] == relocation.zone
    assert {t["Key"]: t["Value"] for t in moved["Tags"]} == DISK_TAGS
    with pytest.raises(ClientError):
        ec2.describe_volumes(VolumeIds=[disk])
    # The old machine stays stopped (terminated only when the user says so), without its disk.
    old = ec2.describe_instances(InstanceIds=[instance])["Reservations"][0]["Instances"][0]
    assert old["State"]["Name"] == "stopped"
    assert WORK_DISK_KEY not in {t["Key"] for t in old.get("Tags", [])}

    # A launch from the image in the new zone gets capacity and can attach the disk there.
    plan = relocated_plan(LaunchPlan(instance_type="g5.xlarge"), relocation)
    assert (plan.image_id, plan.region, plan.instance_type) == (
        relocation.image_id, REGION, TYPE,
    )  # fmt: skip
    with pytest.raises(ClientError) as refused:
        ec2.run_instances(
            ImageId=plan.image_id, MinCount=1, MaxCount=1, InstanceType=TYPE,
            Placement={"AvailabilityZone": "us-east-1a"},
        )  # fmt: skip
    assert refused.value.response["Error"]["Code"] == "InsufficientInstanceCapacity"
    new = ec2.run_instances(
        ImageId=plan.image_id, MinCount=1, MaxCount=1, InstanceType=TYPE,
        Placement={"AvailabilityZone": relocation.zone},
    )["Instances"][0]["InstanceId"]  # fmt: skip
    ec2.attach_volume(VolumeId=relocation.work_disk.volume_id, InstanceId=new, Device="/dev/sdf")


@needs_realism
def test_a_relocation_to_another_region_copies_the_image_and_resumes(
    aws: AwsEmulator, session: boto3.Session
) -> None:
    instance, _disk = _stopped_machine(aws)
    first = relocate_instance(session, REGION, instance, target_region="us-west-2", **FAST)
    assert first.region == "us-west-2"
    west = boto3.client("ec2", region_name="us-west-2")
    assert west.describe_images(ImageIds=[first.image_id])["Images"][0]["State"] == "available"
    assert first.work_disk is not None
    assert first.work_disk.region == "us-west-2"
    # Run again (say, the window closed before the launch): nothing is imaged or copied twice.
    again = relocate_instance(session, REGION, instance, target_region="us-west-2", **FAST)
    assert again.image_id == first.image_id
    assert again.resumed
    assert aws.calls.count("CreateImage") == 1
    assert aws.calls.count("CopyImage") == 1


def test_a_running_machine_is_not_relocated(aws: AwsEmulator, session: boto3.Session) -> None:
    instance, _disk = _stopped_machine(aws)
    boto3.client("ec2", region_name=REGION).start_instances(InstanceIds=[instance])
    with pytest.raises(WizardError) as caught:
        relocate_instance(session, REGION, instance, zone="us-east-1b", **FAST)
    assert caught.value.code == "not-stopped"
    assert f"ec2nb stop {instance}" in str(caught.value)
