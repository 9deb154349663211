"""The hard time limit as a plan choice: checked, kept in the journal, handed to the bootstrap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.errors import WizardError
from app.core.launch.journal import LaunchJournal, load_journal
from app.core.plan import LaunchPlan
from app.core.remote.bootstrap import BootstrapOptions


def test_no_limit_is_the_default() -> None:
    assert LaunchPlan(region="eu-west-1").max_hours is None
    assert BootstrapOptions().environment()["EC2NB_MAX_HOURS"] == ""


@pytest.mark.parametrize("hours", [0.25, 169, -1])
def test_a_limit_out_of_range_is_a_problem_a_person_can_read(hours: float) -> None:
    problems = LaunchPlan(region="eu-west-1", max_hours=hours).problems()
    assert [str(p) for p in problems] == ["The time limit must be between 0.5 and 168 hours."]


def test_the_limit_survives_the_journal_and_a_damaged_one_is_refused(tmp_path: Path) -> None:
    plan = LaunchPlan(region="eu-west-1", max_hours=2.5)
    journal = LaunchJournal("250602-a1b2c3", plan.to_dict(), plan.region, directory=tmp_path)
    journal.save()
    assert LaunchPlan.from_dict(load_journal("250602-a1b2c3", tmp_path).plan).max_hours == 2.5
    data = json.loads((tmp_path / "250602-a1b2c3.json").read_text())
    data["plan"]["max_hours"] = "lots"
    (tmp_path / "250602-a1b2c3.json").write_text(json.dumps(data))
    with pytest.raises(WizardError) as damaged:
        load_journal("250602-a1b2c3", tmp_path)
    assert damaged.value.code == "bad-journal"


def test_the_bootstrap_gets_the_limit_and_only_tests_shorten_it() -> None:
    env = BootstrapOptions(max_hours=3).environment()
    assert env["EC2NB_MAX_HOURS"] == "3.0"
    assert "EC2NB_LIMIT_HOUR_SECONDS" not in env
    assert "EC2NB_LIMIT_FROM" not in env
