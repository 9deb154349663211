"""EC2's eventual consistency: what the launch just created may be invisible for a moment.

The emulator plays AWS ("Eventual consistency in the Amazon EC2 API"): for a short window after
the app creates an instance, group or key pair, calls naming it answer NotFound and filtered
Describes do not list it. The launch retries NotFound about its own new ids only; an id the
user typed still fails at once.
"""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from app.core.aws.amis import resolve_image
from app.core.aws.fleet import terminate_instance
from app.core.aws.provisioning import (
    InstanceSpec,
    console_host_keys,
    ensure_security_group,
    import_key_pair,
    launch_instances,
    run_instance,
    wait_running,
)
from app.core.aws.session import client
from app.core.aws.tags import new_launch_id
from app.core.errors import WizardError
from app.core.keys import generate_key, public_openssh_line
from app.demo.realism_consistency import EventualConsistency
from tests.integration.aws.conftest import MY_IP, console_with_keys, host_key_lines, settle
from tests.support.aws_emulator import AwsEmulator, needs_realism
from tests.support.constants import DLAMI_FLAVOUR, REGION

pytestmark = needs_realism


def _consistency(aws: AwsEmulator) -> EventualConsistency:
    return aws.behaviour(EventualConsistency)


def _fresh_launch(
    session: boto3.Session, aws: AwsEmulator, *, created: bool = True
) -> InstanceSpec:
    """A group and key pair made just now (AWS does not see them yet), as in a launch."""
    aws.seed_dlami(REGION)
    image = resolve_image(session, REGION, "latest", DLAMI_FLAVOUR)
    launch_id = new_launch_id()
    group = ensure_security_group(session, REGION, launch_id, MY_IP, https=False)
    key = import_key_pair(session, REGION, launch_id, public_openssh_line(generate_key(), "t"))
    return InstanceSpec(
        launch_id, image.image_id, "g4dn.xlarge", key, group, 120, "gp3", True, "on-demand",
        "", image.root_device_name, [], created_ids=(key, group) if created else (),
    )  # fmt: skip


def test_the_emulator_answers_not_found_as_aws_does(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    ec2 = client(session, "ec2", REGION)
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    group = ec2.create_security_group(GroupName="g", Description="d", VpcId=vpc)["GroupId"]
    with pytest.raises(ClientError) as caught:
        ec2.describe_security_groups(GroupIds=[group])
    error = caught.value.response
    assert error["Error"]["Code"] == "InvalidGroup.NotFound"
    assert error["Error"]["Message"] == f"The security group '{group}' does not exist"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    # A test's own client (the oracle) sees the truth; the app sees it once AWS caught up.
    assert boto3.client("ec2", region_name=REGION).describe_security_groups(GroupIds=[group])
    settle(aws)
    assert ec2.describe_security_groups(GroupIds=[group])["SecurityGroups"]


def test_a_new_group_gets_its_rule_although_aws_does_not_list_it_yet(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    group = ensure_security_group(session, REGION, "launch-ec1", MY_IP, https=True)
    assert any(r.startswith("AuthorizeSecurityGroupIngress") for r in _consistency(aws).refused)
    rules = boto3.client("ec2", region_name=REGION).describe_security_groups(GroupIds=[group])
    ports = {p["FromPort"] for p in rules["SecurityGroups"][0]["IpPermissions"]}
    assert ports == {22, 8888}


def test_a_group_id_the_user_typed_fails_at_once(session: boto3.Session, aws: AwsEmulator) -> None:
    with pytest.raises(WizardError) as caught:
        ensure_security_group(
            session, REGION, "launch-ec2", MY_IP, https=False,
            existing_group_id="sg-0123456789abcdef0",
        )  # fmt: skip
    assert caught.value.code == "bad-group"
    assert aws.calls.count("DescribeSecurityGroups") == 1  # asked once, not retried


def test_the_instance_starts_with_the_key_pair_and_group_made_just_before(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    info = run_instance(session, REGION, _fresh_launch(session, aws))
    assert info.instance_id.startswith("i-")
    assert any(r.startswith("RunInstances") for r in _consistency(aws).refused)


def test_a_key_pair_the_launch_did_not_make_is_not_waited_for(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    spec = _fresh_launch(session, aws, created=False)
    with pytest.raises(WizardError) as caught:
        run_instance(session, REGION, spec)
    assert caught.value.code in {"bad-key-pair", "bad-group"}
    assert aws.calls.count("RunInstances") == 1


def test_waiting_for_the_new_instance_outlasts_its_invisible_moment(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    spec = _fresh_launch(session, aws)
    info = run_instance(session, REGION, spec)
    running = wait_running(session, REGION, info.instance_id, poll_seconds=0.01, created=True)
    assert running.state == "running"
    assert f"DescribeInstances {info.instance_id}" in _consistency(aws).refused


def test_an_instance_id_not_started_here_is_not_waited_for(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    with pytest.raises(WizardError):
        wait_running(session, REGION, "i-0123456789abcdef0", poll_seconds=0.01)
    assert aws.calls.count("DescribeInstances") == 1


def test_host_keys_are_read_right_after_the_start(
    session: boto3.Session, aws: AwsEmulator, set_console: object
) -> None:
    lines = host_key_lines()
    set_console(console_with_keys(lines))  # type: ignore[operator]
    info = run_instance(session, REGION, _fresh_launch(session, aws))
    keys = console_host_keys(session, REGION, info.instance_id, poll_seconds=0.01, created=True)
    assert keys == lines


def test_a_launch_cancelled_right_after_the_start_still_ends_its_instance(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    info = run_instance(session, REGION, _fresh_launch(session, aws))
    gone = terminate_instance(session, REGION, info.instance_id, poll_seconds=0.01, created=True)
    assert gone.state == "terminated"


def test_the_tag_search_misses_the_new_instance_but_an_immediate_rerun_starts_no_second_one(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    spec = _fresh_launch(session, aws)
    first = run_instance(session, REGION, spec)
    assert launch_instances(session, REGION, spec.launch_id) == []  # not listed yet
    again = run_instance(session, REGION, spec)  # the ClientToken finds it
    assert again.instance_id == first.instance_id
    ec2 = boto3.client("ec2", region_name=REGION)
    listed = ec2.describe_instances(
        Filters=[{"Name": "tag:ec2nb:launch-id", "Values": [spec.launch_id]}]
    )
    assert [i["InstanceId"] for r in listed["Reservations"] for i in r["Instances"]] == [
        first.instance_id
    ]
    settle(aws)
    assert [i.instance_id for i in launch_instances(session, REGION, spec.launch_id)] == [
        first.instance_id
    ]


def test_an_immediate_rerun_of_the_key_pair_step_reuses_the_pair(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    line = public_openssh_line(generate_key(), "me")
    name = import_key_pair(session, REGION, "launch-ec3", line)
    assert import_key_pair(session, REGION, "launch-ec3", line) == name
    assert aws.calls.count("ImportKeyPair") == 2  # the second answered Duplicate


def test_an_immediate_rerun_of_the_group_step_reuses_the_group(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    group = ensure_security_group(session, REGION, "launch-ec4", MY_IP, https=False)
    _consistency(aws).hide("group", group)  # the tag search does not list it yet
    again = ensure_security_group(session, REGION, "launch-ec4", MY_IP, https=False)
    assert again == group
    assert aws.calls.count("CreateSecurityGroup") == 2  # the second answered Duplicate
