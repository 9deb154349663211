"""Find the machine image (or read it from the journal) and check it fits the plan."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from app.core.launch.architecture import check_when_both_known
from app.core.progress import Progress
from app.core.sentence import Sentence, verbatim

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.aws.amis import ImageInfo, resolve_image

    if ctx.journal.image:
        image = ImageInfo(**ctx.journal.image)
    else:
        image = resolve_image(ctx.aws, ctx.region, ctx.plan.image_id, ctx.plan.flavour)
        ctx.journal.image = dataclasses.asdict(image)
    ctx.image = image
    check_when_both_known(ctx)
    ctx.plan.validate(min_volume_gib=image.root_volume_gib)
    ctx.journal.ssh_user = ctx.plan.ssh_user or image.ssh_user
    return verbatim(f"{image.name} ({image.image_id})")
