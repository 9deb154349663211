"""The hard time limit: a pure decision over when the machine started and the time now."""

from __future__ import annotations

import time

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
    assert f"this machine stops at {stamp}" in idle.limit_warning(limit)
    assert "Save your notebooks now" in idle.limit_warning(limit)


def test_the_limit_stops_a_busy_machine_and_the_idle_check_is_not_asked(tmp_path) -> None:
    log = tmp_path / "jupyter.log"
    settings = {
        "minutes": None,
        "url": "http://127.0.0.1:9",  # nothing there: the limit must not need Jupyter
        "dry_run": True,
        "max_hours": 1,
        "limit_from": time.time() - 2 * HOUR,
        "notebook_log": str(log),
        "warned_file": str(tmp_path / "warned"),
    }
    decision = idle._agent.check_once(settings, as_json=True)
    assert decision.stop is True
    assert decision.reasons == ["hard limit of 1 h reached"]


def test_the_warning_is_written_once_per_deadline(tmp_path, capsys) -> None:
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
    assert log.read_text().count("this machine stops at") == 1
    out = capsys.readouterr().out
    assert out.count("warned: ec2nb: this machine stops at") == 1
    assert "stay up: no idle auto-stop; hard limit of 1 h: 2 min left" in out
