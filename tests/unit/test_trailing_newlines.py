"""Values checked by a pattern are checked whole: a trailing line break (``re.match`` with ``$``
lets one through) or a quote never gets into a file or a command line."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest

from app.core.aws.profiles import list_profiles, save_profile
from app.core.aws.session import Credentials
from app.core.aws.tags import check_launch_id
from app.core.errors import WizardError
from app.core.plan import LaunchPlan
from app.core.remote.commands import putty_command, ssh_command
from app.core.remote.hostkeys import KnownHosts

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
PIN = "SHA256:" + "A" * 43


@pytest.fixture
def aws_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    config, credentials = tmp_path / "aws" / "config", tmp_path / "aws" / "credentials"
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    return config, credentials


def _save(name: str, region: str | None) -> None:
    save_profile(
        name, Credentials(access_key_id="AKIAIOSFODNN7EXAMPLE", secret_access_key=SECRET), region
    )


@pytest.mark.parametrize("name", ["wizard\n", "wizard\n[default]"])
def test_a_profile_name_with_a_line_break_is_refused(
    aws_files: tuple[Path, Path], name: str
) -> None:
    with pytest.raises(WizardError) as caught:
        _save(name, None)
    assert caught.value.code == "invalid-profile-name"
    assert not aws_files[1].exists()


@pytest.mark.parametrize(
    "region", ["eu-west-1\n", "eu-west-1\n[profile other]\nregion = x", "eu west 1", "eu-west-"]
)
def test_a_region_that_is_not_one_is_refused_before_anything_is_written(
    aws_files: tuple[Path, Path], region: str
) -> None:
    with pytest.raises(WizardError) as caught:
        _save("wizard", region)
    assert caught.value.code == "bad-region"
    assert not aws_files[0].exists()
    assert not aws_files[1].exists()


def test_real_region_names_are_saved(aws_files: tuple[Path, Path]) -> None:
    for number, region in enumerate(["us-gov-west-1", "eusc-de-east-1", "ap-southeast-5"]):
        _save(f"p{number}", region)
    parsed = configparser.RawConfigParser()
    parsed.read(aws_files[0])
    assert parsed["profile p1"]["region"] == "eusc-de-east-1"
    assert [p.name for p in list_profiles()] == ["p0", "p1", "p2"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("image_id", "ami-0123456789abcdef0\n"),
        ("git_repo", "https://github.com/me/repo\n"),
        ("git_repo", "https://github.com/me/repo\ntouch /tmp/x"),
        ("trusted_host_key", PIN + "\n"),
        ("trusted_host_key", 'SHA256:abc" & calc.exe & "'),
        ("trusted_host_key", "SHA256:" + "A" * 42 + "&"),
        ("trusted_host_key", "SHA256:"),
    ],
)
def test_plan_values_with_a_trailing_line_break_or_quote_are_problems(
    field: str, value: str
) -> None:
    plan = LaunchPlan(region="us-east-1", **{field: value})
    assert plan.problems(), f"{field}={value!r} was accepted"


def test_a_real_pin_is_accepted() -> None:
    assert LaunchPlan(trusted_host_key=PIN).problems() == []
    assert LaunchPlan(trusted_host_key=PIN + "=").problems() == []


@pytest.mark.parametrize("pin", [PIN + "\n", 'SHA256:x" & calc & "', "SHA256:a b"])
def test_putty_line_never_carries_a_pin_that_is_not_a_fingerprint(pin: str) -> None:
    with pytest.raises(WizardError):
        putty_command(
            host="203.0.113.7",
            user="ubuntu",
            ppk_path="C:/k.ppk",
            host_key_fingerprints=[pin],
            windows=True,
        )
    line = putty_command(
        host="203.0.113.7", user="ubuntu", ppk_path="C:/k.ppk", host_key_fingerprints=[PIN]
    )
    assert f"-hostkey {PIN}" in line


def test_a_command_argument_with_a_line_break_is_quoted() -> None:
    line = ssh_command(host="203.0.113.7", user="ubuntu", key_path="/k\n", windows=False)
    assert "'/k\n'" in line  # quoted: the line break cannot end the command


def test_an_instance_id_or_launch_id_with_a_line_break_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WizardError):
        KnownHosts(tmp_path / "kh").remember("i-0123456789abcdef0\n", ["ssh-ed25519 AAAA"])
    with pytest.raises((WizardError, ValueError)):
        check_launch_id("250602-a1b2c3\n")
