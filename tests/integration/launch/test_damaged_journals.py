"""A damaged launch journal is reported by name; it never breaks ``list`` or ``open`` of the
others, and opening it says it is damaged instead of "This is a bug"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.core.errors import WizardError
from app.core.launch import LaunchJob
from app.core.launch.journal import LaunchJournal, journal_dir, load_journal, scan_journals
from app.core.plan import LaunchPlan
from tests.support.constants import REGION

GOOD = "250602-900d00"


def _good(directory: Path | None = None) -> dict[str, Any]:
    plan = LaunchPlan(region=REGION, image_id="ami-0123456789abcdef0")
    journal = LaunchJournal(GOOD, plan.to_dict(), REGION, directory=directory)
    journal.resources.instance_id = "i-0123456789abcdef0"
    journal.save()
    return journal.to_dict()


def _damage(data: dict[str, Any], change: str) -> Any:
    data = json.loads(json.dumps(data))
    if change == "resources-null":
        data["resources"] = None
    elif change == "resources-list":
        data["resources"] = ["sg-1"]
    elif change == "created-number":
        data["created"] = 12345
    elif change == "steps-null":
        data["steps_done"] = None
    elif change == "plan-string":
        data["plan"] = "g5.xlarge"
    elif change == "plan-bad-market":
        data["plan"]["market"] = "cheap"
    elif change == "volume-string":
        data["plan"]["volume_gib"] = "100 GiB"
    elif change == "key-files-list":
        data["resources"]["key_files"] = ["k"]
    elif change == "top-level-list":
        return [data]
    elif change == "instance-id-number":
        data["resources"]["instance_id"] = 7
    return data


DAMAGES = [
    "resources-null",
    "resources-list",
    "created-number",
    "steps-null",
    "plan-string",
    "plan-bad-market",
    "volume-string",
    "key-files-list",
    "top-level-list",
    "instance-id-number",
]


def _write_damaged(good: dict[str, Any]) -> list[str]:
    names = []
    for number, change in enumerate(DAMAGES):
        launch_id = f"250602-bad{number:03d}"
        data = _damage({**good, "launch_id": launch_id}, change)
        (journal_dir() / f"{launch_id}.json").write_text(json.dumps(data))
        names.append(launch_id)
    return names


@pytest.mark.parametrize("change", DAMAGES)
def test_a_damaged_journal_is_a_bad_journal_error(tmp_path: Path, change: str) -> None:
    data = _damage(_good(tmp_path), change)
    (tmp_path / f"{GOOD}.json").write_text(json.dumps(data))
    with pytest.raises(WizardError) as caught:
        load_journal(GOOD, tmp_path)
    assert caught.value.code == "bad-journal"
    assert GOOD in caught.value.message


def test_scan_names_every_damaged_journal_and_keeps_the_good_one() -> None:
    names = _write_damaged(_good())
    journals, damaged = scan_journals()
    assert [j.launch_id for j in journals] == [GOOD]
    assert sorted(d.launch_id for d in damaged) == names


def test_list_names_the_damaged_journals_and_still_works(
    aws: object, capsys: pytest.CaptureFixture[str]
) -> None:
    names = _write_damaged(_good())
    assert main(["list", "--region", REGION, "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    for name in names:
        assert f"launch '{name}' is damaged" in captured.err
    assert "bug" not in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("change", ["resources-null", "volume-string", "plan-bad-market"])
def test_open_of_a_damaged_journal_says_so_in_one_line(
    aws: object, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    good = _good()
    (journal_dir() / "250602-bad000.json").write_text(
        json.dumps(_damage({**good, "launch_id": "250602-bad000"}, change))
    )
    assert main(["open", "250602-bad000", "--yes"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: The record of launch '250602-bad000' is damaged")
    assert err.count("\n") == 1, err
    # The good launch beside it can still be resumed.
    assert LaunchJob.resume(GOOD).launch_id == GOOD
