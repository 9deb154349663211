"""The launch that follows a relocation: the old machine's plan, from the moved image, with
the moved work disk (issue 14 section 3).

The plan comes from the old machine's launch journal when this computer has it, else from
the instance itself (:func:`app.core.launch.relaunch.relaunch_plan`). The moved work disk is
reused by name, which pins the new machine to the disk's zone
(``app/core/launch/steps/work_disk.py``): the zone the relocation chose.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.aws.relocate import Relocation, RelocationCost, relocated_plan
from app.core.plan import LaunchPlan
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence
from app.core.work_disk_choice import NONE

if TYPE_CHECKING:
    from app.core.aws.instances import InstanceInfo


def previous_plan(instance: InstanceInfo, directory: Path | None = None) -> LaunchPlan | None:
    """The plan the old machine was launched with, from its journal on this computer."""
    from app.core.launch.journal import find_journal

    for key in (instance.launch_id, instance.instance_id):
        journal = find_journal(key, directory) if key else None
        if journal is not None:
            return LaunchPlan.from_dict(journal.plan)
    return None


def plan_after_relocation(
    instance: InstanceInfo, relocation: Relocation, previous: LaunchPlan | None = None
) -> LaunchPlan:
    """The plan of the new machine: like ``instance`` (``previous``: its journal's plan), from
    the relocation's image and region, reusing the moved work disk (none if it had none)."""
    from app.core.launch.relaunch import relaunch_plan

    plan = relocated_plan(relaunch_plan(instance, previous), relocation)
    moved = relocation.work_disk
    return replace(plan, work_disk=moved.name if moved is not None else NONE)


def image_cost_sentence(cost: RelocationCost) -> Sentence:
    """What stays billed after the move: the image's snapshot (the move's own cost is
    :func:`app.core.aws.move_cost.cost_sentence`)."""
    return QT_TRANSLATE_NOOP(
        "core",
        "The image of its system disk ({gib} GiB) then costs ${monthly} a month until you "
        "deregister it.",
    ).format(gib=cost.root_gib, monthly=f"{cost.image_monthly:.2f}")


def old_machine_sentence(instance_id: str) -> Sentence:
    """The old machine is not removed by the move: said before and after."""
    return QT_TRANSLATE_NOOP(
        "core",
        "The old machine {instance_id} stays stopped (its system disk is still billed) until "
        "you terminate it; you are asked once the new one is ready.",
    ).format(instance_id=instance_id)
