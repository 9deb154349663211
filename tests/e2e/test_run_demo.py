"""``scripts/run-demo.sh`` as a new user runs it: without a screen, on a virtual display, and
stopped with Ctrl+C pressed twice (the whole process group gets it, as from a terminal)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.tools import require_tool

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a bash script")


def _env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("AWS_") and k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    # The test's .venv is set up already; the script's apt and pip steps are for people.
    env.update(EC2NB_SKIP_SETUP="1", EC2NB_HOME=str(home))
    return env


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            ["scripts/run-demo.sh", *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, like a terminal's foreground job
        )


def _wait_for(log: Path, pattern: str, process: subprocess.Popen[bytes], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(pattern, log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return found.group(0)
        if process.poll() is not None:
            break
        time.sleep(0.1)  # polling another process's output: there is no signal to wait for
    raise AssertionError(f"no {pattern!r} within {timeout} s:\n{log.read_text()}")


def _ctrl_c_twice(process: subprocess.Popen[bytes]) -> int:
    os.killpg(process.pid, signal.SIGINT)
    time.sleep(0.2)  # the second press lands while the first one's shutdown runs
    with contextlib.suppress(ProcessLookupError):  # already gone: a fast shutdown is fine
        os.killpg(process.pid, signal.SIGINT)
    try:
        return process.wait(60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def demo_home(tmp_path: Path) -> Iterator[Path]:
    """The script's ``EC2NB_HOME``; its demo world (which outlives the script by design) is
    reset at the end, whatever the test's outcome."""
    home = tmp_path / "home"
    try:
        yield home
    finally:
        _reset(home)


def test_without_a_screen_the_command_line_demo_shows_the_flow_and_the_address(
    tmp_path: Path, demo_home: Path
) -> None:
    require_tool("sshd", "openssh-server")
    log = tmp_path / "demo.log"
    demo = _start([], _env(demo_home), log)
    url = _wait_for(log, r"Notebook: http://127\.0\.0\.1:\d+/lab\?token=\w+", demo, 180)
    text = log.read_text()
    assert "No screen found" in text
    assert "Launch the instance" in text  # the steps are shown, not only the end
    jupyter_port = int(re.findall(r"instance port (\d+)", text)[-1])
    _wait_for(log, "Press Ctrl\\+C", demo, 30)
    assert _ctrl_c_twice(demo) == 0, log.read_text()
    text = log.read_text()
    assert "Traceback" not in text, text
    assert "Tunnel closed" in text
    assert url
    # The instance runs on in the demo world (as on EC2) until the world is reset.
    assert "keeps running in the demo world" in text
    _reset(demo_home)
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", jupyter_port)) != 0


def _reset(home: Path) -> None:
    """End the demo world the script started (its service outlives the script by design)."""
    result = subprocess.run(
        [".venv/bin/ec2nb", "--demo", "reset"],
        cwd=ROOT,
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_with_xvfb_the_wizard_appears_on_a_virtual_display_and_ctrl_c_closes_it(
    tmp_path: Path, demo_home: Path
) -> None:
    require_tool("Xvfb", "xvfb")
    xdotool = require_tool("xdotool", "xdotool")
    log = tmp_path / "demo.log"
    env = _env(demo_home)
    demo = _start(["--xvfb"], env, log)
    display = _wait_for(log, r"virtual display :\d+", demo, 30).split()[-1]
    deadline = time.monotonic() + 60
    window = ""
    while not window and time.monotonic() < deadline and demo.poll() is None:
        window = subprocess.run(
            [xdotool, "search", "--onlyvisible", "--name", "EC2 Notebook Wizard"],
            env={**env, "DISPLAY": display},
            capture_output=True,
            text=True,
        ).stdout.strip()
        time.sleep(0.1)  # polling the X server: no signal to wait for
    assert window, "no visible wizard window:\n" + log.read_text()
    assert _ctrl_c_twice(demo) == 0, log.read_text()
    assert "Traceback" not in log.read_text()
    # The virtual display stops with the script (Xvfb removes its socket as it exits).
    socket_path = Path(f"/tmp/.X11-unix/X{display.lstrip(':')}")
    deadline = time.monotonic() + 10
    while socket_path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not socket_path.exists()


def test_the_wizard_without_a_screen_says_so_instead_of_waiting_unseen() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "app"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "No screen found" in result.stderr
    assert "ec2nb launch" in result.stderr
