"""Provisioning against the moto server: security group, key pair, instance, host keys."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import replace

import boto3
import pytest

from app.core.aws import session as session_module
from app.core.aws.amis import resolve_image
from app.core.aws.provisioning import (
    InstanceInfo,
    InstanceSpec,
    console_host_keys,
    ensure_security_group,
    import_key_pair,
    public_ipv4,
    run_instance,
    wait_running,
)
from app.core.aws.tags import new_launch_id
from app.core.errors import WizardError
from app.core.keys import generate_key, public_openssh_line
from app.core.progress import CancelToken
from app.demo.realism_capacity import Capacity
from tests.integration.aws.conftest import MY_IP, console_with_keys, host_key_lines, settle
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import DLAMI_FLAVOUR, REGION


def _ec2() -> object:
    return boto3.client("ec2", region_name=REGION)


def _prepared(session: boto3.Session, aws: AwsEmulator, **changes: object) -> InstanceSpec:
    """A launch with its group and key pair made, ready for ``run_instance``."""
    aws.seed_dlami(REGION)
    image = resolve_image(session, REGION, "latest", DLAMI_FLAVOUR)
    launch_id = new_launch_id()
    group = ensure_security_group(session, REGION, launch_id, MY_IP, https=False)
    key = import_key_pair(
        session, REGION, launch_id, public_openssh_line(generate_key("ed25519"), "t")
    )
    spec = InstanceSpec(
        launch_id=launch_id,
        image_id=image.image_id,
        instance_type="g4dn.xlarge",
        key_name=key,
        security_group_id=group,
        volume_gib=120,
        volume_type="gp3",
        delete_on_termination=True,
        market="on-demand",
        user_data="#!/bin/bash\necho ec2nb-bootstrap\n",
        root_device_name=image.root_device_name,
        zones=[],
        min_volume_gib=image.root_volume_gib,
    )
    settle(aws)  # the group and key pair were made "a while ago"
    return replace(spec, **changes)  # type: ignore[arg-type]


def _started(session: boto3.Session, aws: AwsEmulator) -> InstanceInfo:
    """An instance started a while ago (the waits right after the start: see
    test_eventual_consistency.py)."""
    info = run_instance(session, REGION, _prepared(session, aws))
    settle(aws)
    return info


def _instance(instance_id: str) -> dict[str, object]:
    ec2 = boto3.client("ec2", region_name=REGION)
    return ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]


def test_instance_is_started_as_asked(session: boto3.Session, aws: AwsEmulator) -> None:
    spec = _prepared(session, aws)
    info = run_instance(session, REGION, spec)
    ec2 = boto3.client("ec2", region_name=REGION)
    raw = _instance(info.instance_id)
    assert raw["MetadataOptions"]["HttpTokens"] == "required"  # IMDSv2 only
    assert raw["KeyName"] == spec.key_name
    assert [g["GroupId"] for g in raw["SecurityGroups"]] == [spec.security_group_id]
    shutdown = ec2.describe_instance_attribute(
        InstanceId=info.instance_id, Attribute="instanceInitiatedShutdownBehavior"
    )
    assert shutdown["InstanceInitiatedShutdownBehavior"]["Value"] == "stop"
    user_data = ec2.describe_instance_attribute(InstanceId=info.instance_id, Attribute="userData")
    assert base64.b64decode(user_data["UserData"]["Value"]).decode() == spec.user_data
    volume = ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [info.instance_id]}]
    )["Volumes"][0]
    assert (volume["Size"], volume["VolumeType"], volume["Encrypted"]) == (120, "gp3", True)
    for tags in (raw["Tags"], volume["Tags"]):
        assert {t["Key"]: t["Value"] for t in tags} == {
            "ec2nb:managed": "true",
            "ec2nb:launch-id": spec.launch_id,
            "Name": f"ec2nb-{spec.launch_id}",
        }
    assert info.launch_id == spec.launch_id
    assert info.zone.startswith(REGION)


def test_running_again_returns_the_same_instance(session: boto3.Session, aws: AwsEmulator) -> None:
    spec = _prepared(session, aws)
    first = run_instance(session, REGION, spec)
    settle(aws)  # found by its tag (an immediate re-run: see test_eventual_consistency.py)
    again = run_instance(session, REGION, spec)
    assert again.instance_id == first.instance_id
    assert aws.calls.count("RunInstances") == 1


def test_no_capacity_in_the_first_zone_lands_in_the_next(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    spec = _prepared(session, aws, zones=["us-east-1a", "us-east-1b", "us-east-1c"])
    aws.behaviour(Capacity).no_capacity("us-east-1a", "g4dn.xlarge")
    events: list[str] = []
    info = run_instance(session, REGION, spec, progress=lambda _s, m: events.append(m))
    assert info.zone == "us-east-1b"
    assert aws.calls.count("RunInstances") == 2
    assert any("us-east-1a" in e and "next zone" in e for e in events)


def test_zones_default_to_those_offering_the_type(session: boto3.Session, aws: AwsEmulator) -> None:
    # moto's offering data has no g4dn.xlarge in us-east-1e: it must never be asked for.
    spec = _prepared(session, aws)
    aws.inject("RunInstances", "InsufficientInstanceCapacity", status=500, times=4)
    info = run_instance(session, REGION, spec)
    assert info.zone == "us-east-1f"
    assert aws.calls.count("RunInstances") == 5


def test_every_zone_full_says_so(session: boto3.Session, aws: AwsEmulator) -> None:
    spec = _prepared(session, aws, zones=["us-east-1a", "us-east-1b"])
    aws.behaviour(Capacity).no_capacity("us-east-1a")
    aws.behaviour(Capacity).no_capacity("us-east-1b")
    with pytest.raises(WizardError) as caught:
        run_instance(session, REGION, spec)
    assert caught.value.code == "no-capacity"
    assert "every zone was tried" in caught.value.message
    assert "us-east-1a: InsufficientInstanceCapacity" in caught.value.detail


def test_spot_without_capacity_offers_on_demand(session: boto3.Session, aws: AwsEmulator) -> None:
    spec = _prepared(session, aws, zones=["us-east-1a"], market="spot")
    aws.inject("RunInstances", "InsufficientInstanceCapacity", status=500)
    with pytest.raises(WizardError) as caught:
        run_instance(session, REGION, spec)
    assert caught.value.code == "no-spot-capacity"
    assert "on-demand" in caught.value.hint


def test_spot_instance_request(session: boto3.Session, aws: AwsEmulator) -> None:
    spec = _prepared(session, aws, market="spot")
    info = run_instance(session, REGION, spec)
    assert info.market == "spot"
    shutdown = boto3.client("ec2", region_name=REGION).describe_instance_attribute(
        InstanceId=info.instance_id, Attribute="instanceInitiatedShutdownBehavior"
    )
    # One-time spot instances cannot be stopped; an OS shutdown ends them.
    assert shutdown["InstanceInitiatedShutdownBehavior"]["Value"] == "terminate"


def test_persistent_spot_instance_stops_instead_of_ending(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    spec = _prepared(session, aws, market="spot", spot_kind="persistent")
    info = run_instance(session, REGION, spec)
    shutdown = boto3.client("ec2", region_name=REGION).describe_instance_attribute(
        InstanceId=info.instance_id, Attribute="instanceInitiatedShutdownBehavior"
    )
    assert shutdown["InstanceInitiatedShutdownBehavior"]["Value"] == "stop"
    assert info.market == "spot"


def test_vcpu_limit_is_not_retried_in_other_zones(session: boto3.Session, aws: AwsEmulator) -> None:
    spec = _prepared(session, aws)
    aws.behaviour(Capacity).vcpu_limit(0)
    with pytest.raises(WizardError) as caught:
        run_instance(session, REGION, spec)
    assert caught.value.code == "vcpu-quota"
    assert "g4dn" in caught.value.message
    assert REGION in caught.value.message
    assert "Running On-Demand G and VT instances" in caught.value.hint
    assert aws.calls.count("RunInstances") == 1


def test_throttling_is_retried(session: boto3.Session, aws: AwsEmulator) -> None:
    spec = _prepared(session, aws)
    aws.inject("RunInstances", "RequestLimitExceeded", message="Request limit exceeded.")
    info = run_instance(session, REGION, spec)
    assert info.instance_id.startswith("i-")
    assert aws.calls.count("RunInstances") == 2


def test_throttling_that_does_not_stop_is_reported(
    session: boto3.Session, aws: AwsEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_module, "RETRY_ATTEMPTS", 2)
    spec = _prepared(session, aws)
    aws.inject("RunInstances", "RequestLimitExceeded", times=100)
    with pytest.raises(WizardError) as caught:
        run_instance(session, REGION, spec)
    assert caught.value.code == "throttled"
    assert aws.calls.count("RunInstances") == 2


def test_root_volume_cannot_be_smaller_than_the_image(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    spec = _prepared(session, aws)
    with pytest.raises(WizardError) as caught:
        run_instance(session, REGION, replace(spec, volume_gib=spec.min_volume_gib - 1))
    assert caught.value.code == "invalid-plan"
    assert "RunInstances" not in aws.calls


def test_wait_running_reports_progress_and_the_address(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    info = _started(session, aws)
    running = wait_running(session, REGION, info.instance_id, poll_seconds=0.01)
    assert running.state == "running"
    assert running.public_ip


def test_wait_running_fails_when_the_instance_is_gone(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    info = _started(session, aws)
    boto3.client("ec2", region_name=REGION).terminate_instances(InstanceIds=[info.instance_id])
    with pytest.raises(WizardError) as caught:
        wait_running(session, REGION, info.instance_id, poll_seconds=0.01)
    assert caught.value.code == "instance-gone"


def test_wait_running_gives_a_stopped_instance_a_moment(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    info = _started(session, aws)
    boto3.client("ec2", region_name=REGION).stop_instances(InstanceIds=[info.instance_id])
    waits: list[str] = []
    with pytest.raises(WizardError) as caught:
        wait_running(
            session, REGION, info.instance_id, progress=lambda _s, m: waits.append(m),
            poll_seconds=0.01, stopped_grace=0.1,
        )  # fmt: skip
    assert caught.value.code == "instance-gone"
    assert "stopped" in caught.value.message
    assert waits  # it kept polling through the grace period first


def test_host_keys_come_from_the_console_once_printed(
    session: boto3.Session, aws: AwsEmulator, set_console: Callable[[str], None]
) -> None:
    info = _started(session, aws)
    lines = host_key_lines()
    waits: list[str] = []

    def progress(_step: str, message: str) -> None:
        # The first answer has no keys yet; cloud-init prints them "later".
        waits.append(message)
        set_console(console_with_keys(lines))

    set_console("[    0.000] Linux version 6.8.0-1021-aws\n")
    keys = console_host_keys(
        session, REGION, info.instance_id, progress=progress, poll_seconds=0.01
    )
    assert keys == lines
    assert aws.calls.count("GetConsoleOutput") == 2
    assert "waiting for the host keys" in waits[0]


def test_host_keys_that_never_appear_time_out(session: boto3.Session, aws: AwsEmulator) -> None:
    info = _started(session, aws)
    with pytest.raises(WizardError) as caught:
        console_host_keys(session, REGION, info.instance_id, timeout=0.05, poll_seconds=0.01)
    assert caught.value.code == "no-host-keys"


def test_cancel_stops_the_host_key_wait(session: boto3.Session, aws: AwsEmulator) -> None:
    info = _started(session, aws)
    cancel = CancelToken()
    with pytest.raises(WizardError) as caught:
        console_host_keys(
            session, REGION, info.instance_id, progress=lambda *_: cancel.cancel(), cancel=cancel
        )
    assert caught.value.code == "cancelled"


def test_public_ip_lookup_is_injected_and_checked() -> None:
    assert public_ipv4(fetch=lambda: " 198.51.100.23\n") == "198.51.100.23"
    for answer, code in (("<html>", "no-public-ip"), ("192.168.1.20", "no-public-ip")):
        with pytest.raises(WizardError) as caught:
            public_ipv4(fetch=lambda a=answer: a)  # type: ignore[misc]
        assert caught.value.code == code

    def offline() -> str:
        raise OSError("network unreachable")

    with pytest.raises(WizardError) as caught:
        public_ipv4(fetch=offline)
    assert caught.value.code == "network"
