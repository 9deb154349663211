"""Start Jupyter on the instance through the SSH connection (the bootstrap)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.launch.events import _skip
from app.core.launch.remote import bootstrap_options
from app.core.progress import Progress
from app.core.redact import register_secret
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.remote.bootstrap import run_bootstrap

    if ctx.overrides.provision_only:
        raise _skip(QT_TRANSLATE_NOOP("core", "DEMO: skipped without an SSH server."))
    assert ctx.ssh_client is not None  # the ssh step connected
    info = ctx.notebook_info = run_bootstrap(
        ctx.ssh_client, bootstrap_options(ctx), progress=progress, cancel=ctx.cancel
    )
    register_secret(info.token)
    ctx.journal.notebook_port = info.port
    ctx.journal.https = bool(info.https)
    ctx.journal.save()
    gpu = info.gpu_name or QT_TRANSLATE_NOOP("core", "no GPU")
    return QT_TRANSLATE_NOOP("core", "Jupyter {version} on port {port}; {gpu}").format(
        version=info.jupyter_version, port=info.port, gpu=gpu
    )
