"""``ec2nb launch --max-hours``: the instance carries its limit, and ``ec2nb list`` and the launch
itself say when the limit stops the machine, in this computer's time."""

from __future__ import annotations

import datetime as dt
import json

import boto3

from tests.e2e.cli_process import launch_args, run_ec2nb
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION


def test_a_time_limit_is_tagged_and_listed_with_its_local_stop_time(stand_in: StandIn) -> None:
    env = {**stand_in.env(), "EC2NB_PROVISION_ONLY": "1"}
    launched = run_ec2nb(
        [*launch_args(stand_in.host_fingerprint, "--json"), "--max-hours", "2.5"], env
    )
    assert launched.returncode == 0, launched.stderr
    ready = [json.loads(line) for line in launched.stdout.splitlines()][-1]
    ec2 = boto3.client("ec2", region_name=REGION, endpoint_url=env["AWS_ENDPOINT_URL"])
    raw = ec2.describe_instances(InstanceIds=[ready["instance_id"]])["Reservations"][0]
    instance = raw["Instances"][0]
    assert {"Key": "ec2nb:max-hours", "Value": "2.5"} in instance["Tags"]
    expected = instance["LaunchTime"] + dt.timedelta(hours=2.5)
    assert dt.datetime.fromisoformat(ready["limit_stops_at"]) == expected

    listed = json.loads(run_ec2nb(["list", "--region", REGION, "--json"], env).stdout)
    assert [dt.datetime.fromisoformat(r["limit_stops_at"]) for r in listed] == [expected]
    text = run_ec2nb(["list", "--region", REGION], env)
    local = expected.astimezone().strftime("%Y-%m-%d %H:%M")
    assert f"{ready['instance_id']}: its time limit stops it at {local}." in text.stdout

    assert run_ec2nb(["stop", ready["launch_id"]], env).returncode == 0
    stopped = json.loads(run_ec2nb(["list", "--region", REGION, "--json"], env).stdout)
    assert stopped[0]["limit_stops_at"] is None  # a stopped machine has nothing to stop
    assert run_ec2nb(["terminate", ready["launch_id"], "--yes"], env).returncode == 0


def test_the_launch_says_when_the_limit_stops_it_and_refuses_an_impossible_limit(
    stand_in: StandIn,
) -> None:
    env = {**stand_in.env(), "EC2NB_PROVISION_ONLY": "1"}
    refused = run_ec2nb([*launch_args(stand_in.host_fingerprint), "--max-hours", "500"], env)
    assert refused.returncode != 0
    assert "The time limit must be between 0.5 and 168 hours." in refused.stderr
    launched = run_ec2nb([*launch_args(stand_in.host_fingerprint), "--max-hours", "1"], env)
    assert launched.returncode == 0, launched.stderr
    assert "Time limit:     stops 1 hours after each start, busy or not" in launched.stdout
    assert "The time limit stops the instance at " in launched.stdout
    assert "(this computer's time)" in launched.stdout
