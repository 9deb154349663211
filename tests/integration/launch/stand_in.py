"""The stand-in instance fixture, shared by tests/integration/launch and tests/e2e."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.demo.ebs_stand_in import EbsStandIn, install_disks, remove_disks
from app.demo.emulator import AwsEmulator
from app.demo.environment import stop_notebooks
from app.demo.sshd import SshServer
from tests.support.constants import REGION


@dataclass
class StandIn:
    """What a test needs to launch against the emulator and reach the notebook."""

    aws: AwsEmulator
    sshd: SshServer
    image_id: str
    remote_home: Path
    host_fingerprint: str  # "SHA256:..." of sshd's host key, for --trust-host-key
    disks: EbsStandIn  # the emulated volumes' devices (work disks)
    region: str = REGION

    def env(self) -> dict[str, str]:
        """The environment for an ``ec2nb`` subprocess (everything the test process has)."""
        return dict(os.environ)


def notebook_status(url: str) -> dict[str, object]:
    """``GET /api/status`` of the notebook behind ``url`` (which carries the token)."""
    base, token = url.split("/lab?token=")
    if not base.startswith("http://127.0.0.1:"):
        raise ValueError(f"not a tunnel URL: {base}")
    request = urllib.request.Request(  # noqa: S310 (checked: loopback http)
        f"{base}/api/status", headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        loaded: dict[str, object] = json.loads(answer.read())
        return loaded


def _fingerprint(public_line: str) -> str:
    blob = base64.b64decode(public_line.split()[1])
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


@pytest.fixture
def stand_in(
    aws: AwsEmulator,
    sshd: SshServer,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[StandIn]:
    """Every instance boots as the PyTorch DLAMI: its user data runs as root, the launch's key
    is authorised for ubuntu (when we are root), who runs the notebook."""
    layout = sshd.layout  # type: ignore[attr-defined]  (set by the session fixture)
    aws.attach_instance_host(
        sshd.authorize, [sshd.host_public_key], image_environment=layout.environment
    )
    image_id = aws.seed_dlami(REGION)
    remote_home = sshd.make_home(f"launch-{uuid.uuid4().hex[:10]}")
    monkeypatch.setenv("EC2NB_SSH_ENDPOINT", f"{sshd.user}@{sshd.host}:{sshd.port}")
    monkeypatch.setenv("EC2NB_PUBLIC_IP", "198.51.100.23")
    monkeypatch.setenv("EC2NB_REMOTE_HOME", str(remote_home))
    # Work disks: each volume gets a device the bootstrap finds as on a Nitro instance.
    disks = install_disks(aws, sshd.make_home(f"ebs-{uuid.uuid4().hex[:10]}"))
    for name, value in disks.environment().items():
        monkeypatch.setenv(name, value)
    try:
        yield StandIn(aws, sshd, image_id, remote_home, _fingerprint(sshd.host_public_key), disks)
    finally:
        aws.shutdown_instances()
        stop_notebooks(remote_home)
        remove_disks(aws, disks)
