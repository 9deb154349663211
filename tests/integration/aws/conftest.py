"""Fixtures for the AWS core against the moto server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import boto3
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from app.core.aws.session import Credentials, make_session
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import REGION

MY_IP = "198.51.100.23"  # a documentation address standing in for "your public IP"


def settle(aws: AwsEmulator) -> None:
    """Let AWS catch up: what the app created so far is visible to every call now.

    For tests whose subject is not eventual consistency (test_eventual_consistency.py has
    those) but that build their world through the app's own functions.
    """
    from app.demo.realism_consistency import EventualConsistency
    from app.demo.realism_snapshots import Snapshots
    from app.demo.realism_volumes import Volumes

    aws.behaviour(EventualConsistency).settle()
    aws.behaviour(Snapshots).finish()  # new snapshots and images: listed and done
    aws.behaviour(Volumes).settle()  # new volumes: available and known


def host_key_lines() -> list[str]:
    """Two fresh host public keys as OpenSSH lines without comment."""
    keys = [ec.generate_private_key(ec.SECP256R1()), ed25519.Ed25519PrivateKey.generate()]
    return [
        key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode()
        for key in keys
    ]


def console_with_keys(lines: list[str]) -> str:
    """Console output as cloud-init prints it on Ubuntu, host keys included."""
    body = "\n".join(f"{line} root@ip-172-31-16-4" for line in lines)
    return (
        "[   38.120] cloud-init[1021]: Generating public/private ed25519 key pair.\n"
        "-----BEGIN SSH HOST KEY FINGERPRINTS-----\n256 SHA256:abc root@ip (ED25519)\n"
        "-----END SSH HOST KEY FINGERPRINTS-----\n"
        f"-----BEGIN SSH HOST KEY KEYS-----\n{body}\n-----END SSH HOST KEY KEYS-----\n"
        "[   41.210] cloud-init[1021]: Cloud-init v. 24.1 finished\n"
    )


@pytest.fixture(scope="session")
def _shared_session(_aws_server: object) -> boto3.Session:
    # One session for all tests: its clients (cached per session) load the service models once.
    return make_session(Credentials(), REGION)


@pytest.fixture
def session(aws: AwsEmulator, _shared_session: boto3.Session) -> boto3.Session:
    """A session with the dummy credentials conftest set, in the default test region."""
    return _shared_session


@pytest.fixture
def no_pricing(aws: AwsEmulator) -> None:
    """moto has no Pricing API: answer GetProducts as for an account without the permission."""
    aws.inject("GetProducts", "AccessDeniedException", times=10_000)


@pytest.fixture
def set_console(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Set the text moto's GetConsoleOutput returns (read at each call, same process)."""
    import moto.ec2.responses.general as general

    def set_text(text: str) -> None:
        monkeypatch.setattr(general, "SAMPLE_CONSOLE_OUTPUT", text)

    return set_text


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    return tmp_path / "keys" / "ec2nb-test.pem"
