"""Stop everything: every running machine ec2nb launched, in every region, at once.

One-time spot instances cannot be stopped (StopInstances answers ``UnsupportedOperation``);
they are never stopped or skipped silently: the plan lists them apart and terminating them
is a separate, explicit choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import boto3

from app.core.aws.fleet import ManagedInstance, stop_instance, terminate_instance
from app.core.errors import WizardError
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP

_RUNNING = {"pending", "running"}


@dataclass(frozen=True)
class StopAllPlan:
    """What "stop everything" would do: ``to_stop`` and, apart, the one-time spot machines
    AWS can only terminate."""

    to_stop: list[ManagedInstance]
    terminate_only: list[ManagedInstance]

    @property
    def empty(self) -> bool:
        return not self.to_stop and not self.terminate_only

    @property
    def hourly_total(self) -> float:
        """USD per hour the running machines cost now (unknown prices count 0)."""
        machines = [*self.to_stop, *self.terminate_only]
        return round(sum(i.hourly_price or 0.0 for i in machines), 4)


@dataclass(frozen=True)
class StopAllReport:
    stopped: list[str] = field(default_factory=list)
    terminated: list[str] = field(default_factory=list)
    left_running: list[str] = field(default_factory=list)  # one-time spot, not terminated
    failed: dict[str, str] = field(default_factory=dict)  # instance id -> the error


def plan_stop_all(instances: Sequence[ManagedInstance]) -> StopAllPlan:
    """Split the running machines of a fleet listing into those to stop and the one-time
    spot machines (terminate only)."""
    running = [i for i in instances if i.state in _RUNNING]
    return StopAllPlan(
        to_stop=[i for i in running if i.can_stop],
        terminate_only=[i for i in running if not i.can_stop],
    )


def stop_all(
    session: boto3.Session,
    plan: StopAllPlan,
    *,
    terminate_spot: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    max_workers: int = 8,
) -> StopAllReport:
    """Ask AWS to stop every machine of ``plan`` (and terminate its one-time spot machines
    when ``terminate_spot``), side by side; one refusal does not keep the others running.
    Returns once AWS accepted each request (the machines are then stopping)."""
    cancel.raise_if_cancelled()

    def one(instance: ManagedInstance, terminate: bool) -> tuple[str, str | None]:
        try:
            if terminate:
                terminate_instance(session, instance.region, instance.instance_id,
                                   progress=progress, cancel=cancel, wait=False)  # fmt: skip
            else:
                stop_instance(session, instance.region, instance.instance_id,
                              progress=progress, cancel=cancel, wait=False)  # fmt: skip
        except WizardError as exc:
            return instance.instance_id, str(exc)
        return instance.instance_id, None

    jobs = [(i, False) for i in plan.to_stop]
    if terminate_spot:
        jobs += [(i, True) for i in plan.terminate_only]
    with ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(jobs) or 1))) as pool:
        answers = list(pool.map(lambda job: one(*job), jobs))
    report = StopAllReport(
        left_running=[] if terminate_spot else [i.instance_id for i in plan.terminate_only]
    )
    for (instance, terminate), (instance_id, error) in zip(jobs, answers, strict=True):
        if error is not None:
            report.failed[instance_id] = error
        elif terminate:
            report.terminated.append(instance.instance_id)
        else:
            report.stopped.append(instance.instance_id)
    return report


def stop_all_failed(report: StopAllReport) -> WizardError:
    """The error for machines AWS refused to stop: they are still billing."""
    return WizardError(
        QT_TRANSLATE_NOOP("core", "{count} machine(s) could not be stopped: {ids}.").format(
            count=len(report.failed), ids=", ".join(sorted(report.failed))
        ),
        hint=QT_TRANSLATE_NOOP(
            "core", "They are still running and billed: try again, or stop them one by one."
        ),
        code="stop-all-failed",
        detail="; ".join(f"{k}: {v}" for k, v in sorted(report.failed.items())),
    )
