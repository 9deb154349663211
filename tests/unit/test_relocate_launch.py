"""The plan of the launch after a relocation: the old plan (journal, else the instance), from
the moved image and region, reusing the moved work disk by name."""

from __future__ import annotations

from pathlib import Path

from app.core.aws.disk_move import MoveResult
from app.core.aws.instances import InstanceInfo
from app.core.aws.relocate import Relocation
from app.core.aws.relocate_launch import plan_after_relocation, previous_plan
from app.core.launch.journal import LaunchJournal
from app.core.plan import GroupChoice, KeyChoice, LaunchPlan

OLD = InstanceInfo(
    instance_id="i-0123456789abcdef0",
    region="us-east-1",
    zone="us-east-1a",
    state="stopped",
    instance_type="g5.xlarge",
    public_ip=None,
    public_dns=None,
    launch_time="2026-12-01T10:00:00+00:00",
    launch_id="20261201-1000-abcdef",
    name=None,
    image_id="ami-0000000000000000a",
    max_hours=3.0,
)
DISK = MoveResult("vol-old", "vol-new", "eu-west-1", "eu-west-1b", 50, "thesis")


def _relocation(work_disk: MoveResult | None = DISK) -> Relocation:
    return Relocation(
        OLD.instance_id, "us-east-1", "us-east-1a", "eu-west-1", "eu-west-1b",
        "ami-0000000000000000b", "g5.xlarge", 60, work_disk,
    )  # fmt: skip


def test_without_a_journal_the_instance_gives_the_plan_and_the_moved_disk_is_reused() -> None:
    plan = plan_after_relocation(OLD, _relocation())
    assert (plan.region, plan.image_id, plan.instance_type) == (
        "eu-west-1", "ami-0000000000000000b", "g5.xlarge",
    )  # fmt: skip
    assert plan.work_disk == "thesis"  # by name: the launch is pinned to eu-west-1b
    assert plan.max_hours == 3.0
    assert plan.validate() is None


def test_the_journal_plan_is_kept_and_a_machine_without_a_disk_gets_none(tmp_path: Path) -> None:
    old = LaunchPlan(
        region="us-east-1", instance_type="g5.xlarge", volume_gib=120, git_repo=None,
        idle_stop_minutes=45, work_disk="new:50",
    )  # fmt: skip
    LaunchJournal(OLD.launch_id or "", old.to_dict(), "us-east-1", directory=tmp_path).save()
    previous = previous_plan(OLD, tmp_path)
    assert previous is not None
    plan = plan_after_relocation(OLD, _relocation(None), previous)
    assert (plan.volume_gib, plan.idle_stop_minutes) == (120, 45)
    assert plan.work_disk == "none"  # it had none: a new one would not hold its files
    assert plan.region == "eu-west-1"


def test_in_another_region_the_old_regions_group_and_key_pair_are_not_named() -> None:
    old = LaunchPlan(
        region="us-east-1", instance_type="g5.xlarge", group_choice=GroupChoice.EXISTING,
        existing_group_id="sg-0123456789abcdef0", key_choice=KeyChoice.EXISTING,
        existing_key_name="mine", key_path="/home/me/mine.pem", ssh_cidr="203.0.113.7/32",
    )  # fmt: skip
    plan = plan_after_relocation(OLD, _relocation(), old)
    assert plan.region == "eu-west-1"
    assert (plan.group_choice, plan.existing_group_id) == (GroupChoice.NEW, None)
    assert (plan.key_choice, plan.existing_key_name, plan.key_path) == (
        KeyChoice.NEW_LOCAL, None, None,
    )  # fmt: skip
    assert plan.ssh_cidr == "203.0.113.7/32"  # the user's own choice of who may connect
    assert plan.problems() == []


def test_within_the_region_the_chosen_group_and_key_pair_stay() -> None:
    old = LaunchPlan(
        region="us-east-1", group_choice=GroupChoice.EXISTING,
        existing_group_id="sg-0123456789abcdef0", key_choice=KeyChoice.EXISTING,
        existing_key_name="mine", key_path="/home/me/mine.pem",
    )  # fmt: skip
    same_region = Relocation(
        OLD.instance_id, "us-east-1", "us-east-1a", "us-east-1", "us-east-1c",
        "ami-0000000000000000b", "g5.xlarge", 60, None,
    )  # fmt: skip
    plan = plan_after_relocation(OLD, same_region, old)
    assert (plan.existing_group_id, plan.existing_key_name) == ("sg-0123456789abcdef0", "mine")
