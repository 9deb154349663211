"""The idle agent on the "instance", in dry-run mode, against the real Jupyter and its kernels."""

from __future__ import annotations

import json
import re
import shlex
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import paramiko
import pytest
import websocket

from app.core.remote.bootstrap import BootstrapOptions, NotebookInfo, run_bootstrap
from app.core.remote.connect import run
from tests.integration.remote import notebook_http
from tests.support.sshd import free_port


@pytest.fixture
def watched(
    ssh_client: paramiko.SSHClient, remote_home: Path
) -> tuple[NotebookInfo, BootstrapOptions]:
    options = BootstrapOptions(
        port=free_port(), remote_home=str(remote_home), idle_stop_minutes=30, idle_dry_run=True
    )
    return run_bootstrap(ssh_client, options), options


@pytest.fixture
def kernel_id(watched: tuple[NotebookInfo, BootstrapOptions]) -> Iterator[str]:
    info, _ = watched
    base = f"http://127.0.0.1:{info.port}/api/kernels"
    started = notebook_http.call(base, info.token, method="POST", body={"name": "python3"})
    yield started["id"]
    notebook_http.call(f"{base}/{started['id']}", info.token, method="DELETE")


def _agent(client: paramiko.SSHClient, info: NotebookInfo, *extra: str) -> dict[str, object]:
    """Run the installed agent on the instance over SSH, as an operator would."""
    state = info.state_dir
    command = shlex.join(
        [info.python, f"{state}/idle_agent.py", "--config", f"{state}/idle.json", *extra]
    )
    status, out, err = run(client, command, timeout=60)
    assert status == 0, err
    return dict(json.loads(out.strip().splitlines()[-1]))


def _execute(info: NotebookInfo, kernel: str, code: str) -> None:
    """Send code to the kernel over its websocket, as JupyterLab does, without waiting."""
    session = uuid.uuid4().hex
    url = f"ws://127.0.0.1:{info.port}/api/kernels/{kernel}/channels?session_id={session}"
    connection = websocket.create_connection(
        url, header=[f"Authorization: token {info.token}"], timeout=10
    )
    try:
        connection.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": uuid.uuid4().hex,
                        "username": "test",
                        "session": session,
                        "msg_type": "execute_request",
                        "version": "5.3",
                        "date": datetime.now(UTC).isoformat(),
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {"code": code, "silent": False, "store_history": False},
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
    finally:
        connection.close()


def _wait_state(info: NotebookInfo, kernel: str, state: str) -> None:
    url = f"http://127.0.0.1:{info.port}/api/kernels/{kernel}"
    deadline = time.monotonic() + 30
    while notebook_http.call(url, info.token)["execution_state"] != state:
        assert time.monotonic() < deadline, f"kernel never became {state}"
        time.sleep(0.1)


def test_agent_is_installed_and_watching_in_dry_run(
    ssh_client: paramiko.SSHClient, watched: tuple[NotebookInfo, BootstrapOptions]
) -> None:
    info, options = watched
    assert {"idle-agent", "idle-config", "idle-loop"} <= set(info.changed)
    state = Path(info.state_dir)
    config = json.loads((state / "idle.json").read_text())
    assert config["minutes"] == 30
    assert config["dry_run"] is True
    log = state / "idle.log"
    decision = re.compile(r"^\S+ \S+ (stay up|stop \(dry run: not stopping\)): ", re.M)
    deadline = time.monotonic() + 30
    while not decision.search(log.read_text() if log.exists() else ""):
        assert time.monotonic() < deadline, "the agent wrote no decision"
        time.sleep(0.1)
    assert run_bootstrap(ssh_client, options).changed == []


def test_busy_kernel_keeps_the_machine_up_and_idle_past_the_threshold_stops(
    ssh_client: paramiko.SSHClient,
    watched: tuple[NotebookInfo, BootstrapOptions],
    kernel_id: str,
) -> None:
    info, _ = watched
    _execute(info, kernel_id, "import time\ntime.sleep(120)")
    _wait_state(info, kernel_id, "busy")
    busy = _agent(ssh_client, info, "--dry-run", "--minutes", "0", "--json")
    assert busy["stop"] is False
    assert f"kernel {kernel_id[:8]} is busy" in busy["reasons"]

    notebook_http.call(
        f"http://127.0.0.1:{info.port}/api/kernels/{kernel_id}/interrupt", info.token, method="POST"
    )
    _wait_state(info, kernel_id, "idle")
    recent = _agent(ssh_client, info, "--dry-run", "--json")  # the installed 30 minutes
    assert recent["stop"] is False
    assert any(
        str(r).startswith(f"last activity (kernel {kernel_id[:8]})") for r in recent["reasons"]
    )

    idle = _agent(ssh_client, info, "--dry-run", "--minutes", "0", "--json")
    assert idle["stop"] is True
    assert idle["dry_run"] is True
    assert "no busy kernel (1 running)" in idle["reasons"]


def test_dry_run_prints_the_decision_and_its_reasons(
    ssh_client: paramiko.SSHClient, watched: tuple[NotebookInfo, BootstrapOptions]
) -> None:
    info, _ = watched
    state = info.state_dir
    command = shlex.join(
        [info.python, f"{state}/idle_agent.py", "--config", f"{state}/idle.json", "--dry-run"]
    )
    status, out, _ = run(ssh_client, command + " --minutes 0", timeout=60)
    assert status == 0
    assert "stop (dry run: not stopping): no busy kernel (0 running)" in out
    assert "no GPU found" in out
