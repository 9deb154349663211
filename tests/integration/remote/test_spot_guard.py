"""The spot guard end to end on the loopback "instance": the real sshd, the agent the bootstrap
starts pointed at a fake IMDSv2 server, and the app's notice through the tunnel's connection."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import paramiko

from app.core.remote.bootstrap import BootstrapOptions, run_bootstrap
from app.core.remote.connect import SshTarget, connect
from app.core.remote.spot_watch import SpotNotice, SpotWatcher
from app.core.remote.tunnel import Tunnel
from app.demo.metadata_server import FakeMetadataServer
from tests.support.sshd import free_port


def _wait_for(check: Callable[[], object], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(0.1)


def _wall_stand_in(home: Path) -> tuple[Path, Path]:
    # The real wall would write into every terminal of this computer (other people's too):
    # a stand-in records what the agent sends, as the login user the agent runs as.
    sent = home / "wall.txt"
    wall = home / "wall-stand-in"
    wall.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{sent}"\n')
    wall.chmod(0o755)
    stat = home.stat()
    os.chown(wall, stat.st_uid, stat.st_gid)
    return wall, sent


def test_an_interruption_notice_reaches_terminals_the_log_the_record_and_the_app(
    ssh_client: paramiko.SSHClient,
    remote_home: Path,
    make_target: Callable[..., SshTarget],
) -> None:
    wall, sent = _wall_stand_in(remote_home)
    with FakeMetadataServer() as imds:
        options = BootstrapOptions(
            port=free_port(),
            remote_home=str(remote_home),
            spot=True,
            metadata_url=imds.url,
            spot_poll_seconds=0.3,
            wall_command=str(wall),
        )
        info = run_bootstrap(ssh_client, options)
        ssh_client.close()
        assert "spot-watch" in info.changed
        state = Path(info.state_dir)
        assert json.loads((state / "spot.json").read_text())["metadata_url"] == imds.url

        target = make_target()
        tunnel = Tunnel(lambda: connect(target, deadline_seconds=20), info.port, free_port())
        heard: list[SpotNotice] = []
        with tunnel:
            watcher = SpotWatcher(
                tunnel.transport, info.state_dir, heard.append, retry_seconds=0.5
            ).start()
            try:
                # The agent polls with a token and hears nothing, for as long as there is nothing.
                _wait_for(lambda: imds.statuses("/latest/meta-data/spot/instance-action"), "a poll")
                assert set(imds.statuses("/latest/meta-data/spot/instance-action")) == {404}
                assert heard == []

                notice = imds.announce_interruption("terminate")
                _wait_for(lambda: heard, "the app hears of the notice")
                hhmm = notice["time"][11:16]
                banner = f"AWS is taking this spot machine back at {hhmm} UTC"
                _wait_for(lambda: sent.exists() and banner in sent.read_text(), "the wall banner")
                # Several more polls after it: the notice is acted on once, not at each.
                polls = len(imds.statuses("/latest/meta-data/spot/instance-action"))
                _wait_for(
                    lambda: (
                        len(imds.statuses("/latest/meta-data/spot/instance-action")) >= polls + 3
                    ),
                    "three more polls",
                )
                assert len(heard) == 1
                # The SSH connection drops: the tunnel reconnects, the watch goes on with it.
                tunnel.transport().close()
                imds.recommend_rebalance()
                _wait_for(lambda: len(heard) == 2, "the notice after a reconnect")
                assert heard[1].kind == "rebalance"
                assert tunnel.reconnects >= 1
            finally:
                watcher.close()

    event = heard[0]
    assert (event.kind, event.action) == ("interruption", "terminate")
    local = event.at.astimezone().strftime("%H:%M")
    assert str(event.sentence()) == (
        f"AWS is taking this spot machine back at {local}: save your notebooks now."
    )
    assert sent.read_text().count(banner) == 1
    assert banner in (state / "jupyter.log").read_text()
    recorded, _rebalance = json.loads((state / "spot-events.json").read_text())
    assert recorded["time"] == notice["time"]
    assert recorded["walled"] is True
    assert recorded["synced"] is False  # the stand-in's ~/work is no mount point


def test_with_systemd_the_watch_is_a_service_of_its_own_that_stop_removes(
    remote_home: Path, tmp_path: Path
) -> None:
    """No systemd runs here: the stand-in systemctl runs the unit the script writes."""
    import getpass
    import sys

    from tests.integration.remote.systemd_stand_in import systemd_bootstrap

    units = tmp_path / "units"
    units.mkdir()
    state = remote_home / ".ec2nb"
    wall, sent = _wall_stand_in(remote_home)
    with FakeMetadataServer() as imds:
        options = BootstrapOptions(
            port=free_port(),
            remote_home=str(remote_home),
            python=sys.executable,
            service="systemd",
            spot=True,
            metadata_url=imds.url,
            spot_poll_seconds=0.3,
            wall_command=str(wall),
        )
        bootstrap = systemd_bootstrap(options, units, state)

        first = bootstrap()
        assert "spot-watch" in first["changed"]  # type: ignore[operator]
        unit = (units / "ec2nb-spot.service").read_text()
        assert "--spot-watch" in unit
        assert f"User={getpass.getuser()}" in unit
        assert "Restart=always" in unit
        imds.announce_interruption("terminate")
        events = state / "spot-events.json"
        _wait_for(events.exists, "the notice recorded by the service")
        assert json.loads(events.read_text())[0]["kind"] == "interruption"
        assert "AWS is taking this spot machine back at" in sent.read_text()
        assert "spot-watch" not in bootstrap()["changed"]  # type: ignore[operator]
        assert bootstrap("stop")["stopped"] is True
        assert not (units / "ec2nb-spot.service").exists()
