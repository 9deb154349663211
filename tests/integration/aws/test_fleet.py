"""The whole life of a launch against moto: provision, list, stop, start, terminate, clean up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import boto3
import pytest

from app.core.aws.amis import resolve_image
from app.core.aws.fleet import (
    cleanup_launch,
    create_idle_alarm,
    find_orphans,
    list_managed_instances,
    start_instance,
    stop_instance,
    terminate_instance,
)
from app.core.aws.provisioning import (
    InstanceSpec,
    console_host_keys,
    ensure_security_group,
    import_key_pair,
    public_ipv4,
    run_instance,
    wait_running,
)
from app.core.aws.tags import new_launch_id
from app.core.keys import generate_key, public_openssh_line
from tests.integration.aws.conftest import MY_IP, console_with_keys, host_key_lines, settle
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import DLAMI_FLAVOUR, REGION

FAST = {"poll_seconds": 0.01}


def _launch(session: boto3.Session, aws: AwsEmulator, region: str = REGION) -> tuple[str, str]:
    """Provision one instance the way the launch job does; returns (launch id, instance id)."""
    aws.seed_dlami(region)
    image = resolve_image(session, region, "latest", DLAMI_FLAVOUR)
    launch_id = new_launch_id()
    cidr = f"{public_ipv4(fetch=lambda: MY_IP)}/32"
    group = ensure_security_group(session, region, launch_id, cidr, https=False)
    key = import_key_pair(
        session, region, launch_id, public_openssh_line(generate_key("ed25519"), launch_id)
    )
    spec = InstanceSpec(
        launch_id, image.image_id, "g4dn.xlarge", key, group, 100, "gp3", True, "on-demand",
        "", image.root_device_name, [], created_ids=(key, group),
    )  # fmt: skip
    info = run_instance(session, region, spec)
    settle(aws)  # launched a while ago
    return launch_id, info.instance_id


def _state(instance_id: str, region: str = REGION) -> str:
    ec2 = boto3.client("ec2", region_name=region)
    reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    return str(reservations[0]["Instances"][0]["State"]["Name"])


@pytest.mark.usefixtures("no_pricing")
def test_full_cycle_leaves_nothing_behind(
    session: boto3.Session, aws: AwsEmulator, set_console: Callable[[str], None]
) -> None:
    launch_id, instance_id = _launch(session, aws)
    running = wait_running(session, REGION, instance_id, **FAST)
    lines = host_key_lines()
    set_console(console_with_keys(lines))
    assert console_host_keys(session, REGION, instance_id, **FAST) == lines
    create_idle_alarm(session, REGION, instance_id, launch_id, 60)
    assert set(aws.tagged_resources(REGION, launch_id)) == {
        "instances", "security_groups", "key_pairs", "volumes", "alarms",
    }  # fmt: skip

    listed = list_managed_instances(session, regions=[REGION])
    assert [(i.instance_id, i.launch_id, i.state) for i in listed] == [
        (instance_id, launch_id, "running")
    ]
    assert listed[0].hourly_price == pytest.approx(0.526)  # bundled table: Pricing is denied
    assert listed[0].price_source.startswith("bundled ")

    stopped = stop_instance(session, REGION, instance_id, **FAST)
    assert stopped.state == "stopped"
    assert _state(instance_id) == "stopped"
    started = start_instance(session, REGION, instance_id, **FAST)
    assert started.state == "running"
    assert started.public_ip
    assert started.public_ip != running.public_ip  # a stopped instance comes back elsewhere

    # A live instance blocks clean-up: nothing is deleted under it.
    blocked = cleanup_launch(session, REGION, launch_id, **FAST)
    assert blocked.deleted == []
    assert instance_id in blocked.kept[0]

    terminated = terminate_instance(session, REGION, instance_id, **FAST)
    assert terminated.state == "terminated"
    report = cleanup_launch(session, REGION, launch_id, **FAST)
    assert sorted(item.split(" (")[1] for item in report.deleted) == [
        "alarm)", "key pair)", "security group)",
    ]  # fmt: skip
    assert report.kept == []
    assert aws.tagged_resources(REGION, launch_id) == {}
    # Idempotent: a second clean-up finds nothing to do.
    assert cleanup_launch(session, REGION, launch_id, **FAST).deleted == []


@pytest.mark.usefixtures("no_pricing")
def test_instances_are_listed_in_every_enabled_region_with_their_cost(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    _, east = _launch(session, aws, "us-east-1")
    _, west = _launch(session, aws, "us-west-2")
    boto3.client("ec2", region_name=REGION).run_instances(  # not ours: no tags
        ImageId=aws.seed_dlami(REGION), InstanceType="t3.micro", MinCount=1, MaxCount=1
    )
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    listed = list_managed_instances(session, now=later)
    assert {(i.instance_id, i.region) for i in listed} == {(east, "us-east-1"), (west, "us-west-2")}
    for instance in listed:
        assert instance.uptime_seconds >= 2 * 3600
        compute = 0.526 * instance.uptime_seconds / 3600
        assert instance.compute_cost == pytest.approx(compute, 1e-3)
        # Plus the 100 GiB gp3 disk since launch: 0.08 USD per GiB-month, 730 h a month.
        assert instance.cost_so_far == pytest.approx(compute + 8.0 * 2 / 730, abs=2e-3)
    # Every enabled region was asked, in parallel.
    assert aws.calls.count("DescribeInstances") >= 17


@pytest.mark.usefixtures("no_pricing")
def test_cleanup_waits_until_the_group_is_released(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    launch_id, instance_id = _launch(session, aws)
    terminate_instance(session, REGION, instance_id, **FAST)
    aws.inject(
        "DeleteSecurityGroup", "DependencyViolation", message="has a dependent object", times=2
    )
    waits: list[str] = []
    report = cleanup_launch(
        session, REGION, launch_id, progress=lambda _s, m: waits.append(m), **FAST
    )
    assert any("security group" in item for item in report.deleted)
    assert aws.calls.count("DeleteSecurityGroup") == 3
    assert sum("release the network interface" in w for w in waits) == 2


@pytest.mark.usefixtures("no_pricing")
def test_cleanup_gives_up_on_a_group_still_in_use(session: boto3.Session, aws: AwsEmulator) -> None:
    launch_id, instance_id = _launch(session, aws)
    terminate_instance(session, REGION, instance_id, **FAST)
    aws.inject("DeleteSecurityGroup", "DependencyViolation", times=10_000)
    report = cleanup_launch(session, REGION, launch_id, timeout=0.05, poll_seconds=0.01)
    assert any("still in use" in item for item in report.kept)
    assert any("key pair" in item for item in report.deleted)


@pytest.mark.usefixtures("no_pricing")
def test_cleanup_touches_only_its_own_launch(session: boto3.Session, aws: AwsEmulator) -> None:
    first, first_instance = _launch(session, aws)
    second, _ = _launch(session, aws)
    terminate_instance(session, REGION, first_instance, **FAST)
    cleanup_launch(session, REGION, first, **FAST)
    assert aws.tagged_resources(REGION, first) == {}
    assert set(aws.tagged_resources(REGION, second)) >= {
        "instances", "security_groups", "key_pairs",
    }  # fmt: skip


@pytest.mark.usefixtures("no_pricing")
def test_orphans_are_the_resources_of_launches_without_an_instance(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    alive, _ = _launch(session, aws)
    gone, gone_instance = _launch(session, aws)
    terminate_instance(session, REGION, gone_instance, **FAST)
    half = new_launch_id()  # a launch that stopped before its instance
    group = ensure_security_group(session, REGION, half, MY_IP, https=False)
    orphans = find_orphans(session, regions=[REGION])
    assert {(o.launch_id, o.kind) for o in orphans} == {
        (gone, "security-group"), (gone, "key-pair"), (half, "security-group"),
    }  # fmt: skip
    assert group in {o.resource_id for o in orphans}
    assert alive not in {o.launch_id for o in orphans}


def test_idle_alarm_stops_the_instance_after_the_idle_time(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    name = create_idle_alarm(session, REGION, "i-0123456789abcdef0", "launch-1", 45)
    alarm = boto3.client("cloudwatch", region_name=REGION).describe_alarms(AlarmNames=[name])[
        "MetricAlarms"
    ][0]
    assert alarm["AlarmActions"] == [f"arn:aws:automate:{REGION}:ec2:stop"]
    assert alarm["MetricName"] == "CPUUtilization"
    assert alarm["Dimensions"] == [{"Name": "InstanceId", "Value": "i-0123456789abcdef0"}]
    assert alarm["ComparisonOperator"] == "LessThanThreshold"
    assert alarm["Threshold"] == 5.0
    assert alarm["Period"] * alarm["EvaluationPeriods"] == 45 * 60
