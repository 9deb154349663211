"""The ami and quota steps' shared check: can the instance type run the image?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.launch.architecture import check_architecture

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def check_when_both_known(ctx: LaunchContext) -> None:
    """Refuse a type that cannot run the image before anything is created (RunInstances
    would refuse it later, and only cryptically). Called by the ami and quota steps, which run
    side by side: whichever learns its half last checks."""
    with ctx.architecture_lock:
        if ctx.image is None or ctx.type_architectures is None:
            return  # the other step has not got its half yet: it will check
        if ctx.architecture_checked:
            return
        ctx.architecture_checked = True
    check_architecture(ctx.plan.instance_type, ctx.type_architectures, ctx.image)
