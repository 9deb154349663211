"""Starting a stopped instance when AWS lacks capacity for its type in its zone.

A stopped instance keeps its zone (its disk is there), so StartInstances cannot fail over as a
launch does: AWS answers ``InsufficientInstanceCapacity`` (HTTP 500, which SDKs retry on their
own; EC2 User Guide, "Troubleshoot instance launch issues": "when you try to launch a new
instance or restart a stopped instance"). The ways out: wait and retry
(:func:`start_when_capacity`), another type in the same zone
(:func:`app.core.aws.resize.resize_instance`), or move the machine to another zone
(``relocate``, :func:`relocate_command`).
"""

from __future__ import annotations

import logging
import random
import time

import boto3
import botocore.exceptions
from botocore.exceptions import ClientError

from app.core.aws import session as session_module
from app.core.aws.errors import error_code, translate
from app.core.aws.instances import POLL_SECONDS, InstanceInfo, describe_instance, wait_running
from app.core.aws.session import client
from app.core.errors import WizardError
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

#: AWS's answers meaning "no machine of this type free in this zone now".
CAPACITY_CODES = frozenset({"InsufficientInstanceCapacity", "InsufficientCapacity"})
_TRANSIENT_CODES = frozenset(
    {"RequestLimitExceeded", "Throttling", "InternalError", "ServiceUnavailable", "Unavailable"}
)
#: How long ``--wait-for-capacity`` waits without a number, in minutes.
DEFAULT_WAIT_MINUTES = 30.0


def request_start(
    session: boto3.Session,
    region: str,
    instance_id: str,
    *,
    cancel: CancelToken = NEVER_CANCELLED,
) -> None:
    """StartInstances, once for a lack of capacity (``no-capacity`` naming the type and
    zone, :func:`lacks_capacity`), retried for throttling and other transient answers."""
    # No SDK retries: they would retry a lack of capacity (HTTP 500) for half a minute.
    ec2 = client(session, "ec2", region, max_attempts=1)
    action = QT_TRANSLATE_NOOP("core", "start the instance")
    attempt = 0
    while True:
        attempt += 1
        try:
            ec2.start_instances(InstanceIds=[instance_id])
            return
        except ClientError as exc:
            if error_code(exc) in CAPACITY_CODES:
                raise no_capacity_to_start(session, region, instance_id, exc) from exc
            if error_code(exc) not in _TRANSIENT_CODES or attempt >= session_module.RETRY_ATTEMPTS:
                raise translate(exc, action=action, region=region) from exc
        except botocore.exceptions.BotoCoreError as exc:
            if attempt >= session_module.RETRY_ATTEMPTS:
                raise translate(exc, action=action, region=region) from exc
        cancel.wait(min(20.0, random.random() * 2 ** (attempt - 1)))


def no_capacity_to_start(
    session: boto3.Session, region: str, instance_id: str, exc: BaseException
) -> WizardError:
    """The error for a start refused for lack of capacity: what, where, and the ways out."""
    detail = str(exc)
    try:
        info = describe_instance(session, region, instance_id)
        instance_type, zone = info.instance_type, info.zone
    except WizardError:
        instance_type, zone = "", region
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core",
            "AWS has no free {instance_type} machine in {zone} right now, so {instance_id} "
            "cannot start.",
        ).format(instance_type=instance_type, zone=zone, instance_id=instance_id),
        hint=QT_TRANSLATE_NOOP(
            "core",
            "Wait and try again (capacity usually comes back within minutes to hours), change "
            "it to another GPU type offered in {zone}, or move it to another zone.",
        ).format(zone=zone),
        code="no-capacity",
        detail=detail,
        params={
            "instance_id": instance_id,
            "instance_type": instance_type,
            "zone": zone,
            "shortage": "start",
        },
    )


def lacks_capacity(error: BaseException) -> bool:
    """Whether ``error`` is a start refused for lack of capacity (see :func:`request_start`)."""
    return isinstance(error, WizardError) and error.params.get("shortage") == "start"


def start_when_capacity(
    session: boto3.Session,
    region: str,
    instance_id: str,
    *,
    minutes: float = DEFAULT_WAIT_MINUTES,
    first_delay: float = 5.0,
    max_delay: float = 60.0,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    poll_seconds: float = POLL_SECONDS,
) -> InstanceInfo:
    """Start the instance, retrying with a growing pause while AWS lacks capacity, for at most
    ``minutes``; then wait until it runs. Raises ``capacity-wait-over`` at the limit,
    ``Cancelled`` on cancel (nothing was started then)."""
    started = time.monotonic()
    delay = first_delay
    attempt = 0
    while True:
        attempt += 1
        cancel.raise_if_cancelled()
        try:
            request_start(session, region, instance_id, cancel=cancel)
            break
        except WizardError as exc:
            if not lacks_capacity(exc):
                raise
            waited = time.monotonic() - started
            left = minutes * 60 - waited
            if left <= 0:
                raise _wait_over(exc, minutes) from exc
            pause = min(delay, max_delay, left)
            progress(
                "capacity",
                QT_TRANSLATE_NOOP(
                    "core",
                    "No {instance_type} free in {zone} yet (attempt {attempt}); trying again in "
                    "{seconds} s, for {minutes} more minutes at most.",
                ).format(
                    instance_type=exc.params.get("instance_type", ""),
                    zone=exc.params.get("zone", ""),
                    attempt=attempt,
                    seconds=f"{pause:.0f}",
                    minutes=f"{left / 60:.0f}",
                ),
            )
            log.info("%s: no capacity (attempt %d), next in %.1f s", instance_id, attempt, pause)
            cancel.wait(pause)
            delay = min(delay * 2, max_delay)
    progress(
        "start",
        QT_TRANSLATE_NOOP("core", "Starting {instance_id}").format(instance_id=instance_id),
    )
    return wait_running(
        session, region, instance_id, progress=progress, cancel=cancel, poll_seconds=poll_seconds
    )


def _wait_over(exc: WizardError, minutes: float) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core",
            "AWS still had no free {instance_type} machine in {zone} after {minutes} minutes.",
        ).format(
            instance_type=exc.params.get("instance_type", ""),
            zone=exc.params.get("zone", ""),
            minutes=f"{minutes:g}",
        ),
        hint=QT_TRANSLATE_NOOP(
            "core",
            "Choose another GPU type offered in {zone}, or move the machine to another zone.",
        ).format(zone=exc.params.get("zone", "")),
        code="capacity-wait-over",
        detail=exc.detail,
        params={**exc.params, "shortage": "start"},
    )


def relocate_command(instance_id: str, zone: str) -> str:
    """The command that moves a stopped machine to ``zone`` (``ec2nb relocate``, built by
    another part of issue 14)."""
    return f"ec2nb relocate {instance_id} --zone {zone}"
