"""The last step: the notebook's address (without its token: the note is shown and logged)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.progress import Progress

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> str:
    if ctx.url is None:
        return "Provisioned (DEMO without SSH): no notebook to open."
    return "Notebook ready: " + ctx.url.split("?", 1)[0]
