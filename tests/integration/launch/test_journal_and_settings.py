"""The launch journal on disk and the stand-in settings, without AWS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.errors import WizardError
from app.core.launch import LaunchOverrides
from app.core.launch.journal import LaunchJournal, find_journal, list_journals, load_journal
from app.core.plan import LaunchPlan


def test_journal_round_trips_and_is_found_by_launch_or_instance_id(tmp_path: Path) -> None:
    plan = LaunchPlan(region="eu-west-1", instance_type="g5.xlarge")
    journal = LaunchJournal("250602-a1b2c3", plan.to_dict(), plan.region, directory=tmp_path)
    journal.resources.instance_id = "i-0123456789abcdef0"
    journal.resources.key_files = {"private": str(tmp_path / "k")}
    journal.mark_done("identity")
    journal.save()
    loaded = load_journal("250602-a1b2c3", tmp_path)
    assert loaded.to_dict() == journal.to_dict()
    assert LaunchPlan.from_dict(loaded.plan) == plan
    assert find_journal("i-0123456789abcdef0", tmp_path) == loaded
    assert [j.launch_id for j in list_journals(tmp_path)] == ["250602-a1b2c3"]
    assert list(tmp_path.glob(".tmp-*")) == []  # the atomic write left no temp file


def test_damaged_and_unknown_journals_give_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "250602-dead00.json").write_text("{not json")
    with pytest.raises(WizardError) as damaged:
        load_journal("250602-dead00", tmp_path)
    assert damaged.value.code == "bad-journal"
    with pytest.raises(WizardError) as unknown:
        load_journal("../../etc/passwd", tmp_path)
    assert unknown.value.code == "unknown-launch"
    assert list_journals(tmp_path) == []  # a damaged file does not break the listing


def test_journal_keeps_fields_it_does_not_know_out_of_the_way(tmp_path: Path) -> None:
    data = {"launch_id": "250602-0000aa", "plan": {}, "region": "us-east-1", "future": 1}
    (tmp_path / "250602-0000aa.json").write_text(json.dumps(data))
    assert load_journal("250602-0000aa", tmp_path).region == "us-east-1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127.0.0.1:2222", ("127.0.0.1", 2222, None)),
        ("alice@127.0.0.1:22022", ("127.0.0.1", 22022, "alice")),
        ("localhost", ("localhost", None, None)),
    ],
)
def test_ssh_endpoint_setting(value: str, expected: tuple[object, ...]) -> None:
    overrides = LaunchOverrides.from_env({"EC2NB_SSH_ENDPOINT": value})
    assert (overrides.ssh_host, overrides.ssh_port, overrides.ssh_user) == expected
    assert overrides.stand_in


def test_bad_ssh_endpoint_setting_is_explained() -> None:
    with pytest.raises(WizardError, match="EC2NB_SSH_ENDPOINT"):
        LaunchOverrides.from_env({"EC2NB_SSH_ENDPOINT": "a b:c"})
    assert not LaunchOverrides.from_env({}).stand_in
