"""The long-running reminder's rule: which machine has run too long, and what to tell its user.

Free of boto3, so that the wizard's settings and pages can use it before any AWS code loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.aws.fleet import ManagedInstance

REMIND_HOURS = 8.0  # the default: a machine running longer than this gets a reminder
_RUNNING = {"pending", "running"}


def running_too_long(instance: ManagedInstance, hours: float = REMIND_HOURS) -> bool:
    """True for a machine that has run ``hours`` or more since its last start (0: any)."""
    return instance.state in _RUNNING and instance.uptime_seconds >= hours * 3600


def reminder(instance: ManagedInstance, hours: float = REMIND_HOURS) -> Sentence | None:
    """The reminder for a machine running more than ``hours``, with the command that stops it."""
    if not running_too_long(instance, hours):
        return None
    name = instance.launch_id or instance.instance_id
    command = f"ec2nb stop {name}" if instance.can_stop else f"ec2nb terminate {name}"
    return QT_TRANSLATE_NOOP(
        "core", "{name} has been running for {hours} hours: '{command}' stops its billing."
    ).format(name=name, hours=f"{instance.uptime_seconds / 3600:.1f}", command=command)
