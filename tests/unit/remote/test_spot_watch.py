"""The app's side of the spot guard: the agent's event file read, and the wait on the instance."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import time
from pathlib import Path

from app.core.remote.spot_watch import ORPHANED, SpotNotice, parse_events, wait_command


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
        # stdin stays open, as the SSH channel's does while the app watches.
        with subprocess.Popen(
            [*limit, *command], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process:  # fmt: skip
            assert process.stdout is not None
            assert process.stderr is not None
            out = process.stdout.read()  # until the loop ends (stderr goes to /dev/null)
            err = process.stderr.read()
            process.wait(30)
        return subprocess.CompletedProcess(command, process.returncode, out, err)

    missing = wait(0, "2")
    assert missing.returncode == 124  # still waiting (no file yet) when timeout ended it
    assert missing.stderr == b""  # unread stderr would fill the SSH channel's window
    events.write_text('[{"kind": "rebalance"}]')
    grown = wait(0)
    assert grown.returncode == 0
    assert json.loads(grown.stdout) == [{"kind": "rebalance"}]
    assert grown.stderr == b""
    assert wait(len(grown.stdout), "2").returncode == 124  # nothing new: it waits on


def test_the_wait_on_the_instance_ends_when_its_channel_goes(tmp_path: Path) -> None:
    """sshd closes the command's stdin when the channel or the connection goes: the loop must
    end then, not wait on the instance for ever (one more after every reconnect)."""
    command = ["sh", "-c", wait_command(str(tmp_path / "spot-events.json"), 0)]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        assert process.stdin is not None
        time.sleep(1.5)  # a real process on its own clock: it must still be waiting
        assert process.poll() is None
        process.stdin.close()
        assert process.wait(10) == ORPHANED
    finally:
        process.kill()
        process.wait()
