"""The persistent demo world as the e2e and GUI tests drive it: each command its own process."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.demo.environment import instance_folder, world_mark
from app.demo.world import ServiceInfo, WorldFiles, marked_processes, pid_alive
from tests.e2e.cli_process import CliProcess, run_ec2nb
from tests.integration.launch.stand_in import notebook_status


class DemoWorld:
    """One demo home (``EC2NB_HOME/data/demo``) and the environment its commands run with."""

    def __init__(self, root: Path, **settings: str) -> None:
        self.root = root
        # The demo sets up AWS itself; nothing of the test harness's AWS settings may matter.
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        self.env.update(EC2NB_HOME=str(root / "ec2nb"), **settings)
        self.home = root / "ec2nb" / "data" / "demo"
        self.files = WorldFiles(self.home)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = run_ec2nb(["--demo", *args], self.env)
        assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
        return result

    def listed(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.run("list", "--json").stdout)
        return rows

    def start(self, *args: str, name: str = "cli") -> CliProcess:
        return CliProcess(["--demo", *args], self.env, self.root / f"{name}.err")

    def ready(self, *args: str, name: str = "cli") -> dict[str, Any]:
        """Run a launch or an open to its notebook, check that the notebook answers through
        the tunnel, then close the tunnel (Ctrl+C)."""
        process = self.start(*args, "--json", name=name)
        try:
            ready = process.event("ready")
            assert "started" in notebook_status(ready["url"])
            process.process.send_signal(signal.SIGINT)
            assert process.finish() == 0, process.transcript()
        finally:
            process.close()
        return ready

    def service(self) -> ServiceInfo | None:
        return ServiceInfo.read(self.files.state)

    def processes(self) -> list[int]:
        """What the world runs: the service, sshd, the instance's user data and Jupyter."""
        return marked_processes(world_mark(self.home))

    def reset(self) -> None:
        self.run("reset")


def jupyter_port(ready: dict[str, Any]) -> int:
    """The notebook's port on the (loopback) instance, from the SSH command's forward."""
    found = re.search(r"-L \d+:127\.0\.0\.1:(\d+)", ready["ssh_command"])
    assert found is not None, ready
    return int(found.group(1))


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_until(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.1)  # another process's state: there is no event to wait on


@pytest.fixture
def demo_world(tmp_path: Path) -> Iterator[DemoWorld]:
    """A demo home of the test's own; reset at the end, and nothing of it may stay running."""
    world = DemoWorld(tmp_path)
    try:
        yield world
    finally:
        run_ec2nb(["--demo", "reset"], world.env)
        left = world.processes()
        service = world.service()
        assert service is None or not pid_alive(service.pid)
        assert not instance_folder(world.home).exists()
        assert left == [], f"left running after the reset: {left}"
