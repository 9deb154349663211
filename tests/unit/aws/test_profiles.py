"""The AWS CLI's profiles: listed from its files, and pasted keys saved as a new one."""

from __future__ import annotations

import configparser
import stat
from pathlib import Path

import pytest

from app.core.aws.profiles import ProfileInfo, list_profiles, profile_region, save_profile
from app.core.aws.session import Credentials
from app.core.errors import WizardError

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


@pytest.fixture
def aws_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    config, credentials = tmp_path / "aws" / "config", tmp_path / "aws" / "credentials"
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    return config, credentials


def test_profiles_of_both_files_with_their_kind_and_region(
    aws_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, credentials = aws_files
    config.parent.mkdir()
    config.write_text(
        "[default]\nregion = eu-west-1\n\n"
        "[profile team]\nsso_session = corp\nsso_account_id = 123456789012\n"
        "sso_role_name = Dev\nregion = us-west-2\n\n"
        "[profile legacy-sso]\nsso_start_url = https://x.awsapps.com/start\n"
        "sso_region = us-east-1\n\n"
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\n"
        "source_profile = default\n\n"
        "[profile vault]\ncredential_process = aws-vault export --format=json me\n\n"
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
        "sso_region = us-east-1\n"
    )
    credentials.write_text(
        f"[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\n\n"
        f"[keys-only]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = {SECRET}\n"
    )
    monkeypatch.setenv("AWS_PROFILE", "team")
    assert list_profiles() == [
        ProfileInfo("default", "eu-west-1", "keys"),
        ProfileInfo("admin", None, "role"),
        ProfileInfo("keys-only", None, "keys"),
        ProfileInfo("legacy-sso", None, "sso"),
        ProfileInfo("team", "us-west-2", "sso", current=True),
        ProfileInfo("vault", None, "process"),
    ]


def test_no_files_no_profiles(aws_files: tuple[Path, Path]) -> None:
    assert list_profiles() == []


def test_a_broken_file_does_not_hide_the_other(aws_files: tuple[Path, Path]) -> None:
    config, credentials = aws_files
    config.parent.mkdir()
    config.write_text("this is not an ini file\n[profile x\n")
    credentials.write_text(f"[mine]\naws_access_key_id = A\naws_secret_access_key = {SECRET}\n")
    assert [p.name for p in list_profiles()] == ["mine"]


def test_pasted_keys_are_saved_as_a_new_profile_owner_only(aws_files: tuple[Path, Path]) -> None:
    config, credentials = aws_files
    config.parent.mkdir()
    credentials.write_text("# my notes\n[old]\naws_access_key_id = A\naws_secret_access_key = B\n")
    credentials.chmod(0o644)
    save_profile(
        "wizard",
        Credentials(
            access_key_id="AKIAIOSFODNN7EXAMPLE", secret_access_key=SECRET, session_token="T" * 20
        ),
        "eu-central-1",
    )
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    text = credentials.read_text()
    assert text.startswith("# my notes\n[old]\n")  # the rest of the file is untouched
    parsed = configparser.RawConfigParser()
    parsed.read(credentials)
    assert dict(parsed["wizard"]) == {
        "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
        "aws_secret_access_key": SECRET,
        "aws_session_token": "T" * 20,
    }
    assert profile_region("wizard") == "eu-central-1"
    assert {p.name: p.kind for p in list_profiles()} == {"old": "keys", "wizard": "keys"}


def test_an_existing_profile_is_never_overwritten(aws_files: tuple[Path, Path]) -> None:
    config, credentials = aws_files
    config.parent.mkdir()
    config.write_text("[profile work]\nregion = us-east-1\n")
    before = config.read_text()
    with pytest.raises(WizardError) as caught:
        save_profile("work", Credentials(access_key_id="A" * 20, secret_access_key=SECRET), None)
    assert caught.value.code == "profile-exists"
    assert config.read_text() == before
    assert not credentials.exists()


@pytest.mark.parametrize("name", ["", "two words", "[evil]", "x" * 65])
def test_profile_names_are_checked(aws_files: tuple[Path, Path], name: str) -> None:
    with pytest.raises(WizardError) as caught:
        save_profile(name, Credentials(access_key_id="A" * 20, secret_access_key=SECRET), None)
    assert caught.value.code == "invalid-profile-name"


def test_only_pasted_keys_can_be_saved(aws_files: tuple[Path, Path]) -> None:
    with pytest.raises(WizardError) as caught:
        save_profile("copy", Credentials(profile="default"), None)
    assert caught.value.code == "invalid-profile"
