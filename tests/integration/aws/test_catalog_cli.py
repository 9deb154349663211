"""``ec2nb gpus``, ``ec2nb amis`` and ``ec2nb regions`` against moto."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import DLAMI_FLAVOUR

pytestmark = pytest.mark.usefixtures("no_pricing")


@pytest.fixture(autouse=True)
def _no_quota_permission(aws: AwsEmulator) -> None:
    for action in ("ListServiceQuotas", "GetServiceQuota"):
        aws.inject(action, "AccessDeniedException", times=10)


def test_gpus_as_json(aws: AwsEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gpus", "--region", "eu-west-1", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["region"] == "eu-west-1"
    assert answer["default"] == "g4dn.xlarge"
    assert answer["price_source"] == "bundled 2025-05-01"
    by_type = {t["instance_type"]: t for t in answer["types"]}
    assert by_type["g4dn.xlarge"]["on_demand_price"] == 0.587
    assert by_type["g4dn.xlarge"]["quota"]["status"] == "unknown"
    assert all(t["zones"][0].startswith("eu-west-1") for t in answer["types"] if t["zones"])


def test_gpus_as_a_table(aws: AwsEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gpus", "--region", "us-east-1"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "g4dn.xlarge" in line)
    assert row.startswith("* g4dn.xlarge")
    assert "1 x NVIDIA T4" in row
    assert "$0.526" in row
    assert "unknown" in row
    assert "On-demand prices: bundled 2025-05-01" in out


def test_amis(aws: AwsEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    image = aws.seed_dlami("us-west-2")
    assert main(["amis", "--region", "us-west-2"]) == 0
    out = capsys.readouterr().out
    assert image in out
    assert DLAMI_FLAVOUR in out
    assert main(["amis", "--region", "us-west-2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["ssh_user"] == "ubuntu"


def test_regions(aws: AwsEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions", "--json"]) == 0
    regions = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert regions["eu-central-1"]["opted_in"] is True
    assert main(["regions"]) == 0
    assert "us-west-2" in capsys.readouterr().out


def test_an_aws_refusal_is_one_clear_line(
    aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    aws.inject("DescribeRegions", "AuthFailure", message="AWS was not able to validate", status=401)
    assert main(["regions"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: AWS did not accept these credentials.")
    assert "Traceback" not in err
