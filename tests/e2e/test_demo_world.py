"""The demo world lasts across commands: each ``ec2nb --demo`` command is its own process, as a
user types them one after another (issue 14, section 0)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.demo.world import pid_alive
from tests.e2e.demo_world import DemoWorld, demo_world, jupyter_port, listening, wait_until
from tests.support.tools import require_tool

__all__ = ["demo_world"]  # the fixture


def _state(world: DemoWorld, launch_id: str) -> str:
    rows = [r for r in world.listed() if r["launch_id"] == launch_id]
    assert len(rows) == 1, rows
    return str(rows[0]["state"])


def test_launch_list_stop_start_open_terminate_one_command_after_another(
    demo_world: DemoWorld,
) -> None:
    require_tool("sshd", "openssh-server")
    launched = demo_world.ready("launch", "--yes", "--no-browser", name="launch")
    launch_id, instance_id = launched["launch_id"], launched["instance_id"]
    port = jupyter_port(launched)
    # The launch has ended; the instance (and its notebook) runs on, as on EC2.
    assert _state(demo_world, launch_id) == "running"
    assert listening(port)

    demo_world.run("stop", launch_id)
    assert _state(demo_world, launch_id) == "stopped"
    assert not listening(port)  # stopping a machine ends what runs on it

    demo_world.run("start", launch_id)
    assert _state(demo_world, launch_id) == "running"
    opened = demo_world.ready("open", launch_id, "--no-browser", name="open")
    assert opened["instance_id"] == instance_id

    said = demo_world.run("terminate", launch_id, "--yes")
    assert demo_world.listed() == []
    assert not listening(jupyter_port(opened))
    # The kept work disk's next steps are demo commands: as printed, they would reach real AWS.
    assert "'ec2nb --demo disks delete " in said.stdout + said.stderr
    assert "'ec2nb disks" not in said.stdout + said.stderr


def test_reset_empties_the_world_and_leaves_no_process(demo_world: DemoWorld) -> None:
    require_tool("sshd", "openssh-server")
    launched = demo_world.ready("launch", "--yes", "--no-browser", name="launch")
    service = demo_world.service()
    assert service is not None
    assert pid_alive(service.pid)
    assert len(demo_world.processes()) >= 2  # Jupyter and its idle agent at least

    result = demo_world.run("reset")
    assert "empty" in result.stdout
    assert not pid_alive(service.pid)
    assert demo_world.processes() == []
    assert not listening(jupyter_port(launched))
    assert demo_world.listed() == []  # a new, empty world


def test_the_world_outlives_its_idle_service(demo_world: DemoWorld) -> None:
    require_tool("sshd", "openssh-server")
    demo_world.env["EC2NB_DEMO_IDLE_MINUTES"] = "0.05"  # 3 s
    launched = demo_world.ready("launch", "--yes", "--no-browser", name="launch")
    images = demo_world.run("amis", "--json").stdout  # from the SSM parameters and the AMIs
    first = demo_world.service()
    assert first is not None
    wait_until(lambda: not pid_alive(first.pid), 60, "the idle service stops")
    # Nothing of the world runs or listens any more: not even the running instance's notebook.
    assert demo_world.processes() == []
    assert not listening(jupyter_port(launched))

    rows = demo_world.listed()
    assert [(r["instance_id"], r["state"]) for r in rows] == [(launched["instance_id"], "running")]
    assert demo_world.run("amis", "--json").stdout == images
    second = demo_world.service()
    assert second is not None
    assert second.pid != first.pid
    # Same host key (no question asked), same key pair: the notebook starts again.
    demo_world.ready("open", launched["launch_id"], "--no-browser", name="open")


def test_two_commands_at_once_start_one_service(demo_world: DemoWorld) -> None:
    commands = [
        subprocess.Popen(
            [sys.executable, "-m", "app", "--demo", "list", "--json"],
            env=demo_world.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [c.communicate(timeout=180) for c in commands]
    assert [c.returncode for c in commands] == [0, 0], outputs
    service = demo_world.service()
    assert service is not None
    for _stdout, stderr in outputs:
        assert f"service pid {service.pid}" in stderr
    # The process table: one service for this demo home.
    services = [
        command
        for entry in Path("/proc").glob("[0-9]*")
        for command in [_command_line(entry)]
        if "app.demo.service" in command and str(demo_world.home) in command
    ]
    assert len(services) == 1, services


def _command_line(proc_entry: Path) -> str:
    try:
        return (proc_entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:  # gone meanwhile
        return ""


def test_files_budget_and_stop_everything_work_on_an_earlier_launch(
    demo_world: DemoWorld, tmp_path: Path
) -> None:
    require_tool("sshd", "openssh-server")
    launched = demo_world.ready("launch", "--yes", "--no-browser", name="launch")
    launch_id = launched["launch_id"]
    notes = tmp_path / "notes.txt"
    notes.write_text("kept in the demo world\n", encoding="utf-8")
    demo_world.run("push", launch_id, str(notes))
    back = tmp_path / "back"
    back.mkdir()
    demo_world.run("pull", launch_id, "notes.txt", "--to", str(back))
    assert (back / "notes.txt").read_text(encoding="utf-8") == "kept in the demo world\n"

    demo_world.run("budget", "set", "25", "--email", "me@example.com")
    assert "25" in demo_world.run("budget").stdout  # the budget is still there, a process later

    demo_world.run("stop", "--all", "--yes")
    assert _state(demo_world, launch_id) == "stopped"
    demo_world.run("terminate", launch_id, "--yes")
    demo_world.run("cleanup", "--yes")
    assert demo_world.listed() == []
