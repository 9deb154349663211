"""Opt-in regions the account has not enabled: said as such, not as a bad access key.

The emulator plays a new account (app.demo.realism_opt_in): in af-south-1 and the other opt-in
regions STS answers InvalidClientTokenId and EC2 AuthFailure, as AWS does for credentials that
are fine elsewhere; DescribeRegions shows those regions not-opted-in.
"""

from __future__ import annotations

import boto3
import pytest

from app.core.aws.identity import check_identity
from app.core.aws.regions import list_regions, region_opt_in_status, require_region_enabled
from app.core.aws.session import Credentials, make_session
from app.core.errors import WizardError
from app.core.launch import LaunchJob
from app.core.plan import LaunchPlan
from app.demo.realism_opt_in import OptInRegions
from tests.support.aws_emulator import AwsEmulator, needs_realism
from tests.support.constants import ACCOUNT_ID, REGION

pytestmark = needs_realism

DISABLED = "af-south-1"


def test_the_credentials_check_in_a_disabled_region_names_the_region(aws: AwsEmulator) -> None:
    with pytest.raises(WizardError) as caught:
        check_identity(make_session(Credentials(), DISABLED), DISABLED)
    assert caught.value.code == "opt-in-required"
    assert caught.value.message == f"The region {DISABLED} is not enabled for your account."
    assert "AWS Regions" in caught.value.hint
    assert "access key" not in caught.value.message
    assert "InvalidClientTokenId" in caught.value.detail


def test_the_same_keys_work_once_the_region_is_enabled(aws: AwsEmulator) -> None:
    aws.behaviour(OptInRegions).enable(DISABLED)
    identity = check_identity(make_session(Credentials(), DISABLED), DISABLED)
    assert identity.account == ACCOUNT_ID
    assert region_opt_in_status(make_session(Credentials(), REGION), DISABLED) == "opted-in"


def test_a_key_aws_does_not_know_is_still_called_so(aws: AwsEmulator) -> None:
    aws.inject("GetCallerIdentity", "InvalidClientTokenId", status=403, message="The token.")
    with pytest.raises(WizardError) as caught:
        check_identity(make_session(Credentials(), REGION), REGION)
    assert caught.value.code == "bad-credentials"
    assert caught.value.message == "AWS does not recognise this access key."


def test_the_region_list_marks_what_is_not_enabled(aws: AwsEmulator) -> None:
    regions = {r.name: r for r in list_regions(make_session(Credentials(), REGION))}
    assert regions[DISABLED].status == "not-opted-in"
    assert not regions[DISABLED].opted_in
    assert regions["us-west-2"].opted_in
    # EC2 itself, asked without AllRegions, lists only the enabled ones.
    names = [r["RegionName"] for r in boto3.client("ec2").describe_regions()["Regions"]]
    assert DISABLED not in names
    assert "us-west-2" in names


def test_the_launch_check_refuses_a_disabled_region(aws: AwsEmulator) -> None:
    with pytest.raises(WizardError) as caught:
        require_region_enabled(make_session(Credentials(), REGION), DISABLED)
    assert caught.value.code == "opt-in-required"
    require_region_enabled(make_session(Credentials(), REGION), "us-west-2")


def test_a_launch_in_a_disabled_region_stops_at_the_identity_step(
    aws: AwsEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EC2NB_PUBLIC_IP", "198.51.100.23")  # no what-is-my-IP look-up
    job = LaunchJob(LaunchPlan(region=DISABLED, image_id="latest", instance_type="g4dn.xlarge"))
    with pytest.raises(WizardError) as caught:
        job.run()
    assert caught.value.code == "opt-in-required"
    assert f"{DISABLED} is not enabled" in caught.value.message
    failed = [e for e in job.events if e.state == "failed"]
    assert [e.step for e in failed] == ["identity"]
    assert not any(a.startswith(("Create", "Import", "Run")) for a in aws.calls)
