"""GPU catalog and vCPU quotas: EC2 from moto, Pricing and Service Quotas stubbed (moto has
neither) with answers in their real shapes."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from botocore.stub import ANY, Stubber

from app.core.aws.catalog import find_gpu_instance_types
from app.core.aws.preselect import default_gpu_type
from app.core.aws.prices import PRICING_REGION, pricing_filters
from app.core.aws.quotas import check_vcpu_quota, check_vcpu_quotas, request_quota_increase
from app.core.aws.session import client
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import REGION
from tests.unit.aws.samples import (
    ec2_quotas,
    get_products_answer,
    price_document,
    quota,
    requested_quota,
)


@pytest.fixture
def pricing(session: boto3.Session, aws: AwsEmulator) -> Iterator[Stubber]:
    stubber = Stubber(client(session, "pricing", PRICING_REGION))
    with stubber:
        yield stubber
    stubber.assert_no_pending_responses()


@pytest.fixture
def quotas(session: boto3.Session, aws: AwsEmulator) -> Iterator[Stubber]:
    stubber = Stubber(client(session, "service-quotas", REGION))
    with stubber:
        yield stubber
    stubber.assert_no_pending_responses()


def _expect_prices(pricing: Stubber, *documents: str) -> None:
    pricing.add_response(
        "get_products",
        get_products_answer(*documents),
        {
            "ServiceCode": "AmazonEC2",
            "Filters": pricing_filters(REGION),
            "FormatVersion": "aws_v1",
            "MaxResults": 100,
        },
    )


def test_gpu_catalog_of_a_region(session: boto3.Session, pricing: Stubber) -> None:
    _expect_prices(
        pricing,
        price_document("g4dn.xlarge", "0.5260000000"),
        price_document("g5.xlarge", "1.0060000000"),
        price_document("g6.xlarge", "0.8048000000"),
        price_document("p5.48xlarge", "55.0400000000"),
    )
    events: list[str] = []
    types = {
        t.instance_type: t
        for t in find_gpu_instance_types(session, REGION, progress=lambda _s, m: events.append(m))
    }
    t4 = types["g4dn.xlarge"]
    assert (t4.gpu_maker, t4.gpu_model, t4.gpu_count, t4.gpu_memory_gib) == (
        "NVIDIA",
        "T4",
        1,
        16.0,
    )
    assert (t4.vcpus, t4.memory_gib, t4.architecture, t4.family) == (4, 16.0, "x86_64", "g4dn")
    # moto's offering data: g4dn.xlarge is in every us-east-1 zone but 1e.
    assert t4.zones == ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1f"]
    assert (t4.on_demand_price, t4.price_source) == (0.526, "pricing-api")
    assert set(t4.spot_prices) == set(t4.zones)
    assert types["p5.48xlarge"].gpu_count == 8
    assert types["g5g.xlarge"].architecture == "arm64"
    assert types["g6e.xlarge"].on_demand_price is None  # the Pricing API did not list it
    assert all(t.gpu_count >= 0 and t.gpu_model for t in types.values())
    assert "t3.micro" not in types
    assert any("prices: pricing-api" in e for e in events)
    assert default_gpu_type(list(types.values())).instance_type == "g4dn.xlarge"


def test_prices_are_read_once_a_day(
    session: boto3.Session, aws: AwsEmulator, pricing: Stubber
) -> None:
    _expect_prices(pricing, price_document("g4dn.xlarge", "0.5260000000"))
    find_gpu_instance_types(session, REGION, with_spot=False)
    # No second answer is queued: a second Pricing call would fail the stub.
    again = {t.instance_type: t for t in find_gpu_instance_types(session, REGION, with_spot=False)}
    assert again["g4dn.xlarge"].on_demand_price == 0.526
    assert again["g4dn.xlarge"].price_source == "cache"


@pytest.mark.usefixtures("no_pricing")
def test_bundled_prices_stand_in_when_pricing_is_denied(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    types = {t.instance_type: t for t in find_gpu_instance_types(session, REGION)}
    assert types["g4dn.xlarge"].on_demand_price == 0.526
    assert types["g4dn.xlarge"].price_source == "bundled 2025-05-01"
    assert aws.calls.count("GetProducts") == 1  # denied is final: not retried


@pytest.mark.usefixtures("no_pricing")
def test_throttled_calls_are_retried(session: boto3.Session, aws: AwsEmulator) -> None:
    aws.inject("DescribeInstanceTypes", "RequestLimitExceeded", message="Request limit exceeded.")
    types = find_gpu_instance_types(session, REGION, with_spot=False)
    assert "g4dn.xlarge" in {t.instance_type for t in types}
    assert aws.calls.count("DescribeInstanceTypes") == 2


def test_quota_enough(session: boto3.Session, quotas: Stubber) -> None:
    quotas.add_response(
        "list_service_quotas", {"Quotas": ec2_quotas(g_on_demand=8)}, {"ServiceCode": "ec2"}
    )
    state = check_vcpu_quota(session, REGION, "g4dn.xlarge", 4, "on-demand")
    assert (state.status, state.quota_code, state.limit, state.used, state.needed) == (
        "enough", "L-DB2E81BA", 8.0, 0, 4,
    )  # fmt: skip


def test_quota_short_counts_running_instances(
    session: boto3.Session, aws: AwsEmulator, quotas: Stubber
) -> None:
    ec2 = boto3.client("ec2", region_name=REGION)
    image = aws.seed_dlami(REGION)
    ec2.run_instances(ImageId=image, InstanceType="g4dn.2xlarge", MinCount=1, MaxCount=1)
    ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1)
    quotas.add_response(
        "list_service_quotas", {"Quotas": ec2_quotas(g_on_demand=8)}, {"ServiceCode": "ec2"}
    )
    state = check_vcpu_quota(session, REGION, "g4dn.xlarge", 4, "on-demand")
    assert (state.status, state.limit, state.used, state.needed) == ("short", 8.0, 8, 12)
    assert "at least 12" in state.message
    assert "Request an increase to 12 vCPUs" in state.message


def test_new_account_has_zero_and_is_told_what_to_do(
    session: boto3.Session, quotas: Stubber
) -> None:
    quotas.add_response(
        "list_service_quotas", {"Quotas": ec2_quotas(p_on_demand=0)}, {"ServiceCode": "ec2"}
    )
    state = check_vcpu_quota(session, REGION, "p3.2xlarge", 8, "on-demand")
    assert (state.status, state.quota_code, state.needed) == ("short", "L-417A185B", 8)
    assert "New AWS accounts start at 0" in state.message
    assert "Request an increase to 8 vCPUs" in state.message


def test_spot_uses_the_spot_quota(session: boto3.Session, quotas: Stubber) -> None:
    quotas.add_response("list_service_quotas", {"Quotas": ec2_quotas()}, {"ServiceCode": "ec2"})
    state = check_vcpu_quota(session, REGION, "g5.xlarge", 4, "spot")
    assert (state.status, state.quota_code, state.limit) == ("enough", "L-3819A6DF", 4.0)


def test_renamed_quota_is_found_by_its_name(session: boto3.Session, quotas: Stubber) -> None:
    listed = [q for q in ec2_quotas() if q["QuotaCode"] != "L-DB2E81BA"]
    listed.append(quota("L-9A8B7C6D", "Running On-Demand G and VT instances", 16))
    quotas.add_response("list_service_quotas", {"Quotas": listed}, {"ServiceCode": "ec2"})
    state = check_vcpu_quota(session, REGION, "g6.xlarge", 4, "on-demand")
    assert (state.status, state.quota_code, state.limit) == ("enough", "L-9A8B7C6D", 16.0)


def test_quota_missing_from_the_list_is_known_only_by_its_default(
    session: boto3.Session, quotas: Stubber
) -> None:
    # The listing holds every applied value: a quota left out was never changed, so only AWS's
    # default is read (no GetServiceQuota), and it is no verdict.
    listed = [q for q in ec2_quotas() if q["QuotaCode"] != "L-417A185B"]
    quotas.add_response("list_service_quotas", {"Quotas": listed}, {"ServiceCode": "ec2"})
    quotas.add_response(
        "get_aws_default_service_quota",
        {"Quota": quota("L-417A185B", "Running On-Demand P instances", 0)},
        {"ServiceCode": "ec2", "QuotaCode": "L-417A185B"},
    )
    state = check_vcpu_quota(session, REGION, "p4d.24xlarge", 96, "on-demand")
    assert (state.status, state.limit, state.default_limit) == ("unknown", None, 0.0)


def test_quota_unknown_without_permission(session: boto3.Session, quotas: Stubber) -> None:
    message = (
        "User: arn:aws:iam::123456789012:user/me is not authorized to perform: "
        "servicequotas:ListServiceQuotas"
    )
    quotas.add_client_error("list_service_quotas", "AccessDeniedException", message, 400)
    quotas.add_client_error("get_service_quota", "AccessDeniedException", message, 400)
    state = check_vcpu_quota(session, REGION, "g4dn.xlarge", 4, "on-demand")
    assert (state.status, state.quota_code, state.limit) == ("unknown", "L-DB2E81BA", None)
    assert "may not read Service Quotas" in state.message


def test_quota_unknown_against_an_emulator_without_service_quotas(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    state = check_vcpu_quota(session, REGION, "g4dn.xlarge", 4, "on-demand")
    assert state.status == "unknown"
    assert "ListServiceQuotas" in aws.calls


def test_many_types_are_checked_with_one_listing(session: boto3.Session, quotas: Stubber) -> None:
    quotas.add_response(
        "list_service_quotas", {"Quotas": ec2_quotas(g_on_demand=8)}, {"ServiceCode": "ec2"}
    )
    states = check_vcpu_quotas(
        session,
        REGION,
        [("g4dn.xlarge", 4), ("g5.12xlarge", 48), ("p3.2xlarge", 8), ("dl1.24xlarge", 96)],
        "on-demand",
    )
    assert states["g5.12xlarge"].needed == 48
    assert {name: s.status for name, s in states.items()} == {
        "g4dn.xlarge": "enough",
        "g5.12xlarge": "short",
        "p3.2xlarge": "short",
        "dl1.24xlarge": "unknown",
    }


def test_quota_denied_is_asked_once_for_many_types(session: boto3.Session, quotas: Stubber) -> None:
    quotas.add_client_error("list_service_quotas", "AccessDeniedException", "denied", 400)
    quotas.add_client_error("get_service_quota", "AccessDeniedException", "denied", 400)
    types = [("g4dn.xlarge", 4), ("g5.xlarge", 4), ("p3.2xlarge", 8), ("g6.xlarge", 4)]
    states = check_vcpu_quotas(session, REGION, types, "on-demand")
    assert {s.status for s in states.values()} == {"unknown"}  # the stub allows two calls only


def test_quota_increase_is_requested(session: boto3.Session, quotas: Stubber) -> None:
    quotas.add_response(
        "request_service_quota_increase",
        {"RequestedQuota": requested_quota("L-DB2E81BA", 8.0)},
        {"ServiceCode": "ec2", "QuotaCode": "L-DB2E81BA", "DesiredValue": 8.0},
    )
    request = request_quota_increase(session, REGION, "L-DB2E81BA", 8)
    assert (request.request_id, request.status, request.desired_value) == (
        "d2b4c8e0f1a2b3c4",
        "PENDING",
        8.0,
    )


def test_an_open_request_is_returned_instead_of_a_second(
    session: boto3.Session, quotas: Stubber
) -> None:
    quotas.add_client_error(
        "request_service_quota_increase", "ResourceAlreadyExistsException", "already requested", 400
    )
    quotas.add_response(
        "list_requested_service_quota_change_history_by_quota",
        {"RequestedQuotas": [requested_quota("L-DB2E81BA", 16.0, "CASE_OPENED", "abc123")]},
        {"ServiceCode": "ec2", "QuotaCode": ANY},
    )
    request = request_quota_increase(session, REGION, "L-DB2E81BA", 8)
    assert (request.request_id, request.status, request.desired_value) == (
        "abc123",
        "CASE_OPENED",
        16.0,
    )


def test_quota_request_denied_names_the_permission(session: boto3.Session, quotas: Stubber) -> None:
    from app.core.errors import WizardError

    quotas.add_client_error(
        "request_service_quota_increase", "AccessDeniedException", "denied", 400
    )
    with pytest.raises(WizardError) as caught:
        request_quota_increase(session, REGION, "L-DB2E81BA", 8)
    assert caught.value.code == "unauthorized"
    assert "servicequotas:RequestServiceQuotaIncrease" in caught.value.message
