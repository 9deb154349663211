"""StartInstances resets an instance's LaunchTime, as on AWS (moto keeps the first launch's).

AWS (EC2 API Reference, ``Instance.LaunchTime``; boto3 ``EC2.Instance.launch_time``): "The time
that the instance was last launched. To determine the time that instance was first launched,
see the attachment time for the primary network interface." The cost since the last start and
the hard time limit's moment (``InstanceInfo.limit_stops_at``) are counted from it; tools that
want an instance's age read an attachment's ``AttachTime`` instead (aws-auto-cleanup PR #131,
prowler issue #497), and ec2nb's storage cost counts from the disk's ``CreateTime``.

Not reproduced: the few seconds between LaunchTime and the boot that follows it; an
instance-initiated shutdown (the idle agent's or the time limit's ``shutdown -h now``) stopping
or terminating the emulated instance: the loopback "instance" is this computer, whose agent
runs in dry run.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from moto.core.utils import utcnow

from app.demo.emulator import AwsEmulator
from app.demo.gateway import ApiRequest
from app.demo.realism import RealismConfig


@dataclass
class LaunchTimeOnStart:
    """Sets LaunchTime to the moment of each successful ``StartInstances``."""

    aws: AwsEmulator

    def started(self, request: ApiRequest, body: bytes) -> None:
        backend = self.aws.ec2_backend(request.region)
        for instance_id in _restarted(body):
            backend.get_instance(instance_id).launch_time = utcnow()


def _restarted(body: bytes) -> list[str]:
    """The instances the answer shows going from stopped to running (a running one's start
    changes nothing on AWS, its LaunchTime included)."""
    root = ET.fromstring(body)  # noqa: S314 (moto's own answer, in this process)
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    ns = {"ec2": namespace} if namespace else {}
    prefix = "ec2:" if namespace else ""
    found = []
    for item in root.iterfind(f"{prefix}instancesSet/{prefix}item", ns):
        before = item.findtext(f"{prefix}previousState/{prefix}name", "", ns)
        if before in ("stopped", "stopping"):
            found.append(item.findtext(f"{prefix}instanceId", "", ns))
    return found


def install(aws: AwsEmulator, config: RealismConfig) -> LaunchTimeOnStart:
    reset = LaunchTimeOnStart(aws)
    if config.enabled:
        with aws.gateway.lock:
            aws.gateway.after.setdefault("StartInstances", []).append(reset.started)
    return reset
