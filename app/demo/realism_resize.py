"""Changing an instance's type, and starting it again, refused where AWS refuses (moto changes
the type of a running instance and starts anything anywhere).

``ModifyInstanceAttribute`` with ``InstanceType`` (EC2 API Reference, ModifyInstanceAttribute:
"To modify some attributes, the instance must be stopped"; "An InvalidInstanceAttributeValue
error will be returned if the instance type is not valid"; EC2 User Guide, "Compatibility for
changing the instance type": the new type must support the AMI's architecture):

- an instance that is not stopped: ``IncorrectInstanceState``, "The instance 'i-...' is not in
  the 'stopped' state.";
- a type EC2 does not know: ``InvalidInstanceAttributeValue``, "The instance type 'x' is not
  valid." (wording not confirmed);
- a type whose processors do not run the image's architecture: ``InvalidInstanceAttributeValue``
  (the code AWS gives for a type change it does not allow, e.g. "Modifying the instance type
  from g5.4xlarge to p4d.24xlarge is not allowed.", pulumi/pulumi#16758; this message's
  wording is ours).

``StartInstances`` of a stopped instance (EC2 User Guide, "Troubleshoot instance launch
issues": InsufficientInstanceCapacity "when you ... restart a stopped instance"; answered with
HTTP 500, nib-health-funds/hammertime#29):

- a shortage declared with :class:`app.demo.realism_capacity.Capacity` (``no_capacity(zone,
  type)``) for the instance's zone and type: ``InsufficientInstanceCapacity`` with AWS's message;
  clearing it (``capacity.shortages.remove(...)`` or ``times=``) lets the next start through;
- a type not offered in the instance's zone (after a type change): ``Unsupported``.

ENA (EC2 User Guide, "Enhanced networking with ENA" and "Compatibility for changing the instance
type": a type whose ``NetworkInfo.EnaSupport`` is ``required`` runs only an instance with ENA
enabled; AWS answers ``InvalidParameterCombination``, "Enhanced networking with the Elastic
Network Adapter (ENA) is required for the 't' instance type. Ensure that ..." in public
reports): DescribeInstances shows each instance's ``EnaSupport`` (moto leaves it out; true, as
on a DLAMI, unless a test calls :meth:`ResizeRules.disable_ena`), and StartInstances of an
instance without ENA under such a type is refused.

Not reproduced: NVMe driver requirements of Nitro types (the DLAMIs have the driver), whether
AWS refuses an ENA mismatch already at ModifyInstanceAttribute (here: at the start), the
capacity that AWS frees or takes by itself, and a start that fails after ``pending``
(``Server.InsufficientInstanceCapacity`` as a state reason).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.demo.emulator import AwsEmulator
from app.demo.gateway import ApiRequest, ApiResponse
from app.demo.realism import RealismConfig, refusal
from app.demo.realism_capacity import Capacity

# An instance's own id in a DescribeInstances answer (its interfaces' attachments carry none).
_INSTANCE_ITEM = re.compile(rb"(<instanceId>(i-[0-9a-f]+)</instanceId>)")


@dataclass
class ResizeRules:
    """The refusals of the module docstring; ``starts_refused`` counts capacity refusals."""

    aws: AwsEmulator
    config: RealismConfig
    starts_refused: int = 0
    ena_disabled: set[str] = field(default_factory=set)

    def disable_ena(self, instance_id: str) -> None:
        """Make ``instance_id`` an instance without ENA (an old custom image's)."""
        self.ena_disabled.add(instance_id)

    def show_ena(self, request: ApiRequest, body: bytes) -> bytes:
        """DescribeInstances with each instance's ``enaSupport``."""

        def add(found: re.Match[bytes]) -> bytes:
            enabled = found.group(2).decode() not in self.ena_disabled
            return (
                found.group(1) + b"<enaSupport>" + str(enabled).lower().encode() + b"</enaSupport>"
            )

        return _INSTANCE_ITEM.sub(add, body)

    def modify(self, request: ApiRequest) -> ApiResponse | None:
        params = request.params
        new_type = params.get("InstanceType.Value") or (
            params.get("Value") if params.get("Attribute") == "instanceType" else None
        )
        if not new_type or params.get("DryRun", "").lower() == "true":
            return None
        instance = self._instance(request.region, params.get("InstanceId", ""))
        if instance is None:
            return None  # moto answers InvalidInstanceID.NotFound
        if instance.state != "stopped":
            return refusal(
                request,
                "IncorrectInstanceState",
                f"The instance '{instance.id}' is not in the 'stopped' state.",
            )
        facts = _type_facts(new_type)
        if facts is None:
            return refusal(
                request,
                "InvalidInstanceAttributeValue",
                f"The instance type '{new_type}' is not valid.",
            )
        image_architecture = self._image_architecture(request.region, instance.image_id)
        supported = facts.get("ProcessorInfo", {}).get("SupportedArchitectures", [])
        if image_architecture and supported and image_architecture not in supported:
            return refusal(
                request,
                "InvalidInstanceAttributeValue",
                f"Modifying the instance type from {instance.instance_type} to {new_type} is "
                f"not allowed: {new_type} supports {', '.join(supported)}, the instance's AMI "
                f"is {image_architecture}.",
            )
        return None

    def start(self, request: ApiRequest) -> ApiResponse | None:
        if request.params.get("DryRun", "").lower() == "true":
            return None
        ids = [v for k, v in sorted(request.params.items()) if k.startswith("InstanceId.")]
        capacity = self.aws.behaviour(Capacity)
        for instance_id in ids:
            instance = self._instance(request.region, instance_id)
            if instance is None or instance.state != "stopped":
                continue
            zone, instance_type = str(instance.availability_zone), instance.instance_type
            shortage = _declared_shortage(capacity, zone, instance_type)
            if shortage:
                self.starts_refused += 1
                others = ", ".join(_zones_offering(request.region, instance_type, but=zone))
                return refusal(
                    request,
                    "InsufficientInstanceCapacity",
                    f"We currently do not have sufficient {instance_type} capacity in the "
                    f"Availability Zone you requested ({zone}). Our system will be working on "
                    f"provisioning additional capacity. You can currently get {instance_type} "
                    "capacity by not specifying an Availability Zone in your request or "
                    f"choosing {others or 'another Availability Zone'}.",
                    500,
                )
            network = (_type_facts(instance_type) or {}).get("NetworkInfo", {})
            if instance_id in self.ena_disabled and network.get("EnaSupport") == "required":
                return refusal(
                    request,
                    "InvalidParameterCombination",
                    "Enhanced networking with the Elastic Network Adapter (ENA) is required for "
                    f"the '{instance_type}' instance type. Ensure that your instance "
                    f"'{instance_id}' is enabled for ENA.",
                )
            if self.config.enabled and zone not in _zones_offering(request.region, instance_type):
                return refusal(
                    request,
                    "Unsupported",
                    f"Your requested instance type ({instance_type}) is not supported in your "
                    f"requested Availability Zone ({zone}).",
                )
        return None

    # -- moto's objects ---------------------------------------------------------------------------

    def _instance(self, region: str, instance_id: str) -> Any:
        return self.aws.ec2_backend(region).get_instance_by_id(instance_id)

    def _image_architecture(self, region: str, image_id: str) -> str:
        image = self.aws.ec2_backend(region).amis.get(image_id)
        return str(getattr(image, "architecture", "") or "")


def _declared_shortage(capacity: Capacity, zone: str, instance_type: str) -> bool:
    """Whether a declared ``InsufficientInstanceCapacity`` covers the zone and type (a use of a
    ``times=`` shortage is counted, as for RunInstances)."""
    for shortage in list(capacity.shortages):  # a copy: a test may clear one meanwhile
        if shortage.code == "InsufficientInstanceCapacity" and shortage.matches(
            zone, "", instance_type, "on-demand"
        ):
            shortage.hits += 1
            return True
    return False


def _type_facts(instance_type: str) -> dict[str, Any] | None:
    from moto.ec2.models.instance_types import INSTANCE_TYPES

    found = INSTANCE_TYPES.get(instance_type)
    return dict(found) if found else None


def _zones_offering(region: str, instance_type: str, *, but: str = "") -> list[str]:
    from moto.ec2.models.instance_types import INSTANCE_TYPE_OFFERINGS

    return sorted(
        o["Location"]
        for o in INSTANCE_TYPE_OFFERINGS["availability-zone"].get(region, [])
        if o.get("InstanceType") == instance_type and o["Location"] != but
    )


def install(aws: AwsEmulator, config: RealismConfig) -> ResizeRules:
    """The state and architecture refusals need the realism layer; declared shortages apply
    to starts whether or not it is on (tests ask for them)."""
    rules = ResizeRules(aws, config)
    with aws.gateway.lock:
        if config.enabled:
            aws.gateway.before.setdefault("ModifyInstanceAttribute", []).append(rules.modify)
            aws.gateway.rewrite.setdefault("DescribeInstances", []).append(rules.show_ena)
        aws.gateway.before.setdefault("StartInstances", []).append(rules.start)
    return rules
