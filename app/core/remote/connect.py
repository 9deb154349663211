"""Connect to the instance over SSH with a verified host key, retrying while it boots."""

from __future__ import annotations

import logging
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import paramiko

from app.core.errors import WizardError
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.redact import register_secret
from app.core.remote.hostkeys import (
    HostKeyMismatch,
    HostKeyUnknown,
    KnownHosts,
    fingerprint,
    key_type,
    matches_fingerprint,
    normalise,
)
from app.core.remote.sshkeys import load_pkey, to_paramiko
from app.core.sentence import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# Host key algorithms paramiko negotiates for each key type a console output can list.
_ALGORITHMS_FOR_TYPE = {
    "ssh-rsa": ("rsa-sha2-512", "rsa-sha2-256"),
    "ssh-ed25519": ("ssh-ed25519",),
    "ecdsa-sha2-nistp256": ("ecdsa-sha2-nistp256",),
    "ecdsa-sha2-nistp384": ("ecdsa-sha2-nistp384",),
    "ecdsa-sha2-nistp521": ("ecdsa-sha2-nistp521",),
}


@dataclass(frozen=True, kw_only=True)
class SshTarget:
    """Where and as whom to log in, and which host keys to trust."""

    host: str
    port: int = 22
    user: str
    key_path: Path | str | None = None
    passphrase: str | None = field(default=None, repr=False)
    instance_id: str
    host_keys: list[str] = field(default_factory=list)  # OpenSSH lines from the console output
    trusted_fingerprint: str | None = None  # "SHA256:..." the user confirmed
    key: Any = field(default=None, repr=False)  # a loaded private key instead of key_path
    connect_timeout: float = 10.0
    keepalive_seconds: int = 30


class _VerifyingPolicy(paramiko.MissingHostKeyPolicy):  # type: ignore[misc]
    """Accepts exactly the keys known for the instance; never adds an unknown key blindly."""

    def __init__(self, target: SshTarget, known_hosts: KnownHosts) -> None:
        self.target = target
        self.known_hosts = known_hosts

    def missing_host_key(self, client: Any, hostname: str, key: Any) -> None:
        target = self.target
        offered = f"{key.get_name()} {key.get_base64()}"
        console = [normalise(line) for line in target.host_keys]
        expected = list(dict.fromkeys(console + self.known_hosts.expected(target.instance_id)))
        if offered in expected:
            # The console output comes from the AWS API: trust all of its keys from now on.
            self.known_hosts.remember(target.instance_id, [*console, offered])
            return
        if expected:
            raise HostKeyMismatch(target.instance_id, offered, [fingerprint(k) for k in expected])
        pinned = target.trusted_fingerprint
        if pinned and matches_fingerprint(offered, pinned):
            self.known_hosts.remember(target.instance_id, [offered])
            return
        if pinned:
            raise HostKeyMismatch(target.instance_id, offered, [pinned])
        raise HostKeyUnknown(target.instance_id, offered)


def _transport(sock: Any, **kwargs: Any) -> paramiko.Transport:
    """A transport that prefers AES-GCM: no separate MAC, so the tunnel moves data faster."""
    transport = paramiko.Transport(sock, **kwargs)
    options = transport.get_security_options()
    gcm = [c for c in options.ciphers if c.endswith("-gcm@openssh.com")]
    options.ciphers = tuple(gcm + [c for c in options.ciphers if c not in gcm])
    return transport


def _disabled_host_key_algorithms(expected: list[str]) -> list[str]:
    """Offer only the algorithms of the keys we know, so the server shows one of those."""
    if not expected:
        return []
    allowed = {alg for line in expected for alg in _ALGORITHMS_FOR_TYPE[key_type(line)]}
    return [alg for alg in paramiko.Transport._preferred_keys if alg not in allowed]


def _connect_once(
    target: SshTarget, pkey: Any, known_hosts: KnownHosts, timeout: float
) -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(_VerifyingPolicy(target, known_hosts))
    expected = [normalise(k) for k in target.host_keys] + known_hosts.expected(target.instance_id)
    disabled = _disabled_host_key_algorithms(expected)
    try:
        client.connect(
            target.host,
            target.port,
            username=target.user,
            pkey=pkey,
            timeout=timeout,
            banner_timeout=timeout,
            auth_timeout=timeout,
            look_for_keys=False,
            allow_agent=False,
            disabled_algorithms={"keys": disabled} if disabled else None,
            transport_factory=_transport,
        )
    except BaseException:
        client.close()
        raise
    transport = client.get_transport()
    if transport is not None:
        transport.set_keepalive(target.keepalive_seconds)
    return client


def connect(
    target: SshTarget,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    deadline_seconds: float = 300,
    known_hosts: KnownHosts | None = None,
    auth_retry_seconds: float = 60,
) -> paramiko.SSHClient:
    """An authenticated client, once the instance accepts SSH; ``WizardError`` at the deadline.

    Retries while the machine boots: port closed, connection reset, no banner yet, and for
    ``auth_retry_seconds`` a refused key (cloud-init may not have written it yet). A host key
    that does not match is refused at once, never retried.
    """
    register_secret(target.passphrase)
    pkey = (
        to_paramiko(target.key)
        if target.key is not None
        else load_pkey(target.key_path, target.passphrase)
    )
    store = known_hosts or KnownHosts()
    started = time.monotonic()
    deadline = started + deadline_seconds
    first_auth_failure: float | None = None
    delay = 0.5
    while True:
        cancel.raise_if_cancelled()
        now = time.monotonic()
        try:
            client = _connect_once(
                target, pkey, store, max(1.0, min(target.connect_timeout, deadline - now))
            )
        except (HostKeyMismatch, HostKeyUnknown):
            raise
        except paramiko.AuthenticationException as exc:
            first_auth_failure = first_auth_failure or time.monotonic()
            if time.monotonic() - first_auth_failure >= auth_retry_seconds:
                raise _auth_error(target, exc) from exc
            error: Exception = exc
        except (OSError, EOFError, paramiko.SSHException) as exc:
            error = exc
        else:
            log.info("SSH connected to %s@%s:%s", target.user, target.host, target.port)
            return client
        elapsed = time.monotonic() - started
        log.debug("SSH not ready after %.1f s: %r", elapsed, error)
        if time.monotonic() + delay > deadline:
            if isinstance(error, paramiko.AuthenticationException):
                raise _auth_error(target, error) from error
            raise _timeout_error(target, deadline_seconds, error) from error
        progress(
            "ssh",
            QT_TRANSLATE_NOOP("core", "waiting for SSH, {seconds} s").format(seconds=int(elapsed)),
        )
        cancel.wait(delay)
        delay = min(delay * 2, 5.0)


def wait_for_ssh(
    target: SshTarget,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    deadline_seconds: float = 300,
) -> float:
    """Wait until the SSH port answers with a banner; return the seconds waited."""
    started = time.monotonic()
    while True:
        cancel.raise_if_cancelled()
        try:
            with socket.create_connection((target.host, target.port), timeout=2) as sock:
                sock.settimeout(5)
                if sock.recv(4) == b"SSH-":
                    return time.monotonic() - started
                error: Exception = OSError("no SSH banner")
        except OSError as exc:
            error = exc
        elapsed = time.monotonic() - started
        if elapsed + 1 > deadline_seconds:
            raise _timeout_error(target, deadline_seconds, error)
        progress(
            "ssh",
            QT_TRANSLATE_NOOP("core", "waiting for SSH, {seconds} s").format(seconds=int(elapsed)),
        )
        cancel.wait(1.0)


def _auth_error(target: SshTarget, exc: Exception) -> WizardError:
    key = Path(target.key_path).name if target.key_path else "the key"
    return WizardError(
        QT_TRANSLATE_NOOP("core", "The instance refused {key} for user '{user}'.").format(
            key=key, user=target.user
        ),
        code="ssh-auth",
        hint=QT_TRANSLATE_NOOP(
            "core",
            "Check that the key belongs to the instance's key pair and that the "
            "user name fits the machine image (ubuntu for Ubuntu, ec2-user for "
            "Amazon Linux).",
        ),
        detail=repr(exc),
        params={"key": key, "user": target.user},
    )


def _timeout_error(target: SshTarget, seconds: float, exc: Exception) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP("core", "SSH on {host}:{port} did not answer within {seconds} s.").format(
            host=target.host, port=target.port, seconds=int(seconds)
        ),
        code="ssh-timeout",
        hint=QT_TRANSLATE_NOOP(
            "core",
            "The instance may still be starting, or its security group does not "
            "allow SSH from your current address.",
        ),
        detail=repr(exc),
        params={"host": target.host, "port": str(target.port), "seconds": str(int(seconds))},
    )


def run(
    client: paramiko.SSHClient,
    command: str,
    *,
    stdin: bytes | None = None,
    timeout: float = 120,
) -> tuple[int, str, str]:
    """Run ``command`` on the instance; return (exit status, stdout, stderr)."""
    stdin_file, stdout_file, stderr_file = client.exec_command(command, timeout=timeout)
    with stdin_file, stdout_file, stderr_file:
        if stdin is not None:
            stdin_file.write(stdin)
        stdin_file.channel.shutdown_write()
        out = stdout_file.read().decode("utf-8", "replace")
        err = stderr_file.read().decode("utf-8", "replace")
        status = stdout_file.channel.recv_exit_status()
    return int(status), out, err
