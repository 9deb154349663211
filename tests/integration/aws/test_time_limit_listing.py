"""The hard time limit as the fleet sees it: the instance's tag, and the moment counted from the
last start (EC2 resets LaunchTime on every start; the emulator does too: realism_launch_time)."""

from __future__ import annotations

import datetime as dt

import boto3
import pytest

from app.core.aws.amis import resolve_image
from app.core.aws.fleet import list_managed_instances, start_instance, stop_instance
from app.core.aws.provisioning import (
    InstanceSpec,
    ensure_security_group,
    import_key_pair,
    run_instance,
)
from app.core.aws.tags import MAX_HOURS_KEY, new_launch_id
from app.core.keys import generate_key, public_openssh_line
from tests.integration.aws.conftest import MY_IP, settle
from tests.support.aws_emulator import AwsEmulator, needs_realism
from tests.support.constants import DLAMI_FLAVOUR, REGION

FAST = {"poll_seconds": 0.01}


def _launch(session: boto3.Session, aws: AwsEmulator, tags: dict[str, str]) -> str:
    aws.seed_dlami(REGION)
    image = resolve_image(session, REGION, "latest", DLAMI_FLAVOUR)
    launch_id = new_launch_id()
    group = ensure_security_group(session, REGION, launch_id, f"{MY_IP}/32", https=False)
    key = import_key_pair(
        session, REGION, launch_id, public_openssh_line(generate_key("ed25519"), launch_id)
    )
    spec = InstanceSpec(
        launch_id, image.image_id, "g4dn.xlarge", key, group, 100, "gp3", True, "on-demand",
        "", image.root_device_name, [], created_ids=(key, group), extra_tags=tags,
    )  # fmt: skip
    info = run_instance(session, REGION, spec)
    settle(aws)
    return info.instance_id


def _launch_time(instance_id: str) -> dt.datetime:
    ec2 = boto3.client("ec2", region_name=REGION)
    raw = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    return raw["LaunchTime"]  # type: ignore[no-any-return]


def _rewind(aws: AwsEmulator, instance_id: str, hours: float) -> None:
    """The instance was launched ``hours`` ago (moto keeps LaunchTime as a naive UTC time)."""
    instance = aws.ec2_backend(REGION).get_instance(instance_id)
    instance.launch_time -= dt.timedelta(hours=hours)


@pytest.mark.usefixtures("no_pricing")
@needs_realism
def test_the_limit_counts_from_the_last_start(session: boto3.Session, aws: AwsEmulator) -> None:
    limited = _launch(session, aws, {MAX_HOURS_KEY: "3"})
    unlimited = _launch(session, aws, {})
    _rewind(aws, limited, 2)
    listed = {i.instance_id: i for i in list_managed_instances(session, regions=[REGION])}
    assert listed[unlimited].limit_stops_at is None
    first = listed[limited].limit_stops_at
    assert listed[limited].max_hours == 3
    assert first == _launch_time(limited) + dt.timedelta(hours=3)
    assert first - dt.datetime.now(dt.UTC) < dt.timedelta(hours=1, minutes=1)

    stop_instance(session, REGION, limited, **FAST)
    listed = {i.instance_id: i for i in list_managed_instances(session, regions=[REGION])}
    assert listed[limited].limit_stops_at is None  # stopped: nothing to stop

    start_instance(session, REGION, limited, **FAST)
    again = {i.instance_id: i for i in list_managed_instances(session, regions=[REGION])}
    # A new start, a new count: three hours from now, not one.
    stops = again[limited].limit_stops_at
    assert stops is not None
    assert stops - dt.datetime.now(dt.UTC) > dt.timedelta(hours=2, minutes=59)


@needs_realism
def test_starting_a_running_instance_keeps_its_launch_time(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    instance_id = _launch(session, aws, {})
    _rewind(aws, instance_id, 1)
    before = _launch_time(instance_id)
    boto3.client("ec2", region_name=REGION).start_instances(InstanceIds=[instance_id])
    assert _launch_time(instance_id) == before
