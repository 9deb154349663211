"""The demo world's work disk: a file saved in the notebook (on the disk at ~/work) is still there
after the demo service idled out and came back (``EC2NB_DEMO_IDLE_MINUTES``)."""

from __future__ import annotations

import signal
from typing import Any

from app.demo.world import pid_alive
from tests.e2e.demo_world import DemoWorld, demo_world, wait_until
from tests.support.notebook_files import contents
from tests.support.tools import require_tool

__all__ = ["demo_world"]  # the fixture


def _until_ready(world: DemoWorld, *args: str, name: str) -> Any:
    process = world.start(*args, "--no-browser", "--json", name=name)
    return process, process.event("ready")


def test_a_work_disk_keeps_its_files_across_an_idle_service(demo_world: DemoWorld) -> None:
    require_tool("sshd", "openssh-server")
    demo_world.env["EC2NB_DEMO_IDLE_MINUTES"] = "0.05"  # 3 s
    process, launched = _until_ready(
        demo_world, "launch", "--yes", "--work-disk", "new:1", name="launch"
    )
    try:
        assert launched["work_disk"] is not None
        contents(launched["url"], "results.txt", "epoch 41\n")
        process.process.send_signal(signal.SIGINT)
        assert process.finish() == 0, process.transcript()
    finally:
        process.close()
    first = demo_world.service()
    assert first is not None
    wait_until(lambda: not pid_alive(first.pid), 60, "the idle service stops")

    process, opened = _until_ready(demo_world, "open", launched["launch_id"], name="open")
    try:
        assert opened["work_disk"]["volume_id"] == launched["work_disk"]["volume_id"]
        assert contents(opened["url"], "results.txt")["content"] == "epoch 41\n"
    finally:
        process.close()
