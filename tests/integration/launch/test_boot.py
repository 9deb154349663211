"""The launch against an instance that boots as the DLAMI does: user data as root through the
cloud-init stand-in, host keys on the console only after the user-data script, as ubuntu."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError

from app.core.aws.console import console_host_keys, parse_host_keys
from app.core.launch import LaunchJob, LaunchOverrides, StepEvent
from app.core.plan import LaunchPlan
from app.demo.login_user import reachable_folder
from tests.integration.launch.stand_in import StandIn
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
    user_data = '#!/bin/bash\necho "umask $(umask) as $(id -un) home $HOME"\nsleep 0.5\n'
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
    assert f"umask 0022 as {who} home {home}" in text.replace("\n[", "[")
    assert text.index("umask 0022") < text.index("-----BEGIN SSH HOST KEY KEYS-----")
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
