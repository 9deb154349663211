"""Changing the GPU type of a stopped instance, and starting one when its zone lacks capacity,
against the emulator with its realism layer (app/demo/realism_resize.py)."""

from __future__ import annotations

import json
import threading

import boto3
import pytest
from botocore.exceptions import ClientError

from app.cli import main
from app.core.aws.amis import resolve_image
from app.core.aws.capacity import lacks_capacity, start_when_capacity
from app.core.aws.fleet import list_managed_instances, start_instance, stop_instance
from app.core.aws.provisioning import (
    InstanceSpec,
    ensure_security_group,
    import_key_pair,
    run_instance,
)
from app.core.aws.resize import check_resize, resize_instance, resize_options
from app.core.aws.session import client
from app.core.aws.tags import new_launch_id
from app.core.errors import Cancelled, WizardError
from app.core.keys import generate_key, public_openssh_line
from app.core.progress import CancelToken
from app.core.sentence import Sentence
from app.demo.realism_capacity import Capacity
from app.demo.realism_resize import ResizeRules
from app.demo.services import emulate_missing_services
from tests.integration.aws.conftest import MY_IP, settle
from tests.support.aws_emulator import AwsEmulator, needs_realism
from tests.support.constants import DLAMI_FLAVOUR, REGION

ZONE = "us-east-1f"  # offers g4dn and g5, not g6e: the zone test needs such a type
FAST = {"poll_seconds": 0.01}
G_ON_DEMAND = "L-DB2E81BA"


def _launch(
    session: boto3.Session, aws: AwsEmulator, *, market: str = "on-demand", stop: bool = True
) -> str:
    """A g4dn.xlarge launched in ZONE the way the launch job does it (stopped by default)."""
    aws.seed_dlami(REGION)
    image = resolve_image(session, REGION, "latest", DLAMI_FLAVOUR)
    launch_id = new_launch_id()
    group = ensure_security_group(session, REGION, launch_id, MY_IP, https=False)
    key = import_key_pair(session, REGION, launch_id, public_openssh_line(generate_key(), "t"))
    spec = InstanceSpec(
        launch_id, image.image_id, "g4dn.xlarge", key, group, 100, "gp3", True, market, "",
        image.root_device_name, [ZONE], created_ids=(key, group),
    )  # fmt: skip
    instance_id = run_instance(session, REGION, spec).instance_id
    settle(aws)
    if stop:
        stop_instance(session, REGION, instance_id, **FAST)
    return instance_id


def _truth(instance_id: str) -> tuple[str, str]:
    """(type, state) as a test's own client sees them."""
    ec2 = boto3.client("ec2", region_name=REGION)
    raw = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    return raw["InstanceType"], raw["State"]["Name"]


@pytest.fixture
def priced(aws: AwsEmulator) -> None:
    """Pricing and Service Quotas answer (every quota unknown: the start is not held back)."""
    emulate_missing_services(aws, applied=())


@pytest.mark.usefixtures("priced")
def test_resize_of_a_stopped_instance_changes_its_type_and_price(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    instance_id = _launch(session, aws)
    before = {i.instance_id: i for i in list_managed_instances(session, regions=[REGION])}
    notes: list[str] = []

    result = resize_instance(
        session, REGION, instance_id, "g5.xlarge",
        progress=lambda _s, m: notes.append(str(m)), **FAST,
    )  # fmt: skip

    assert (result.old_type, result.new_type, result.started) == ("g4dn.xlarge", "g5.xlarge", True)
    assert result.state == "running"
    assert result.public_ip
    assert _truth(instance_id) == ("g5.xlarge", "running")
    after = {i.instance_id: i for i in list_managed_instances(session, regions=[REGION])}
    assert after[instance_id].instance_type == "g5.xlarge"
    assert before[instance_id].hourly_price == pytest.approx(result.old_price)
    assert after[instance_id].hourly_price == pytest.approx(result.new_price)
    assert result.new_price is not None
    assert result.old_price is not None
    assert result.new_price > result.old_price
    said = "\n".join(notes)
    assert f"from g4dn.xlarge (${result.old_price:.3f}/h) to g5.xlarge" in said
    assert f"(${result.new_price:.3f}/h)" in said


@pytest.mark.usefixtures("priced")
def test_resize_without_start_leaves_it_stopped(session: boto3.Session, aws: AwsEmulator) -> None:
    instance_id = _launch(session, aws)
    result = resize_instance(session, REGION, instance_id, "g6.xlarge", start=False)
    assert result.started is False
    assert _truth(instance_id) == ("g6.xlarge", "stopped")


@pytest.mark.parametrize(
    ("new_type", "code", "words"),
    [
        ("g5g.xlarge", "architecture-mismatch", "runs arm64 programs"),
        ("p3dn.24xlarge", "image-type-mismatch", "does not support p3dn.24xlarge"),
        ("g6e.xlarge", "type-not-in-zone", "not offered in us-east-1f"),
        ("g4dn.xlarge", "same-type", "is already g4dn.xlarge"),
    ],
)
@pytest.mark.usefixtures("priced")
def test_unfit_types_are_refused_and_nothing_changes(
    session: boto3.Session, aws: AwsEmulator, new_type: str, code: str, words: str
) -> None:
    instance_id = _launch(session, aws)
    with pytest.raises(WizardError) as refused:
        resize_instance(session, REGION, instance_id, new_type, **FAST)
    assert refused.value.code == code
    assert words in str(refused.value)
    assert _truth(instance_id) == ("g4dn.xlarge", "stopped")
    assert "ModifyInstanceAttribute" not in aws.calls


def test_a_running_instance_is_refused_until_stopped(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    instance_id = _launch(session, aws, stop=False)
    with pytest.raises(WizardError) as refused:
        check_resize(session, REGION, instance_id, "g5.xlarge")
    assert refused.value.code == "instance-not-stopped"
    assert "stopped machine only" in str(refused.value)
    assert _truth(instance_id) == ("g4dn.xlarge", "running")


def test_a_one_time_spot_instance_cannot_be_resized(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    instance_id = _launch(session, aws, market="spot", stop=False)
    with pytest.raises(WizardError) as refused:
        resize_instance(session, REGION, instance_id, "g5.xlarge")
    assert refused.value.code == "spot-cannot-resize"
    assert _truth(instance_id) == ("g4dn.xlarge", "running")


def test_a_short_quota_refuses_before_changing(session: boto3.Session, aws: AwsEmulator) -> None:
    emulate_missing_services(aws, applied=()).apply(G_ON_DEMAND, 2)  # g5.xlarge needs 4 vCPUs
    instance_id = _launch(session, aws)
    with pytest.raises(WizardError) as refused:
        resize_instance(session, REGION, instance_id, "g5.xlarge")
    assert refused.value.code == "vcpu-quota"
    assert "must be at least 4" in str(refused.value)
    assert _truth(instance_id) == ("g4dn.xlarge", "stopped")


@needs_realism
def test_the_emulator_refuses_what_aws_refuses(session: boto3.Session, aws: AwsEmulator) -> None:
    """moto would change a running instance's type, or to an arm64 type under an x86 image."""
    running = _launch(session, aws, stop=False)
    ec2 = client(session, "ec2", REGION)
    with pytest.raises(ClientError) as refused:
        ec2.modify_instance_attribute(InstanceId=running, InstanceType={"Value": "g5.xlarge"})
    assert refused.value.response["Error"]["Code"] == "IncorrectInstanceState"
    assert f"'{running}' is not in the 'stopped' state" in str(refused.value)
    stopped = _launch(session, aws)
    with pytest.raises(ClientError) as refused:
        ec2.modify_instance_attribute(InstanceId=stopped, InstanceType={"Value": "g5g.xlarge"})
    assert refused.value.response["Error"]["Code"] == "InvalidInstanceAttributeValue"
    # A type not offered in the zone is accepted by the change but cannot start there.
    ec2.modify_instance_attribute(InstanceId=stopped, InstanceType={"Value": "g6e.xlarge"})
    with pytest.raises(ClientError) as refused:
        client(session, "ec2", REGION, max_attempts=1).start_instances(InstanceIds=[stopped])
    assert refused.value.response["Error"]["Code"] == "Unsupported"
    assert _truth(running)[0] == "g4dn.xlarge"


# -- starting without capacity ------------------------------------------------------------------


@pytest.mark.usefixtures("priced")
def test_start_without_capacity_says_so_then_waits_until_it_comes_back(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    instance_id = _launch(session, aws)
    shortage = aws.behaviour(Capacity).no_capacity(ZONE, "g4dn.xlarge")
    with pytest.raises(WizardError) as refused:
        start_instance(session, REGION, instance_id, **FAST)
    assert lacks_capacity(refused.value)
    assert "no free g4dn.xlarge machine in us-east-1f" in str(refused.value)
    assert "another GPU type" in str(refused.value)
    assert _truth(instance_id) == ("g4dn.xlarge", "stopped")

    notes: list[str] = []

    def progress(_step: str, message: Sentence) -> None:
        notes.append(str(message))
        shortages = aws.behaviour(Capacity).shortages
        if sum("trying again" in n for n in notes) == 2 and shortage in shortages:
            shortages.remove(shortage)  # capacity comes back

    info = start_when_capacity(
        session, REGION, instance_id, first_delay=0.05, progress=progress, **FAST
    )
    assert info.state == "running"
    assert _truth(instance_id) == ("g4dn.xlarge", "running")
    assert aws.behaviour(ResizeRules).starts_refused == 3
    assert "No g4dn.xlarge free in us-east-1f yet (attempt 2)" in "\n".join(notes)


def test_waiting_for_capacity_has_a_limit_and_can_be_cancelled(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    instance_id = _launch(session, aws)
    aws.behaviour(Capacity).no_capacity(ZONE, "g4dn.xlarge")
    with pytest.raises(WizardError) as over:
        start_when_capacity(session, REGION, instance_id, minutes=0.005, first_delay=0.05)
    assert over.value.code == "capacity-wait-over"
    assert lacks_capacity(over.value)

    cancel = CancelToken()
    threading.Timer(0.2, cancel.cancel).start()
    with pytest.raises(Cancelled):
        start_when_capacity(session, REGION, instance_id, first_delay=0.05, cancel=cancel)
    assert _truth(instance_id) == ("g4dn.xlarge", "stopped")


@pytest.mark.usefixtures("priced")
def test_another_type_in_the_same_zone_starts_when_the_first_has_no_capacity(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    instance_id = _launch(session, aws)
    aws.behaviour(Capacity).no_capacity(ZONE, "g4dn.xlarge")
    options = resize_options(session, REGION, instance_id)
    usable = {o.gpu.instance_type for o in options.options if o.usable}
    assert "g5.xlarge" in usable
    assert not usable & {"g4dn.xlarge", "g6e.xlarge", "g5g.xlarge"}
    reasons = {o.gpu.instance_type: str(o.problem) for o in options.options}
    assert reasons["g6e.xlarge"] == "Not offered in us-east-1f"
    assert reasons["g5g.xlarge"] == "Runs arm64 programs, not x86_64"

    result = resize_instance(session, REGION, instance_id, "g5.xlarge", **FAST)
    assert result.state == "running"
    assert _truth(instance_id) == ("g5.xlarge", "running")


# -- the command line -----------------------------------------------------------------------------


@pytest.mark.usefixtures("priced")
def test_cli_resize_prints_the_prices_and_the_new_type_is_listed(
    session: boto3.Session, aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    instance_id = _launch(session, aws)
    code = main(["resize", instance_id, "--instance-type", "g5.xlarge", "--region", REGION])
    out = capsys.readouterr().out
    assert code == 0
    assert f"Changed {instance_id} from g4dn.xlarge ($" in out
    assert "to g5.xlarge ($" in out
    assert "Started at" in out
    assert main(["list", "--region", REGION, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    row = next(i for i in listed if i.get("instance_id") == instance_id)
    assert (row["instance_type"], row["state"]) == ("g5.xlarge", "running")


def test_cli_resize_of_a_running_instance_names_ec2nb_stop(
    session: boto3.Session, aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    instance_id = _launch(session, aws, stop=False)
    code = main(["resize", instance_id, "--instance-type", "g5.xlarge", "--region", REGION])
    assert code == 1
    err = capsys.readouterr().err
    assert "stopped machine only" in err
    assert "Stop it first: 'ec2nb stop " in err
    assert _truth(instance_id) == ("g4dn.xlarge", "running")


@pytest.mark.usefixtures("priced")
def test_cli_start_without_capacity_names_the_ways_out_then_takes_them(
    session: boto3.Session, aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    instance_id = _launch(session, aws)
    aws.behaviour(Capacity).no_capacity(ZONE, "g4dn.xlarge", times=2)
    assert main(["start", instance_id, "--region", REGION]) == 1
    err = capsys.readouterr().err
    assert "no free g4dn.xlarge machine in us-east-1f" in err
    assert "--wait-for-capacity [MINUTES]" in err
    assert "--or-type TYPE" in err
    assert "ec2nb relocate " in err
    assert "--zone us-east-1" in err

    # One more refusal, then capacity: the wait retries once.
    assert main(["start", instance_id, "--region", REGION, "--wait-for-capacity", "1"]) == 0
    out = capsys.readouterr().out
    assert "No g4dn.xlarge free in us-east-1f yet (attempt 1)" in out
    assert f"Started {instance_id} at" in out
    assert _truth(instance_id) == ("g4dn.xlarge", "running")


@pytest.mark.usefixtures("priced")
def test_cli_start_or_type_changes_the_type_when_capacity_is_short(
    session: boto3.Session, aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    instance_id = _launch(session, aws)
    aws.behaviour(Capacity).no_capacity(ZONE, "g4dn.xlarge")
    code = main(["start", instance_id, "--region", REGION, "--or-type", "g6.xlarge"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Changing it to g6.xlarge instead." in out
    assert "to g6.xlarge ($" in out
    assert _truth(instance_id) == ("g6.xlarge", "running")


@pytest.mark.usefixtures("priced")
def test_cli_resize_json_without_start(
    session: boto3.Session, aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    instance_id = _launch(session, aws)
    args = ["resize", instance_id, "--instance-type", "g6.xlarge", "--no-start", "--json"]
    assert main([*args, "--region", REGION]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["event"] == "resized"
    assert (answer["old_type"], answer["new_type"], answer["started"]) == (
        "g4dn.xlarge",
        "g6.xlarge",
        False,
    )
    assert answer["new_price"] > answer["old_price"] > 0
    assert _truth(instance_id) == ("g6.xlarge", "stopped")


@needs_realism
@pytest.mark.usefixtures("priced")
def test_a_type_that_needs_ena_is_refused_for_an_instance_without_it(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    instance_id = _launch(session, aws)
    other = _launch(session, aws)
    rules = aws.behaviour(ResizeRules)
    rules.disable_ena(instance_id)  # launched from an old custom image without the driver
    ec2 = client(session, "ec2", REGION, max_attempts=1)
    shown = ec2.describe_instances(InstanceIds=[instance_id, other])["Reservations"]
    ena = {i["InstanceId"]: i.get("EnaSupport") for r in shown for i in r["Instances"]}
    assert ena == {instance_id: False, other: True}

    with pytest.raises(WizardError) as refused:
        resize_instance(session, REGION, instance_id, "g5.xlarge")
    assert refused.value.code == "ena-required"
    assert _truth(instance_id) == ("g4dn.xlarge", "stopped")
    # What AWS answers when the check is skipped.
    ec2.modify_instance_attribute(InstanceId=instance_id, InstanceType={"Value": "g5.xlarge"})
    with pytest.raises(ClientError) as answered:
        ec2.start_instances(InstanceIds=[instance_id])
    assert answered.value.response["Error"]["Code"] == "InvalidParameterCombination"
    assert "(ENA) is required for the 'g5.xlarge' instance type" in str(answered.value)
