"""vCPU quotas against the emulator's Service Quotas, which behaves as AWS documents: a quota
the account never changed has no applied value (GetServiceQuota: NoSuchResourceException, left
out of ListServiceQuotas); only GetAWSDefaultServiceQuota answers, and ignores increases."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.exceptions import ClientError

from app.cli import main
from app.core.aws.quotas import check_vcpu_quota, check_vcpu_quotas
from app.core.aws.session import client
from app.demo.services import QuotaService, emulate_missing_services
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import REGION

G_ON_DEMAND, P_SPOT, P5_SPOT = "L-DB2E81BA", "L-7212CCBC", "L-C4BD4855"


@pytest.fixture
def fresh_account(aws: AwsEmulator) -> QuotaService:
    """An account that never changed a quota."""
    return emulate_missing_services(aws, applied=())


def test_the_emulator_has_no_applied_value_for_an_unchanged_quota(
    session: boto3.Session, fresh_account: QuotaService
) -> None:
    quotas = client(session, "service-quotas", REGION)
    with pytest.raises(ClientError) as raised:
        quotas.get_service_quota(ServiceCode="ec2", QuotaCode=G_ON_DEMAND)
    assert raised.value.response["Error"]["Code"] == "NoSuchResourceException"
    assert quotas.list_service_quotas(ServiceCode="ec2")["Quotas"] == []
    default = quotas.get_aws_default_service_quota(ServiceCode="ec2", QuotaCode=G_ON_DEMAND)
    assert default["Quota"]["Value"] == 64.0

    fresh_account.apply(G_ON_DEMAND, 256)  # an approved increase
    assert (
        quotas.get_service_quota(ServiceCode="ec2", QuotaCode=G_ON_DEMAND)["Quota"]["Value"]
        == 256.0
    )
    listed = quotas.list_service_quotas(ServiceCode="ec2")["Quotas"]
    assert [(q["QuotaCode"], q["Value"]) for q in listed] == [(G_ON_DEMAND, 256.0)]
    # The default ignores the increase.
    default = quotas.get_aws_default_service_quota(ServiceCode="ec2", QuotaCode=G_ON_DEMAND)
    assert default["Quota"]["Value"] == 64.0


def test_a_quota_known_only_from_its_default_is_unknown_never_enough_or_short(
    session: boto3.Session, fresh_account: QuotaService, aws: AwsEmulator
) -> None:
    enough_by_default = check_vcpu_quota(session, REGION, "g5.xlarge", 4, "on-demand")
    zero_by_default = check_vcpu_quota(session, REGION, "p4d.24xlarge", 96, "on-demand")
    for state, default in ((enough_by_default, 64), (zero_by_default, 0)):
        assert state.status == "unknown", state
        assert state.default_limit == default
        assert state.limit is None
        assert f"unknown (default {default} vCPUs)" in state.message
    # The listing said the quota has no applied value: asking GetServiceQuota would not help.
    assert "GetServiceQuota" not in aws.calls


def test_a_changed_quota_gives_a_verdict(
    session: boto3.Session, fresh_account: QuotaService
) -> None:
    fresh_account.apply(G_ON_DEMAND, 4)
    states = check_vcpu_quotas(session, REGION, [("g5.xlarge", 4), ("g5.2xlarge", 8)], "on-demand")
    assert states["g5.xlarge"].status == "enough"
    assert states["g5.2xlarge"].status == "short"
    assert states["g5.2xlarge"].default_limit is None


def test_p5_spot_counts_against_the_p5_spot_quota(
    session: boto3.Session, fresh_account: QuotaService
) -> None:
    fresh_account.apply(P5_SPOT, 192)
    fresh_account.apply(P_SPOT, 0)
    states = check_vcpu_quotas(
        session,
        REGION,
        [("p5.48xlarge", 192), ("p5e.48xlarge", 192), ("p5en.48xlarge", 192), ("p4d.24xlarge", 96)],
        "spot",
    )
    for p5 in ("p5.48xlarge", "p5e.48xlarge", "p5en.48xlarge"):
        assert states[p5].status == "enough", states[p5]
        assert (states[p5].quota_code, states[p5].quota_name) == (
            P5_SPOT,
            "All P5 Spot Instance Requests",
        )
    assert states["p4d.24xlarge"].status == "short"
    assert states["p4d.24xlarge"].quota_code == P_SPOT
    assert "All P4, P3 and P2 Spot Instance Requests" in states["p4d.24xlarge"].message
    # On-demand, every P type shares one quota.
    on_demand = check_vcpu_quota(session, REGION, "p5.48xlarge", 192, "on-demand")
    assert on_demand.quota_code == "L-417A185B"


def test_the_p4_spot_quota_found_by_name_is_never_the_p5_one(
    session: boto3.Session, fresh_account: QuotaService
) -> None:
    # Only the P5 spot quota was changed: a P4 spot check must not take its value.
    fresh_account.apply(P5_SPOT, 192)
    state = check_vcpu_quota(session, REGION, "p4d.24xlarge", 96, "spot")
    assert state.quota_code == P_SPOT
    assert state.status == "unknown"
    assert state.default_limit == 0


def test_gpus_command_says_unknown_with_the_default(
    fresh_account: QuotaService, aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    aws.inject("GetProducts", "AccessDeniedException", times=10)
    assert main(["gpus", "--region", REGION]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if " g5.xlarge " in f"{line} ")
    assert row.rstrip().endswith("unknown (default 64)")
    assert main(["gpus", "--region", REGION, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    quota = next(t["quota"] for t in answer["types"] if t["instance_type"] == "g5.xlarge")
    assert (quota["status"], quota["default_limit"]) == ("unknown", 64.0)


def test_with_realism_off_every_quota_has_an_applied_value() -> None:
    from app.demo.realism import RealismConfig

    forgiving = QuotaService(RealismConfig(enabled=False), applied=())
    assert set(forgiving.applied) >= {G_ON_DEMAND, P_SPOT, P5_SPOT}
