"""A GPU type that cannot run the chosen image is refused before anything is created.

moto has the real instance-type data: g5g (Graviton) supports arm64 only, g4dn x86_64 only.
Without this check the launch would create a group and a key pair and fail at RunInstances with
AWS's own, cryptic, error.
"""

from __future__ import annotations

import dataclasses
import json

import boto3
import pytest

from app.cli import main
from app.core.errors import WizardError
from app.core.launch import LaunchJob, LaunchOverrides, StepEvent
from app.core.plan import LaunchPlan
from app.demo.emulator import AwsEmulator
from tests.support.constants import DLAMI_FLAVOUR, REGION

# No SSH server here: provisioning only, host key pinned (a made-up one, never checked).
PINNED = "SHA256:" + "A" * 43


@pytest.fixture(autouse=True)
def _offline_ip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EC2NB_PUBLIC_IP", "198.51.100.23")


def _live_instances() -> list[str]:
    ec2 = boto3.client("ec2", region_name=REGION)
    return [
        instance["InstanceId"]
        for reservation in ec2.describe_instances()["Reservations"]
        for instance in reservation["Instances"]
        if instance["State"]["Name"] != "terminated"
    ]


def _plan(instance_type: str, image_id: str = "latest") -> LaunchPlan:
    return LaunchPlan(
        region=REGION,
        image_id=image_id,
        instance_type=instance_type,
        volume_gib=40,
        trusted_host_key=PINNED,
    )


@pytest.mark.parametrize(
    ("instance_type", "image_architecture", "type_architecture"),
    [("g5g.xlarge", "x86_64", "arm64"), ("g4dn.xlarge", "arm64", "x86_64")],
)
def test_a_type_of_another_architecture_is_refused_before_anything_is_created(
    aws: AwsEmulator, instance_type: str, image_architecture: str, type_architecture: str
) -> None:
    image_id = aws.seed_dlami(REGION, architecture=image_architecture)
    events: list[StepEvent] = []
    job = LaunchJob(_plan(instance_type, image_id), progress_event=events.append)
    with pytest.raises(WizardError) as caught:
        job.run()
    error = caught.value
    assert error.code == "architecture-mismatch"
    assert error.params == {
        "instance_type": instance_type,
        "type_architecture": type_architecture,
        "image_id": image_id,
        "image_architecture": image_architecture,
        "families": "g4dn, g5, g6" if image_architecture == "x86_64" else "g5g",
    }
    assert error.message == (
        f"{instance_type} runs {type_architecture} programs, but the machine image {image_id} "
        f"is for {image_architecture}."
    )
    assert f"Choose a GPU type for {image_architecture}" in error.hint
    # The ami and quota checks run side by side; the one that finished second refused it.
    failed = [e for e in events if e.state == "failed"]
    assert len(failed) == 1
    assert failed[0].step in ("ami", "quota")
    assert failed[0].message == str(error)
    assert not any(e.state == "running" for e in events if e.step == "security-group")
    assert "RunInstances" not in aws.calls
    assert _live_instances() == []
    job.cleanup()
    assert aws.tagged_resources(REGION, job.launch_id) == {}
    assert job.journal.status == "terminated"


def test_the_latest_image_and_an_arm64_type_are_refused(aws: AwsEmulator) -> None:
    # "latest" without a flavour is the newest x86_64 PyTorch image.
    aws.seed_dlami(REGION)
    job = LaunchJob(_plan("g5g.xlarge"))
    with pytest.raises(WizardError) as caught:
        job.run()
    assert caught.value.code == "architecture-mismatch"
    assert "such as g4dn, g5, g6" in caught.value.hint
    job.cleanup()
    assert aws.tagged_resources(REGION, job.launch_id) == {}
    assert _live_instances() == []


def test_an_arm64_image_launches_on_an_arm64_type(aws: AwsEmulator) -> None:
    image_id = aws.seed_dlami(REGION, architecture="arm64", flavour=DLAMI_FLAVOUR)
    overrides = dataclasses.replace(LaunchOverrides.from_env(), provision_only=True)
    job = LaunchJob(_plan("g5g.xlarge", image_id), overrides=overrides)
    try:
        result = job.run()
        assert result.instance_type == "g5g.xlarge"
        assert _live_instances() == [result.instance_id]
    finally:
        job.cleanup()
    assert aws.tagged_resources(REGION, job.launch_id) == {}


def _cli_launch(instance_type: str) -> int:
    """``ec2nb launch --json`` of ``instance_type`` in this process (its output in capsys)."""
    return main(
        [
            *("launch", "--region", REGION, "--instance-type", instance_type),
            *("--volume-gib", "40", "--trust-host-key", PINNED),
            *("--yes", "--no-browser", "--json"),
        ]
    )


def test_the_cli_refuses_it_with_the_same_sentence(
    aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    aws.seed_dlami(REGION)
    code = _cli_launch("g5g.xlarge")
    out, err = capsys.readouterr()
    assert code != 0
    assert "g5g.xlarge runs arm64 programs, but the machine image" in err
    assert "Choose a GPU type for x86_64" in err
    failed = [json.loads(line) for line in out.splitlines() if '"failed"' in line]
    assert any(event.get("code") == "architecture-mismatch" for event in failed)
    assert "RunInstances" not in aws.calls
    assert _live_instances() == []


def test_a_family_the_image_does_not_support_is_refused_before_anything_is_created(
    aws: AwsEmulator,
) -> None:
    # p3dn (V100) runs x86_64 programs, but the OSS-driver DLAMIs do not list P3: their NVIDIA
    # driver does not support it, so the machine would boot without a working GPU.
    image_id = aws.seed_dlami(REGION)
    events: list[StepEvent] = []
    job = LaunchJob(_plan("p3dn.24xlarge", image_id), progress_event=events.append)
    with pytest.raises(WizardError) as caught:
        job.run()
    error = caught.value
    assert error.code == "image-type-mismatch"
    assert "does not support p3dn.24xlarge; it supports g4dn, g5, g6," in error.message
    assert error.params["instance_type"] == "p3dn.24xlarge"
    assert not any(e.state == "running" for e in events if e.step == "security-group")
    assert "RunInstances" not in aws.calls
    assert "CreateSecurityGroup" not in aws.calls
    assert _live_instances() == []
    job.cleanup()
    assert aws.tagged_resources(REGION, job.launch_id) == {}


def test_the_cli_refuses_an_unsupported_family_before_anything_is_created(
    aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    aws.seed_dlami(REGION)
    code = _cli_launch("p3dn.24xlarge")
    out, err = capsys.readouterr()
    assert code != 0
    assert "does not support p3dn.24xlarge; it supports g4dn, g5, g6" in err
    failed = [json.loads(line) for line in out.splitlines() if '"failed"' in line]
    assert any(event.get("code") == "image-type-mismatch" for event in failed)
    assert "CreateSecurityGroup" not in aws.calls
    assert "RunInstances" not in aws.calls
    assert _live_instances() == []
