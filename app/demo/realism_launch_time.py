"""``LaunchTime`` is the time of the last start, as on AWS (moto keeps the first launch).

AWS: ``Instance.LaunchTime`` is "the time that the instance was last launched" (EC2 API
Reference, Instance); it moves on every StartInstances, which is why tools that want an
instance's age read the root volume's or network interface's ``AttachTime`` instead
(aws-auto-cleanup PR #131, prowler issue #497). ec2nb's uptime and compute cost count from
``LaunchTime``; its storage cost counts from the disk's ``CreateTime``, which does not move.

Not reproduced: AWS sets the time when the instance reaches running; here it is the moment
StartInstances is answered (the emulator's instance starts at once).
"""

from __future__ import annotations

import datetime as dt

from app.demo.emulator import AwsEmulator
from app.demo.gateway import ApiRequest
from app.demo.realism import RealismConfig


class LaunchTimeOnStart:
    """Sets each started instance's launch time to now."""

    def __init__(self, aws: AwsEmulator) -> None:
        self._aws = aws
        self.restarted: list[str] = []

    def after_start(self, request: ApiRequest, _body: bytes) -> None:
        wanted = [v for k, v in sorted(request.params.items()) if k.startswith("InstanceId.")]
        backend = self._aws.ec2_backend(request.region)
        for instance in backend.get_multi_instances_by_id(wanted):
            # moto keeps a naive UTC datetime here
            instance.launch_time = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            self.restarted.append(instance.id)


def install(aws: AwsEmulator, config: RealismConfig) -> LaunchTimeOnStart | None:
    if not config.enabled:
        return None
    behaviour = LaunchTimeOnStart(aws)
    aws.gateway.after.setdefault("StartInstances", []).append(behaviour.after_start)
    return behaviour
