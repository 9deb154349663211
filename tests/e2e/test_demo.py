"""``ec2nb --demo``: the real app on the embedded emulator, with a loopback "instance"."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys

from tests.e2e.demo_world import DemoWorld, demo_world
from tests.integration.launch.stand_in import notebook_status
from tests.support.tools import require_tool

__all__ = ["demo_world"]  # the fixture


def _demo_env() -> dict[str, str]:
    # The demo sets up AWS itself; nothing of the test harness's AWS settings may matter.
    return {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}


def test_demo_launch_ends_with_a_notebook_and_reset_stops_everything(
    demo_world: DemoWorld,
) -> None:
    require_tool("sshd", "openssh-server")
    demo = demo_world.start("launch", "--yes", "--no-browser", "--json")
    try:
        plan = demo.event("plan")
        # Prices and quotas come from the demo's emulated Pricing and Service Quotas APIs.
        assert plan["demo"] is True
        assert plan["price_per_hour"] == 0.526
        assert plan["price_source"] == "pricing-api"
        quota = demo.wait_for(
            lambda e: e.get("step") == "quota" and e["state"] not in ("pending", "running")
        )
        assert quota["state"] == "done", quota
        tunnel = demo.wait_for(lambda e: e.get("step") == "tunnel" and e["state"] == "done")
        found = re.search(r"instance port (\d+)", tunnel["message"])
        assert found is not None, tunnel
        jupyter_port = int(found.group(1))
        ready = demo.event("ready")
        assert ready["demo"] is True
        assert "started" in notebook_status(ready["url"])
        assert "DEMO" in demo.stderr()
        demo.process.send_signal(signal.SIGINT)
        assert demo.finish() == 0, demo.transcript()
        assert "keeps running in the demo world" in demo.stderr()
    finally:
        demo.close()
    demo_world.reset()
    # The "instance's" Jupyter ended with the demo world.
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", jupyter_port)) != 0


def test_the_demo_can_show_aws_taking_a_spot_machine_back(demo_world: DemoWorld) -> None:
    require_tool("sshd", "openssh-server")
    # The world's service starts with the first command and keeps its environment. The notice
    # comes 6 s after RunInstances and the take-back 2 s later: time for the launch to mount
    # its work disk first even on a loaded machine (taken back sooner, the disk goes before
    # the bootstrap finds it, as on EC2, and this test would be about something else).
    demo_world.env.update(EC2NB_DEMO_SPOT_INTERRUPT_SECONDS="6", EC2NB_SPOT_POLL_SECONDS="1")
    demo = demo_world.start("launch", "--spot", "--yes", "--no-browser", "--json")
    try:
        ready = demo.event("ready")
        notice = demo.wait_for(lambda e: e.get("event") == "spot-notice", 60)
        assert notice["launch_id"] == ready["launch_id"]
        assert notice["message"].startswith("AWS is taking this spot machine back at ")
        demo.process.send_signal(signal.SIGINT)
        assert demo.finish() == 0, demo.transcript()
    finally:
        demo.close()


def test_demo_opens_the_wizard(demo_world: DemoWorld) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--demo", "--smoke-test"],
        env=demo_world.env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert "DEMO" in result.stderr


def test_a_frozen_build_says_the_demo_needs_the_source_install() -> None:
    code = "import sys; sys.frozen = True; from app.cli import main; sys.exit(main(['--demo']))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=_demo_env()
    )
    assert result.returncode == 2
    assert "the demo needs the source install" in result.stderr.lower()
