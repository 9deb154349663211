"""Launch again like this one: the plan of a new launch after AWS took a spot machine back."""

from __future__ import annotations

from app.core.aws.instances import InstanceInfo
from app.core.launch.relaunch import relaunch_command, relaunch_plan
from app.core.plan import LaunchPlan, Market


def _taken_back(**changes: object) -> InstanceInfo:
    values: dict[str, object] = {
        "instance_id": "i-0123456789abcdef0",
        "region": "eu-west-1",
        "zone": "eu-west-1a",
        "state": "terminated",
        "instance_type": "g5.xlarge",
        "public_ip": None,
        "public_dns": None,
        "launch_time": "2026-12-01T10:00:00+00:00",
        "launch_id": "20261201-1000-abcdef",
        "name": None,
        "market": "spot",
        "image_id": "ami-0123456789abcdef0",
        "state_reason_code": "Server.SpotInstanceTermination",
        "max_hours": 4.0,
    }
    values.update(changes)
    return InstanceInfo(**values)  # type: ignore[arg-type]


def test_only_an_interruption_by_aws_counts_as_taken_back() -> None:
    assert _taken_back().taken_back_by_aws
    assert _taken_back(
        state="stopped", state_reason_code="Server.SpotInstanceShutdown"
    ).taken_back_by_aws
    assert not _taken_back(state_reason_code="Client.UserInitiatedShutdown").taken_back_by_aws
    assert not _taken_back(market="on-demand").taken_back_by_aws


def test_from_the_instance_alone_the_plan_keeps_region_type_image_market_and_limit() -> None:
    plan = relaunch_plan(_taken_back())
    assert (plan.region, plan.instance_type, plan.image_id) == (
        "eu-west-1",
        "g5.xlarge",
        "ami-0123456789abcdef0",
    )
    assert plan.market is Market.SPOT
    assert plan.max_hours == 4.0
    assert relaunch_command(plan) == (
        "ec2nb launch --region eu-west-1 --instance-type g5.xlarge --ami ami-0123456789abcdef0 "
        "--volume-gib 100 --work-disk none --spot --max-hours 4"
    )


def test_the_journals_plan_is_kept_and_on_demand_can_be_chosen() -> None:
    previous = LaunchPlan(
        region="eu-west-1",
        instance_type="g5.xlarge",
        market=Market.SPOT,
        volume_gib=250,
        git_repo="https://example.org/repo.git",
        trusted_host_key="SHA256:" + "A" * 43,
    )
    plan = relaunch_plan(_taken_back(), previous, market=Market.ON_DEMAND)
    assert plan.market is Market.ON_DEMAND
    assert (plan.volume_gib, plan.git_repo) == (250, "https://example.org/repo.git")
    assert plan.trusted_host_key is None  # a new machine has a new host key
    assert "--spot" not in relaunch_command(plan)


def test_the_work_disk_of_the_taken_back_machine_is_reused_by_name_never_a_new_one() -> None:
    previous = LaunchPlan(region="eu-west-1", instance_type="g5.xlarge", work_disk="new:80")
    taken = _taken_back(work_disk="vol-0123456789abcdef0")
    plan = relaunch_plan(taken, previous, market=Market.ON_DEMAND, disk_name="work-thesis")
    assert plan.work_disk == "work-thesis"  # not "new:80": that would be an empty disk
    # Without the name (the look-up was not allowed), the volume id finds the same disk.
    assert relaunch_plan(taken, previous).work_disk == "vol-0123456789abcdef0"
    assert relaunch_plan(taken).work_disk == "vol-0123456789abcdef0"
    assert relaunch_command(plan, taken.instance_id) == (
        "ec2nb relaunch i-0123456789abcdef0 --on-demand"
    )


def test_a_machine_without_a_work_disk_is_relaunched_without_one() -> None:
    previous = LaunchPlan(region="eu-west-1", instance_type="g5.xlarge", work_disk="none")
    assert relaunch_plan(_taken_back(), previous).work_disk == "none"
    assert relaunch_plan(_taken_back()).work_disk == "none"
