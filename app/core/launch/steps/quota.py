"""Check the vCPU quota of the instance type's family (and learn its architectures)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.errors import WizardError
from app.core.launch.architecture import check_when_both_known
from app.core.launch.events import _skip
from app.core.plan import Market
from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.aws.catalog import instance_type_facts
    from app.core.aws.quotas import check_vcpu_quota

    if ctx.resources.instance_requested:
        raise _skip(QT_TRANSLATE_NOOP("core", "Not needed: the instance was already requested."))
    instance_type = ctx.plan.instance_type
    # One DescribeInstanceTypes answers both the quota's vCPUs and the architecture check.
    facts = instance_type_facts(ctx.aws, ctx.region, [instance_type])[instance_type]
    vcpus = facts.vcpus
    ctx.type_vcpus = vcpus
    ctx.type_architectures = facts.architectures
    check_when_both_known(ctx)
    state = check_vcpu_quota(ctx.aws, ctx.region, instance_type, vcpus, ctx.plan.market.value)
    if state.status == "short":
        raise WizardError(
            state.message,
            code="vcpu-quota" if ctx.plan.market is Market.ON_DEMAND else "spot-quota",
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Request a quota increase (the wizard's GPU page has a button), or choose a "
                "smaller instance type.",
            ),
            params={"needed": str(state.needed), "limit": str(state.limit)},
        )
    if state.status == "unknown" and state.default_limit is not None:
        raise _skip(state.message)  # says what is known (AWS's default) and what is not
    if state.status == "unknown":
        raise _skip(
            QT_TRANSLATE_NOOP(
                "core", "Could not check the quota ({reason}); launching anyway."
            ).format(reason=state.message)
        )
    return state.message or QT_TRANSLATE_NOOP(
        "core", "Enough vCPU quota for {vcpus} vCPUs."
    ).format(vcpus=vcpus)
