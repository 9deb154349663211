"""Stop everything, the long-running reminder and the true cost, against the emulator in
several regions: one-time spot machines are listed apart, never stopped or skipped silently;
cost so far counts the disks since launch, checked against figures computed by hand from
resources/prices/ebs.json (gp3 0.08 USD per GiB-month, a month of 730 hours)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import boto3
import pytest

from app.cli import main
from app.core.aws.fleet import (
    kept_monthly_total,
    list_managed_instances,
    start_instance,
    stop_instance,
)
from app.core.aws.instances import InstanceInfo, InstanceSpec, run_instance
from app.core.aws.running_reminder import reminder
from app.core.aws.session import client
from app.core.aws.stop_all import plan_stop_all, stop_all
from app.core.aws.tags import launch_tags, new_launch_id
from tests.integration.aws.conftest import settle
from tests.support.aws_emulator import AwsEmulator

Launcher = Callable[..., InstanceInfo]
REGIONS = ("us-east-1", "eu-west-1", "ap-northeast-1")


@pytest.fixture
def launch(session: boto3.Session, aws: AwsEmulator) -> Launcher:
    groups: dict[str, str] = {}

    def start(
        region: str, *, market: str = "on-demand", spot_kind: str = "one-time", gib: int = 40
    ) -> InstanceInfo:
        image = aws.seed_dlami(region)
        if region not in groups:
            ec2 = client(session, "ec2", region)
            made = ec2.create_security_group(GroupName=f"g-{new_launch_id()}", Description="t")
            groups[region] = made["GroupId"]
            settle(aws)
        spec = InstanceSpec(
            new_launch_id(), image, "g4dn.xlarge", "", groups[region], gib, "gp3", True,
            market, "", "/dev/sda1", [], spot_kind=spot_kind,
        )  # fmt: skip
        started = run_instance(session, region, spec)
        settle(aws)
        return started

    return start


def _states(session: boto3.Session, instances: list[InstanceInfo]) -> dict[str, str]:
    found = {}
    for i in instances:
        ec2 = client(session, "ec2", i.region)
        raw = ec2.describe_instances(InstanceIds=[i.instance_id])["Reservations"][0]
        found[i.instance_id] = raw["Instances"][0]["State"]["Name"]
    return found


@pytest.mark.usefixtures("no_pricing")
def test_stop_all_stops_every_region_and_leaves_one_time_spot_to_the_user(
    session: boto3.Session, launch: Launcher
) -> None:
    machines = [launch(region) for region in REGIONS]
    spot = launch("eu-west-1", market="spot")
    persistent = launch("ap-northeast-1", market="spot", spot_kind="persistent")
    plan = plan_stop_all(list_managed_instances(session, regions=REGIONS))
    assert {i.instance_id for i in plan.to_stop} == {
        *(m.instance_id for m in machines), persistent.instance_id,
    }  # fmt: skip
    assert [i.instance_id for i in plan.terminate_only] == [spot.instance_id]
    machines_listed = [*plan.to_stop, *plan.terminate_only]
    east = next(i for i in machines_listed if i.region == "us-east-1")
    assert east.hourly_price == pytest.approx(0.526)  # the bundled table: Pricing is denied
    assert plan.hourly_total == pytest.approx(
        sum(i.hourly_price or 0 for i in machines_listed), abs=1e-3
    )

    report = stop_all(session, plan)
    assert sorted(report.stopped) == sorted(i.instance_id for i in plan.to_stop)
    assert report.left_running == [spot.instance_id]
    assert report.failed == {}
    states = _states(session, [*machines, persistent, spot])
    assert states[spot.instance_id] == "running"  # not stopped behind the user's back
    assert all(states[m.instance_id] in {"stopping", "stopped"} for m in [*machines, persistent])

    again = stop_all(session, plan_stop_all(list_managed_instances(session, regions=REGIONS)),
                     terminate_spot=True)  # fmt: skip
    assert again.terminated == [spot.instance_id]
    assert _states(session, [spot])[spot.instance_id] in {"shutting-down", "terminated"}


@pytest.mark.usefixtures("no_pricing")
def test_ec2nb_stop_all_asks_nothing_with_yes_and_reports_in_json(
    launch: Launcher, capsys: pytest.CaptureFixture[str]
) -> None:
    east, west = launch("us-east-1"), launch("eu-west-1")
    spot = launch("us-east-1", market="spot")
    assert main(["stop", "--all", "--yes", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert sorted(answer["stopped"]) == sorted([east.instance_id, west.instance_id])
    assert answer["left_running"] == [spot.instance_id]
    assert answer["terminate_only"][0]["instance_id"] == spot.instance_id
    assert answer["hourly_total"] >= 2 * 0.526

    assert main(["stop", "--all"]) == 2  # not a terminal and no --yes: it does not guess
    assert "--yes" in capsys.readouterr().err


@pytest.mark.usefixtures("no_pricing")
def test_ec2nb_stop_all_lists_what_it_stops_with_the_hourly_cost(
    launch: Launcher, capsys: pytest.CaptureFixture[str]
) -> None:
    launch("us-east-1")
    spot = launch("ap-northeast-1", market="spot")
    assert main(["stop", "--all", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "$0.526/h" in out
    assert spot.instance_id in out
    assert "AWS cannot stop it, only terminate it" in out
    assert f"ec2nb terminate {spot.launch_id}" in out
    assert "Nothing is running" not in out
    assert main(["stop", "--all", "--yes", "--terminate-spot"]) == 0
    assert f"Terminating {spot.instance_id}" in capsys.readouterr().out
    assert main(["stop", "--all", "--yes"]) == 0
    assert "Nothing is running" in capsys.readouterr().out


@pytest.mark.usefixtures("no_pricing")
def test_cost_so_far_counts_the_disk_since_launch_as_computed_by_hand(
    session: boto3.Session, launch: Launcher
) -> None:
    running = launch("us-east-1", gib=100)
    stopped = launch("eu-west-1", gib=50)
    client(session, "ec2", "eu-west-1").stop_instances(InstanceIds=[stopped.instance_id])
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=73)
    listed = {
        i.instance_id: i
        for i in list_managed_instances(session, regions=["us-east-1", "eu-west-1"], now=later)
    }
    one, two = listed[running.instance_id], listed[stopped.instance_id]
    # By hand: 100 GiB gp3 in us-east-1 at 0.08 = 8.00/month; 73 h = 0.1 month -> 0.80.
    assert one.storage_monthly == pytest.approx(8.00)
    assert one.storage_cost == pytest.approx(0.80, abs=0.001)
    assert one.compute_cost == pytest.approx(0.526 * 73, abs=0.01)
    assert one.cost_so_far == pytest.approx(0.526 * 73 + 0.80, abs=0.01)
    # Stopped: no compute, but 50 GiB gp3 in eu-west-1 at 0.088 = 4.40/month, 0.44 so far.
    assert two.state in {"stopping", "stopped"}
    assert two.storage_monthly == pytest.approx(4.40)
    assert two.cost_so_far == pytest.approx(0.44, abs=0.001)
    assert kept_monthly_total([one, two]) == pytest.approx(12.40)


@pytest.mark.usefixtures("no_pricing")
def test_a_snapshot_of_a_launch_is_part_of_its_cost(
    session: boto3.Session, aws: AwsEmulator, launch: Launcher
) -> None:
    machine = launch("us-east-1", gib=100)
    ec2 = client(session, "ec2", "us-east-1")
    volume = ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [machine.instance_id]}]
    )["Volumes"][0]
    ec2.create_snapshot(
        VolumeId=volume["VolumeId"],
        TagSpecifications=[
            {"ResourceType": "snapshot", "Tags": launch_tags(machine.launch_id or "")}
        ],
    )
    settle(aws)
    listed = list_managed_instances(session, regions=["us-east-1"])
    # 100 GiB disk at 0.08 + a snapshot of it, at most 100 GiB at 0.05: 8.00 + 5.00 a month.
    assert listed[0].snapshot_gib == 100
    assert listed[0].storage_monthly == pytest.approx(13.00)


@pytest.mark.usefixtures("no_pricing")
def test_the_reminder_names_machines_running_too_long_with_the_stop_command(
    session: boto3.Session, launch: Launcher, capsys: pytest.CaptureFixture[str]
) -> None:
    machine = launch("us-east-1")
    soon = list_managed_instances(session, regions=["us-east-1"])[0]
    assert reminder(soon) is None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=9)
    old = list_managed_instances(session, regions=["us-east-1"], now=later)[0]
    line = reminder(old)
    assert line is not None
    assert f"ec2nb stop {machine.launch_id}" in line
    assert reminder(old, hours=10) is None

    assert main(["list", "--remind-hours", "0", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["running_too_long"] is True
    assert f"ec2nb stop {machine.launch_id}" in rows[0]["reminder"]
    assert main(["list", "--remind-hours", "0"]) == 0
    out = capsys.readouterr().out
    assert f"'ec2nb stop {machine.launch_id}'" in out
    assert main(["list"]) == 0
    assert "has been running for" not in capsys.readouterr().out


@pytest.mark.usefixtures("no_pricing")
def test_after_a_restart_the_disk_still_counts_from_the_first_launch(
    session: boto3.Session, aws: AwsEmulator, launch: Launcher
) -> None:
    machine = launch("us-east-1", gib=100)
    # Launched 73 hours ago: the instance and its disk (as AWS would have recorded them).
    backend = aws.ec2_backend("us-east-1")
    long_ago = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(hours=73)
    backend.get_instance(machine.instance_id).launch_time = long_ago
    for volume in backend.volumes.values():
        if volume.attachment and volume.attachment.instance.id == machine.instance_id:
            volume.create_time = long_ago
    before = list_managed_instances(session, regions=["us-east-1"])[0]
    assert before.uptime_seconds >= 73 * 3600
    stop_instance(session, "us-east-1", machine.instance_id, poll_seconds=0.01)
    start_instance(session, "us-east-1", machine.instance_id, poll_seconds=0.01)

    after = list_managed_instances(session, regions=["us-east-1"])[0]
    # AWS moves LaunchTime to the restart: compute counts from there...
    assert after.uptime_seconds < 600
    assert (after.compute_cost or 0) < 0.526 * 600 / 3600 + 1e-6
    # ...while the 100 GiB gp3 disk has billed since the first launch: 8.00 * 73 / 730 = 0.80.
    assert after.storage_cost == pytest.approx(0.80, abs=0.002)
    assert after.cost_so_far == pytest.approx(0.80 + (after.compute_cost or 0), abs=1e-3)
    assert after.created_time.startswith(long_ago.date().isoformat())


@pytest.mark.usefixtures("no_pricing")
@pytest.mark.parametrize("terminate", [False, True])
def test_ec2nb_stop_all_asks_once_and_asks_apart_about_one_time_spot(
    launch: Launcher,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    session: boto3.Session,
    terminate: bool,
) -> None:
    import app.commands.fleet as fleet_commands

    machine = launch("us-east-1")
    spot = launch("eu-west-1", market="spot")
    questions: list[str] = []

    def answer(question: str, default: bool) -> bool:
        questions.append(question)
        return terminate if "one-time spot" in question else True

    monkeypatch.setattr(fleet_commands, "interactive", lambda: True)
    monkeypatch.setattr(fleet_commands, "ask", answer)
    assert main(["stop", "--all"]) == 0
    assert questions[0] == "Stop these 1 instance(s)?"
    assert "Terminate the 1 one-time spot instance(s) too?" in questions[1]
    states = _states(session, [machine, spot])
    assert states[machine.instance_id] in {"stopping", "stopped"}
    if terminate:
        assert states[spot.instance_id] in {"shutting-down", "terminated"}
    else:
        assert states[spot.instance_id] == "running"
        assert f"Still running (one-time spot, not terminated): {spot.instance_id}" in (
            capsys.readouterr().out
        )


@pytest.mark.usefixtures("no_pricing")
def test_a_policy_without_describe_snapshots_still_lists_the_machines(
    session: boto3.Session, aws: AwsEmulator, launch: Launcher
) -> None:
    machine = launch("us-east-1", gib=100)
    aws.deny("ec2:DescribeSnapshots")
    listed = list_managed_instances(session, regions=["us-east-1"])
    assert [i.instance_id for i in listed] == [machine.instance_id]
    assert listed[0].storage_monthly == pytest.approx(8.00)  # the disk, still priced
    assert listed[0].storage_known is False  # and said to be incomplete
    aws.deny("ec2:DescribeVolumes")
    assert list_managed_instances(session, regions=["us-east-1"])[0].storage_monthly == 0
