"""The notebook tunnel over real SSH to the real Jupyter the bootstrap started."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import paramiko
import pytest

from app.core.errors import WizardError
from app.core.logs import current_log, setup_logging
from app.core.remote.bootstrap import BootstrapOptions, NotebookInfo, run_bootstrap
from app.core.remote.connect import SshTarget, connect
from app.core.remote.hostkeys import KnownHosts
from app.core.remote.tunnel import Tunnel
from tests.integration.remote import notebook_http
from tests.integration.remote.conftest import INSTANCE_ID, stop_pid_file
from tests.support.ssh_login import server_target
from tests.support.sshd import SshServer, free_port


@pytest.fixture(scope="module")
def notebook(
    _ssh_server: SshServer, client_key_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[NotebookInfo]:
    """One Jupyter for the tests that only talk to it (a cold start costs seconds)."""
    home = _ssh_server.make_home(tmp_path_factory.mktemp("shared-notebook").name)
    target = server_target(_ssh_server, client_key_path, INSTANCE_ID)
    known_hosts = KnownHosts(tmp_path_factory.mktemp("known") / "known_hosts")
    with connect(target, known_hosts=known_hosts) as client:
        info = run_bootstrap(client, BootstrapOptions(port=free_port(), remote_home=str(home)))
    yield info
    stop_pid_file(home / ".ec2nb" / "jupyter.pid")


@pytest.fixture
def tunnel(
    make_target: Callable[..., SshTarget], notebook: NotebookInfo
) -> Iterator[tuple[Tunnel, list[str]]]:
    target = make_target()
    messages: list[str] = []
    opened = Tunnel(
        lambda: connect(target, deadline_seconds=20),
        notebook.port,
        local_port=free_port(),
        progress=lambda step, message: messages.append(message),
    )
    opened.start()
    yield opened, messages
    opened.close()


def _api(tunnel: Tunnel, path: str = "/api/status") -> str:
    return f"http://127.0.0.1:{tunnel.local_port}{path}"


def test_notebook_answers_through_the_tunnel_only_with_its_token(
    tunnel: tuple[Tunnel, list[str]], notebook: NotebookInfo
) -> None:
    forward, _ = tunnel
    assert notebook_http.status(_api(forward), notebook.token) == 200
    assert notebook_http.status(_api(forward)) == 403
    url = forward.url(notebook.token)
    assert url == f"http://127.0.0.1:{forward.local_port}/lab?token={notebook.token}"
    assert notebook_http.status(url) == 200


def test_many_connections_at_once(tunnel: tuple[Tunnel, list[str]], notebook: NotebookInfo) -> None:
    forward, _ = tunnel
    paths = ["/api/status", "/api/kernelspecs", "/api/contents", "/lab"] * 10
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(
            pool.map(lambda p: notebook_http.status(_api(forward, p), notebook.token), paths)
        )
    assert statuses == [200] * len(paths)


def test_the_tunnel_recovers_when_the_ssh_connection_is_killed(
    sshd: SshServer, tunnel: tuple[Tunnel, list[str]], notebook: NotebookInfo
) -> None:
    forward, messages = tunnel
    assert notebook_http.status(_api(forward), notebook.token) == 200
    sshd.drop_connections()
    deadline = time.monotonic() + 10
    while forward.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not forward.connected
    assert notebook_http.status(_api(forward), notebook.token) == 200
    assert forward.connected
    assert forward.reconnects == 1
    assert "SSH connection dropped; reconnecting" in messages


def test_a_taken_local_port_falls_back_to_a_free_one(
    make_target: Callable[..., SshTarget], notebook: NotebookInfo
) -> None:
    target = make_target()
    with socket.create_server(("127.0.0.1", 0)) as taken:
        wanted = taken.getsockname()[1]
        with Tunnel(lambda: connect(target), notebook.port, local_port=wanted) as forward:
            assert forward.local_port != wanted
            assert notebook_http.status(_api(forward), notebook.token) == 200


def test_close_stops_listening_and_ends_the_ssh_connection(
    make_target: Callable[..., SshTarget], notebook: NotebookInfo
) -> None:
    target = make_target()
    forward = Tunnel(lambda: connect(target), notebook.port, local_port=free_port())
    port = forward.start()
    assert forward.connected
    forward.close()
    assert not forward.connected
    assert forward.open_connections == 0
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), 2):
        pass


def test_the_token_never_reaches_the_log(
    make_target: Callable[..., SshTarget], ssh_client: paramiko.SSHClient, remote_home: Path
) -> None:
    setup_logging()
    log_file = current_log()
    assert log_file is not None
    info = run_bootstrap(
        ssh_client, BootstrapOptions(port=free_port(), remote_home=str(remote_home))
    )
    target = make_target()
    with Tunnel(lambda: connect(target), info.port, local_port=free_port()) as forward:
        assert notebook_http.status(forward.url(info.token)) == 200
        assert notebook_http.status(_api(forward), info.token) == 200
    text = log_file.read_text(encoding="utf-8")
    assert "notebook ready: JupyterLab" in text
    assert f"tunnel 127.0.0.1:{forward.local_port}" in text
    assert info.token not in text


def test_a_machine_that_cannot_be_reached_is_not_redialled_for_every_connection(
    sshd: SshServer, make_target: Callable[..., SshTarget], notebook: NotebookInfo
) -> None:
    target = make_target()
    calls: list[int] = []

    def connect_once() -> paramiko.SSHClient:
        calls.append(1)
        if len(calls) > 1:
            raise WizardError("SSH did not answer.", code="ssh-timeout")  # the machine stopped
        return connect(target)

    with Tunnel(connect_once, notebook.port, local_port=free_port()) as forward:
        sshd.drop_connections()
        deadline = time.monotonic() + 10
        while forward.connected and time.monotonic() < deadline:
            time.sleep(0.05)
        for _ in range(5):
            with pytest.raises(ConnectionError):  # the browser sees the connection closed
                notebook_http.status(_api(forward), notebook.token, timeout=5)
    assert len(calls) == 2


def test_the_tunnel_works_when_this_process_holds_over_a_thousand_files(
    tunnel: tuple[Tunnel, list[str]], notebook: NotebookInfo
) -> None:
    """A long-running wizard with many forwards can hold descriptors above 1023, which
    ``select.select`` refuses ("filedescriptor out of range"); the tunnel must not care."""
    import resource

    forward, _ = tunnel
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.fail(f"this test needs at least 1200 open files; the hard limit is {hard}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    held = []
    try:
        while not held or held[-1].fileno() < 1100:
            held.append(socket.socket())
        assert notebook_http.status(_api(forward), notebook.token) == 200
    finally:
        for sock in held:
            sock.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
