"""Fixtures for the remote tests: client keys the sshd trusts, targets, a notebook home."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import paramiko
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from app.core.remote.connect import SshTarget, connect
from app.core.remote.hostkeys import KnownHosts
from tests.support.sshd import SshServer

INSTANCE_ID = "i-0123456789abcdef0"

PrivateKey = ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def make_key(kind: str) -> PrivateKey:
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if kind == "ecdsa":
        return ec.generate_private_key(ec.SECP256R1())
    return ed25519.Ed25519PrivateKey.generate()


def public_line(key: PrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode()
    )


def write_key(key: PrivateKey, path: Path, passphrase: str | None = None) -> Path:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, encryption
        )
    )
    path.chmod(0o600)
    return path


@pytest.fixture(scope="session")
def client_key_path(tmp_path_factory: pytest.TempPathFactory, _ssh_server: SshServer) -> Path:
    """An Ed25519 key the sshd accepts, shared by the tests that just need to log in."""
    key = make_key("ed25519")
    _ssh_server.authorize(public_line(key))
    return write_key(key, tmp_path_factory.mktemp("client-key") / "id_ed25519")


@pytest.fixture
def make_target(sshd: SshServer, client_key_path: Path) -> Callable[..., SshTarget]:
    """Build a target for the test sshd; by default it trusts the sshd's real host key."""

    def build(**overrides: object) -> SshTarget:
        values: dict[str, object] = {
            "host": sshd.host,
            "port": sshd.port,
            "user": sshd.user,
            "key_path": client_key_path,
            "instance_id": INSTANCE_ID,
            "host_keys": [sshd.host_public_key],
        }
        values.update(overrides)
        return SshTarget(**values)  # type: ignore[arg-type]

    return build


@pytest.fixture
def ssh_client(make_target: Callable[..., SshTarget]) -> Iterator[paramiko.SSHClient]:
    client = connect(make_target(), deadline_seconds=20, known_hosts=KnownHosts())
    yield client
    client.close()


def _unique(name: str) -> str:
    import uuid

    return f"{''.join(c if c.isalnum() else '-' for c in name)[:60]}-{uuid.uuid4().hex[:6]}"


def stop_pid_file(path: Path) -> None:
    """Stop the process (group) whose id the bootstrap wrote to ``path``."""
    try:
        pid = int(path.read_text().strip())
    except (OSError, ValueError):
        return
    try:
        os.killpg(pid, signal.SIGTERM)
    except OSError:
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            return
        time.sleep(0.05)
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


@pytest.fixture
def remote_home(sshd: SshServer, request: pytest.FixtureRequest) -> Iterator[Path]:
    """The notebook home the bootstrap uses for this test (the login user's); whatever it
    started is stopped."""
    home = sshd.make_home(_unique(request.node.name))
    yield home
    # The instance is this machine: stop the Jupyter and idle agent the test started, even
    # when the SSH side is broken.
    for pid_file in sorted((home / ".ec2nb").glob("*.pid")):
        stop_pid_file(pid_file)
