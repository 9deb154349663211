"""The notebook bootstrap, run over real SSH against this machine with the real JupyterLab."""

from __future__ import annotations

import getpass
import gzip
import importlib.metadata
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import paramiko
import pytest

from app.core.errors import WizardError
from app.core.plan import Access
from app.core.remote.bootstrap import (
    BootstrapOptions,
    run_bootstrap,
    script_text,
    stop_notebook,
    user_data_script,
)
from app.demo.image_layout import ImageLayout
from app.demo.login_user import reachable_folder
from tests.integration.remote import notebook_http, wheelhouse
from tests.integration.remote.systemd_stand_in import systemd_bootstrap
from tests.support.sshd import SshServer, free_port


def _wait_for(path: Path, timeout: float = 60) -> None:
    """Until the background (boot-time) set-up has written ``path``."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} did not appear"
        time.sleep(0.05)


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def _git_repo(folder: Path, sshd: SshServer, name: str = "course-notebooks") -> Path:
    """A repository of the login user's (git refuses to clone one a stranger owns)."""
    repo = folder / name
    repo.mkdir()
    (repo / "lesson1.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4}')
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "lesson 1"]):
        subprocess.run(["git", *command], cwd=repo, env=env, check=True)
    for path in [repo, *repo.rglob("*")]:
        sshd.login.give(path)
    return repo


def test_bootstrap_starts_jupyter_and_a_second_run_changes_nothing(
    ssh_client: paramiko.SSHClient, remote_home: Path, sshd: SshServer
) -> None:
    options = BootstrapOptions(
        port=free_port(),
        remote_home=str(remote_home),
        git_repo=str(_git_repo(sshd.make_home(f"repo-{free_port()}"), sshd)),
    )
    messages: list[str] = []
    first = run_bootstrap(ssh_client, options, progress=lambda s, m: messages.append(m))

    assert first.jupyter_version == importlib.metadata.version("jupyterlab")
    # The instance's framework env, as on the PyTorch DLAMI (no GPU here, so no CUDA).
    assert first.python == str(sshd.layout.python)
    assert first.python_version.startswith(f"{sys.version_info[0]}.{sys.version_info[1]}.")
    assert (first.framework, first.cuda_available) == ("torch 2.7.0", False)
    assert first.gpu_name == "no GPU found"
    assert first.https is False
    assert first.service == "detached"
    assert {"token", "config", "started", "git"} <= set(first.changed)
    assert first.git == "cloned"
    assert (remote_home / "course-notebooks" / "lesson1.ipynb").exists()
    assert "starting Jupyter" in messages
    assert _alive(first.pid)
    state = remote_home / ".ec2nb"
    assert (state / "token").stat().st_mode & 0o777 == 0o600
    assert (state / "token").read_text().strip() == first.token
    config_file = state / "jupyter_server_config.json"
    assert config_file.stat().st_mode & 0o777 == 0o600
    assert json.loads(config_file.read_text())["ServerApp"]["ip"] == "127.0.0.1"
    # Jupyter answers on the instance's loopback with this token, and only with it.
    api = f"http://127.0.0.1:{first.port}/api/status"
    assert notebook_http.status(api, first.token) == 200
    assert notebook_http.status(api) == 403

    second = run_bootstrap(ssh_client, options)
    assert second.changed == []
    assert second.git == "present"
    assert (second.pid, second.token, second.port) == (first.pid, first.token, first.port)

    stop_notebook(ssh_client, options)
    assert not _alive(first.pid)


def test_a_repo_named_like_a_config_folder_is_cloned_into_a_plain_folder(
    ssh_client: paramiko.SSHClient, remote_home: Path, sshd: SshServer
) -> None:
    # A repo called .jupyter cloned into ~/.jupyter would take over Jupyter's own settings.
    repo = _git_repo(sshd.make_home(f"repo-{free_port()}"), sshd, ".jupyter")
    options = BootstrapOptions(port=free_port(), remote_home=str(remote_home), git_repo=str(repo))
    info = run_bootstrap(ssh_client, options)
    try:
        assert info.git == "cloned"
        assert (remote_home / "jupyter" / "lesson1.ipynb").exists()
        assert not (remote_home / ".jupyter").exists()
    finally:
        stop_notebook(ssh_client, options)


def test_a_changed_setting_restarts_jupyter_with_the_same_token(
    ssh_client: paramiko.SSHClient, remote_home: Path
) -> None:
    options = BootstrapOptions(port=free_port(), remote_home=str(remote_home))
    first = run_bootstrap(ssh_client, options)
    moved = BootstrapOptions(port=free_port(), remote_home=str(remote_home))
    second = run_bootstrap(ssh_client, moved)
    assert set(second.changed) == {"config", "started"}
    assert second.token == first.token
    assert not _alive(first.pid)
    assert notebook_http.status(f"http://127.0.0.1:{second.port}/api/status", second.token) == 200


def test_https_mode_serves_tls_on_all_interfaces_with_a_certificate_made_there(
    ssh_client: paramiko.SSHClient, remote_home: Path
) -> None:
    options = BootstrapOptions(access=Access.HTTPS, port=free_port(), remote_home=str(remote_home))
    info = run_bootstrap(ssh_client, options)
    assert info.https is True
    assert "certificate" in info.changed
    assert info.cert_fingerprint.count(":") == 31  # SHA-256, as openssl prints it
    state = remote_home / ".ec2nb"
    assert (state / "jupyter.key").stat().st_mode & 0o777 == 0o600
    config = json.loads((state / "jupyter_server_config.json").read_text())["ServerApp"]
    assert config["ip"] == "0.0.0.0"
    assert notebook_http.status(f"https://127.0.0.1:{info.port}/api/status", info.token) == 200
    assert notebook_http.status(f"https://127.0.0.1:{info.port}/api/status") == 403


def test_a_busy_port_fails_with_a_message_and_no_token_in_it(
    ssh_client: paramiko.SSHClient, remote_home: Path
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        options = BootstrapOptions(port=port, remote_home=str(remote_home), wait_seconds=60)
        with pytest.raises(WizardError) as caught:
            run_bootstrap(ssh_client, options)
    assert caught.value.code == "bootstrap-failed"
    assert f"did not answer on port {port}" in str(caught.value)
    token = (remote_home / ".ec2nb" / "token").read_text().strip()
    assert token not in caught.value.detail
    assert token not in str(caught.value)


def test_a_server_that_ends_as_it_starts_is_started_once_more(
    ssh_client: paramiko.SSHClient, remote_home: Path
) -> None:
    """The port is held until the first server has given up on it (as a server being stopped
    holds it a moment longer): the second start serves the notebook."""
    log = remote_home / ".ec2nb" / "jupyter.log"
    taken = socket.create_server(("127.0.0.1", 0))
    port = taken.getsockname()[1]

    def release_after_the_first_failure() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            text = log.read_text(errors="replace") if log.exists() else ""
            if "not available" in text or "already in use" in text:
                break
            time.sleep(0.05)
        taken.close()

    releaser = threading.Thread(target=release_after_the_first_failure)
    releaser.start()
    try:
        info = run_bootstrap(
            ssh_client, BootstrapOptions(port=port, remote_home=str(remote_home), wait_seconds=60)
        )
    finally:
        releaser.join()
        taken.close()
    assert notebook_http.status(f"http://127.0.0.1:{port}/api/status", info.token) == 200
    assert log.read_text().count("not available") + log.read_text().count("already in use") >= 1


def test_another_server_on_the_port_is_not_taken_for_ours(
    ssh_client: paramiko.SSHClient, remote_home: Path, sshd: SshServer
) -> None:
    port = free_port()
    first = run_bootstrap(ssh_client, BootstrapOptions(port=port, remote_home=str(remote_home)))
    other_home = sshd.make_home(f"{remote_home.name}-other")
    try:
        with pytest.raises(WizardError) as caught:
            run_bootstrap(ssh_client, BootstrapOptions(port=port, remote_home=str(other_home)))
        assert f"port {port} is taken by another server" in str(caught.value)
    finally:
        stop_notebook(ssh_client, BootstrapOptions(port=port, remote_home=str(other_home)))
    assert _alive(first.pid)


def _script_inside(user_data: bytes) -> str:
    """The bootstrap the user data writes to a file: what cloud-init unpacks, then the here-doc."""
    text = gzip.decompress(user_data).decode()
    return text.split("<<'EC2NB_BOOTSTRAP_END'\n", 1)[1].split("\nEC2NB_BOOTSTRAP_END\n")[0]


def test_user_data_fits_the_limit_and_unpacks_to_the_same_script() -> None:
    options = BootstrapOptions(
        user="ubuntu",
        idle_stop_minutes=60,
        git_repo="https://x/y.git",
        max_hours=12,
        spot=True,
        work_volume="vol-0123456789abcdef0",
    )
    user_data = user_data_script(options)
    # cloud-init unpacks gzipped user data; EC2 counts the bytes before base64.
    assert user_data[:2] == b"\x1f\x8b"
    assert len(user_data) <= 16 * 1024
    assert gzip.decompress(user_data).startswith(b"#!/bin/bash\n")
    script = _script_inside(user_data)
    assert script == script_text(options).rstrip()
    assert "export EC2NB_USER=ubuntu" in script
    assert "def decide(" in script  # the idle agent travels inside
    # Without a user name, the image's login user (uid 1000) runs Jupyter, never root.
    anonymous = _script_inside(user_data_script(BootstrapOptions()))
    assert "export EC2NB_USER_FROM_UID=1000" in anonymous


def test_ssh_run_finds_done_what_the_boot_time_run_prepared(
    ssh_client: paramiko.SSHClient, remote_home: Path, sshd: SshServer
) -> None:
    options = BootstrapOptions(
        port=free_port(),
        remote_home=str(remote_home),
        user=sshd.user,
        python=str(sshd.layout.python),
    )
    # cloud-init runs user data as root with bash, at boot; here, now.
    booted = subprocess.run(
        ["bash", "-c", gzip.decompress(user_data_script(options)).decode()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert booted.returncode == 0, booted.stdout + booted.stderr
    # User data ends at once (cloud-init prints the host keys only then); the set-up goes on
    # in the background and holds the script's lock, so the SSH run waits for it.
    assert "preparing the notebook in the background" in booted.stdout
    _wait_for(remote_home / ".ec2nb" / "jupyter.pid")
    info = run_bootstrap(ssh_client, options)
    assert info.changed == []
    assert notebook_http.status(f"http://127.0.0.1:{info.port}/api/status", info.token) == 200


@pytest.fixture
def base_image(sshd: SshServer, tmp_path: Path) -> Iterator[ImageLayout]:
    """The Base DLAMI's Python (no JupyterLab), owned by root where we are root."""
    folder = reachable_folder("ec2nb-base-image-")
    try:
        yield wheelhouse.base_image(folder, sshd.login)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _lacks_jupyterlab(python: Path) -> bool:
    return (
        subprocess.run([str(python), "-c", "import jupyterlab"], capture_output=True).returncode
        != 0
    )


@pytest.mark.slow
def test_jupyterlab_is_installed_when_the_environment_lacks_it(
    ssh_client: paramiko.SSHClient, remote_home: Path, base_image: ImageLayout
) -> None:
    """The Base DLAMI over SSH as ubuntu: root owns its Python, so pip runs through sudo, and the
    files it writes must be readable by ubuntu, who runs Jupyter."""
    assert _lacks_jupyterlab(base_image.python)
    options = BootstrapOptions(
        port=free_port(),
        remote_home=str(remote_home),
        python=str(base_image.python),
        pip_args="--no-index --find-links "
        + base_image.environment["PIP_CONFIG_FILE"].replace("pip.conf", "wheelhouse"),
    )
    messages: list[str] = []
    info = run_bootstrap(ssh_client, options, progress=lambda s, m: messages.append(m))
    assert "installing JupyterLab (a few minutes)" in messages
    assert "jupyterlab" in info.changed
    assert info.python == str(base_image.python)
    assert info.jupyter_version == importlib.metadata.version("jupyterlab")
    assert notebook_http.status(f"http://127.0.0.1:{info.port}/api/status", info.token) == 200
    assert run_bootstrap(ssh_client, options).changed == []


@pytest.mark.slow
def test_jupyterlab_installed_by_root_at_boot_serves_the_login_user(
    ssh_client: paramiko.SSHClient, remote_home: Path, base_image: ImageLayout, sshd: SshServer
) -> None:
    """User data runs as root (cloud-init's umask 022) and installs JupyterLab into the image's
    Python; ubuntu's Jupyter must be able to read what it installed."""
    options = BootstrapOptions(
        port=free_port(),
        remote_home=str(remote_home),
        user=sshd.user,
        python=str(base_image.python),
        pip_args="--no-index --find-links "
        + base_image.environment["PIP_CONFIG_FILE"].replace("pip.conf", "wheelhouse"),
    )
    booted = subprocess.run(
        ["bash", "-c", gzip.decompress(user_data_script(options)).decode()],
        capture_output=True,
        text=True,
        timeout=300,
        umask=0o022,
    )
    assert booted.returncode == 0, booted.stdout + booted.stderr
    _wait_for(remote_home / ".ec2nb" / "jupyter.pid", timeout=240)
    # Read as the login user: the installed package must be importable by them.
    readable = subprocess.run(
        sshd.login.command(str(base_image.python), "-c", "import jupyterlab"),
        capture_output=True,
        text=True,
    )
    assert readable.returncode == 0, readable.stderr
    info = run_bootstrap(ssh_client, options)
    assert info.python == str(base_image.python)
    assert notebook_http.status(f"http://127.0.0.1:{info.port}/api/status", info.token) == 200


def test_with_systemd_jupyter_becomes_a_service_and_the_agent_a_timer(
    remote_home: Path, tmp_path: Path
) -> None:
    """No systemd runs here: a stand-in systemctl runs the units the script writes."""
    units = tmp_path / "units"
    units.mkdir()
    state = remote_home / ".ec2nb"
    options = BootstrapOptions(
        port=free_port(),
        remote_home=str(remote_home),
        python=sys.executable,
        service="systemd",
        idle_stop_minutes=30,
        idle_dry_run=True,
    )
    bootstrap = systemd_bootstrap(options, units, state)

    first = bootstrap()
    assert first["ok"] is True, first
    assert first["service"] == "systemd"
    assert {"service", "started", "idle-timer"} <= set(first["changed"])  # type: ignore[arg-type]
    service = (units / "ec2nb-jupyter.service").read_text()
    assert f'ExecStart="{sys.executable}" -m jupyterlab' in service
    assert f"User={getpass.getuser()}" in service
    assert (units / "ec2nb-jupyter.service").stat().st_mode & 0o777 == 0o644
    token = (state / "token").read_text().strip()
    assert notebook_http.status(f"http://127.0.0.1:{first['port']}/api/status", token) == 200
    # The timer's first run: the agent's command line in the unit works and stays dry.
    agent_log = (state / "ec2nb-idle.service.log").read_text()
    assert "(dry run: not stopping)" in agent_log or "stay up" in agent_log

    assert bootstrap()["changed"] == []

    assert bootstrap("stop")["stopped"] is True
    assert not (units / "ec2nb-jupyter.service").exists()
    assert not (units / "ec2nb-idle.timer").exists()
    assert not _alive(first["pid"])  # type: ignore[arg-type]
