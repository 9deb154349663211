"""Capacity and limits as AWS answers them per zone, subnet, type and market.

The emulator's declared shortages (:mod:`app.demo.realism_capacity`) give AWS's codes, statuses
and messages; the launch fails over to the next zone where that helps and says what to do
where it does not.
"""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from app.core.aws.amis import resolve_image
from app.core.aws.provisioning import (
    InstanceSpec,
    ensure_security_group,
    import_key_pair,
    run_instance,
)
from app.core.aws.session import client
from app.core.aws.tags import new_launch_id
from app.core.errors import WizardError
from app.core.keys import generate_key, public_openssh_line
from app.demo.realism_capacity import Capacity
from tests.integration.aws.conftest import MY_IP, settle
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import DLAMI_FLAVOUR, REGION

ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"]


def _spec(session: boto3.Session, aws: AwsEmulator, market: str = "on-demand") -> InstanceSpec:
    aws.seed_dlami(REGION)
    image = resolve_image(session, REGION, "latest", DLAMI_FLAVOUR)
    launch_id = new_launch_id()
    group = ensure_security_group(session, REGION, launch_id, MY_IP, https=False)
    key = import_key_pair(session, REGION, launch_id, public_openssh_line(generate_key(), "t"))
    settle(aws)
    return InstanceSpec(
        launch_id, image.image_id, "g4dn.xlarge", key, group, 120, "gp3", True, market, "",
        image.root_device_name, list(ZONES),
    )  # fmt: skip


def _capacity(aws: AwsEmulator) -> Capacity:
    return aws.behaviour(Capacity)


def _refusal(aws: AwsEmulator, session: boto3.Session, zone: str) -> dict[str, object]:
    """What RunInstances answers in ``zone`` (the emulator's wording, seen by botocore)."""
    ec2 = client(session, "ec2", REGION, max_attempts=1)
    spec = _spec(session, aws)
    with pytest.raises(ClientError) as caught:
        ec2.run_instances(
            ImageId=spec.image_id, InstanceType=spec.instance_type, MinCount=1, MaxCount=1,
            Placement={"AvailabilityZone": zone},
        )  # fmt: skip
    return dict(caught.value.response)


def test_no_capacity_is_a_server_error_that_names_the_zones_that_have_it(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    _capacity(aws).no_capacity("us-east-1a", "g4dn.xlarge")
    answer = _refusal(aws, session, "us-east-1a")
    error = answer["Error"]
    assert error["Code"] == "InsufficientInstanceCapacity"  # type: ignore[index]
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 500  # type: ignore[index]
    message = error["Message"]  # type: ignore[index]
    assert (
        "sufficient g4dn.xlarge capacity in the Availability Zone you requested (us-east-1a)"
        in message
    )
    assert "us-east-1b" in message
    assert "choosing us-east-1a" not in message


def test_a_subnet_without_free_addresses_fails_over_to_the_next_zone(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    spec = _spec(session, aws)
    _capacity(aws).no_free_addresses("us-east-1a")
    events: list[str] = []
    info = run_instance(session, REGION, spec, progress=lambda _s, m: events.append(m))
    assert info.zone == "us-east-1b"
    assert any("us-east-1a" in e and "next zone" in e for e in events)


def test_no_free_addresses_anywhere_says_so(session: boto3.Session, aws: AwsEmulator) -> None:
    spec = _spec(session, aws)
    _capacity(aws).no_free_addresses()
    with pytest.raises(WizardError) as caught:
        run_instance(session, REGION, spec)
    assert caught.value.code == "no-capacity"
    assert "no free IP address" in caught.value.message
    assert "us-east-1c: InsufficientFreeAddressesInSubnet" in caught.value.detail


def test_a_type_unsupported_in_a_zone_is_tried_elsewhere(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    spec = _spec(session, aws)
    _capacity(aws).unsupported("us-east-1a", "g4dn.xlarge")
    assert run_instance(session, REGION, spec).zone == "us-east-1b"


def test_the_instance_limit_has_its_own_message(session: boto3.Session, aws: AwsEmulator) -> None:
    spec = _spec(session, aws)
    _capacity(aws).instance_limit()
    with pytest.raises(WizardError) as caught:
        run_instance(session, REGION, spec)
    assert caught.value.code == "instance-limit"
    assert "instance limit" in caught.value.message
    assert "vCPU" not in caught.value.message
    assert aws.calls.count("RunInstances") == 1  # not a zone's problem: no failover


def test_the_vcpu_limit_holds_for_on_demand_only(session: boto3.Session, aws: AwsEmulator) -> None:
    _capacity(aws).vcpu_limit(0)
    with pytest.raises(WizardError) as caught:
        run_instance(session, REGION, _spec(session, aws))
    assert caught.value.code == "vcpu-quota"
    assert "limit of 0" in caught.value.detail
    assert run_instance(session, REGION, _spec(session, aws, "spot")).market == "spot"


def test_the_spot_limit_holds_for_spot_only(session: boto3.Session, aws: AwsEmulator) -> None:
    _capacity(aws).spot_limit()
    with pytest.raises(WizardError) as caught:
        run_instance(session, REGION, _spec(session, aws, "spot"))
    assert caught.value.code == "spot-quota"
    assert "Max spot instance count exceeded" in caught.value.detail
    assert run_instance(session, REGION, _spec(session, aws)).market == "on-demand"
