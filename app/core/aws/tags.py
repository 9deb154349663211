"""The tags that mark what the wizard created, so that any machine can find and clean it up."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterable, Mapping
from typing import Any

MANAGED_KEY = "ec2nb:managed"
LAUNCH_KEY = "ec2nb:launch-id"
NAME_KEY = "Name"
#: On spot instances: "one-time" or "persistent" (only a persistent one can be stopped).
SPOT_KIND_KEY = "ec2nb:spot-kind"
#: The hard time limit in hours (absent: none), so that any machine can say when it stops.
MAX_HOURS_KEY = "ec2nb:max-hours"
#: On a work disk (an EBS volume that outlives instances): its name, chosen by the user.
#: On an instance: the volume id of the work disk it was launched with (absent: none).
WORK_DISK_KEY = "ec2nb:work-disk"
#: On a work disk: when an instance last had it attached (ISO 8601, UTC).
LAST_USED_KEY = "ec2nb:last-used"

_LAUNCH_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,40}$")


def new_launch_id() -> str:
    """A short, sortable, unique id for one launch, e.g. ``20250601-1432-7f3a9c``."""
    return time.strftime("%Y%m%d-%H%M", time.gmtime()) + "-" + secrets.token_hex(3)


def check_launch_id(launch_id: str) -> str:
    """Return ``launch_id`` if it can be used in names and tags; raise ``ValueError`` if not."""
    if not _LAUNCH_ID.fullmatch(launch_id):
        raise ValueError(f"not a launch id: {launch_id!r}")
    return launch_id


def resource_name(launch_id: str) -> str:
    """The ``Name`` tag (and security group / key pair name) of a launch's resources."""
    return f"ec2nb-{launch_id}"


def launch_tags(launch_id: str, extra: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """The tag list every resource of ``launch_id`` carries, in the EC2 ``Tags`` shape."""
    tags = {**(extra or {}), MANAGED_KEY: "true", LAUNCH_KEY: launch_id}
    tags.setdefault(NAME_KEY, resource_name(launch_id))
    return [{"Key": key, "Value": value} for key, value in tags.items()]


def tag_specifications(
    launch_id: str, resource_types: Iterable[str], extra: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """``TagSpecifications`` that tag each resource type at creation (no untagged window)."""
    tags = launch_tags(launch_id, extra)
    return [{"ResourceType": kind, "Tags": tags} for kind in resource_types]


def launch_filter(launch_id: str) -> list[dict[str, Any]]:
    """EC2 ``Filters`` selecting the resources of one launch."""
    return [{"Name": f"tag:{LAUNCH_KEY}", "Values": [launch_id]}]


def managed_filter() -> list[dict[str, Any]]:
    """EC2 ``Filters`` selecting everything the wizard created."""
    return [{"Name": f"tag:{MANAGED_KEY}", "Values": ["true"]}]


def tag_value(tags: Iterable[Mapping[str, str]] | None, key: str) -> str | None:
    """The value of ``key`` in an EC2 ``Tags`` list, or ``None``."""
    for tag in tags or ():
        if tag.get("Key") == key:
            return tag.get("Value")
    return None
