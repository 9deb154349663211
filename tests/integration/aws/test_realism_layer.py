"""The realism layer's plumbing: before hooks, rewrites, installation per reset, the switch."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from app.demo.gateway import ApiRequest, ApiResponse
from app.demo.realism import RealismConfig, behaviour_modules, refusal
from app.demo.realism_consistency import EventualConsistency
from app.demo.realism_opt_in import OptInRegions
from tests.support.aws_emulator import AwsEmulator, needs_realism
from tests.support.constants import REGION


@needs_realism
def test_behaviours_are_found_by_name_and_installed(aws: AwsEmulator) -> None:
    names = {m.__name__.rsplit(".", 1)[-1] for m in behaviour_modules()}
    assert {"realism_consistency", "realism_capacity", "realism_opt_in"} <= names
    assert aws.behaviour(EventualConsistency).window > 0
    assert "af-south-1" in aws.behaviour(OptInRegions).disabled


def test_a_before_hook_answers_without_taking_the_emulated_slot(aws: AwsEmulator) -> None:
    seen: list[str] = []

    def emulated(request: ApiRequest) -> ApiResponse | None:
        seen.append(request.action)
        return None  # moto answers after all

    def before(request: ApiRequest) -> ApiResponse | None:
        if request.params.get("VpcId.1") == "vpc-refused":
            return refusal(
                request, "InvalidVpcID.NotFound", "The vpc ID 'vpc-refused' does not exist"
            )
        return None

    aws.emulate("DescribeVpcs", emulated)
    with aws.gateway.lock:
        aws.gateway.before.setdefault("DescribeVpcs", []).append(before)
    ec2 = boto3.client("ec2", region_name=REGION)
    with pytest.raises(ClientError) as caught:
        ec2.describe_vpcs(VpcIds=["vpc-refused"])
    assert caught.value.response["Error"]["Code"] == "InvalidVpcID.NotFound"
    assert seen == []  # answered before the emulated API
    assert ec2.describe_vpcs()["Vpcs"]  # the hook let this one through: emulated, then moto
    assert seen == ["DescribeVpcs"]


def test_a_rewrite_changes_moto_s_answer_and_its_length(aws: AwsEmulator) -> None:
    def rename(_request: ApiRequest, body: bytes) -> bytes:
        return body.replace(b"<isDefault>true</isDefault>", b"<isDefault>false</isDefault>")

    with aws.gateway.lock:
        aws.gateway.rewrite.setdefault("DescribeVpcs", []).append(rename)
    vpcs = boto3.client("ec2", region_name=REGION).describe_vpcs()["Vpcs"]
    assert vpcs
    assert not any(v["IsDefault"] for v in vpcs)


def test_realism_off_leaves_moto_s_own_answers_and_later_handlers(aws: AwsEmulator) -> None:
    marker: list[str] = []
    aws.emulate("DescribeKeyPairs", lambda r: marker.append(r.action))  # type: ignore[func-returns-value]
    aws.set_realism(RealismConfig(enabled=False))
    assert aws.behaviour(EventualConsistency).window == 0
    assert aws.behaviour(OptInRegions).disabled == set()
    sts = boto3.client("sts", region_name="af-south-1")
    assert sts.get_caller_identity()["Account"]
    boto3.client("ec2", region_name=REGION).describe_key_pairs()
    assert marker == ["DescribeKeyPairs"]  # registered after the layer: kept


@needs_realism
def test_each_test_starts_with_the_layer_as_configured(aws: AwsEmulator) -> None:
    # The previous test switched it off; the fixture's reset put it back.
    assert aws.realism.enabled
    with pytest.raises(ClientError) as caught:
        boto3.client("sts", region_name="af-south-1").get_caller_identity()
    assert caught.value.response["Error"]["Code"] == "InvalidClientTokenId"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
