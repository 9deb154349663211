"""The launch's steps, each declared once: its name, title, what it runs after (steps with
the same predecessors run side by side) and what it creates (fields of ``CreatedResources``).

Adding a step: one module in :mod:`app.core.launch.steps` with ``run(ctx, progress) ->
Sentence``, and one line here (its title marked for translation where it is written).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.launch.steps import (
    ami,
    attach_disk,
    budget,
    host_keys,
    identity,
    instance,
    key_pair,
    notebook,
    quota,
    ready,
    running,
    security_group,
    ssh,
    tunnel,
    work_disk,
)
from app.core.progress import Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext

StepRun = Callable[["LaunchContext", Progress], Sentence]


@dataclass(frozen=True)
class Step:
    """One step of the launch."""

    name: str
    title: Sentence  # what the progress page and the log call it
    run: StepRun
    #: The steps that must be done first; the steps of one wave (same depth) run together.
    after: tuple[str, ...] = ()
    #: The ``CreatedResources`` fields it may fill (what a clean-up will remove).
    creates: tuple[str, ...] = ()


REGISTRY: tuple[Step, ...] = (
    Step("identity", QT_TRANSLATE_NOOP("core", "Check credentials"), identity.run),
    Step("ami", QT_TRANSLATE_NOOP("core", "Find the machine image"), ami.run, after=("identity",)),
    Step(
        "quota", QT_TRANSLATE_NOOP("core", "Check the vCPU quota"), quota.run, after=("identity",)
    ),
    # Nothing is created before the image and the quota are known to fit.
    Step(
        "security-group",
        QT_TRANSLATE_NOOP("core", "Security group"),
        security_group.run,
        after=("ami", "quota"),
        creates=("security_group_id",),
    ),
    Step(
        "key-pair",
        QT_TRANSLATE_NOOP("core", "Key pair"),
        key_pair.run,
        after=("ami", "quota"),
        creates=("key_name", "key_files"),
    ),
    # The account's budget, not the launch's: it creates nothing a clean-up would remove.
    Step(
        "budget",
        QT_TRANSLATE_NOOP("core", "Spending alert"),
        budget.run,
        after=("ami", "quota"),
    ),
    # A reused work disk: found (and its zone known) before the instance is launched.
    Step(
        "work-disk",
        QT_TRANSLATE_NOOP("core", "Find the work disk"),
        work_disk.run,
        after=("ami", "quota"),
    ),
    Step(
        "instance",
        QT_TRANSLATE_NOOP("core", "Launch the instance"),
        instance.run,
        after=("security-group", "key-pair", "work-disk"),
        creates=("instance_id",),
    ),
    Step(
        "running",
        QT_TRANSLATE_NOOP("core", "Wait until it runs"),
        running.run,
        after=("instance",),
        creates=("idle_alarm",),
    ),
    Step(
        "host-keys",
        QT_TRANSLATE_NOOP("core", "Get its host key"),
        host_keys.run,
        after=("running",),
    ),
    Step(
        "attach-disk",
        QT_TRANSLATE_NOOP("core", "Attach the work disk"),
        attach_disk.run,
        after=("running",),
        creates=("work_disk_id",),
    ),
    Step("ssh", QT_TRANSLATE_NOOP("core", "Connect over SSH"), ssh.run, after=("host-keys",)),
    # The bootstrap mounts the work disk at ~/work, Jupyter's root.
    Step(
        "notebook",
        QT_TRANSLATE_NOOP("core", "Start Jupyter"),
        notebook.run,
        after=("ssh", "attach-disk"),
    ),
    Step("tunnel", QT_TRANSLATE_NOOP("core", "Open the tunnel"), tunnel.run, after=("notebook",)),
    Step("ready", QT_TRANSLATE_NOOP("core", "Ready"), ready.run, after=("tunnel",)),
)

STEPS: tuple[str, ...] = tuple(step.name for step in REGISTRY)
STEP_TITLES: dict[str, Sentence] = {step.name: step.title for step in REGISTRY}


def waves(steps: tuple[Step, ...] = REGISTRY) -> list[tuple[Step, ...]]:
    """``steps`` grouped by depth: each group runs (side by side) once the groups before it are
    done. A step may only name steps listed before it."""
    depth: dict[str, int] = {}
    for step in steps:
        unknown = [name for name in step.after if name not in depth]
        if unknown:
            raise ValueError(f"step {step.name} runs after unknown steps {unknown}")
        depth[step.name] = 1 + max((depth[name] for name in step.after), default=-1)
    return [
        tuple(step for step in steps if depth[step.name] == level)
        for level in range(max(depth.values(), default=-1) + 1)
    ]
