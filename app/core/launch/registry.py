"""The launch's steps, each declared once: its name, title, what it runs after (steps with
the same predecessors run side by side) and what it creates (fields of ``CreatedResources``).

Adding a step: one module in :mod:`app.core.launch.steps` with ``run(ctx, progress) -> str``,
and one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.launch.steps import (
    ami,
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
)
from app.core.progress import Progress

if TYPE_CHECKING:
    from app.core.launch.context import LaunchContext

StepRun = Callable[["LaunchContext", Progress], str]


@dataclass(frozen=True)
class Step:
    """One step of the launch."""

    name: str
    title: str
    run: StepRun
    #: The steps that must be done first; the steps of one wave (same depth) run together.
    after: tuple[str, ...] = ()
    #: The ``CreatedResources`` fields it may fill (what a clean-up will remove).
    creates: tuple[str, ...] = ()


REGISTRY: tuple[Step, ...] = (
    Step("identity", "Check credentials", identity.run),
    Step("ami", "Find the machine image", ami.run, after=("identity",)),
    Step("quota", "Check the vCPU quota", quota.run, after=("identity",)),
    # Nothing is created before the image and the quota are known to fit.
    Step(
        "security-group",
        "Security group",
        security_group.run,
        after=("ami", "quota"),
        creates=("security_group_id",),
    ),
    Step(
        "key-pair",
        "Key pair",
        key_pair.run,
        after=("ami", "quota"),
        creates=("key_name", "key_files"),
    ),
    Step(
        "instance",
        "Launch the instance",
        instance.run,
        after=("security-group", "key-pair"),
        creates=("instance_id",),
    ),
    Step(
        "running", "Wait until it runs", running.run, after=("instance",), creates=("idle_alarm",)
    ),
    Step("host-keys", "Get its host key", host_keys.run, after=("running",)),
    Step("ssh", "Connect over SSH", ssh.run, after=("host-keys",)),
    Step("notebook", "Start Jupyter", notebook.run, after=("ssh",)),
    Step("tunnel", "Open the tunnel", tunnel.run, after=("notebook",)),
    Step("ready", "Ready", ready.run, after=("tunnel",)),
)

STEPS: tuple[str, ...] = tuple(step.name for step in REGISTRY)
STEP_TITLES: dict[str, str] = {step.name: step.title for step in REGISTRY}


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
