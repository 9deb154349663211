"""Get the instance's SSH host keys from its console output (or the pinned one), so SSH never
trusts a key blindly."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from app.core.errors import WizardError
from app.core.launch.events import _skip
from app.core.launch.keys import FROM_BEFORE
from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence, verbatim

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext

log = logging.getLogger(__name__)


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.aws.console import POLL_SECONDS
    from app.core.aws.provisioning import console_host_keys
    from app.core.remote.hostkeys import KnownHosts, fingerprint

    if ctx.journal.host_keys:
        return FROM_BEFORE.format(resource=fingerprint(ctx.journal.host_keys[0]))
    if ctx.plan.trusted_host_key:
        if ctx.overrides.provision_only:
            raise _skip(QT_TRANSLATE_NOOP("core", "Pinned; not checked (no SSH in this demo)."))
        return QT_TRANSLATE_NOOP("core", "Pinned: {fingerprint}").format(
            fingerprint=ctx.plan.trusted_host_key
        )
    try:
        keys = console_host_keys(
            ctx.aws,
            ctx.region,
            ctx.instance_id,
            progress=progress,
            cancel=ctx.cancel,
            timeout=ctx.overrides.host_key_timeout,
            # A short deadline (tests, stand-ins) is not worth one long poll.
            poll_seconds=min(POLL_SECONDS, ctx.overrides.host_key_timeout / 4),
            created=ctx.started_instance,
        )
    except WizardError as exc:
        if ctx.confirm_host_key is None or exc.code == "cancelled":
            raise
        log.info("no host key in the console output: %s", exc)
        raise _skip(
            QT_TRANSLATE_NOOP("core", "The console output shows none yet: you will be asked.")
        ) from exc
    KnownHosts().remember(ctx.instance_id, keys)
    ctx.journal.host_keys = list(keys)
    ctx.journal.save()
    return verbatim(", ".join(fingerprint(k) for k in keys))
