"""Connecting to a real OpenSSH server: key types, host key verification, boot-time retries."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

import paramiko
import pytest

from app.core.errors import WizardError
from app.core.progress import CancelToken
from app.core.remote.connect import SshTarget, connect, run, wait_for_ssh
from app.core.remote.hostkeys import HostKeyMismatch, HostKeyUnknown, KnownHosts, fingerprint
from tests.integration.remote.conftest import INSTANCE_ID, make_key, public_line, write_key
from tests.support.sshd import SshServer, free_port


def _whoami(client: paramiko.SSHClient) -> str:
    status, out, _ = run(client, "id -un")
    assert status == 0
    return out.strip()


@pytest.mark.parametrize(
    ("kind", "passphrase"),
    [("ed25519", None), ("rsa", None), ("ecdsa", None), ("ed25519", "correct horse battery")],
)
def test_logs_in_with_each_key_type(
    sshd: SshServer,
    make_target: Callable[..., SshTarget],
    tmp_path: Path,
    kind: str,
    passphrase: str | None,
) -> None:
    key = make_key(kind)
    sshd.authorize(public_line(key))
    path = write_key(key, tmp_path / f"id_{kind}", passphrase)
    client = connect(make_target(key_path=path, passphrase=passphrase), deadline_seconds=20)
    try:
        assert _whoami(client) == sshd.user
    finally:
        client.close()


def test_encrypted_key_without_passphrase_asks_for_it(
    make_target: Callable[..., SshTarget], tmp_path: Path
) -> None:
    path = write_key(make_key("ed25519"), tmp_path / "id_locked", "s3cret-passphrase")
    with pytest.raises(WizardError) as caught:
        connect(make_target(key_path=path), deadline_seconds=5)
    assert caught.value.code == "passphrase-needed"


def test_wrong_pinned_host_key_is_refused_with_both_fingerprints(
    sshd: SshServer, make_target: Callable[..., SshTarget]
) -> None:
    impostor = public_line(make_key("ed25519"))
    store = KnownHosts()
    with pytest.raises(HostKeyMismatch) as caught:
        connect(
            make_target(host_keys=[], trusted_fingerprint=fingerprint(impostor)),
            deadline_seconds=10,
            known_hosts=store,
        )
    message = str(caught.value)
    assert "Refusing to connect" in message
    assert fingerprint(sshd.host_public_key) in message
    assert fingerprint(impostor) in message
    assert store.expected(INSTANCE_ID) == []


def test_console_keys_that_do_not_match_are_refused(
    make_target: Callable[..., SshTarget],
) -> None:
    with pytest.raises(HostKeyMismatch):
        connect(make_target(host_keys=[public_line(make_key("ed25519"))]), deadline_seconds=10)


def test_key_stored_for_the_instance_wins_over_a_later_pin(
    sshd: SshServer, make_target: Callable[..., SshTarget]
) -> None:
    store = KnownHosts()
    store.remember(INSTANCE_ID, [public_line(make_key("ed25519"))])
    with pytest.raises(HostKeyMismatch):
        connect(
            make_target(host_keys=[], trusted_fingerprint=fingerprint(sshd.host_public_key)),
            deadline_seconds=10,
            known_hosts=store,
        )


def test_unknown_key_without_pin_shows_the_putty_style_fingerprint(
    sshd: SshServer, make_target: Callable[..., SshTarget]
) -> None:
    with pytest.raises(HostKeyUnknown) as caught:
        connect(make_target(host_keys=[]), deadline_seconds=10)
    assert caught.value.fingerprint == fingerprint(sshd.host_public_key)
    assert caught.value.putty_fingerprint == f"ssh-ed25519 255 {fingerprint(sshd.host_public_key)}"
    assert caught.value.putty_fingerprint in str(caught.value)


def test_a_confirmed_pin_is_remembered_for_the_next_connection(
    sshd: SshServer, make_target: Callable[..., SshTarget]
) -> None:
    store = KnownHosts()
    pinned = fingerprint(sshd.host_public_key)
    connect(make_target(host_keys=[], trusted_fingerprint=pinned), known_hosts=store).close()
    assert store.expected(INSTANCE_ID) == [sshd.host_public_key]
    # No pin and no console keys this time: the stored key is enough.
    connect(make_target(host_keys=[]), known_hosts=store).close()


def test_same_address_for_another_instance_is_not_a_conflict(
    sshd: SshServer, make_target: Callable[..., SshTarget]
) -> None:
    store = KnownHosts()
    store.remember("i-00000000000000old", [public_line(make_key("ed25519"))])
    connect(make_target(), known_hosts=store).close()
    assert store.expected(INSTANCE_ID) == [sshd.host_public_key]


def test_waits_while_the_port_is_closed_then_connects(
    sshd: SshServer, make_target: Callable[..., SshTarget]
) -> None:
    """A relay that opens late plays an instance whose sshd is not up yet."""
    port = free_port()
    listening = threading.Event()
    stop = threading.Event()

    def late_relay() -> None:
        time.sleep(1.5)
        with socket.create_server(("127.0.0.1", port)) as server:
            listening.set()
            server.settimeout(10)
            inbound, _ = server.accept()
            with inbound, socket.create_connection((sshd.host, sshd.port)) as outbound:
                _pump(inbound, outbound, stop)

    relay = threading.Thread(target=late_relay, daemon=True)
    relay.start()
    messages: list[str] = []
    client = connect(
        make_target(port=port),
        progress=lambda step, message: messages.append(message),
        deadline_seconds=20,
    )
    try:
        assert _whoami(client) == sshd.user
    finally:
        client.close()
        stop.set()
        relay.join(5)
    assert listening.is_set()
    assert messages
    assert all(m.startswith("waiting for SSH, ") for m in messages)


def _pump(a: socket.socket, b: socket.socket, stop: threading.Event) -> None:
    import selectors

    with selectors.DefaultSelector() as selector:
        selector.register(a, selectors.EVENT_READ, b)
        selector.register(b, selectors.EVENT_READ, a)
        while not stop.is_set():
            for event, _ in selector.select(0.2):
                try:
                    data = event.fileobj.recv(65536)  # type: ignore[union-attr]
                    if not data:
                        return
                    event.data.sendall(data)
                except OSError:  # the client closed first: the relay's job is done
                    return


def test_gives_up_at_the_deadline_with_an_actionable_message(
    make_target: Callable[..., SshTarget],
) -> None:
    started = time.monotonic()
    with pytest.raises(WizardError) as caught:
        connect(make_target(port=free_port()), deadline_seconds=2)
    assert caught.value.code == "ssh-timeout"
    assert "security group" in str(caught.value)
    assert time.monotonic() - started < 6


def test_a_key_the_server_never_accepts_ends_with_an_auth_error(
    make_target: Callable[..., SshTarget], tmp_path: Path
) -> None:
    stranger = write_key(make_key("ed25519"), tmp_path / "id_stranger")
    with pytest.raises(WizardError) as caught:
        connect(make_target(key_path=stranger), deadline_seconds=30, auth_retry_seconds=1)
    assert caught.value.code == "ssh-auth"
    assert "id_stranger" in str(caught.value)


def test_cancel_stops_the_wait(make_target: Callable[..., SshTarget]) -> None:
    cancel = CancelToken()
    threading.Timer(0.5, cancel.cancel).start()
    with pytest.raises(WizardError) as caught:
        wait_for_ssh(make_target(port=free_port()), cancel=cancel, deadline_seconds=30)
    assert caught.value.code == "cancelled"


def test_wait_for_ssh_returns_once_the_banner_is_there(
    make_target: Callable[..., SshTarget],
) -> None:
    assert wait_for_ssh(make_target(), deadline_seconds=5) < 1


def test_logs_in_with_a_key_object_and_with_an_encrypted_ppk(
    sshd: SshServer, make_target: Callable[..., SshTarget], tmp_path: Path
) -> None:
    from app.core.keys import to_ppk

    key = make_key("rsa")
    sshd.authorize(public_line(key))
    client = connect(make_target(key_path=None, key=key), deadline_seconds=10)
    client.close()
    ppk = tmp_path / "id_rsa.ppk"
    ppk.write_text(to_ppk(key, comment="test", passphrase="ppk-passphrase"))
    client = connect(make_target(key_path=ppk, passphrase="ppk-passphrase"), deadline_seconds=10)
    try:
        assert _whoami(client) == sshd.user
        assert client.get_transport().remote_cipher.endswith("-gcm@openssh.com")  # fast tunnel
    finally:
        client.close()
