"""Connect over SSH with a verified host key (asking the user when the console showed none)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.launch.events import _skip
from app.core.launch.remote import ssh_target
from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence, verbatim

if TYPE_CHECKING:
    import paramiko

    from app.core.launch.context import LaunchContext
    from app.core.remote.connect import SshTarget


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.remote.hostkeys import HostKeyUnknown

    if ctx.overrides.provision_only:
        raise _skip(
            QT_TRANSLATE_NOOP(
                "core", "DEMO: no OpenSSH server on this computer to stand in for the instance."
            )
        )
    target = ctx.ssh_target = ssh_target(ctx, ctx.key)
    try:
        ctx.ssh_client = _connect(ctx, target, progress)
    except HostKeyUnknown as unknown:
        ask = ctx.confirm_host_key
        if ask is None or not ask(unknown.fingerprint):
            raise
        target = ctx.ssh_target = ssh_target(ctx, ctx.key, unknown.fingerprint)
        ctx.ssh_client = _connect(ctx, target, progress)
    return verbatim(f"{target.user}@{target.host}:{target.port}")


def _connect(ctx: LaunchContext, target: SshTarget, progress: Progress) -> paramiko.SSHClient:
    from app.core.remote.connect import connect

    return connect(
        target, progress=progress, cancel=ctx.cancel, deadline_seconds=ctx.overrides.ssh_timeout
    )
