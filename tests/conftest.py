"""Shared fixtures: a safe environment, the AWS emulator, the SSH server and the network guard.

The environment is set at import time, before any test imports boto3 or Qt, so that nothing can
read the developer's real AWS configuration or open a real window.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import network_guard
from tests.support.constants import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY

_SANDBOX = Path(tempfile.mkdtemp(prefix="ec2nb-tests-"))
for _name in list(os.environ):
    if _name.startswith("AWS_"):
        del os.environ[_name]
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": str(_SANDBOX / "aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(_SANDBOX / "aws" / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "EC2NB_HOME": str(_SANDBOX / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "MOTO_ALLOW_NONEXISTENT_REGION": "false",
        # Only the images a test seeds exist, so "newest Deep Learning AMI" is deterministic.
        "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
    }
)
os.environ.setdefault("XDG_RUNTIME_DIR", str(_SANDBOX / "xdg-runtime"))
Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)
network_guard.install()

# CI runs the property tests with a fixed seed, so a red build can be reproduced; developers'
# runs keep exploring new examples.
if os.environ.get("CI"):
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
    _hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _no_network_escape() -> Iterator[None]:
    """Fail a test that tried to reach anything outside loopback, even if the code coped."""
    network_guard.take_violations()
    yield
    escaped = network_guard.take_violations()
    if escaped:
        pytest.fail("test tried to leave loopback: " + "; ".join(escaped), pytrace=False)


@pytest.fixture(autouse=True)
def _fresh_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own per-user folders (journals, known hosts, logs, price cache)."""
    home = tmp_path_factory.mktemp("ec2nb-home")
    monkeypatch.setenv("EC2NB_HOME", str(home))
    return home


# -- the AWS emulator --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _aws_server() -> Iterator[object]:
    from tests.support.aws_emulator import AwsEmulator

    server = AwsEmulator()
    server.start()
    os.environ["AWS_ENDPOINT_URL"] = server.endpoint
    yield server
    server.stop()


@pytest.fixture
def aws(_aws_server: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """The moto server, reset for this test; ``AWS_ENDPOINT_URL`` points every client at it.

    It plays AWS strictly (the realism layer, app/demo/realism.py) unless ``EC2NB_REALISM=0``;
    a test's ``aws.set_realism(...)`` lasts for that test only.
    """
    from app.demo.service_realism import install_service_realism
    from tests.support.aws_emulator import AwsEmulator, RealismConfig

    assert isinstance(_aws_server, AwsEmulator)
    _aws_server.realism = RealismConfig.from_env()
    _aws_server.reset()
    install_service_realism(_aws_server)  # one-time spot, alarm actions' service-linked role
    monkeypatch.setenv("AWS_ENDPOINT_URL", _aws_server.endpoint)
    yield _aws_server
    _aws_server.clear_faults()


# -- the SSH server ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _ssh_server() -> Iterator[object]:
    import shutil

    from app.demo.image_layout import pytorch_layout
    from app.demo.login_user import ensure_login_user, reachable_folder
    from tests.support.sshd import SshServer
    from tests.support.tools import require_tool

    binary = require_tool("sshd", "openssh-server")
    require_tool("ssh-keygen", "openssh-client")
    if os.geteuid() == 0:
        require_tool("sudo", "sudo")
    # The "instance" is this machine, laid out as the PyTorch Deep Learning AMI: its login user
    # is ubuntu (when we are root, as CI is) and its framework venv has JupyterLab. The
    # bootstrap honours the instance's EC2NB_PYTHON before searching /opt/pytorch etc.
    user = ensure_login_user()
    root = reachable_folder("ec2nb-instance-")
    layout = pytorch_layout(root, user)
    server = SshServer(binary, root / "sshd", env=layout.environment, login_user=user)
    server.layout = layout  # type: ignore[attr-defined]
    server.start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def sshd(_ssh_server: object) -> object:
    """A real OpenSSH server on loopback; its log is attached to the report if the test fails."""
    from tests.support.sshd import SshServer

    assert isinstance(_ssh_server, SshServer)
    _ssh_server.mark_log()
    return _ssh_server


@pytest.fixture
def puttygen() -> str:
    """Path of the real PuTTYgen, the oracle for .ppk files."""
    from tests.support.tools import require_tool

    return require_tool("puttygen", "putty-tools")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    report = yield
    server = getattr(item, "funcargs", {}).get("sshd")
    if server is not None and report.failed:
        report.sections.append(("sshd log", server.log_since_mark()))
    return report
