"""Sessions share botocore's data loader: a new session does not parse the service models again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest

from app.core.aws.identity import check_identity
from app.core.aws.session import Credentials, client, make_session
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import ACCESS_KEY_ID, ACCOUNT_ID, SECRET_ACCESS_KEY

PASTED = Credentials(None, ACCESS_KEY_ID, SECRET_ACCESS_KEY)


def _loader(session: boto3.Session) -> Any:
    return session._session.get_component("data_loader")


class _CountingFileLoader:
    """Wraps botocore's file loader and records which data files it reads from disk."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.read: list[str] = []

    def exists(self, file_path: str) -> bool:
        return bool(self.real.exists(file_path))

    def load_file(self, file_path: str) -> Any:
        self.read.append(file_path)
        return self.real.load_file(file_path)


def test_a_new_session_reads_no_service_model_again(
    aws: AwsEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_session(PASTED, "eu-west-1")
    client(first, "ec2")
    loader = _loader(first)
    counting = _CountingFileLoader(loader.file_loader)
    monkeypatch.setattr(loader, "file_loader", counting)

    second = make_session(PASTED, "ap-northeast-1")
    ec2 = client(second, "ec2")
    assert _loader(second) is loader
    assert not [path for path in counting.read if "/ec2/" in path.replace("\\", "/")]
    assert ec2.meta.region_name == "ap-northeast-1"
    assert ec2.describe_regions()["Regions"]


def test_sessions_keep_their_own_credentials_and_regions(
    aws: AwsEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "credentials").write_text(
        "[other]\naws_access_key_id = AKIAOTHEREXAMPLE0000\naws_secret_access_key = other\n"
    )
    (tmp_path / "config").write_text("[profile other]\nregion = sa-east-1\n")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    pasted = make_session(PASTED, "eu-west-1")
    profile = make_session(Credentials(profile="other"), None)
    assert _loader(pasted) is _loader(profile)
    assert (pasted.region_name, profile.region_name) == ("eu-west-1", "sa-east-1")
    assert pasted.get_credentials().access_key == ACCESS_KEY_ID
    assert profile.get_credentials().access_key == "AKIAOTHEREXAMPLE0000"
    assert check_identity(pasted).account == ACCOUNT_ID
    assert check_identity(profile).region == "sa-east-1"


def test_the_shared_loader_does_not_grow_with_each_session(aws: AwsEmulator) -> None:
    sessions = [make_session(PASTED, "eu-west-1") for _ in range(5)]
    paths = _loader(sessions[-1]).search_paths
    assert len(paths) == len(set(paths))
    assert any(Path(path).parent.name == "boto3" for path in paths)  # boto3's resources
