"""Credentials, regions and Deep Learning AMIs against moto."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import boto3
import pytest

from app.core.aws.amis import describe_image, list_dlamis, resolve_image
from app.core.aws.identity import check_identity
from app.core.aws.regions import list_regions
from app.core.aws.session import Credentials, client, make_session
from app.core.errors import WizardError
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import ACCESS_KEY_ID, ACCOUNT_ID, REGION, SECRET_ACCESS_KEY

PYTORCH = "oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04"
BASE = "base-oss-nvidia-driver-gpu-amazon-linux-2023"


def test_identity_of_pasted_keys(aws: AwsEmulator) -> None:
    session = make_session(Credentials(None, ACCESS_KEY_ID, SECRET_ACCESS_KEY), "eu-west-1")
    identity = check_identity(session)
    assert identity.account == ACCOUNT_ID
    assert identity.arn.startswith(f"arn:aws:sts::{ACCOUNT_ID}:")
    assert identity.region == "eu-west-1"


def test_identity_of_a_profile_has_its_region(
    aws: AwsEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "credentials").write_text(
        f"[work]\naws_access_key_id = {ACCESS_KEY_ID}\n"
        f"aws_secret_access_key = {SECRET_ACCESS_KEY}\n"
    )
    (tmp_path / "config").write_text("[profile work]\nregion = ap-northeast-1\n")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    identity = check_identity(make_session(Credentials(profile="work"), None))
    assert (identity.account, identity.region) == (ACCOUNT_ID, "ap-northeast-1")


@pytest.mark.parametrize(
    ("aws_code", "code"),
    [
        ("InvalidClientTokenId", "bad-credentials"),
        ("SignatureDoesNotMatch", "bad-credentials"),
        ("ExpiredToken", "expired-credentials"),
        ("AccessDenied", "unauthorized"),
    ],
)
def test_identity_failures_are_explained(
    session: boto3.Session, aws: AwsEmulator, aws_code: str, code: str
) -> None:
    aws.inject("GetCallerIdentity", aws_code, status=403)
    with pytest.raises(WizardError) as caught:
        check_identity(session)
    assert caught.value.code == code
    assert "GetCallerIdentity" in caught.value.detail


def test_expired_sso_sign_in_says_which_command_to_run(
    aws: AwsEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config").write_text(
        "[profile team]\nsso_session = corp\nsso_account_id = 123456789012\n"
        "sso_role_name = DataScientist\nregion = us-west-2\n\n"
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
        "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n"
    )
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path))  # no cached SSO token: never signed in here
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(WizardError) as caught:
        check_identity(make_session(Credentials(profile="team"), None))
    assert caught.value.code == "sso-login-needed"
    assert "aws sso login --profile team" in caught.value.hint


def test_unknown_profile_is_named(aws: AwsEmulator) -> None:
    with pytest.raises(WizardError) as caught:
        make_session(Credentials(profile="nobody"), REGION)
    assert caught.value.code == "profile-not-found"
    assert "nobody" in caught.value.message


def test_clients_share_one_configuration(session: boto3.Session) -> None:
    ec2 = client(session, "ec2", REGION)
    assert client(session, "ec2", REGION) is ec2
    config = ec2.meta.config
    assert config.retries["mode"] == "standard"
    assert config.retries["total_max_attempts"] >= 5
    assert (config.connect_timeout, config.read_timeout) == (10, 60)
    assert "ec2-notebook-wizard/" in config.user_agent_extra


def test_regions_mark_the_ones_not_enabled(session: boto3.Session, aws: AwsEmulator) -> None:
    regions = {r.name: r for r in list_regions(session)}
    assert regions["us-east-1"].opted_in
    assert "eu-west-1" in regions
    # Other partitions need other accounts.
    assert not any(name.startswith(("cn-", "us-gov-")) for name in regions)


def test_dlamis_come_from_the_public_parameters_newest_first(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    now = dt.datetime.now(dt.UTC)
    older = aws.seed_dlami(REGION, flavour=BASE, created=now - dt.timedelta(days=20))
    newer = aws.seed_dlami(REGION, flavour=PYTORCH, created=now - dt.timedelta(days=3))
    aws.seed_dlami(REGION, flavour="stale-flavour", parameter=False)  # not current: no parameter
    images = list_dlamis(session, REGION)
    assert [(i.image_id, i.flavour) for i in images] == [(newer, PYTORCH), (older, BASE)]
    pytorch, base = images
    assert (pytorch.ssh_user, base.ssh_user) == ("ubuntu", "ec2-user")
    assert pytorch.root_volume_gib > 0
    assert pytorch.architecture == "x86_64"
    assert pytorch.source == "ssm"


def test_dlamis_are_searched_by_name_when_ssm_is_denied(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    now = dt.datetime.now(dt.UTC)
    aws.seed_dlami(REGION, flavour=PYTORCH, created=now - dt.timedelta(days=40))
    newest = aws.seed_dlami(REGION, flavour=PYTORCH, created=now - dt.timedelta(days=2))
    other = aws.seed_dlami(REGION, flavour=BASE, created=now - dt.timedelta(days=5))
    aws.inject("GetParametersByPath", "AccessDeniedException", status=400, times=5)
    images = list_dlamis(session, REGION)
    # The newest image of each flavour, newest first.
    assert [i.image_id for i in images] == [newest, other]
    assert images[0].source == "search"


def test_latest_image_of_a_flavour(session: boto3.Session, aws: AwsEmulator) -> None:
    image_id = aws.seed_dlami(REGION, flavour=PYTORCH)
    image = resolve_image(session, REGION, "latest", PYTORCH)
    assert (image.image_id, image.flavour, image.ssh_user) == (image_id, PYTORCH, "ubuntu")
    with pytest.raises(WizardError) as caught:
        resolve_image(session, REGION, "latest", "no-such-flavour")
    assert caught.value.code == "bad-ami"


def test_default_image_is_pytorch_on_ubuntu(session: boto3.Session, aws: AwsEmulator) -> None:
    aws.seed_dlami(REGION, flavour=BASE)
    wanted = aws.seed_dlami(REGION, flavour=PYTORCH, created=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    assert resolve_image(session, REGION, "latest", "").image_id == wanted


def test_custom_ami_is_validated_in_its_region(session: boto3.Session, aws: AwsEmulator) -> None:
    image_id = aws.seed_dlami("us-west-2", flavour=PYTORCH, parameter=False)
    assert describe_image(session, "us-west-2", image_id).image_id == image_id
    with pytest.raises(WizardError) as caught:
        describe_image(session, REGION, image_id)
    assert caught.value.code == "bad-ami"
    assert image_id in caught.value.message
