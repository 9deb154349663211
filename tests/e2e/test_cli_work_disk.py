"""``ec2nb launch --work-disk``, ``ec2nb disks``, ``ec2nb disks delete`` and ``ec2nb terminate
[--delete-work-disk]`` as a user runs them, against the emulator and the stand-in instance."""

from __future__ import annotations

import json
from pathlib import Path

import boto3

from tests.e2e.cli_process import launch_args, launch_until_ready, run_ec2nb
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION


def _disks(env: dict[str, str]) -> list[dict[str, object]]:
    listed = run_ec2nb(["disks", "--region", REGION, "--json"], env)
    assert listed.returncode == 0, listed.stderr
    disks: list[dict[str, object]] = json.loads(listed.stdout)["disks"]
    return disks


def test_terminate_keeps_the_work_disk_until_disks_delete(
    stand_in: StandIn, tmp_path: Path
) -> None:
    env = stand_in.env()
    ready = launch_until_ready(
        stand_in.host_fingerprint, env, tmp_path / "launch-stderr.txt", "--work-disk", "new:8"
    )
    launch_id, instance_id = ready["launch_id"], ready["instance_id"]
    disk = ready["work_disk"]
    assert disk["name"] == f"work-{launch_id}"
    assert (disk["size_gib"], disk["encrypted"], disk["volume_type"]) == (8, True, "gp3")
    [listed] = _disks(env)
    assert (listed["name"], listed["attached_to"]) == (disk["name"], instance_id)
    assert listed["monthly_usd"] == 0.64  # 8 GiB of gp3 at $0.08

    attached = run_ec2nb(["disks", "delete", disk["name"], "--yes"], env)
    assert attached.returncode == 1
    assert f"attached to {instance_id}" in attached.stderr

    terminated = run_ec2nb(["terminate", launch_id, "--yes"], env)
    assert terminated.returncode == 0, terminated.stderr
    assert f"{disk['name']} ({disk['volume_id']}, work disk, 8 GiB, $0.64/month)" in (
        terminated.stdout
    )
    assert f"'ec2nb disks delete {disk['name']}' deletes it" in terminated.stdout
    [kept] = _disks(env)
    assert (kept["attached_to"], kept["state"]) == ("", "available")
    table = run_ec2nb(["disks", "--region", REGION], env)
    assert disk["name"] in table.stdout
    assert "Kept disks (attached to nothing) cost $0.64 a month" in table.stdout
    listing = run_ec2nb(["list", "--region", REGION], env)
    assert f"Kept work disks ({disk['name']}): $0.64 per month" in listing.stdout

    unasked = run_ec2nb(["disks", "delete", disk["name"]], env)  # no terminal to ask on
    assert unasked.returncode == 2
    assert _disks(env)
    deleted = run_ec2nb(["disks", "delete", disk["name"], "--yes"], env)
    assert deleted.returncode == 0, deleted.stderr
    assert _disks(env) == []


def test_terminate_with_delete_work_disk_leaves_no_volume(
    stand_in: StandIn, tmp_path: Path
) -> None:
    env = stand_in.env()
    launch_id = launch_until_ready(
        stand_in.host_fingerprint, env, tmp_path / "launch-stderr.txt", "--work-disk", "new:8"
    )["launch_id"]
    terminated = run_ec2nb(["terminate", launch_id, "--delete-work-disk", "--yes"], env)
    assert terminated.returncode == 0, terminated.stderr
    assert "(work disk)" in terminated.stdout
    volumes = boto3.client("ec2", region_name=REGION).describe_volumes()["Volumes"]
    assert volumes == []


def test_a_bad_work_disk_choice_is_refused_before_anything_is_made(
    stand_in: StandIn, tmp_path: Path
) -> None:
    refused = run_ec2nb(
        launch_args(stand_in.host_fingerprint, "--work-disk", "new:0"), stand_in.env()
    )
    assert refused.returncode != 0
    assert "A new work disk must be between 1 and 16384 GiB." in refused.stderr
    assert "RunInstances" not in stand_in.aws.calls
