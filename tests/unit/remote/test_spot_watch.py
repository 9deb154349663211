"""The app's side of the spot guard: the agent's event file read, and the wait on the instance."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

from app.core.remote.spot_watch import SpotNotice, parse_events, wait_command


def test_the_event_file_gives_notices_in_utc_and_junk_is_left_out() -> None:
    text = json.dumps(
        [
            {"kind": "rebalance", "time": "2026-12-01T18:00:00Z", "action": ""},
            {"kind": "interruption", "time": "2026-12-01T18:22:00Z", "action": "stop"},
            {"kind": "interruption", "time": "not a time"},
            {"kind": "something else", "time": "2026-12-01T18:22:00Z"},
            "junk",
        ]
    )
    rebalance, interruption = parse_events(text)
    assert rebalance.kind == "rebalance"
    assert interruption.at == dt.datetime(2026, 12, 1, 18, 22, tzinfo=dt.UTC)
    assert interruption.action == "stop"
    assert parse_events("{half") == []


def test_the_notice_names_the_moment_in_this_computers_time() -> None:
    at = dt.datetime(2026, 12, 1, 18, 22, tzinfo=dt.UTC)
    notice = SpotNotice("interruption", at, "terminate")
    local = at.astimezone().strftime("%H:%M")
    assert str(notice.sentence()) == (
        f"AWS is taking this spot machine back at {local}: save your notebooks now."
    )
    event = notice.to_event()
    assert (event["event"], event["kind"], event["action"]) == (
        "spot-notice",
        *["interruption"],
        "terminate",
    )


def test_the_wait_on_the_instance_ends_when_the_file_grows_and_says_nothing_on_stderr(
    tmp_path: Path,
) -> None:
    events = tmp_path / "spot-events.json"

    def wait(known: int, seconds: str | None = None) -> subprocess.CompletedProcess[bytes]:
        command = ["sh", "-c", wait_command(str(events), known)]
        limit = ["timeout", seconds] if seconds else []
        return subprocess.run([*limit, *command], capture_output=True, timeout=30)

    missing = wait(0, "2")
    assert missing.returncode == 124  # still waiting (no file yet) when timeout ended it
    assert missing.stderr == b""  # unread stderr would fill the SSH channel's window
    events.write_text('[{"kind": "rebalance"}]')
    grown = wait(0)
    assert grown.returncode == 0
    assert json.loads(grown.stdout) == [{"kind": "rebalance"}]
    assert grown.stderr == b""
    assert wait(len(grown.stdout), "2").returncode == 124  # nothing new: it waits on
