"""The agent's spot guard against a fake IMDSv2 server on loopback: tokens, notices, once each."""

from __future__ import annotations

import json
import urllib.error
from pathlib import Path
from typing import Any

import pytest

from app.core.remote import idle
from app.demo.metadata_server import (
    INSTANCE_ACTION_PATH,
    REBALANCE_PATH,
    TOKEN_PATH,
    FakeMetadataServer,
)

agent: Any = idle._agent


@pytest.fixture
def imds() -> Any:
    with FakeMetadataServer() as server:
        yield server


def _settings(tmp_path: Path, wall: str | None = None) -> dict[str, Any]:
    return {
        "spot_events_file": str(tmp_path / "spot-events.json"),
        "notebook_log": str(tmp_path / "jupyter.log"),
        "work_dir": str(tmp_path / "work"),
        "wall_command": wall,
    }


def _wall(tmp_path: Path) -> tuple[str, Path]:
    # The real wall writes into every terminal of this computer: a stand-in records the text.
    sent = tmp_path / "wall.txt"
    wall = tmp_path / "wall"
    wall.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{sent}"\n')
    wall.chmod(0o755)
    return str(wall), sent


def test_a_get_without_a_token_is_refused_as_on_aws(imds: FakeMetadataServer) -> None:
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(imds.url + INSTANCE_ACTION_PATH, timeout=2)  # noqa: S310
    refused.value.close()
    assert refused.value.code == 401


def test_no_notice_is_404_and_costs_one_token_for_many_polls(imds: FakeMetadataServer) -> None:
    metadata = agent.MetadataClient(imds.url)
    for _ in range(3):
        assert metadata.get(INSTANCE_ACTION_PATH) is None
        assert metadata.get(REBALANCE_PATH) is None
    assert metadata.tokens_fetched == 1
    assert imds.statuses(TOKEN_PATH) == [200]
    assert set(imds.statuses(INSTANCE_ACTION_PATH)) == {404}


def test_an_expired_token_is_renewed_and_the_poll_still_answers(imds: FakeMetadataServer) -> None:
    metadata = agent.MetadataClient(imds.url)
    assert metadata.get(INSTANCE_ACTION_PATH) is None
    imds.expire_tokens()
    notice = imds.announce_interruption("stop")
    assert json.loads(metadata.get(INSTANCE_ACTION_PATH)) == notice
    assert metadata.tokens_fetched == 2
    assert imds.statuses(INSTANCE_ACTION_PATH) == [404, 401, 200]


def test_the_token_request_carries_a_ttl_aws_accepts(imds: FakeMetadataServer) -> None:
    assert agent.MetadataClient(imds.url, ttl=21600).get(REBALANCE_PATH) is None
    with pytest.raises(urllib.error.HTTPError) as refused:
        agent.MetadataClient(imds.url, ttl=21601).get(REBALANCE_PATH)
    refused.value.close()
    assert refused.value.code == 400


def test_notices_are_read_from_aws_json_and_junk_is_ignored() -> None:
    body = '{"action": "terminate", "time": "2026-12-01T18:22:00Z"}'
    (notice,) = agent.read_notices(body, None)
    assert (notice.kind, notice.action, notice.time) == (
        "interruption",
        "terminate",
        "2026-12-01T18:22:00Z",
    )
    (rebalance,) = agent.read_notices(None, '{"noticeTime": "2026-12-01T18:00:00Z"}')
    assert rebalance.kind == "rebalance"
    assert agent.read_notices("<html>", "[]") == []
    assert agent.read_notices(None, None) == []


def test_the_banner_names_the_moment_in_utc() -> None:
    notice = agent.SpotNotice("interruption", "2026-12-01T18:22:00Z", "terminate")
    assert agent.spot_banner(notice) == (
        "ec2nb: AWS is taking this spot machine back at 18:22 UTC: save your notebooks now."
    )
    assert "may take this spot machine back soon" in agent.spot_banner(
        agent.SpotNotice("rebalance", "2026-12-01T18:00:00Z")
    )


def test_a_notice_warns_logs_and_records_once_not_at_every_poll(
    imds: FakeMetadataServer, tmp_path: Path
) -> None:
    wall, sent = _wall(tmp_path)
    settings = _settings(tmp_path, wall)
    metadata = agent.MetadataClient(imds.url)
    assert agent.check_spot_once(settings, metadata) == []
    assert not Path(settings["spot_events_file"]).exists()  # nothing written while quiet

    notice = imds.announce_interruption("terminate")
    (event,) = agent.check_spot_once(settings, metadata)
    assert agent.check_spot_once(settings, metadata) == []
    assert agent.check_spot_once(settings, metadata) == []

    hhmm = notice["time"][11:16]
    banner = f"AWS is taking this spot machine back at {hhmm} UTC: save your notebooks now."
    assert sent.read_text().count(banner) == 1
    assert Path(settings["notebook_log"]).read_text().count(banner) == 1
    recorded = json.loads(Path(settings["spot_events_file"]).read_text())
    assert recorded == [event]
    assert (event["kind"], event["action"], event["time"]) == (
        "interruption",
        "terminate",
        notice["time"],
    )
    assert event["walled"] is True
    assert event["synced"] is False  # no work disk mounted at work_dir


def test_a_rebalance_then_the_interruption_are_two_events(
    imds: FakeMetadataServer, tmp_path: Path
) -> None:
    wall, sent = _wall(tmp_path)
    settings = _settings(tmp_path, wall)
    metadata = agent.MetadataClient(imds.url)
    imds.recommend_rebalance()
    assert [e["kind"] for e in agent.check_spot_once(settings, metadata)] == ["rebalance"]
    imds.announce_interruption()
    assert [e["kind"] for e in agent.check_spot_once(settings, metadata)] == ["interruption"]
    recorded = json.loads(Path(settings["spot_events_file"]).read_text())
    assert [e["kind"] for e in recorded] == ["rebalance", "interruption"]
    assert "AWS may take this spot machine back soon" in sent.read_text()


def test_the_work_disk_is_synced_when_work_is_a_mount_point(
    imds: FakeMetadataServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A mount point needs a real mount (root, and a kernel that allows it here): the check is
    # os.path.ismount, so a mount point this computer already has plays the work disk.
    synced = tmp_path / "sync.txt"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    sync = bin_dir / "sync"
    sync.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{synced}"\n')
    sync.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    settings = dict(_settings(tmp_path), work_dir="/")
    imds.announce_interruption()
    (event,) = agent.check_spot_once(settings, agent.MetadataClient(imds.url))
    assert event["synced"] is True
    assert synced.read_text().split() == ["-f", "/"]


def test_the_watch_survives_a_metadata_hiccup(tmp_path: Path, capsys: Any) -> None:
    settings = dict(_settings(tmp_path), metadata_url="http://127.0.0.1:9", spot_poll_seconds=0)
    agent.watch_spot(settings, rounds=3)
    assert capsys.readouterr().out.count("spot check failed") == 1  # said once, not each poll
