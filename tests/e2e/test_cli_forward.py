"""``ec2nb open ID --forward`` and ``stop/terminate --download-notebooks`` on the stand-in."""

from __future__ import annotations

import os
import pty
import select
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from app.core.launch.journal import find_journal
from app.core.launch.remote import launch_connection
from tests.e2e.cli_process import CliProcess, launch_args, run_ec2nb
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION
from tests.support.sshd import free_port


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=15) as answer:  # noqa: S310 (loopback http)
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def ready_launch(stand_in: StandIn, tmp_path: Path) -> Iterator[str]:
    """A launch that reached ``ready``, its first ``ec2nb`` process ended (tunnel closed).

    Without a work disk: the notebooks live on the machine's own disk, which is when the
    download is offered before a stop or terminate."""
    env = stand_in.env()
    launch = CliProcess(
        launch_args(stand_in.host_fingerprint, "--json", "--work-disk", "none"),
        env,
        tmp_path / "launch-stderr.txt",
    )
    launch_id = ""
    try:
        launch_id = launch.event("ready")["launch_id"]
        launch.close()
        yield launch_id
    finally:
        launch.close()
        if launch_id:
            run_ec2nb(["terminate", launch_id, "--yes"], env)


def start_http_server(launch_id: str, port: int, text: str) -> int:
    """``python3 -m http.server`` on the instance's loopback, as the instance's user; its pid."""
    connector, _folder = launch_connection(launch_id)
    with connector() as client:
        command = (
            f'cd "$(mktemp -d)" && printf %s {text} > page.txt && '
            f"(nohup python3 -m http.server {port} --bind 127.0.0.1 >/dev/null 2>&1 & echo $!)"
        )
        _in, out, _err = client.exec_command(command, timeout=30)
        pid = int(out.read().decode().strip())
        # Wait until it accepts (the instance is this machine's loopback).
        probe = (
            f"for i in $(seq 100); do (echo > /dev/tcp/127.0.0.1/{port}) 2>/dev/null && exit 0; "
            "sleep 0.1; done; exit 1"
        )
        _in, out, _err = client.exec_command(f"bash -c '{probe}'", timeout=30)
        assert out.channel.recv_exit_status() == 0, "the instance's http.server did not start"
    return pid


def stop_remote(launch_id: str, pid: int) -> None:
    connector, _folder = launch_connection(launch_id)
    with connector() as client:
        client.exec_command(f"kill {pid}", timeout=30)[1].channel.recv_exit_status()


def test_open_forwards_a_second_server_and_says_when_a_port_is_closed(
    stand_in: StandIn, ready_launch: str, tmp_path: Path
) -> None:
    served_port = free_port()
    closed_port = free_port()
    # An explicit local port: the same number would forward to itself, the instance being
    # this machine's loopback.
    closed_local = free_port()
    pid = start_http_server(ready_launch, served_port, "forwarded-page")
    opened = CliProcess(
        [
            "open",
            ready_launch,
            "--forward",
            str(served_port),
            "--forward",
            f"{closed_port}:{closed_local}",
            "--json",
            "--no-browser",
        ],
        stand_in.env(),
        tmp_path / "open-stderr.txt",
    )
    try:
        served = opened.wait_for(
            lambda e: e.get("event") == "forward" and e["remote_port"] == served_port
        )
        closed = opened.wait_for(
            lambda e: e.get("event") == "forward" and e["remote_port"] == closed_port
        )
        # The instance is this machine: its server holds the same number here, so the forward
        # moved to another local port and says so.
        assert served["listening"] is True
        assert served["moved"] is True
        assert served["local_port"] != served_port
        assert served["url"] == f"http://127.0.0.1:{served['local_port']}/"
        assert _get(served["url"] + "page.txt") == (200, "forwarded-page")

        assert closed["listening"] is False
        assert closed["local_port"] == closed_local
        assert not closed["moved"]
        status, body = _get(closed["url"])
        assert status == 502
        assert f"Nothing listens on port {closed_port} on the instance" in body
        note = opened.event("forward-note")
        assert f"port {closed_port}" in note["message"]
        assert "(nothing listens there yet)" in opened.stderr()
        assert "Traceback" not in opened.stderr()
    finally:
        opened.close()
        stop_remote(ready_launch, pid)
    # The forwards ended with the tunnel: nothing listens on their local ports any more.
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", closed_local), timeout=2).close()


def test_a_bad_forward_is_refused_before_anything_runs(stand_in: StandIn) -> None:
    refused = run_ec2nb(["open", "some-launch", "--forward", "6006:99999"], stand_in.env())
    assert refused.returncode == 2
    assert "Port 99999 is not between 1 and 65535." in refused.stderr


def _state(instance_id: str) -> str:
    ec2 = boto3.client("ec2", region_name=REGION)
    reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    return str(reservations[0]["Instances"][0]["State"]["Name"])


def _instance_id(launch_id: str) -> str:
    journal = find_journal(launch_id)
    assert journal is not None
    assert journal.resources.instance_id
    return journal.resources.instance_id


def test_stop_downloads_the_notebooks_first(
    stand_in: StandIn, ready_launch: str, tmp_path: Path
) -> None:
    folder = stand_in.remote_home / ready_launch
    (folder / "experiments" / ".ipynb_checkpoints").mkdir(parents=True)
    (folder / "train.ipynb").write_text('{"cells": ["train"]}')
    (folder / "experiments" / "lr.ipynb").write_text('{"cells": ["lr"]}')
    (folder / "experiments" / ".ipynb_checkpoints" / "lr-checkpoint.ipynb").write_text("{}")
    (folder / "experiments" / "weights.bin").write_bytes(b"\0" * 1000)
    (folder / "results").mkdir()
    (folder / "results" / "scores.csv").write_text("epoch,loss\n1,0.5\n")
    instance_id = _instance_id(ready_launch)
    down = tmp_path / "saved"

    stopped = run_ec2nb(
        [
            "stop",
            ready_launch,
            "--download-notebooks",
            str(down),
            "--download-folder",
            "results",
        ],
        stand_in.env(),
    )
    assert stopped.returncode == 0, stopped.stderr
    assert "Downloaded 2 notebook(s), 3 file(s) in all" in stopped.stdout
    root = down / folder.name
    assert (root / "train.ipynb").read_text() == '{"cells": ["train"]}'
    assert (root / "experiments" / "lr.ipynb").read_text() == '{"cells": ["lr"]}'
    assert not (root / "experiments" / "weights.bin").exists()  # notebooks only
    assert not (root / "experiments" / ".ipynb_checkpoints").exists()
    assert (down / "results" / "scores.csv").read_text() == "epoch,loss\n1,0.5\n"
    assert _state(instance_id) in ("stopping", "stopped")


def test_a_failed_download_leaves_the_machine_running(
    stand_in: StandIn, ready_launch: str, tmp_path: Path
) -> None:
    instance_id = _instance_id(ready_launch)
    for verb in ("stop", "terminate"):
        refused = run_ec2nb(
            [
                verb,
                ready_launch,
                "--yes",
                "--download-notebooks",
                str(tmp_path / verb),
                "--download-folder",
                "no-such-folder",
            ],
            stand_in.env(),
        )
        assert refused.returncode == 1, refused.stdout
        assert "Your notebooks could not be downloaded, so the machine was left as it is" in (
            refused.stderr
        )
        assert "no-such-folder" in refused.stderr
        assert "Traceback" not in refused.stderr
        assert _state(instance_id) == "running"


class Terminal:
    """``ec2nb ARGS`` at a terminal (a pseudo-terminal), to answer its questions."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
        )
        os.close(slave)
        self.seen = ""

    def expect(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {text!r} within {timeout} s:\n{self.seen}")
            readable, _, _ = select.select([self.master], [], [], left)
            if readable:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the program ended
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"ended before {text!r}:\n{self.seen}")
                self.seen += chunk.decode("utf-8", "replace")

    def answer(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def finish(self, timeout: float = 60) -> int:
        """Read what is left until the program ends; its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            readable, _, _ = select.select([self.master], [], [], 1)
            if not readable:
                if self.process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # Linux: EIO once the program has ended
                break
            if not chunk:
                break
            self.seen += chunk.decode("utf-8", "replace")
        code = self.process.wait(timeout)
        os.close(self.master)
        return code


def test_terminate_at_a_terminal_offers_the_download_first(
    stand_in: StandIn, ready_launch: str, tmp_path: Path
) -> None:
    folder = stand_in.remote_home / ready_launch
    (folder / "model.ipynb").write_text('{"cells": ["model"]}')
    instance_id = _instance_id(ready_launch)
    terminal = Terminal(["terminate", ready_launch], stand_in.env())
    terminal.expect("Its disk and data are deleted. [y/N]")
    terminal.answer("y")
    terminal.expect("has no work disk: its notebooks are on its own disk. Download them first?")
    terminal.answer("")  # the default: yes
    terminal.expect("Into which folder?")
    terminal.answer(str(tmp_path / "rescued"))
    assert terminal.finish() == 0, terminal.seen
    assert "Downloaded 1 notebook(s)" in terminal.seen
    assert f"Terminated {instance_id}" in terminal.seen
    assert (tmp_path / "rescued" / folder.name / "model.ipynb").read_text() == (
        '{"cells": ["model"]}'
    )
    assert _state(instance_id) in ("shutting-down", "terminated")
