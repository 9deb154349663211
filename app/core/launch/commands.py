"""The SSH and PuTTY command lines that open a launch's notebook tunnel by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.remote.connect import SshTarget


def manual_commands(
    target: SshTarget,
    *,
    key_files: dict[str, str],
    notebook_port: int | None,
    host_keys: list[str],
    trusted_host_key: str | None,
) -> tuple[str, str]:
    """The SSH and PuTTY lines that open the same tunnel by hand, host key checked.

    ``target`` is the launch's ``SshTarget``; ``host_keys`` the instance's keys from the journal,
    ``trusted_host_key`` the pinned fingerprint used when there are none.
    """
    from app.core.remote.commands import putty_command, ssh_command
    from app.core.remote.hostkeys import KnownHosts, fingerprint

    key = key_files.get("private", "")
    ppk = key_files.get("ppk", key)
    port = notebook_port or 8888
    pinned = [trusted_host_key] if trusted_host_key else []
    fingerprints = [fingerprint(k) for k in host_keys] or pinned
    return (
        ssh_command(
            host=target.host,
            port=target.port,
            user=target.user,
            key_path=key,
            local_port=8888,
            remote_port=port,
            instance_id=target.instance_id,
            known_hosts_path=KnownHosts().path,
        ),
        putty_command(
            host=target.host,
            port=target.port,
            user=target.user,
            ppk_path=ppk,
            local_port=8888,
            remote_port=port,
            host_key_fingerprints=fingerprints,
        ),
    )
