"""The SSH server fixture's implementation, shared with ``ec2nb --demo``: see app/demo/sshd.py."""

from __future__ import annotations

from app.demo.sshd import SshServer, free_port

__all__ = ["SshServer", "free_port"]
