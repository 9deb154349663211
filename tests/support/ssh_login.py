"""A login to a started :class:`SshServer` for scripts that have no pytest fixtures (the
benchmarks): a fresh Ed25519 key the server accepts, and a target that trusts its host key."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from app.core.remote.connect import SshTarget
from tests.support.sshd import SshServer

BENCH_INSTANCE_ID = "i-0bench000000000000"


def login_target(server: SshServer, folder: Path) -> SshTarget:
    """Authorize a new key on ``server`` (written to ``folder/id_ed25519``, mode 600)."""
    key = ed25519.Ed25519PrivateKey.generate()
    key_path = folder / "id_ed25519"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    server.authorize(
        key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode()
    )
    return server_target(server, key_path, BENCH_INSTANCE_ID)


def server_target(server: SshServer, key_path: Path, instance_id: str) -> SshTarget:
    """The target of ``server`` as an instance: its address and login user, trusting its real
    host key."""
    return SshTarget(
        host=server.host,
        port=server.port,
        user=server.user,
        key_path=key_path,
        instance_id=instance_id,
        host_keys=[server.host_public_key],
    )
