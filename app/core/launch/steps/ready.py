"""The last step: the notebook's address (without its token: the note is shown and logged)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    if ctx.url is None:
        return QT_TRANSLATE_NOOP("core", "Provisioned (DEMO without SSH): no notebook to open.")
    return QT_TRANSLATE_NOOP("core", "Notebook ready: {url}").format(url=ctx.url.split("?", 1)[0])
