"""Set the account's monthly spending budget (AWS Budgets) when the plan asks for one.

The budget belongs to the account, not to the launch: it is not a created resource, so no
clean-up removes it. It protects money without being needed for the notebook, so a refusal
(no permission, too many budgets) is a warning on the result, never a failed launch; a new
budget is made in one call, so a refusal leaves nothing half-made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.errors import Cancelled, WizardError
from app.core.launch.events import _skip
from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext


def run(ctx: LaunchContext, progress: Progress) -> Sentence:
    from app.core.aws.budgets import set_budget

    plan = ctx.plan
    if plan.budget_usd is None:
        raise _skip(QT_TRANSLATE_NOOP("core", "No spending alert asked for."))
    if "budget" in ctx.journal.steps_done:
        raise _skip(QT_TRANSLATE_NOOP("core", "Set in an earlier run of this launch."))
    try:
        info = set_budget(ctx.aws, ctx.region, plan.budget_usd, plan.budget_email)
    except Cancelled:
        raise
    except WizardError as exc:
        note = QT_TRANSLATE_NOOP(
            "core", "No spending alert was set (the launch goes on): {reason}"
        ).format(reason=exc.sentence)
        ctx.warn(progress, "budget", note)
        return note
    return QT_TRANSLATE_NOOP(
        "core", "Monthly budget ${limit}: email alerts at 80 % and 100 % of actual spend"
    ).format(limit=f"{info.limit_usd:g}")
