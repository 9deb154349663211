"""Preflight (``ec2nb launch --check``): every call of a launch tried without creating anything.

AWS answers a permitted dry run with ``DryRunOperation`` (HTTP 412) and a refused one with
``UnauthorizedOperation`` (403) and an encoded authorization message; the emulator refuses the
IAM actions a test denies (``aws.deny``) the same way (app/demo/permissions.py).
"""

from __future__ import annotations

import base64
import dataclasses
import json
from typing import Any

import boto3
import pytest

from app.cli import main
from app.core.aws.preflight import (
    ALLOWED,
    DENIED,
    FAILED,
    NOT_CHECKED,
    PreflightReport,
    check_permissions,
)
from app.core.aws.simulation import principal_arn
from app.core.plan import KeyChoice, LaunchPlan, Market
from app.demo.permissions import permissions_of
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import DLAMI_FLAVOUR, REGION
from tests.support.resources import emulator_resources

LAUNCH_CALLS = [
    "sts:GetCallerIdentity",
    "ssm:GetParametersByPath",
    "ec2:DescribeImages",
    "ec2:DescribeInstanceTypes",
    "servicequotas:GetServiceQuota",
    "ec2:DescribeInstances",
    "ec2:DescribeVpcs",
    "ec2:DescribeSubnets",
    "ec2:DescribeInstanceTypeOfferings",
    "ec2:DescribeSecurityGroups",
    "ec2:CreateSecurityGroup",
    "ec2:AuthorizeSecurityGroupIngress",
    "ec2:CreateTags",
    "ec2:DescribeKeyPairs",
    "ec2:ImportKeyPair",
    "ec2:RunInstances",
    "ec2:DescribeVolumes",  # the work disk (new:50 by default)
    "ec2:CreateVolume",
    "ec2:GetConsoleOutput",
    "ec2:TerminateInstances",
    "ec2:DeleteSecurityGroup",
    "ec2:DeleteKeyPair",
    "cloudwatch:PutMetricAlarm",
    "cloudwatch:DeleteAlarms",
    "iam:CreateServiceLinkedRole",
    "ec2:AttachVolume",
    "ec2:DeleteVolume",
]


def _plan(**changes: Any) -> LaunchPlan:
    plan = LaunchPlan(region=REGION, instance_type="g5.xlarge", volume_gib=100)
    return dataclasses.replace(plan, **changes)


def _by_call(report: PreflightReport) -> dict[str, Any]:
    return {check.call: check for check in report.checks}


def test_everything_allowed_and_nothing_created(session: boto3.Session, aws: AwsEmulator) -> None:
    aws.seed_dlami(REGION)
    permissions_of(aws)  # IAM's policy simulator, which moto lacks: everything allowed
    before = emulator_resources(REGION)
    report = check_permissions(session, _plan())
    assert [check.call for check in report.checks] == LAUNCH_CALLS
    assert {check.status for check in report.checks} == {ALLOWED}
    assert report.ok
    assert report.missing == []
    checks = _by_call(report)
    assert checks["ec2:RunInstances"].how == "dry-run"
    assert checks["cloudwatch:PutMetricAlarm"].how == "simulated"
    assert emulator_resources(REGION) == before
    # The dry runs reached the emulator as dry runs, not as creations.
    for action in ("RunInstances", "CreateSecurityGroup", "ImportKeyPair", "CreateTags"):
        assert action in aws.calls
    assert "CreateVolume" in aws.calls  # a dry run: no volume was made (the resources above)


def test_the_work_disk_calls_are_checked(session: boto3.Session, aws: AwsEmulator) -> None:
    aws.seed_dlami(REGION)
    permissions_of(aws)
    aws.deny("ec2:CreateVolume", "ec2:DeleteVolume")
    report = check_permissions(session, _plan())
    checks = _by_call(report)
    assert (checks["ec2:CreateVolume"].status, checks["ec2:CreateVolume"].how) == (
        DENIED, "dry-run",
    )  # fmt: skip
    assert checks["ec2:DeleteVolume"].status == DENIED
    assert not checks["ec2:DeleteVolume"].required  # only the clean-up needs it
    assert report.missing == ["ec2:CreateVolume", "ec2:DeleteVolume"]
    assert not report.ok
    # Without a work disk none of these calls is needed.
    calls = [check.call for check in check_permissions(session, _plan(work_disk="none")).checks]
    assert not [call for call in calls if "Volume" in call]


def test_a_denied_call_names_the_missing_permission(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    aws.seed_dlami(REGION)
    aws.deny("ec2:RunInstances", "ec2:AuthorizeSecurityGroupIngress")
    before = emulator_resources(REGION)
    report = check_permissions(session, _plan())
    checks = _by_call(report)
    assert checks["ec2:RunInstances"].status == DENIED
    assert checks["ec2:RunInstances"].permission == "ec2:RunInstances"
    assert checks["ec2:AuthorizeSecurityGroupIngress"].permission == (
        "ec2:AuthorizeSecurityGroupIngress"
    )
    assert checks["ec2:CreateSecurityGroup"].status == ALLOWED
    assert not report.ok
    assert report.missing == ["ec2:AuthorizeSecurityGroupIngress", "ec2:RunInstances"]
    assert emulator_resources(REGION) == before


def test_tagging_on_create_needs_create_tags(session: boto3.Session, aws: AwsEmulator) -> None:
    # Every resource is tagged when it is created: without ec2:CreateTags AWS refuses the
    # create calls themselves, naming ec2:CreateTags.
    aws.seed_dlami(REGION)
    aws.deny("ec2:CreateTags")
    report = check_permissions(session, _plan(key_choice=KeyChoice.AWS_CREATED))
    checks = _by_call(report)
    for call in ("ec2:CreateSecurityGroup", "ec2:CreateKeyPair", "ec2:RunInstances"):
        assert (checks[call].status, checks[call].permission) == (DENIED, "ec2:CreateTags")
    assert report.missing == ["ec2:CreateTags"]


def test_optional_permissions_do_not_fail_the_check(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    aws.seed_dlami(REGION, flavour=DLAMI_FLAVOUR)
    aws.deny(
        "ssm:GetParameter",
        "ssm:GetParametersByPath",
        "cloudwatch:PutMetricAlarm",
        "iam:CreateServiceLinkedRole",
    )
    report = check_permissions(session, _plan(flavour=DLAMI_FLAVOUR))
    checks = _by_call(report)
    assert checks["ssm:GetParameter"].status == DENIED
    assert "found by name" in checks["ssm:GetParameter"].note
    assert checks["ec2:DescribeImages"].status == ALLOWED  # by name
    alarm = checks["cloudwatch:PutMetricAlarm"]
    assert (alarm.status, alarm.required) == (DENIED, False)
    assert "idle" in alarm.note
    role = checks["iam:CreateServiceLinkedRole"]
    assert (role.status, role.required) == (DENIED, False)
    assert "once per account" in role.note
    assert report.ok
    assert report.missing == [
        "ssm:GetParameter",
        "cloudwatch:PutMetricAlarm",
        "iam:CreateServiceLinkedRole",
    ]


def test_without_simulation_the_calls_without_a_dry_run_are_not_checked(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    aws.seed_dlami(REGION)
    aws.deny("iam:SimulatePrincipalPolicy")
    report = check_permissions(session, _plan(market=Market.SPOT))
    checks = _by_call(report)
    for call in ("cloudwatch:PutMetricAlarm", "ec2:GetConsoleOutput", "ec2:TerminateInstances"):
        assert checks[call].status == NOT_CHECKED
        assert "iam:SimulatePrincipalPolicy" in checks[call].note
    assert report.ok


def test_an_encoded_message_alone_is_decoded(session: boto3.Session, aws: AwsEmulator) -> None:
    # Older EC2 refusals carry only the encoded message; sts:DecodeAuthorizationMessage reads it.
    aws.seed_dlami(REGION)
    aws.deny("ec2:DeleteKeyPair")  # installs the emulator's DecodeAuthorizationMessage
    context = {"context": {"action": "ec2:RunInstances", "resource": "arn:aws:ec2:::volume/*"}}
    blob = base64.urlsafe_b64encode(json.dumps(context).encode()).decode()
    aws.inject(
        "RunInstances",
        "UnauthorizedOperation",
        status=403,
        message="You are not authorized to perform this operation. Encoded authorization "
        f"failure message: {blob}",
    )
    checks = _by_call(check_permissions(session, _plan()))
    assert checks["ec2:RunInstances"].permission == "ec2:RunInstances"
    assert "DecodeAuthorizationMessage" in aws.calls


def test_a_dry_run_fails_where_the_launch_would(session: boto3.Session, aws: AwsEmulator) -> None:
    # AWS checks the request before answering DryRunOperation: a key pair that does not exist
    # or a type of another architecture fails the dry run as it would fail the launch.
    aws.seed_dlami(REGION)
    permissions_of(aws)
    plan = _plan(key_choice=KeyChoice.EXISTING, existing_key_name="team-key")
    checks = _by_call(check_permissions(session, plan))
    for call in ("ec2:DescribeKeyPairs", "ec2:RunInstances"):
        assert checks[call].status == FAILED
        assert checks[call].note.startswith("InvalidKeyPair.NotFound")
    assert checks["ec2:RunInstances"].note.endswith("The key pair 'team-key' does not exist")
    report = check_permissions(session, _plan(instance_type="g5g.xlarge"))
    run = _by_call(report)["ec2:RunInstances"]
    assert run.status == FAILED
    assert "architecture 'arm64' of the specified instance type does not match" in run.note
    assert not report.ok


@pytest.mark.parametrize(
    ("caller", "source"),
    [
        ("arn:aws:iam::111122223333:user/ana", "arn:aws:iam::111122223333:user/ana"),
        (
            "arn:aws:sts::111122223333:assumed-role/DataScience/ana",
            "arn:aws:iam::111122223333:role/DataScience",
        ),
        ("arn:aws:sts::111122223333:federated-user/ana", None),
    ],
)
def test_the_principal_to_simulate(caller: str, source: str | None) -> None:
    assert principal_arn(caller) == source


def test_the_cli_prints_the_table_and_fails_on_a_missing_permission(
    aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    aws.seed_dlami(REGION)
    aws.deny("ec2:RunInstances")
    before = emulator_resources(REGION)
    code = main(["launch", "--check", "--region", REGION, "--instance-type", "g5.xlarge"])
    out = capsys.readouterr().out
    assert code == 1
    lines = out.splitlines()
    assert any(line.split()[:3] == ["ec2:RunInstances", "dry-run", "MISSING"] for line in lines), (
        out
    )
    assert any(
        line.split()[:3] == ["ec2:CreateSecurityGroup", "dry-run", "allowed"] for line in lines
    )
    assert "Missing permissions: ec2:RunInstances. Nothing was created." in out
    assert emulator_resources(REGION) == before

    aws.reset()
    aws.seed_dlami(REGION)
    permissions_of(aws)
    code = main(["launch", "--check", "--region", REGION, "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (report["event"], report["ok"], report["missing"]) == ("preflight", True, [])
    assert {check["status"] for check in report["checks"]} == {ALLOWED}


def test_the_launch_is_refused_for_the_permission_the_check_named(
    session: boto3.Session, aws: AwsEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.core.errors import WizardError
    from app.core.launch import LaunchJob

    monkeypatch.setenv("EC2NB_PUBLIC_IP", "198.51.100.23")
    aws.seed_dlami(REGION)
    aws.deny("ec2:RunInstances")
    assert _by_call(check_permissions(session, _plan())).get("ec2:RunInstances").status == DENIED
    job = LaunchJob(_plan(trusted_host_key="SHA256:" + "A" * 43))
    with pytest.raises(WizardError) as caught:
        job.run()
    assert caught.value.code == "unauthorized"
    assert "missing permission ec2:RunInstances" in caught.value.message
    job.cleanup()
    assert aws.tagged_resources(REGION, job.launch_id) == {}


def test_a_spending_alert_adds_the_budgets_permissions_as_optional(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    aws.seed_dlami(REGION)
    aws.deny("budgets:ModifyBudget")
    aws.inject(
        "DescribeBudget",
        "AccessDeniedException",
        message="User: arn:aws:iam::123456789012:user/ada is not authorized to perform: "
        "budgets:ViewBudget on resource: budget",
    )
    report = check_permissions(session, _plan(budget_usd=50.0, budget_email="ada@example.com"))
    checks = _by_call(report)
    view, modify = checks["budgets:ViewBudget"], checks["budgets:ModifyBudget"]
    assert (view.how, view.status, view.permission, view.required) == (
        "read",
        DENIED,
        "budgets:ViewBudget",
        False,
    )
    assert (modify.how, modify.status, modify.required) == ("simulated", DENIED, False)
    assert "no spending alert is set" in modify.note
    assert report.ok  # the launch goes on without the alert
    assert "CreateBudget" not in aws.calls


def test_without_a_spending_alert_budgets_is_not_checked(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    aws.seed_dlami(REGION)
    permissions_of(aws)
    report = check_permissions(session, _plan())
    assert not any(check.call.startswith("budgets:") for check in report.checks)
    assert "DescribeBudget" not in aws.calls
