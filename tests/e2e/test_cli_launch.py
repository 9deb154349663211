"""``ec2nb launch`` end to end as a user runs it: a subprocess against the emulator and sshd.

The instance's address is mapped to the sshd fixture with ``EC2NB_SSH_ENDPOINT`` and its host key
pinned with ``--trust-host-key``; the notebook is fetched through the URL ``ec2nb`` printed.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from tests.e2e.cli_process import CliProcess, launch_args, run_ec2nb
from tests.integration.launch.stand_in import StandIn, notebook_status
from tests.support.constants import REGION, SECRET_ACCESS_KEY


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[list[CliProcess]]:
    started: list[CliProcess] = []
    yield started
    for process in started:
        process.close()


def _start(
    processes: list[CliProcess], args: list[str], env: dict[str, str], tmp_path: Path
) -> CliProcess:
    process = CliProcess(args, env, tmp_path / f"stderr-{len(processes)}.txt")
    processes.append(process)
    return process


def _secret_lines(private_key: Path) -> list[str]:
    """The base64 lines of the private key: none may reach a log."""
    lines = private_key.read_text().splitlines()
    return [line for line in lines if line and not line.startswith("-----")]


def _logs(home: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in (home / "logs").glob("*.log*"))


def test_launch_open_notebook_terminate_and_nothing_is_left(
    stand_in: StandIn, processes: list[CliProcess], tmp_path: Path
) -> None:
    env = stand_in.env()
    launch = _start(processes, launch_args(stand_in.host_fingerprint, "--json"), env, tmp_path)
    ready = launch.event("ready")
    assert ready["region"] == REGION
    assert ready["demo"] is False
    assert ready["url"].startswith("http://127.0.0.1:")
    status = notebook_status(ready["url"])
    assert "started" in status, status
    launch_id = ready["launch_id"]
    journal = json.loads(
        (Path(env["EC2NB_HOME"]) / "data" / "launches" / f"{launch_id}.json").read_text()
    )
    private_key = Path(journal["resources"]["key_files"]["private"])
    secrets = [SECRET_ACCESS_KEY, ready["url"].split("token=")[1], *_secret_lines(private_key)]
    assert stand_in.aws.tagged_resources(REGION, launch_id)["instances"] == [ready["instance_id"]]

    terminated = run_ec2nb(["terminate", launch_id, "--yes"], env)
    assert terminated.returncode == 0, terminated.stderr
    assert stand_in.aws.tagged_resources(REGION, launch_id) == {}
    assert not private_key.exists()

    launch.process.send_signal(signal.SIGINT)
    assert launch.finish() == 0, launch.transcript()
    assert launch.event("closed", timeout=5)["launch_id"] == launch_id
    logs = _logs(Path(env["EC2NB_HOME"]))
    assert launch_id in logs  # the logs are there, and they are the ones of this launch
    text = logs + launch.stderr() + terminated.stdout + terminated.stderr
    for secret in secrets:
        assert secret not in text


def test_a_killed_launch_resumes_without_a_second_instance(
    stand_in: StandIn, processes: list[CliProcess], tmp_path: Path
) -> None:
    env = stand_in.env()
    first = _start(processes, launch_args(stand_in.host_fingerprint, "--json"), env, tmp_path)
    launch_id = first.event("launch")["launch_id"]
    first.wait_for(lambda e: e.get("step") == "instance" and e.get("state") == "done")
    first.process.kill()
    first.finish()

    resumed = _start(
        processes, ["open", launch_id, "--yes", "--no-browser", "--json"], env, tmp_path
    )
    ready = resumed.event("ready")
    assert ready["launch_id"] == launch_id
    assert "started" in notebook_status(ready["url"])
    tagged = stand_in.aws.tagged_resources(REGION, launch_id)
    assert tagged["instances"] == [ready["instance_id"]]
    assert stand_in.aws.calls.count("RunInstances") == 1

    assert run_ec2nb(["terminate", launch_id, "--yes"], env).returncode == 0
    assert stand_in.aws.tagged_resources(REGION, launch_id) == {}


def test_ctrl_c_during_a_launch_cancels_and_cleans_up(
    stand_in: StandIn, processes: list[CliProcess], tmp_path: Path
) -> None:
    env = stand_in.env()
    launch = _start(processes, launch_args(stand_in.host_fingerprint, "--json"), env, tmp_path)
    launch_id = launch.event("launch")["launch_id"]
    launch.wait_for(lambda e: e.get("step") == "key-pair" and e.get("state") == "done")
    launch.process.send_signal(signal.SIGINT)
    assert launch.event("cancelled")["launch_id"] == launch_id
    assert launch.event("cleaned-up")["launch_id"] == launch_id
    assert launch.finish() == 130, launch.transcript()
    assert stand_in.aws.tagged_resources(REGION, launch_id) == {}
    assert not (Path(env["EC2NB_HOME"]) / "data" / "launches" / f"{launch_id}.json").exists()


def test_sigterm_during_a_launch_cancels_and_cleans_up_like_ctrl_c(
    stand_in: StandIn, processes: list[CliProcess], tmp_path: Path
) -> None:
    env = stand_in.env()
    launch = _start(processes, launch_args(stand_in.host_fingerprint, "--json"), env, tmp_path)
    launch_id = launch.event("launch")["launch_id"]
    launch.wait_for(lambda e: e.get("step") == "instance" and e.get("state") == "done")
    launch.process.send_signal(signal.SIGTERM)  # what `timeout` or a shutdown sends
    assert launch.event("cancelled")["launch_id"] == launch_id
    assert launch.event("cleaned-up")["launch_id"] == launch_id
    assert launch.finish() == 130, launch.transcript()
    assert stand_in.aws.tagged_resources(REGION, launch_id) == {}


def test_a_second_ctrl_c_during_clean_up_says_what_is_left_and_how_to_remove_it(
    stand_in: StandIn, processes: list[CliProcess], tmp_path: Path
) -> None:
    # AWS keeps the group "in use" for a while after the instance is gone: clean-up waits.
    stand_in.aws.inject("DeleteSecurityGroup", "DependencyViolation", times=10_000)
    env = stand_in.env()
    launch = _start(processes, launch_args(stand_in.host_fingerprint, "--json"), env, tmp_path)
    launch_id = launch.event("launch")["launch_id"]
    launch.wait_for(lambda e: e.get("step") == "key-pair" and e.get("state") == "done")
    launch.process.send_signal(signal.SIGINT)
    launch.event("cancelled")
    launch.wait_for(lambda e: "release the network interface" in str(e.get("message")))
    launch.process.send_signal(signal.SIGINT)
    interrupted = launch.event("cleanup-interrupted")
    group_id = stand_in.aws.tagged_resources(REGION, launch_id)["security_groups"][0]
    assert f"security group {group_id}" in interrupted["left"]
    assert launch.finish() == 130, launch.transcript()
    assert f"'ec2nb terminate {launch_id}' removes it" in launch.stderr()
    assert "Traceback" not in launch.stderr()
    stand_in.aws.clear_faults()
    assert run_ec2nb(["terminate", launch_id, "--yes"], env).returncode == 0
    assert stand_in.aws.tagged_resources(REGION, launch_id) == {}


def test_a_failed_launch_says_why_in_one_paragraph_and_cleans_up(
    stand_in: StandIn, tmp_path: Path
) -> None:
    stand_in.aws.inject("RunInstances", "InsufficientInstanceCapacity", times=50)
    env = stand_in.env()
    result = run_ec2nb(launch_args(stand_in.host_fingerprint, "--json"), env)
    assert result.returncode == 1
    error = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error) == 1, result.stderr
    assert "g4dn.xlarge" in error[0]
    assert "Traceback" not in result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    launch_id = next(e["launch_id"] for e in events if e["event"] == "launch")
    assert any(e["event"] == "cleaned-up" for e in events)
    assert stand_in.aws.tagged_resources(REGION, launch_id) == {}


def test_a_launch_that_stopped_before_its_instance_is_listed_and_can_be_removed(
    stand_in: StandIn,
) -> None:
    stand_in.aws.inject("RunInstances", "InsufficientInstanceCapacity", times=50)
    env = stand_in.env()
    failed = run_ec2nb(
        [*launch_args(stand_in.host_fingerprint, "--json"), "--keep-on-failure"], env
    )
    assert failed.returncode == 1, failed.stderr
    events = [json.loads(line) for line in failed.stdout.splitlines()]
    launch_id = next(e["launch_id"] for e in events if e["event"] == "launch")
    assert set(stand_in.aws.tagged_resources(REGION, launch_id)) >= {"security_groups"}
    listed = run_ec2nb(["list", "--region", REGION, "--json"], env)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["launch_id"], r["instance_id"], r["state"]) for r in rows] == [
        (launch_id, None, "no instance")
    ]
    text = run_ec2nb(["list", "--region", REGION], env)
    assert launch_id in text.stdout
    assert "no instance" in text.stdout
    assert "'ec2nb terminate ID' removes it" in text.stdout
    removed = run_ec2nb(["terminate", launch_id, "--yes"], env)
    assert removed.returncode == 0, removed.stderr
    assert stand_in.aws.tagged_resources(REGION, launch_id) == {}
    assert json.loads(run_ec2nb(["list", "--region", REGION, "--json"], env).stdout) == []


def test_cleanup_spares_a_resumable_launch_and_open_remakes_what_a_named_cleanup_removed(
    stand_in: StandIn,
) -> None:
    stand_in.aws.inject("RunInstances", "InsufficientInstanceCapacity", times=50)
    env = {**stand_in.env(), "EC2NB_PROVISION_ONLY": "1"}
    failed = run_ec2nb(
        [*launch_args(stand_in.host_fingerprint, "--json"), "--keep-on-failure"], env
    )
    assert failed.returncode == 1, failed.stderr
    events = [json.loads(line) for line in failed.stdout.splitlines()]
    launch_id = next(e["launch_id"] for e in events if e["event"] == "launch")
    stand_in.aws.clear_faults()
    made = stand_in.aws.tagged_resources(REGION, launch_id)
    assert set(made) == {"security_groups", "key_pairs"}

    skipped = run_ec2nb(["cleanup", "--region", REGION, "--yes"], env)
    assert skipped.returncode == 0, skipped.stderr
    assert f"Skipped {launch_id}: can be resumed on this computer" in skipped.stdout
    assert stand_in.aws.tagged_resources(REGION, launch_id) == made

    # Named, it goes (as a clean-up from another computer would do); open makes it again.
    removed = run_ec2nb(["cleanup", launch_id, "--region", REGION, "--yes"], env)
    assert removed.returncode == 0, removed.stderr
    assert stand_in.aws.tagged_resources(REGION, launch_id) == {}
    opened = run_ec2nb(["open", launch_id, "--yes", "--no-browser", "--json"], env)
    assert opened.returncode == 0, opened.stderr
    ready = [json.loads(line) for line in opened.stdout.splitlines()][-1]
    assert ready["event"] == "ready"
    again = stand_in.aws.tagged_resources(REGION, launch_id)
    assert set(again) >= {"security_groups", "key_pairs", "instances"}
    assert again["instances"] == [ready["instance_id"]]
    assert run_ec2nb(["terminate", launch_id, "--yes"], env).returncode == 0
    assert stand_in.aws.tagged_resources(REGION, launch_id) == {}


def test_bad_usage_exits_2_without_touching_aws(stand_in: StandIn) -> None:
    env = stand_in.env()
    result = run_ec2nb(["launch", "--volume-gib", "2", "--yes", "--json"], env)
    assert result.returncode == 2
    assert "disk size" in result.stderr
    assert stand_in.aws.calls == []
    assert run_ec2nb(["launch", "--no-such-option"], env).returncode == 2
    # Without --yes and without a terminal to ask on, nothing is launched.
    assert run_ec2nb(["launch", "--region", REGION], env).returncode == 2
    assert "RunInstances" not in stand_in.aws.calls


@pytest.mark.parametrize(
    "repo",
    [
        "https://alice:ghp_GitT0kenThatMustNotLeak@github.com/alice/notes.git",
        "https://ghp_GitT0kenThatMustNotLeak@github.com/alice/notes.git",
    ],
)
def test_a_repo_url_with_credentials_is_refused_and_never_logged(
    stand_in: StandIn, repo: str
) -> None:
    env = stand_in.env()
    result = run_ec2nb([*launch_args(stand_in.host_fingerprint, "--json"), "--repo", repo], env)
    assert result.returncode == 2, result.stderr
    assert "deploy key" in result.stderr
    assert stand_in.aws.calls == []
    home = Path(env["EC2NB_HOME"])
    assert not list((home / "data" / "launches").glob("*.json"))
    logs = _logs(home)
    assert "started: launch" in logs  # the start line (with the arguments) was logged, masked
    assert "ghp_GitT0kenThatMustNotLeak" not in logs + result.stdout + result.stderr


def test_https_mode_shows_the_certificate_fingerprint_to_compare(
    stand_in: StandIn, processes: list[CliProcess], tmp_path: Path
) -> None:
    env = stand_in.env()
    launch = _start(
        processes,
        [*launch_args(stand_in.host_fingerprint, "--json"), "--access", "https"],
        env,
        tmp_path,
    )
    ready = launch.event("ready")
    assert ready["url"].startswith("https://")
    fingerprint = ready["cert_fingerprint"]
    # As openssl prints a SHA-256 fingerprint, and as the browsers' certificate viewers show it.
    assert fingerprint.count(":") == 31
    assert launch.finish() == 0, launch.transcript()  # no tunnel to hold in HTTPS mode
    stderr = launch.stderr()
    assert f"Certificate SHA-256 fingerprint: {fingerprint}" in stderr
    assert "before you accept the browser's certificate warning" in stderr.lower()
    assert run_ec2nb(["terminate", ready["launch_id"], "--yes"], env).returncode == 0


def test_a_wide_ssh_range_needs_allow_wide_cidr(stand_in: StandIn) -> None:
    env = {**stand_in.env(), "EC2NB_PROVISION_ONLY": "1"}
    for wide in ("0.0.0.0/1", "0.0.0.0/0"):
        refused = run_ec2nb(
            [*launch_args(stand_in.host_fingerprint, "--json"), "--ssh-cidr", wide], env
        )
        assert refused.returncode == 2, refused.stderr
        assert "wider than /16" in refused.stderr
    assert stand_in.aws.calls == []
    allowed = run_ec2nb(
        [
            *launch_args(stand_in.host_fingerprint, "--json"),
            "--ssh-cidr",
            "0.0.0.0/1",
            "--allow-wide-cidr",
        ],
        env,
    )
    assert allowed.returncode == 0, allowed.stderr
    ready = [json.loads(line) for line in allowed.stdout.splitlines()][-1]
    group_id = json.loads(
        (Path(env["EC2NB_HOME"]) / "data" / "launches" / f"{ready['launch_id']}.json").read_text()
    )["resources"]["security_group_id"]
    ec2 = boto3.client("ec2", region_name=REGION)
    rules = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]["IpPermissions"]
    assert [r["CidrIp"] for rule in rules for r in rule["IpRanges"]] == ["0.0.0.0/1"]
    assert run_ec2nb(["terminate", ready["launch_id"], "--yes"], env).returncode == 0


def test_list_stop_start_terminate_keep_resources_and_cleanup(stand_in: StandIn) -> None:
    env = {**stand_in.env(), "EC2NB_PROVISION_ONLY": "1"}
    launched = run_ec2nb([*launch_args(stand_in.host_fingerprint, "--json")], env)
    assert launched.returncode == 0, launched.stderr
    ready = [json.loads(line) for line in launched.stdout.splitlines()][-1]
    assert ready["event"] == "ready"
    assert ready["url"] is None
    launch_id = ready["launch_id"]
    listed = run_ec2nb(["list", "--region", REGION, "--json"], env)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["launch_id"], r["resumable_here"]) for r in rows] == [(launch_id, True)]
    assert run_ec2nb(["stop", launch_id], env).returncode == 0
    started = run_ec2nb(["start", ready["instance_id"]], env)
    assert started.returncode == 0, started.stderr
    assert f"ec2nb open {launch_id}" in started.stdout
    kept = run_ec2nb(["terminate", launch_id, "--keep-resources", "--yes"], env)
    assert kept.returncode == 0, kept.stderr
    left = stand_in.aws.tagged_resources(REGION, launch_id)
    assert "instances" not in left
    assert set(left) >= {"security_groups", "key_pairs"}
    # Younger than an hour, it might still be launching elsewhere: only removed when named.
    skipped = run_ec2nb(["cleanup", "--region", REGION, "--yes"], env)
    assert skipped.returncode == 0, skipped.stderr
    assert f"Skipped {launch_id}: started less than an hour ago" in skipped.stdout
    assert set(stand_in.aws.tagged_resources(REGION, launch_id)) >= {"security_groups"}
    cleaned = run_ec2nb(["cleanup", launch_id, "--region", REGION, "--yes"], env)
    assert cleaned.returncode == 0, cleaned.stderr
    assert launch_id in cleaned.stdout
    assert stand_in.aws.tagged_resources(REGION, launch_id) == {}


def test_a_one_time_spot_launch_warns_and_stop_offers_terminate(
    stand_in: StandIn, processes: list[CliProcess], tmp_path: Path
) -> None:
    env = {**stand_in.env(), "EC2NB_PROVISION_ONLY": "1"}
    launch = _start(
        processes, [*launch_args(stand_in.host_fingerprint, "--json"), "--spot"], env, tmp_path
    )
    ready = launch.event("ready")
    launch_id = ready["launch_id"]
    assert ready["warnings"] == [
        "No idle alarm: AWS cannot stop a one-time spot instance, only terminate it. "
        "Terminate it when you are done."
    ]
    assert launch.finish() == 0, launch.transcript()
    stopped = run_ec2nb(["stop", launch_id], env)
    assert stopped.returncode == 1
    assert "one-time spot instance: AWS cannot stop it, only terminate it" in stopped.stderr
    assert f"'ec2nb terminate {launch_id}'" in stopped.stderr
    terminated = run_ec2nb(["terminate", launch_id, "--yes"], env)
    assert terminated.returncode == 0, terminated.stderr


def _encrypted_key_pair(tmp_path: Path, passphrase: str) -> Path:
    """An encrypted private key whose public half is the EC2 key pair 'mine'."""
    from app.core.keys import generate_key, public_openssh_line, to_openssh, write_private_file

    key = generate_key("ed25519")
    path = tmp_path / "mine.key"
    write_private_file(path, to_openssh(key, passphrase=passphrase))
    boto3.client("ec2", region_name=REGION).import_key_pair(
        KeyName="mine", PublicKeyMaterial=public_openssh_line(key).encode()
    )
    return path


def test_an_encrypted_key_is_unlocked_before_anything_is_created(
    stand_in: StandIn, tmp_path: Path
) -> None:
    key_path = _encrypted_key_pair(tmp_path, "correct horse")
    env = {**stand_in.env(), "EC2NB_PROVISION_ONLY": "1"}
    args = [
        *launch_args(stand_in.host_fingerprint, "--json"),
        "--key",
        str(key_path),
        "--key-name",
        "mine",
    ]
    # No terminal to ask on and no file: it says how to give it, and nothing was created.
    missing = run_ec2nb(args, env)
    assert missing.returncode == 1, missing.stderr
    assert "passphrase" in missing.stderr
    assert "--passphrase-file" in missing.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("battery staple\n")
    refused = run_ec2nb([*args, "--passphrase-file", str(wrong)], env)
    assert refused.returncode == 1, refused.stderr
    assert "passphrase" in refused.stderr
    assert "CreateSecurityGroup" not in stand_in.aws.calls
    assert "Traceback" not in missing.stderr + refused.stderr

    right = tmp_path / "right.txt"
    right.write_text("correct horse\n")
    launched = run_ec2nb([*args, "--passphrase-file", str(right)], env)
    assert launched.returncode == 0, launched.stderr
    ready = [json.loads(line) for line in launched.stdout.splitlines()][-1]
    assert ready["event"] == "ready"
    assert "correct horse" not in _logs(Path(env["EC2NB_HOME"]))
    assert run_ec2nb(["terminate", ready["launch_id"], "--yes"], env).returncode == 0
