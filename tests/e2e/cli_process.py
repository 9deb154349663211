"""Running ``ec2nb`` as a subprocess and reading its JSON-lines events."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.constants import REGION


class CliProcess:
    """``python -m app ARGS`` with stdout read line by line (events) and stderr to a file."""

    def __init__(self, args: list[str], env: dict[str, str], stderr_path: Path) -> None:
        self.stderr_path = stderr_path
        self._stderr = stderr_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.lines.append(line)
            self._queue.put(line)
        self._queue.put(None)

    def wait_for(self, predicate: Any, timeout: float = 180) -> dict[str, Any]:
        """The first JSON event for which ``predicate(event)`` holds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no such event within {timeout} s:\n{self.transcript()}")
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                self.process.wait(10)
                raise AssertionError(
                    f"ec2nb exited ({self.process.returncode}) first:\n{self.transcript()}"
                )
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if predicate(event):
                return dict(event)

    def event(self, name: str, timeout: float = 180) -> dict[str, Any]:
        return self.wait_for(lambda e: e.get("event") == name, timeout)

    def stderr(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def transcript(self) -> str:
        return "stdout:\n" + "\n".join(self.lines) + "\nstderr:\n" + self.stderr()

    def finish(self, timeout: float = 60) -> int:
        code = self.process.wait(timeout)
        self._reader.join(10)
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            # SIGTERM first: the demo stops its sshd and Jupyter on it, SIGKILL would leak them.
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._reader.join(10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._stderr.close()


def run_ec2nb(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m app ARGS`` to its end, with no terminal to ask on."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )


def launch_args(host_fingerprint: str, *extra: str) -> list[str]:
    """``ec2nb launch`` on the stand-in instance whose host key has ``host_fingerprint``."""
    return [
        "launch",
        "--region",
        REGION,
        "--volume-gib",
        "40",
        "--trust-host-key",
        host_fingerprint,
        "--yes",
        "--no-browser",
        *extra,
    ]


def launch_until_ready(
    host_fingerprint: str,
    env: dict[str, str],
    stderr_path: Path,
    *extra: str,
    while_open: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """``ec2nb launch --json`` until its notebook is ready, ``while_open(ready)`` with the
    tunnel still open, then the command closed (the instance and its notebook run on)."""
    launch = CliProcess(launch_args(host_fingerprint, "--json", *extra), env, stderr_path)
    try:
        ready = launch.event("ready")
        if while_open is not None:
            while_open(ready)
    finally:
        launch.close()
    return ready
