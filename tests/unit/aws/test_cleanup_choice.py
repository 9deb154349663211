"""Which left-over resources ``ec2nb cleanup`` may delete: never a launch that can be resumed
here or that may still be starting elsewhere, unless the user names it."""

from __future__ import annotations

import datetime as dt

from app.core.aws.cleanup import Orphan, launch_started, orphans_to_remove

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def _orphan(launch_id: str) -> Orphan:
    return Orphan("us-east-1", launch_id, "security-group", f"sg-{launch_id[-6:]}")


def test_launch_ids_tell_when_they_started() -> None:
    assert launch_started("20260601-1130-7f3a9c") == dt.datetime(2026, 6, 1, 11, 30, tzinfo=dt.UTC)
    assert launch_started("hand-made") is None


def test_young_and_resumable_launches_are_kept_unless_named() -> None:
    young, old, here, done, odd = (
        "20260601-1131-aaaaaa",  # 29 minutes old
        "20260601-1059-bbbbbb",  # 61 minutes old
        "20260501-0900-cccccc",  # old, but its journal here can resume it
        "20260501-0900-dddddd",  # old, its journal says terminated
        "hand-made-launch",  # no time in the id: not started by this tool's clock
    )
    orphans = [_orphan(i) for i in (young, old, here, done, odd)]
    local = {here: "failed", done: "terminated"}
    chosen, kept = orphans_to_remove(orphans, local_launches=local, now=NOW)
    assert {o.launch_id for o in chosen} == {old, done, odd}
    assert set(kept) == {young, here}
    assert "less than an hour" in kept[young]
    assert "ec2nb open" in kept[here]
    named, kept = orphans_to_remove(orphans, local_launches=local, named=[young, here], now=NOW)
    assert {o.launch_id for o in named} == {young, here}
    assert kept == {}
