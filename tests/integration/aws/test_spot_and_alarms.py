"""One-time spot instances and idle alarms against the emulator's realism layer: StopInstances
refuses a one-time spot instance (UnsupportedOperation), an alarm's stop action leaves it
running, and PutMetricAlarm with an EC2 action needs the CloudWatch service-linked role."""

from __future__ import annotations

from collections.abc import Callable

import boto3
import pytest

from app.cli import main
from app.core.aws.alarms import create_idle_alarm, idle_threshold
from app.core.aws.fleet import list_managed_instances, stop_instance
from app.core.aws.instances import InstanceInfo, InstanceSpec, run_instance
from app.core.aws.session import client
from app.core.aws.tags import new_launch_id
from app.core.errors import WizardError
from app.demo.service_realism import service_realism
from tests.integration.aws.conftest import settle
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import REGION

Launcher = Callable[..., InstanceInfo]


@pytest.fixture
def launch(session: boto3.Session, aws: AwsEmulator) -> Launcher:
    image = aws.seed_dlami(REGION)
    ec2 = client(session, "ec2", REGION)
    group = ec2.create_security_group(GroupName=f"g-{new_launch_id()}", Description="t")
    settle(aws)

    def start(*, market: str = "on-demand", spot_kind: str = "one-time") -> InstanceInfo:
        spec = InstanceSpec(
            launch_id=new_launch_id(),
            image_id=image,
            instance_type="g4dn.xlarge",
            key_name="",
            security_group_id=group["GroupId"],
            volume_gib=40,
            volume_type="gp3",
            delete_on_termination=True,
            market=market,
            user_data="",
            root_device_name="/dev/sda1",
            zones=[],
            spot_kind=spot_kind,
        )
        started = run_instance(session, REGION, spec)
        # These tests are about spot and alarms, not about EC2 catching up with a new instance.
        settle(aws)
        return started

    return start


def _state(session: boto3.Session, instance_id: str) -> str:
    ec2 = client(session, "ec2", REGION)
    reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    return str(reservations[0]["Instances"][0]["State"]["Name"])


def test_a_one_time_spot_instance_cannot_be_stopped_only_terminated(
    session: boto3.Session, launch: Launcher
) -> None:
    spot = launch(market="spot")
    with pytest.raises(WizardError) as raised:
        stop_instance(session, REGION, spot.instance_id, wait=False)
    assert raised.value.code == "spot-cannot-stop"
    assert "one-time spot instance" in raised.value.message
    assert "Terminate" in raised.value.hint
    assert "UnsupportedOperation" in raised.value.detail  # AWS's answer, for the log
    assert _state(session, spot.instance_id) == "running"
    # A persistent spot instance and an on-demand one stop as usual.
    for other in (launch(market="spot", spot_kind="persistent"), launch()):
        stop_instance(session, REGION, other.instance_id, poll_seconds=0.1)
        assert _state(session, other.instance_id) == "stopped"


def test_my_instances_knows_which_instances_can_stop(
    session: boto3.Session, launch: Launcher
) -> None:
    spot, persistent, on_demand = (
        launch(market="spot"),
        launch(market="spot", spot_kind="persistent"),
        launch(),
    )
    listed = {i.instance_id: i for i in list_managed_instances(session, regions=[REGION])}
    assert listed[spot.instance_id].can_stop is False
    assert listed[persistent.instance_id].can_stop is True
    assert listed[on_demand.instance_id].can_stop is True


def test_ec2nb_stop_says_why_and_offers_terminate(
    launch: Launcher, capsys: pytest.CaptureFixture[str]
) -> None:
    spot = launch(market="spot")
    assert main(["stop", spot.instance_id, "--region", REGION]) == 1
    err = capsys.readouterr().err
    assert "one-time spot instance: AWS cannot stop it, only terminate it" in err
    assert f"ec2nb terminate {spot.instance_id}" in err


def test_an_alarm_stop_action_leaves_a_one_time_spot_instance_running(
    session: boto3.Session, aws: AwsEmulator, launch: Launcher
) -> None:
    cloudwatch = client(session, "cloudwatch", REGION)
    spot, on_demand = launch(market="spot"), launch()
    for instance in (spot, on_demand):
        name = create_idle_alarm(
            session, REGION, instance.instance_id, instance.launch_id or "", 30
        )
        cloudwatch.set_alarm_state(AlarmName=name, StateValue="ALARM", StateReason="idle")
    assert _state(session, on_demand.instance_id) in ("stopping", "stopped")
    assert _state(session, spot.instance_id) == "running"
    assert service_realism(aws).spot.ignored_stop_actions == [
        (f"ec2nb-{spot.launch_id}-idle-stop", spot.instance_id)
    ]


def test_the_first_ec2_alarm_fails_without_the_service_linked_role(
    session: boto3.Session, aws: AwsEmulator, launch: Launcher
) -> None:
    role = service_realism(aws).alarm_role
    role.may_create = False
    instance = launch()
    with pytest.raises(WizardError) as raised:
        create_idle_alarm(session, REGION, instance.instance_id, instance.launch_id or "", 30)
    assert raised.value.code == "unauthorized"
    assert "iam:CreateServiceLinkedRole" in raised.value.message
    assert "AWSServiceRoleForCloudWatchEvents" in raised.value.detail
    # Once someone with the permission made the role, alarms are created.
    role.may_create = True
    create_idle_alarm(session, REGION, instance.instance_id, instance.launch_id or "", 30)
    assert role.exists


def test_the_idle_threshold_scales_with_the_vcpus(session: boto3.Session, launch: Launcher) -> None:
    # CPUUtilization averages every vCPU: one busy core of 192 is 0.52 %, far below 5 %.
    assert idle_threshold(4) == 5.0
    assert idle_threshold(192) == pytest.approx(0.26, abs=0.001)
    cloudwatch = client(session, "cloudwatch", REGION)
    instance = launch()
    name = create_idle_alarm(
        session, REGION, instance.instance_id, instance.launch_id or "", 30, vcpus=192
    )
    alarm = cloudwatch.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]
    assert alarm["Threshold"] == pytest.approx(0.26, abs=0.001)
