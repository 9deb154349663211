"""The launch against an instance that boots as the DLAMI does: user data as root through the
cloud-init stand-in, host keys on the console only after the user-data script, as ubuntu."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError

from app.core.aws.console import console_host_keys, parse_host_keys
from app.core.errors import WizardError
from app.core.launch import LaunchJob, LaunchOverrides, StepEvent
from app.core.plan import LaunchPlan
from app.core.remote.connect import SshTarget, connect, run
from app.demo.environment import stop_notebooks
from app.demo.login_user import reachable_folder
from app.demo.sshd import SshServer, find_sshd
from tests.integration.launch.stand_in import StandIn, notebook_status
from tests.integration.remote import wheelhouse
from tests.support.constants import REGION


def _plan(instance_type: str = "g4dn.xlarge") -> LaunchPlan:
    return LaunchPlan(region=REGION, image_id="latest", instance_type=instance_type, volume_gib=40)


def _gated_python(folder: Path, real_python: str) -> tuple[Path, Path]:
    """A Python that waits until ``gate`` exists: a boot-time set-up as slow as the test likes
    (installing JupyterLab takes minutes on a Base DLAMI)."""
    gate = folder / "gate"
    python = folder / "python3"
    python.write_text(
        "#!/bin/sh\n"
        f'i=0; while [ ! -e "{gate}" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n'
        f'exec "{real_python}" "$@"\n'
    )
    python.chmod(0o755)
    return python, gate


def test_host_keys_do_not_wait_for_the_notebook_set_up_in_user_data(stand_in: StandIn) -> None:
    """cloud-init prints the host keys only after the user-data script has ended: the script
    must not hold them back while it installs and starts Jupyter (issue 12, fix 1)."""
    folder = reachable_folder("ec2nb-gated-python-")
    layout = stand_in.sshd.layout  # type: ignore[attr-defined]
    python, gate = _gated_python(folder, str(layout.python))
    stand_in.aws.attach_instance_host(
        stand_in.sshd.authorize,
        [stand_in.sshd.host_public_key],
        image_environment={**layout.environment, "EC2NB_PYTHON": str(python)},
    )
    overrides = dataclasses.replace(
        LaunchOverrides.from_env(), provision_only=True, host_key_timeout=20
    )
    events: list[StepEvent] = []
    job = LaunchJob(_plan(), progress_event=events.append, overrides=overrides)
    try:
        job.run()
        states = {e.step: e.state for e in events}
        assert states["host-keys"] == "done"
        assert job.journal.host_keys == [" ".join(stand_in.sshd.host_public_key.split()[:2])]
        # The boot-time set-up is still waiting at the gate: the keys did not wait for it.
        assert not gate.exists()
        waiting = subprocess.run(["pgrep", "-f", str(python)], capture_output=True, text=True)
        assert waiting.stdout.strip(), "the boot-time bootstrap should still be running"
    finally:
        gate.touch()
        job.cleanup()
        subprocess.run(["rm", "-rf", str(folder)], check=False)


def test_the_console_is_empty_at_first_and_shows_the_keys_after_the_user_data(
    stand_in: StandIn,
) -> None:
    ec2 = boto3.client("ec2", region_name=REGION, endpoint_url=stand_in.aws.endpoint)
    user_data = (
        '#!/bin/bash\necho "umask $(umask) as $(id -un) home $HOME"\n'
        'for i in 1 2 3 4 5 6; do sleep 0.2; echo "user data line $i done"; done\n'
    )
    answer = ec2.run_instances(
        ImageId=stand_in.image_id,
        InstanceType="g4dn.xlarge",
        MinCount=1,
        MaxCount=1,
        UserData=user_data,
    )
    instance_id = answer["Instances"][0]["InstanceId"]
    first = ec2.get_console_output(InstanceId=instance_id, Latest=True)
    assert first.get("Output", "") == ""  # the first stretch of boot
    session = boto3.Session(region_name=REGION)
    keys = console_host_keys(session, REGION, instance_id, timeout=30, poll_seconds=0.2)
    assert keys == [" ".join(stand_in.sshd.host_public_key.split()[:2])]
    text = ec2.get_console_output(InstanceId=instance_id, Latest=True)["Output"]
    who = "root" if os.geteuid() == 0 else stand_in.sshd.user
    home = "/root" if os.geteuid() == 0 else str(Path.home())
    # Root's umask and an environment of its own, output on the console; the keys after it.
    assert f"umask 0022 as {who} home {home}" in text
    assert text.rindex("done") < text.index("-----BEGIN SSH HOST KEY KEYS-----")
    # Another writer's line landed inside one of the script's lines: it is cut.
    assert "systemd[1]: Started snap.amazon-ssm-agent.service." in text
    assert not all(f"user data line {i} done" in text for i in range(1, 7)), text
    assert parse_host_keys(text) == keys


def test_latest_console_output_is_refused_on_xen_types_and_the_snapshot_is_read(
    stand_in: StandIn,
) -> None:
    ec2 = boto3.client("ec2", region_name=REGION, endpoint_url=stand_in.aws.endpoint)
    answer = ec2.run_instances(
        ImageId=stand_in.image_id, InstanceType="p3.2xlarge", MinCount=1, MaxCount=1
    )
    instance_id = answer["Instances"][0]["InstanceId"]
    with pytest.raises(ClientError) as refused:
        ec2.get_console_output(InstanceId=instance_id, Latest=True)
    assert refused.value.response["Error"]["Code"] == "UnsupportedOperation"
    session = boto3.Session(region_name=REGION)
    keys = console_host_keys(session, REGION, instance_id, timeout=30, poll_seconds=0.2)
    assert keys == [" ".join(stand_in.sshd.host_public_key.split()[:2])]


def test_a_host_key_cut_short_on_the_console_is_asked_about_not_called_a_mismatch(
    stand_in: StandIn,
) -> None:
    """Another writer's line inside the key line leaves a cut-short key that still decodes: it
    is no key at all, so the user is asked (issue 12, fix 10), instead of the launch failing
    with "the host key does not match"."""
    layout = stand_in.sshd.layout  # type: ignore[attr-defined]
    stand_in.aws.attach_instance_host(
        stand_in.sshd.authorize,
        [stand_in.sshd.host_public_key],
        image_environment=layout.environment,
        cut_key_lines=True,
    )
    asked: list[str] = []

    def confirm(fingerprint: str) -> bool:
        asked.append(fingerprint)
        return True

    overrides = dataclasses.replace(LaunchOverrides.from_env(), host_key_timeout=5)
    job = LaunchJob(_plan(), overrides=overrides, confirm_host_key=confirm)
    try:
        result = job.run()
        assert result.url is not None
        assert asked == [stand_in.host_fingerprint]
        assert job.journal.host_keys == []
    finally:
        if job.journal.resources.instance_id:
            job.cleanup()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make the ubuntu login user")
def test_the_key_pair_lets_in_ubuntu_with_passwordless_sudo_and_not_root(
    stand_in: StandIn,
) -> None:
    overrides = dataclasses.replace(LaunchOverrides.from_env(), provision_only=True)
    job = LaunchJob(_plan(), overrides=overrides)
    job.run()
    try:
        sshd = stand_in.sshd

        def target(user: str) -> SshTarget:
            return SshTarget(
                host=sshd.host,
                port=sshd.port,
                user=user,
                key_path=Path(job.journal.resources.key_files["private"]),
                instance_id=job.journal.resources.instance_id,
                host_keys=[sshd.host_public_key],
            )

        with connect(target("ubuntu"), deadline_seconds=20) as client:
            assert run(client, "id -un")[1].strip() == "ubuntu"
            assert run(client, "sudo -n id -u")[1].strip() == "0"
        with pytest.raises(WizardError) as refused:
            connect(target("root"), deadline_seconds=5, auth_retry_seconds=0)
        assert refused.value.code == "ssh-auth"
    finally:
        job.cleanup()


@pytest.fixture
def base_instance(stand_in: StandIn, monkeypatch: pytest.MonkeyPatch) -> Iterator[SshServer]:
    """Instances boot as the Base DLAMI: a root-owned Python without JupyterLab, whose pip
    (configured by the image) installs from a local wheelhouse."""
    binary = find_sshd()
    assert binary is not None
    folder = reachable_folder("ec2nb-base-instance-")
    base = wheelhouse.base_image(folder / "image", stand_in.sshd.login)
    server = SshServer(
        binary, folder / "sshd", env=base.environment, login_user=stand_in.sshd.login
    )
    server.layout = base  # type: ignore[attr-defined]
    server.start()
    home = server.make_home("notebooks")
    stand_in.aws.attach_instance_host(
        server.authorize, [server.host_public_key], image_environment=base.environment
    )
    monkeypatch.setenv("EC2NB_SSH_ENDPOINT", f"{server.user}@{server.host}:{server.port}")
    monkeypatch.setenv("EC2NB_REMOTE_HOME", str(home))
    try:
        yield server
    finally:
        stand_in.aws.shutdown_instances()
        stop_notebooks(home)
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_a_launch_on_the_base_dlami_installs_jupyterlab_at_boot_for_ubuntu(
    base_instance: SshServer,
) -> None:
    """User data (root) installs JupyterLab into the image's Python; the notebook then runs as
    the login user, who must be able to read what root installed (issue 12, fix 2)."""
    layout = base_instance.layout  # type: ignore[attr-defined]
    job = LaunchJob(_plan())
    try:
        result = job.run()
        assert result.url is not None
        assert "started" in notebook_status(result.url)
        assert result.notebook.python == str(layout.python)
        assert result.notebook.framework == "none"  # the Base DLAMI has no framework
        owner = subprocess.run(
            ["ps", "-o", "user=", "-p", str(result.notebook.pid)], capture_output=True, text=True
        )
        assert owner.stdout.strip() == base_instance.user
        result.tunnel.close()
    finally:
        job.cleanup()
