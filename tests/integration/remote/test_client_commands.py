"""The command lines and config entry we hand to people, run with the real OpenSSH and PuTTY."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.core.keys import to_ppk
from app.core.remote import hostkeys
from app.core.remote.commands import (
    parse_ssh_command,
    putty_command,
    remove_ssh_config_entry,
    ssh_command,
    write_ssh_config_entry,
)
from app.core.remote.hostkeys import KnownHosts, fingerprint
from tests.integration.remote.conftest import INSTANCE_ID, make_key, public_line
from tests.support.sshd import SshServer, free_port
from tests.support.tools import require_tool


def _ssh(*args: str) -> subprocess.CompletedProcess[str]:
    binary = require_tool("ssh", "openssh-client")
    # Never the machine's own config or known hosts: only what the test hands over.
    base = [binary, "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes"]
    return subprocess.run([*base, *args], capture_output=True, text=True, timeout=30)


def _strip_ssh(line: str) -> list[str]:
    words = shlex.split(line)
    assert words[0] == "ssh"
    return words[1:]


def test_the_ssh_line_logs_in_and_checks_the_key_under_the_instance_id(
    sshd: SshServer, client_key_path: Path, tmp_path: Path
) -> None:
    store = KnownHosts(tmp_path / "known_hosts")
    store.remember(INSTANCE_ID, [sshd.host_public_key])
    line = ssh_command(
        host=sshd.host,
        port=sshd.port,
        user=sshd.user,
        key_path=client_key_path,
        local_port=free_port(),
        remote_port=8888,
        instance_id=INSTANCE_ID,
        known_hosts_path=store.path,
        windows=False,
    )
    assert line.startswith(f"ssh -i {client_key_path} -L ")
    done = _ssh(*_strip_ssh(line), "echo", "logged-in")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "logged-in"

    store.remember(INSTANCE_ID, [public_line(make_key("ed25519"))], replace=True)
    refused = _ssh(*_strip_ssh(line), "true")
    assert refused.returncode != 0
    assert "Host key verification failed" in refused.stderr


def test_the_config_entry_works_for_plain_ssh_with_its_forward(
    sshd: SshServer, client_key_path: Path, tmp_path: Path
) -> None:
    config = tmp_path / "ssh" / "config"
    config.parent.mkdir()
    config.write_text("ServerAliveCountMax 3\n\nHost *\n    Compression no\n")
    known_hosts = tmp_path / "ssh" / "known_hosts"
    store = KnownHosts(tmp_path / "app_known_hosts")
    store.remember(INSTANCE_ID, [sshd.host_public_key])
    local_port, echo_port = free_port(), free_port()
    launch = SimpleNamespace(
        instance_id=INSTANCE_ID,
        ssh_command=ssh_command(
            host=sshd.host,
            port=sshd.port,
            user=sshd.user,
            key_path=client_key_path,
            local_port=local_port,
            remote_port=echo_port,
            windows=False,
        ),
    )
    alias = write_ssh_config_entry(
        launch, name="demo box", path=config, known_hosts_path=known_hosts, known_hosts=store
    )
    assert alias == "ec2nb-demo-box"
    text = config.read_text()
    assert text.startswith("ServerAliveCountMax 3\n\n# ec2nb-begin ec2nb-demo-box")
    assert text.index("Host ec2nb-demo-box") < text.index("Host *")
    assert f"HostKeyAlias {INSTANCE_ID}" in text
    assert config.stat().st_mode & 0o777 == 0o600

    with socket.create_server(("127.0.0.1", echo_port)) as echo:
        threading.Thread(target=_echo_once, args=(echo,), daemon=True).start()
        forward = subprocess.Popen(
            [
                *(require_tool("ssh", "openssh-client"), "-F", str(config), "-N"),
                *("-o", f"UserKnownHostsFile={known_hosts}", "-o", "BatchMode=yes", alias),
            ],
            stderr=subprocess.PIPE,
        )
        try:
            assert _echo_through(local_port, forward) == b"hello through ssh -N"
        finally:
            _stop(forward)

    # Written again (a new address after stop/start): replaced in place, not duplicated.
    write_ssh_config_entry(launch, name="demo box", path=config, host="127.0.0.2")
    assert config.read_text().count("Host ec2nb-demo-box") == 1
    assert "HostName 127.0.0.2" in config.read_text()
    assert remove_ssh_config_entry("demo box", config) is True
    assert config.read_text() == "ServerAliveCountMax 3\n\nHost *\n    Compression no\n"


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End ``ssh -N``: SIGTERM, then SIGKILL if a loaded machine keeps it busy past 10 s.

    A process left running would be reported by a later, unrelated test as a ResourceWarning.
    """
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)
    if process.stderr is not None:
        process.stderr.close()


def _echo_once(server: socket.socket) -> None:
    server.settimeout(20)
    try:
        conn, _ = server.accept()
    except OSError:
        return
    with conn:
        conn.sendall(conn.recv(1024))


def _echo_through(port: int, forward: subprocess.Popen[bytes]) -> bytes:
    deadline = time.monotonic() + 15
    while True:
        assert forward.poll() is None, forward.stderr.read() if forward.stderr else ""
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                sock.sendall(b"hello through ssh -N")
                return sock.recv(1024)
        except OSError:
            assert time.monotonic() < deadline, "ssh -N never forwarded the port"
            time.sleep(0.1)


def test_parse_reads_back_what_ssh_command_wrote() -> None:
    line = ssh_command(
        host="203.0.113.7",
        user="ubuntu",
        key_path=r"C:\Users\Ana Lima\keys\gpu box.pem",
        local_port=8890,
        remote_port=8888,
        port=2222,
        instance_id="i-0abc",
        windows=True,
    )
    assert '"C:\\Users\\Ana Lima\\keys\\gpu box.pem"' in line
    assert parse_ssh_command(line) == {
        "key_path": r"C:\Users\Ana Lima\keys\gpu box.pem",
        "local_port": 8890,
        "remote_port": 8888,
        "port": 2222,
        "instance_id": "i-0abc",
        "user": "ubuntu",
        "host": "203.0.113.7",
    }


def _plink(line: str, home: Path, *command: str) -> subprocess.CompletedProcess[str]:
    words = shlex.split(line)
    assert words[0] == "putty.exe"
    plink = require_tool("plink", "putty-tools")
    return subprocess.run(
        [plink, "-batch", *words[1:], *command],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "HOME": str(home)},
    )


@pytest.fixture
def ppk_login(sshd: SshServer, tmp_path: Path) -> Path:
    key = make_key("ed25519")
    sshd.authorize(public_line(key))
    ppk = tmp_path / "key.ppk"
    ppk.write_text(to_ppk(key, comment="plink test"))
    return ppk


def test_the_putty_line_pins_the_host_key(sshd: SshServer, ppk_login: Path, tmp_path: Path) -> None:
    def line(pin: str) -> str:
        return putty_command(
            host=sshd.host,
            port=sshd.port,
            user=sshd.user,
            ppk_path=ppk_login,
            local_port=free_port(),
            remote_port=8888,
            host_key_fingerprints=[pin],
            windows=False,
        )

    good = _plink(line(fingerprint(sshd.host_public_key)), tmp_path, "echo", "via-putty")
    assert good.returncode == 0, good.stderr
    assert good.stdout.strip() == "via-putty"
    wrong = _plink(line(fingerprint(public_line(make_key("ed25519")))), tmp_path, "true")
    assert wrong.returncode != 0


def test_puttys_host_key_cache_entry_is_accepted_by_putty(
    sshd: SshServer, ppk_login: Path, tmp_path: Path
) -> None:
    line = putty_command(
        host=sshd.host, port=sshd.port, user=sshd.user, ppk_path=ppk_login, windows=False
    )
    unknown = _plink(line, tmp_path, "true")
    assert unknown.returncode != 0  # -batch: PuTTY refuses a host key it does not know
    # PuTTY on Unix keeps the same cache as the Windows registry, one "name value" per line.
    cache = tmp_path / ".putty" / "sshhostkeys"
    cache.parent.mkdir()
    entries = hostkeys.putty_cache_entries(sshd.host, sshd.port, [sshd.host_public_key])
    cache.write_text("".join(f"{name} {value}\n" for name, value in entries.items()))
    known = _plink(line, tmp_path, "echo", "cached")
    assert known.returncode == 0, known.stderr
    assert known.stdout.strip() == "cached"
