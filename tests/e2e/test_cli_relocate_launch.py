"""``ec2nb relocate ID --zone Z --launch`` as a user runs it (issue 14 section 3): a stopped
machine whose zone has no capacity moves to another zone and a new machine is launched there
from its image, with its work disk; the notebook finds the file written before the move."""

from __future__ import annotations

import os
from pathlib import Path

import boto3
import pytest

from app.demo.realism_capacity import Capacity
from tests.e2e.cli_process import CliProcess, launch_until_ready, run_ec2nb
from tests.integration.launch.stand_in import StandIn
from tests.support.aws_emulator import needs_realism
from tests.support.constants import REGION
from tests.support.notebook_files import contents

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="loop mounts need root (CI is root)"),
    needs_realism,
]
TYPE = "g4dn.xlarge"


def test_relocate_launch_brings_the_work_disk_to_a_zone_with_capacity(
    stand_in: StandIn, tmp_path: Path
) -> None:
    env = stand_in.env()
    ready = launch_until_ready(
        stand_in.host_fingerprint,
        env,
        tmp_path / "launch-stderr.txt",
        "--work-disk",
        "new:8",
        while_open=lambda ready: contents(ready["url"], "before.txt", "7\n"),
    )
    old_id, old_zone = ready["instance_id"], ready["work_disk"]["zone"]
    disk_name = ready["work_disk"]["name"]
    stopped = run_ec2nb(["stop", ready["launch_id"], "--yes"], env)
    assert stopped.returncode == 0, stopped.stderr
    # The old zone has no capacity left for the type: start would fail, so move.
    stand_in.aws.behaviour(Capacity).no_capacity(old_zone, TYPE)
    target = "us-east-1c" if old_zone != "us-east-1c" else "us-east-1b"

    relocate = ["relocate", old_id, "--zone", target, "--from-region", REGION, "--launch", "--yes"]
    moved = CliProcess(
        [*relocate, "--trust-host-key", stand_in.host_fingerprint, "--no-browser", "--json"],
        env,
        tmp_path / "relocate-stderr.txt",
    )
    try:
        relocated = moved.event("relocated", timeout=240)
        again = moved.event("ready", timeout=240)
        assert relocated["zone"] == target
        assert again["instance_id"] != old_id
        # The new machine runs where the disk went, from the image of the old one.
        assert again["work_disk"]["name"] == disk_name
        assert again["work_disk"]["zone"] == target
        found = contents(again["url"], "before.txt")
        assert found["content"] == "7\n"
        # Said: the old machine stays, and how to terminate it once the new one works.
        assert f"ec2nb terminate {old_id}" in moved.transcript()
    finally:
        moved.close()
    ec2 = boto3.client("ec2", region_name=REGION)
    raw = ec2.describe_instances(InstanceIds=[again["instance_id"]])["Reservations"][0]
    instance = raw["Instances"][0]
    assert instance["Placement"]["AvailabilityZone"] == target
    assert instance["ImageId"] == relocated["image_id"]
    # The old machine stays, stopped, for the user to terminate once the new one works.
    old = ec2.describe_instances(InstanceIds=[old_id])["Reservations"][0]["Instances"][0]
    assert old["State"]["Name"] == "stopped"
