"""The launch job in-process against the emulator and the stand-in sshd: the whole flow,
cancel at every step, a fault at every AWS step, and clean-up of exactly what it created."""

from __future__ import annotations

import dataclasses
import shlex
import subprocess
from pathlib import Path

import pytest

from app.core.errors import Cancelled, WizardError
from app.core.launch import STEPS, LaunchJob, LaunchOverrides, StepEvent
from app.core.plan import LaunchPlan
from app.core.progress import CancelToken
from tests.integration.launch.stand_in import StandIn, notebook_status
from tests.support.constants import REGION


def _plan(stand_in: StandIn, *, pin: bool = True) -> LaunchPlan:
    return LaunchPlan(
        region=REGION,
        image_id="latest",
        instance_type="g4dn.xlarge",
        volume_gib=40,
        trusted_host_key=stand_in.host_fingerprint if pin else None,
        idle_stop_minutes=30,
    )


def test_launch_reaches_a_notebook_and_cleanup_leaves_nothing(stand_in: StandIn) -> None:
    events: list[StepEvent] = []
    job = LaunchJob(_plan(stand_in, pin=False), progress_event=events.append)
    result = job.run()
    try:
        assert result.url is not None
        assert result.url.startswith("http://127.0.0.1:")
        assert "started" in notebook_status(result.url)
        finished = [e.step for e in events if e.state == "done"]
        assert finished[0] == "identity"
        assert finished[-1] == "ready"
        # moto has no EC2 quotas in Service Quotas: "unknown" is reported and the launch goes on.
        # No spending alert was asked for: the budget step is skipped.
        assert set(finished) == set(STEPS) - {"quota", "budget"}
        assert [e.state for e in events if e.step == "quota"][-1] == "skipped"
        # The host key came from the console output, as on EC2.
        assert job.journal.host_keys == [" ".join(stand_in.sshd.host_public_key.split()[:2])]
        tagged = stand_in.aws.tagged_resources(REGION, job.launch_id)
        assert set(tagged) >= {"instances", "security_groups", "key_pairs", "alarms"}
        key_files = [Path(p) for p in job.journal.resources.key_files.values()]
        assert all(p.exists() for p in key_files)
        # The SSH line shown to the user logs in and checks the host key without asking.
        args = shlex.split(result.ssh_command)
        login = subprocess.run(
            [*args[:-1], "-o", "BatchMode=yes", args[-1], "echo", "logged-in"],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        assert login.stdout.strip() == "logged-in", login.stderr
        assert "putty" in result.putty_command
        assert stand_in.host_fingerprint in result.putty_command
    finally:
        job.cleanup()
    assert stand_in.aws.tagged_resources(REGION, job.launch_id) == {}
    assert not any(p.exists() for p in key_files)
    assert stand_in.aws.calls.count("RunInstances") == 1


@pytest.mark.parametrize("step", STEPS)
def test_cancel_at_each_step_cleans_up(stand_in: StandIn, step: str) -> None:
    cancel = CancelToken()
    events: list[StepEvent] = []

    def on_event(event: StepEvent) -> None:
        events.append(event)
        if event.step == step and event.state == "running":
            cancel.cancel()

    job = LaunchJob(_plan(stand_in), progress_event=on_event, cancel=cancel)
    with pytest.raises(Cancelled):
        job.run()
    assert any(e.step == step and e.state == "cancelled" for e in events) or step in (
        "ami",
        "quota",
        "security-group",
        "key-pair",
        "budget",
    )
    assert not any(e.state == "done" for e in events if STEPS.index(e.step) > STEPS.index(step) + 1)
    job.cleanup()
    assert stand_in.aws.tagged_resources(REGION, job.launch_id) == {}
    assert job.journal.status == "terminated"


# (API action, error code, the step that must fail, the error code the user sees, fault filter)
FAULTS = [
    ("GetCallerIdentity", "InvalidClientTokenId", "identity", "bad-credentials", None),
    ("DescribeImages", "UnauthorizedOperation", "ami", "unauthorized", None),
    ("DescribeInstanceTypes", "UnauthorizedOperation", "quota", "unauthorized", None),
    ("CreateSecurityGroup", "UnauthorizedOperation", "security-group", "unauthorized", None),
    ("ImportKeyPair", "UnauthorizedOperation", "key-pair", "unauthorized", None),
    ("RunInstances", "InsufficientInstanceCapacity", "instance", "no-capacity", None),
    ("RunInstances", "VcpuLimitExceeded", "instance", "vcpu-quota", None),
    (
        "DescribeInstances",
        "UnauthorizedOperation",
        "running",
        "unauthorized",
        lambda p: "InstanceId.1" in p,
    ),
    ("GetConsoleOutput", "UnauthorizedOperation", "host-keys", "unauthorized", None),
]


@pytest.mark.parametrize(
    ("action", "aws_code", "step", "code", "match"), FAULTS, ids=[f"{f[0]}-{f[1]}" for f in FAULTS]
)
def test_fault_at_each_aws_step_fails_clearly_and_cleans_up(
    stand_in: StandIn, action: str, aws_code: str, step: str, code: str, match: object
) -> None:
    stand_in.aws.inject(action, aws_code, message="Injected.", times=50, match=match)  # type: ignore[arg-type]
    events: list[StepEvent] = []
    job = LaunchJob(_plan(stand_in, pin=False), progress_event=events.append)
    with pytest.raises(WizardError) as caught:
        job.run()
    assert caught.value.code == code, caught.value
    failed = [e for e in events if e.state == "failed"]
    assert [e.step for e in failed] == [step]
    assert failed[0].message == str(caught.value)
    assert "Traceback" not in failed[0].message
    stand_in.aws.clear_faults()
    job.cleanup()
    assert stand_in.aws.tagged_resources(REGION, job.launch_id) == {}


@pytest.mark.parametrize("trusted", [True, False])
def test_a_host_key_the_console_does_not_show_is_asked_about(
    stand_in: StandIn, trusted: bool
) -> None:
    # moto's own console output: a boot log without the host key block.
    stand_in.aws.emulate("GetConsoleOutput", lambda request: None)
    asked: list[str] = []

    def confirm(fingerprint: str) -> bool:
        asked.append(fingerprint)
        return trusted

    overrides = dataclasses.replace(LaunchOverrides.from_env(), host_key_timeout=1.0)
    job = LaunchJob(_plan(stand_in, pin=False), overrides=overrides, confirm_host_key=confirm)
    try:
        if trusted:
            assert job.run().url is not None
        else:
            with pytest.raises(WizardError) as caught:
                job.run()
            assert caught.value.code == "host-key-unknown"
        assert asked == [stand_in.host_fingerprint]
    finally:
        job.cleanup()
    assert stand_in.aws.tagged_resources(REGION, job.launch_id) == {}


def test_without_anyone_to_ask_an_unverifiable_host_key_fails(stand_in: StandIn) -> None:
    stand_in.aws.emulate("GetConsoleOutput", lambda request: None)
    overrides = dataclasses.replace(LaunchOverrides.from_env(), host_key_timeout=1.0)
    job = LaunchJob(_plan(stand_in, pin=False), overrides=overrides)
    with pytest.raises(WizardError) as caught:
        job.run()
    job.cleanup()
    assert caught.value.code != "internal"
    assert [e.step for e in job.events if e.state == "failed"] == ["host-keys"]


def test_the_journal_holds_no_secret_and_resume_of_a_ready_launch_reconnects(
    stand_in: StandIn,
) -> None:
    job = LaunchJob(_plan(stand_in))
    first = job.run()
    first.tunnel.close()
    journal_text = job.journal.path.read_text()
    token = first.notebook.token
    assert token not in journal_text
    assert "PRIVATE KEY" not in journal_text
    assert oct(job.journal.path.stat().st_mode & 0o777) == "0o600"
    again = LaunchJob.resume(job.launch_id)
    second = again.run()
    try:
        assert second.instance_id == first.instance_id
        assert "started" in notebook_status(second.url or "")
        done_before = [e.message for e in again.events if e.state == "done"]
        assert any("(from before)" in message for message in done_before)
    finally:
        second.tunnel.close()
        again.cleanup()
    assert stand_in.aws.calls.count("RunInstances") == 1
    assert stand_in.aws.tagged_resources(REGION, job.launch_id) == {}


@pytest.mark.parametrize(
    ("passphrase", "code"), [(None, "passphrase-needed"), ("no", "wrong-passphrase")]
)
def test_a_locked_key_fails_the_launch_before_anything_is_created(
    stand_in: StandIn, tmp_path: Path, passphrase: str | None, code: str
) -> None:
    import boto3

    from app.core.keys import generate_key, public_openssh_line, to_openssh, write_private_file
    from app.core.plan import KeyChoice

    key = generate_key("ed25519")
    path = tmp_path / "mine.key"
    write_private_file(path, to_openssh(key, passphrase="correct horse"))
    boto3.client("ec2", region_name=REGION).import_key_pair(
        KeyName="mine", PublicKeyMaterial=public_openssh_line(key).encode()
    )
    plan = dataclasses.replace(
        _plan(stand_in), key_choice=KeyChoice.EXISTING, key_path=str(path), existing_key_name="mine"
    )
    job = LaunchJob(plan, key_passphrase=passphrase)
    with pytest.raises(WizardError) as caught:
        job.run()
    assert caught.value.code == code
    assert "CreateSecurityGroup" not in stand_in.aws.calls
    assert stand_in.aws.tagged_resources(REGION, job.launch_id) == {}
