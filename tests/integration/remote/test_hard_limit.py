"""The hard time limit on the "instance": the installed agent warns, then decides to stop, with
no app and no SSH session watching (dry run on the stand-in; a short test hour)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import paramiko

from app.core.remote.bootstrap import BootstrapOptions, run_bootstrap
from tests.support.sshd import free_port

HOUR_SECONDS = 60.0  # a test hour: the ten-minute warning becomes ten seconds


def _wait_for(path: Path, text: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while text not in (content := path.read_text() if path.exists() else ""):
        assert time.monotonic() < deadline, f"{path.name} never showed {text!r}"
        time.sleep(0.1)
    return content


def test_the_agent_warns_then_stops_at_the_limit_without_the_app(
    ssh_client: paramiko.SSHClient, remote_home: Path
) -> None:
    # Half a test hour (30 s), started 22 s ago: 8 s left, inside the 10 s warning window.
    options = BootstrapOptions(
        port=free_port(),
        remote_home=str(remote_home),
        idle_stop_minutes=None,
        idle_dry_run=True,
        max_hours=0.5,
        limit_from=time.time() - 22,
        limit_hour_seconds=HOUR_SECONDS,
        agent_loop_seconds=0.5,
    )
    info = run_bootstrap(ssh_client, options)
    ssh_client.close()  # the laptop closes: the agent goes on by itself
    assert {"idle-agent", "idle-config", "idle-loop"} <= set(info.changed)
    state = Path(info.state_dir)
    config = json.loads((state / "idle.json").read_text())
    assert config["max_hours"] == 0.5
    assert config["minutes"] is None

    agent_log = state / "idle.log"
    _wait_for(agent_log, "warned: ec2nb: this machine shuts down at")
    notebook_log = _wait_for(state / "jupyter.log", "this machine shuts down at")
    assert "Save your notebooks now" in notebook_log
    log = _wait_for(agent_log, "stop (dry run: not stopping): hard limit of 0.5 h reached")
    assert log.count("warned:") == 1  # once, not every check
    assert log.index("warned:") < log.index("hard limit of 0.5 h reached")
