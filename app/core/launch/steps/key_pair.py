"""The key pair: a new local key imported, one AWS creates, or the user's own (see
:mod:`app.core.launch.keys`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.progress import Progress
from app.core.sentence import Sentence

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    return ctx.keys.key_pair(ctx.aws, ctx.generated_key())
