"""A spot launch with ``ec2nb``: AWS's notice reaches the console through the tunnel, and after
AWS takes the machine back, ``ec2nb list`` and ``ec2nb open`` say so and how to launch again."""

from __future__ import annotations

import datetime as dt
import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.demo.metadata_server import FakeMetadataServer
from app.demo.realism_spot_interrupt import SpotInterruption
from tests.e2e.cli_process import CliProcess, launch_args, run_ec2nb
from tests.e2e.demo_world import wait_until
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION


@pytest.fixture
def imds() -> Iterator[FakeMetadataServer]:
    with FakeMetadataServer() as server:
        yield server


def test_a_spot_notice_reaches_the_console_and_the_taken_back_machine_is_named_so(
    stand_in: StandIn, imds: FakeMetadataServer, tmp_path: Path
) -> None:
    env = {
        **stand_in.env(),
        "EC2NB_METADATA_URL": imds.url,
        "EC2NB_SPOT_POLL_SECONDS": "0.3",
    }
    launch = CliProcess(
        [*launch_args(stand_in.host_fingerprint, "--json"), "--spot"], env, tmp_path / "err.txt"
    )
    try:
        ready = launch.event("ready")
        spot = stand_in.aws.behaviour(SpotInterruption)
        imds.recommend_rebalance()
        mild = launch.wait_for(
            lambda e: e.get("event") == "spot-notice" and e["kind"] == "rebalance", 60
        )
        assert mild["message"] == (
            "AWS may take this spot machine back soon: save your notebooks now."
        )
        notice = spot.announce(imds)
        event = launch.wait_for(
            lambda e: e.get("event") == "spot-notice" and e["kind"] == "interruption", 60
        )
        at = dt.datetime.fromisoformat(notice["time"].replace("Z", "+00:00"))
        local = at.astimezone().strftime("%H:%M")
        sentence = f"AWS is taking this spot machine back at {local}: save your notebooks now."
        assert event["message"] == sentence
        assert event["action"] == "terminate"
        assert event["launch_id"] == ready["launch_id"]
        # The line for people (stderr under --json) may be written just after the event.
        wait_until(lambda: sentence in launch.stderr(), 10, "the notice on stderr")

        spot.take_back(REGION, ready["instance_id"])
        launch.process.send_signal(signal.SIGINT)
        assert launch.finish() == 0, launch.transcript()
    finally:
        launch.close()

    listed = json.loads(run_ec2nb(["list", "--region", REGION, "--json"], env).stdout)
    (row,) = [r for r in listed if r["instance_id"] == ready["instance_id"]]
    assert row["state"] == "terminated"
    assert row["state_reason_code"] == "Server.SpotInstanceTermination"
    assert row["taken_back_by_aws"] is True
    text = run_ec2nb(["list", "--region", REGION], env).stdout
    assert "taken back" in text
    assert f"{ready['instance_id']}: AWS took this spot machine back (terminated)" in text
    assert f"'ec2nb relaunch {ready['instance_id']} --on-demand'" in text

    opened = run_ec2nb(["open", ready["launch_id"]], env)
    assert opened.returncode != 0
    said = opened.stdout + opened.stderr
    assert f"AWS took the spot machine {ready['instance_id']} back" in said
    assert "You did not stop or terminate it" in said
    assert (
        f"To launch again with the same work disk: 'ec2nb relaunch {ready['instance_id']}" in said
    )
    assert run_ec2nb(["terminate", ready["launch_id"], "--yes"], env).returncode == 0
