"""The hard time limit: a pure decision over when the machine started and the time now."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.core.remote import idle

STARTED = 1_800_000_000.0
HOUR = 3600.0


def test_well_before_the_limit_the_machine_stays_up_without_a_warning() -> None:
    limit = idle.decide_limit(STARTED, STARTED + 2 * HOUR, 4)
    assert (limit.stop, limit.warn) == (False, False)
    assert limit.deadline == STARTED + 4 * HOUR
    assert limit.reason == "hard limit of 4 h: 120 min left"


def test_ten_minutes_before_the_limit_it_warns_and_still_stays_up() -> None:
    limit = idle.decide_limit(STARTED, STARTED + 4 * HOUR - 9 * 60, 4)
    assert (limit.stop, limit.warn) == (False, True)
    assert idle.decide_limit(STARTED, STARTED + 4 * HOUR - 11 * 60, 4).warn is False


def test_at_the_limit_it_stops() -> None:
    limit = idle.decide_limit(STARTED, STARTED + 4 * HOUR, 4)
    assert (limit.stop, limit.warn) == (True, False)
    assert limit.reason == "hard limit of 4 h reached"


def test_a_shorter_test_hour_shortens_the_warning_with_it() -> None:
    # One "hour" of 60 s: the ten-minute warning becomes ten seconds.
    assert idle.decide_limit(STARTED, STARTED + 49, 1, hour_seconds=60).warn is False
    assert idle.decide_limit(STARTED, STARTED + 51, 1, hour_seconds=60).warn is True
    assert idle.decide_limit(STARTED, STARTED + 60, 1, hour_seconds=60).stop is True


def test_the_warning_names_the_stop_time_in_local_time() -> None:
    limit = idle.decide_limit(STARTED, STARTED, 2)
    stamp = time.strftime("%H:%M", time.localtime(STARTED + 2 * HOUR))
    assert f"this machine shuts down at {stamp}" in idle.limit_warning(limit)
    assert "Save your notebooks now" in idle.limit_warning(limit)


def test_at_the_limit_it_stops_without_asking_jupyter_what_runs(tmp_path: Path) -> None:
    log = tmp_path / "jupyter.log"
    settings = {
        "minutes": None,
        "url": "http://127.0.0.1:9",  # nothing there: busy or idle, the limit does not ask
        "dry_run": True,
        "max_hours": 1,
        "limit_from": time.time() - 2 * HOUR,
        "notebook_log": str(log),
        "warned_file": str(tmp_path / "warned"),
    }
    decision = idle._agent.check_once(settings, as_json=True)
    assert decision.stop is True
    assert decision.reasons == ["hard limit of 1 h reached"]


def test_the_warning_is_written_once_per_deadline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "jupyter.log"
    settings = {
        "minutes": None,
        "url": "http://127.0.0.1:9",
        "dry_run": True,
        "max_hours": 1,
        "limit_from": time.time() - HOUR + 120,
        "notebook_log": str(log),
        "warned_file": str(tmp_path / "warned"),
    }
    first = idle._agent.check_once(settings, as_json=False)
    idle._agent.check_once(settings, as_json=False)
    assert first.stop is False
    assert log.read_text().count("this machine shuts down at") == 1
    out = capsys.readouterr().out
    assert out.count("warned: ec2nb: this machine shuts down at") == 1
    assert "stay up: no idle auto-stop; hard limit of 1 h: 2 min left" in out


def test_outside_a_dry_run_the_warning_goes_to_every_terminal_through_wall(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real wall would write into every terminal of this computer (other people's too): a
    # stand-in on PATH records what the agent broadcasts instead.
    sent = tmp_path / "wall.txt"
    wall = tmp_path / "bin" / "wall"
    wall.parent.mkdir()
    wall.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{sent}"\n')
    wall.chmod(0o755)
    monkeypatch.setenv("PATH", f"{wall.parent}:/usr/bin:/bin")
    settings = {
        "minutes": None,
        "url": "http://127.0.0.1:9",
        "dry_run": False,  # safe: inside the warning window the agent does not stop anything
        "max_hours": 1,
        "limit_from": time.time() - HOUR + 300,
        "notebook_log": str(tmp_path / "jupyter.log"),
        "warned_file": str(tmp_path / "warned"),
    }
    decision = idle._agent.check_once(settings, as_json=True)
    assert decision.stop is False
    assert sent.read_text().startswith("ec2nb: this machine shuts down at ")
    assert "Save your notebooks now." in sent.read_text()
