"""Open the SSH tunnel to the notebook (or, for HTTPS access, only its address)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.launch.events import _skip
from app.core.plan import Access
from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.remote.connect import connect
    from app.core.remote.tunnel import Tunnel

    if ctx.overrides.provision_only:
        raise _skip(QT_TRANSLATE_NOOP("core", "DEMO: skipped without an SSH server."))
    info = ctx.notebook_info
    assert info is not None  # the notebook step ran
    if ctx.plan.access is Access.HTTPS:
        host = ctx.overrides.ssh_host or ctx.journal.public_ip
        ctx.url = f"https://{host}:{info.port}/lab?token={info.token}"
        raise _skip(QT_TRANSLATE_NOOP("core", "Not needed: the notebook is reached over HTTPS."))
    target = ctx.ssh_target
    assert target is not None  # the ssh step made it
    tunnel = ctx.open_tunnel = Tunnel(
        lambda: connect(target, cancel=ctx.cancel),
        remote_port=info.port,
        local_port=8888,
        client=ctx.ssh_client,  # the bootstrap's connection: no second handshake
    )
    ctx.ssh_client = None  # the tunnel owns it now
    port = tunnel.start()
    ctx.url = tunnel.url(info.token)
    return QT_TRANSLATE_NOOP("core", "{local_url} → instance port {port}").format(
        local_url=f"http://127.0.0.1:{port}", port=info.port
    )
