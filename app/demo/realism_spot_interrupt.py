"""AWS takes a spot machine back: the two-minute notice in the instance metadata, then the
interruption, with the state reason AWS gives it (moto never interrupts a spot instance).

AWS (EC2 User Guide, "Spot Instance interruption notices"; EC2 API Reference, ``StateReason``):
the notice (``spot/instance-action``: ``{"action", "time"}``) comes about two minutes before;
then a one-time spot instance is terminated with ``StateReason`` ``Server.SpotInstanceTermination``
("The instance was terminated because the number of Spot requests with a maximum price equal to
or higher than the Spot price exceeded available capacity or because of an increase in the Spot
price."), and one of a persistent request stopped with ``Server.SpotInstanceShutdown``. A
rebalance recommendation (``events/recommendations/rebalance``) may come earlier, or not at all.

A test or the demo steers it: :meth:`SpotInterruption.announce` puts the notice in a fake
metadata server (:mod:`app.demo.metadata_server`), :meth:`SpotInterruption.take_back` does the
interruption, :meth:`SpotInterruption.interrupt` does both with a short notice in between (the
two minutes become ``RealismConfig.seconds(NOTICE_SECONDS)``).

Not reproduced: the spot request's own status (``instance-terminated-no-capacity``, closed),
``StateTransitionReason``'s text (left empty), the EventBridge events, hibernation, and the
instance's own shutdown: the loopback "instance" is this computer and keeps running.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from moto.ec2.models.instances import StateReason

from app.demo.emulator import AwsEmulator
from app.demo.gateway import ApiRequest
from app.demo.metadata_server import FakeMetadataServer
from app.demo.realism import RealismConfig

NOTICE_SECONDS = 2.0  # AWS's two minutes, scaled down
_INSTANCE_ID = re.compile(r"<instanceId>(i-[0-9a-f]+)</instanceId>")
TERMINATION = (
    "Server.SpotInstanceTermination",
    "Server.SpotInstanceTermination: The instance was terminated because the number of Spot "
    "requests with a maximum price equal to or higher than the Spot price exceeded available "
    "capacity or because of an increase in the Spot price.",
)
SHUTDOWN = (
    "Server.SpotInstanceShutdown",
    "Server.SpotInstanceShutdown: The instance was stopped because the number of Spot requests "
    "with a maximum price equal to or higher than the Spot price exceeded available capacity or "
    "because of an increase in the Spot price.",
)


@dataclass
class SpotInterruption:
    """Interrupts the emulator's spot instances as AWS does."""

    aws: AwsEmulator
    config: RealismConfig
    taken_back: list[str] = field(default_factory=list)

    def announce(
        self, metadata: FakeMetadataServer, action: str = "terminate", rebalance: bool = False
    ) -> dict[str, str]:
        """The notice in the instance's metadata (after a rebalance recommendation if asked)."""
        if rebalance:
            metadata.recommend_rebalance()
        return metadata.announce_interruption(action)

    def take_back(self, region: str, instance_id: str, action: str = "terminate") -> None:
        """Terminate (or, for ``action="stop"``, stop) a spot instance as AWS's interruption."""
        instance = self.aws.ec2_backend(region).get_instance(instance_id)
        if instance.lifecycle != "spot":
            raise ValueError(f"{instance_id} is not a spot instance: AWS does not interrupt it")
        if action == "stop":
            instance.stop()
            code, message = SHUTDOWN
        else:
            self._terminate(region, instance)
            code, message = TERMINATION
        instance.state_reason = StateReason(message, code)
        instance._reason = ""  # moto leaves StateTransitionReason "User initiated (...)"
        self.taken_back.append(instance_id)

    def _terminate(self, region: str, instance: Any) -> None:
        """Terminate through the emulator's front door, so that what follows a termination
        follows this one too: its volumes detach after a moment (``realism_volumes``), the
        EBS stand-in lets go of the work disk's mount, the booted instance's notebook ends."""
        import boto3

        try:
            boto3.client(
                "ec2", region_name=region, endpoint_url=self.aws.endpoint
            ).terminate_instances(InstanceIds=[instance.id])
        except Exception:  # no credentials in this process: at least terminate it
            instance.terminate()

    def interrupt(
        self,
        region: str,
        instance_id: str,
        metadata: FakeMetadataServer | None = None,
        action: str = "terminate",
    ) -> threading.Timer:
        """The notice now, the interruption a (scaled) two minutes later."""
        if metadata is not None:
            self.announce(metadata, action)
        timer = threading.Timer(
            self.config.seconds(NOTICE_SECONDS), self.take_back, (region, instance_id, action)
        )
        timer.daemon = True
        timer.start()
        return timer

    def after_each_spot_launch(self, metadata: FakeMetadataServer, seconds: float) -> None:
        """The demo's hook: every spot instance launched from now on gets AWS's notice
        ``seconds`` after its launch, and is taken back a (scaled) two minutes later."""

        def launched(request: ApiRequest, body: bytes) -> None:
            backend = self.aws.ec2_backend(request.region)
            for instance_id in _INSTANCE_ID.findall(body.decode("utf-8", "replace")):
                if backend.get_instance(instance_id).lifecycle == "spot":
                    timer = threading.Timer(
                        seconds, self.interrupt, (request.region, instance_id, metadata)
                    )
                    timer.daemon = True
                    timer.start()

        with self.aws.gateway.lock:
            self.aws.gateway.after.setdefault("RunInstances", []).append(launched)


def install(aws: AwsEmulator, config: RealismConfig) -> SpotInterruption:
    # Nothing to register: the interruption comes from AWS's side, when a test or the demo says.
    return SpotInterruption(aws, config)
