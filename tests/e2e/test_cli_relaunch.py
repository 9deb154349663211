"""Launch again after AWS took a spot machine back: the spot launch's work disk (a real ext4
image loop-mounted at ~/work when we are root) is synced on AWS's notice, and ``ec2nb relaunch
ID --on-demand`` mounts the same disk on the new machine, whose notebook finds the file."""

from __future__ import annotations

import json
import os
import signal
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.demo.metadata_server import FakeMetadataServer
from app.demo.realism_spot_interrupt import SpotInterruption
from tests.e2e.cli_process import CliProcess, launch_args, run_ec2nb
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the work disk is a loop mount as root")


@pytest.fixture
def imds() -> Iterator[FakeMetadataServer]:
    with FakeMetadataServer() as server:
        yield server


def _notebook_file(url: str, name: str) -> str:
    """The file's text as the notebook serves it (Jupyter's contents API, with the token)."""
    base, token = url.split("/lab?token=")
    assert base.startswith("http://127.0.0.1:")
    request = urllib.request.Request(  # noqa: S310 (checked: loopback http)
        f"{base}/api/contents/{name}?content=1", headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        return str(json.loads(answer.read())["content"])


def test_relaunch_on_demand_mounts_the_taken_back_machines_work_disk(
    stand_in: StandIn, imds: FakeMetadataServer, tmp_path: Path
) -> None:
    env = {**stand_in.env(), "EC2NB_METADATA_URL": imds.url, "EC2NB_SPOT_POLL_SECONDS": "0.3"}
    launch = CliProcess(
        [*launch_args(stand_in.host_fingerprint, "--json"), "--spot", "--work-disk", "new:1"],
        env,
        tmp_path / "spot.txt",
    )
    try:
        ready = launch.event("ready")
        disk = ready["work_disk"]
        home = stand_in.remote_home / ready["launch_id"]  # each launch's "instance" has its own
        work = home / "work"
        assert os.path.ismount(work)  # the EBS stand-in's image, really mounted
        (work / "results.txt").write_text("epoch 41: loss 0.173\n")
        spot = stand_in.aws.behaviour(SpotInterruption)
        spot.announce(imds)
        notice = launch.wait_for(
            lambda e: e.get("event") == "spot-notice" and e["kind"] == "interruption", 60
        )
        assert notice["synced"] is True  # the agent ran sync -f on the mount point
        events = json.loads((home / ".ec2nb" / "spot-events.json").read_text())
        assert [e["synced"] for e in events if e["kind"] == "interruption"] == [True]
        spot.take_back(REGION, ready["instance_id"])
        launch.process.send_signal(signal.SIGINT)
        assert launch.finish() == 0, launch.transcript()
    finally:
        launch.close()
    # The machine is gone, and its disk with it from this "instance": the file is on the disk.
    assert not os.path.ismount(work)
    assert not (work / "results.txt").exists()

    listed = run_ec2nb(["list", "--region", REGION], env).stdout
    assert f"'ec2nb relaunch {ready['instance_id']} --on-demand'" in listed
    opened = run_ec2nb(["open", ready["launch_id"]], env)
    assert f"'ec2nb relaunch {ready['instance_id']} --spot'" in opened.stdout + opened.stderr

    again = CliProcess(
        [
            "relaunch",
            ready["instance_id"],
            "--on-demand",
            "--yes",
            "--json",
            "--no-browser",
            "--trust-host-key",
            stand_in.host_fingerprint,
        ],
        env,
        tmp_path / "again.txt",
    )
    try:
        plan = again.event("plan")["plan"]
        assert (plan["market"], plan["work_disk"]) == ("on-demand", disk["name"])
        second = again.event("ready")
        assert second["instance_id"] != ready["instance_id"]
        assert second["work_disk"]["volume_id"] == disk["volume_id"]
        assert _notebook_file(second["url"], "results.txt") == "epoch 41: loss 0.173\n"
    finally:
        again.close()
    assert run_ec2nb(["terminate", second["launch_id"], "--yes"], env).returncode == 0
